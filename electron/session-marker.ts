// The crash marker: written when the app starts, updated with the workshop on screen, removed on
// a clean quit. Finding one at start-up means the last run ended without quitting (a crash, a
// power cut, a killed process), so the app offers to reopen the workshop that was open.
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { WORKSHOP_ID_PATTERN } from '../shared/protocol';
import { readJsonFile, writeJsonFile } from './json-file';

export const SESSION_MARKER_NAME = 'session-running.json';

const markerSchema = z.object({
  version: z.literal(1),
  startedAt: z.number(),
  pid: z.number().int(),
  workshopId: z.string().regex(WORKSHOP_ID_PATTERN).nullable(),
});
export type SessionMarkerData = z.infer<typeof markerSchema>;

export class SessionMarker {
  readonly path: string;
  private current: SessionMarkerData | null = null;

  constructor(userDataDir: string) {
    this.path = join(userDataDir, SESSION_MARKER_NAME);
  }

  /**
   * The marker a previous run left behind, or null if it quit cleanly. A marker that cannot be
   * read still means the run did not end cleanly, but names no workshop.
   */
  leftOver(): SessionMarkerData | null {
    if (!existsSync(this.path)) return null;
    return readJsonFile(this.path, markerSchema, { version: 1, startedAt: 0, pid: 0, workshopId: null });
  }

  begin(now = Date.now(), pid = process.pid): void {
    this.current = { version: 1, startedAt: now, pid, workshopId: null };
    writeJsonFile(this.path, this.current);
  }

  /** Records which workshop is on screen (null: the start screen or a joined host's). */
  setWorkshop(workshopId: string | null): void {
    if (!this.current || this.current.workshopId === workshopId) return;
    this.current = { ...this.current, workshopId };
    writeJsonFile(this.path, this.current);
  }

  /** A clean quit: nothing to recover next time. */
  end(): void {
    this.current = null;
    rmSync(this.path, { force: true });
  }
}

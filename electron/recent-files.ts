// "Open Recent": workshop files this computer opened or saved, kept in userData as JSON.
import { join } from 'node:path';
import { z } from 'zod';
import { WORKSHOP_ID_PATTERN } from '../shared/protocol';
import type { RecentWorkshopFile } from '../shared/ipc-contract';
import { readJsonFile, writeJsonFile } from './json-file';

export const RECENT_FILES_NAME = 'recent-workshop-files.json';
export const MAX_RECENT_FILES = 10;

const recentFileSchema = z.object({
  path: z.string().min(1),
  workshopId: z.string().regex(WORKSHOP_ID_PATTERN),
  title: z.string(),
  openedAt: z.number().finite(),
});
const recentFilesSchema = z.object({ version: z.literal(1), files: z.array(recentFileSchema) });

export class RecentFiles {
  readonly path: string;

  constructor(userDataDir: string) {
    this.path = join(userDataDir, RECENT_FILES_NAME);
  }

  /** Newest first; a damaged list reads as empty. */
  list(): RecentWorkshopFile[] {
    const { files } = readJsonFile(this.path, recentFilesSchema, { version: 1, files: [] });
    return [...files].sort((a, b) => b.openedAt - a.openedAt).slice(0, MAX_RECENT_FILES);
  }

  find(path: string): RecentWorkshopFile | undefined {
    return this.list().find((f) => samePath(f.path, path));
  }

  /** The file a workshop was last opened from or saved to on this computer. */
  fileOf(workshopId: string): RecentWorkshopFile | undefined {
    return this.list().find((f) => f.workshopId === workshopId);
  }

  add(entry: RecentWorkshopFile): void {
    const others = this.list().filter((f) => !samePath(f.path, entry.path));
    this.write([entry, ...others].slice(0, MAX_RECENT_FILES));
  }

  remove(path: string): void {
    this.write(this.list().filter((f) => !samePath(f.path, path)));
  }

  clear(): void {
    this.write([]);
  }

  private write(files: RecentWorkshopFile[]): void {
    writeJsonFile(this.path, { version: 1, files });
  }
}

function samePath(a: string, b: string): boolean {
  return process.platform === 'win32' || process.platform === 'darwin' ? a.toLowerCase() === b.toLowerCase() : a === b;
}

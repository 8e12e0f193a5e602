// What the desktop app does when its built-in relay reports that it cannot save a workshop
// (disk full, read-only folder, I/O error): one dialog when saving first fails, saying why and
// that nobody's edits are lost; every failure, change of reason and recovery written to the
// error log (a failure that keeps repeating at most once a minute); and the list of workshops
// that cannot be saved, which quitting asks about. Knows nothing of Electron.
import type { SaveStatus } from './save-status';

/** How often a save failure that keeps repeating with the same reason is written to the log again. */
export const REPEAT_LOG_MS = 60_000;

export interface SaveProblem {
  workshopId: string;
  title: string;
  error: string;
  /** when saving this workshop first failed (ms since 1970) */
  since: number;
}

export interface SaveHealthOptions {
  /** the workshop's title for people to read; the id when it cannot be read */
  titleOf(workshopId: string): string;
  log(line: string): void;
  /** the dialog, once per spell of failures */
  showProblem(problem: SaveProblem): void;
  now?: () => number;
}

export class SaveHealth {
  private readonly failing = new Map<string, SaveProblem & { attempts: number; loggedAt: number }>();
  private announced = false;
  private readonly now: () => number;

  constructor(private readonly o: SaveHealthOptions) {
    this.now = o.now ?? Date.now;
  }

  report(status: SaveStatus): void {
    const known = this.failing.get(status.workshopId);
    if (status.ok) {
      if (!known) return;
      this.failing.delete(status.workshopId);
      this.o.log(
        `Saving “${known.title}” (${status.workshopId}) works again after ${known.attempts} failed attempt(s); every edit kept meanwhile is now saved.`,
      );
      // Everything saves again: a later failure is news and gets its own dialog.
      if (this.failing.size === 0) this.announced = false;
      return;
    }
    const error = status.error?.trim() || 'the workshop could not be written to disk';
    const now = this.now();
    if (!known) {
      const problem = { workshopId: status.workshopId, title: this.safeTitle(status.workshopId), error, since: now, attempts: 1, loggedAt: now };
      this.failing.set(status.workshopId, problem);
      this.o.log(`The host cannot save “${problem.title}” (${status.workshopId}): ${error}`);
      if (!this.announced) {
        this.announced = true;
        this.o.showProblem(publicPart(problem));
      }
      return;
    }
    known.attempts++;
    if (known.error !== error) {
      known.error = error;
      known.loggedAt = now;
      this.o.log(`The host still cannot save “${known.title}” (${status.workshopId}), now: ${error}`);
    } else if (now - known.loggedAt >= REPEAT_LOG_MS) {
      known.loggedAt = now;
      this.o.log(`The host still cannot save “${known.title}” (${status.workshopId}) after ${known.attempts} attempts: ${error}`);
    }
  }

  /** Workshops the host cannot save now, oldest failure first. */
  problems(): SaveProblem[] {
    return [...this.failing.values()].sort((a, b) => a.since - b.since).map(publicPart);
  }

  private safeTitle(workshopId: string): string {
    try {
      return this.o.titleOf(workshopId) || workshopId;
    } catch {
      // The workshop's own file may be what cannot be read.
      return workshopId;
    }
  }
}

function publicPart({ workshopId, title, error, since }: SaveProblem): SaveProblem {
  return { workshopId, title, error, since };
}

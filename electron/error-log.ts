// A small log file of the desktop app's errors (a save the host could not make, a workshop file
// that could not be written), in the app's data folder, for the person or their IT support to
// read afterwards. Each line starts with the time; the file is kept under a size limit by
// moving it aside (one older file kept), so a failure repeating for days cannot fill the disk.
import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

export const ERROR_LOG_MAX_BYTES = 512 * 1024;
/** Longest single entry: a whole stack trace is not needed to say what failed. */
const MAX_ENTRY_CHARS = 2000;

export class ErrorLog {
  constructor(
    readonly path: string,
    private readonly maxBytes = ERROR_LOG_MAX_BYTES,
    private readonly now: () => Date = () => new Date(),
    /** where a line goes when the log itself cannot be written (the disk may be the problem) */
    private readonly fallback: (line: string) => void = (line) => console.error(`[desktop] ${line}`),
  ) {}

  /** the previous file, kept once the current one reaches the limit */
  get previousPath(): string {
    return `${this.path}.1`;
  }

  /** Appends one line: "<ISO time> <text>". Never throws: logging must not turn one failure into two. */
  write(text: string): void {
    const flat = text.replace(/\s*[\r\n]+\s*/g, ' | ');
    const entry = `${this.now().toISOString()} ${flat.length > MAX_ENTRY_CHARS ? `${flat.slice(0, MAX_ENTRY_CHARS)}…` : flat}\n`;
    try {
      mkdirSync(dirname(this.path), { recursive: true });
      if (this.sizeNow() + Buffer.byteLength(entry) > this.maxBytes) renameSync(this.path, this.previousPath);
      appendFileSync(this.path, entry, { mode: 0o600 });
    } catch (err) {
      this.fallback(`${entry.trimEnd()} (not written to ${this.path}: ${(err as Error).message})`);
    }
  }

  private sizeNow(): number {
    try {
      return statSync(this.path).size;
    } catch {
      return 0;
    }
  }
}

// The durable side of a room: doc updates wait here until storage has committed them. Updates
// that arrive together (one turn of the event loop, or while a write is on its way to the
// disk) go into one commit; a failed write keeps them in memory and retries with backoff; the
// log is compacted into one snapshot now and then; and only what is on disk is ever reported
// as saved.
import * as Y from 'yjs';
import type { RoomStorage } from './save-worker';

const COMPACT_AFTER_ROWS = 500;
/** First retry after a failed write, doubling up to the maximum while the disk stays broken. */
const RETRY_FIRST_MS = 250;
const RETRY_MAX_MS = 5000;

export interface DurableLogEvents {
  /** a batch reached the disk: everything up to `savedVector` is durable */
  saved(savedVector: Uint8Array): void;
  /** saving started failing (ok false, with the reason in plain words) or works again */
  status(ok: boolean, error?: string): void;
  error(err: unknown): void;
}

/** A storage error in words a participant can act on (or pass on to whoever runs the host). */
export function describeSaveError(err: unknown): string {
  const e = err as { code?: unknown; message?: unknown };
  const text = `${String(e?.code ?? '')} ${String(e?.message ?? err)}`;
  if (/ENOSPC|disk is full|SQLITE_FULL/i.test(text)) return 'the host’s disk is full';
  if (/EROFS|readonly|read-only|EACCES|EPERM|permission/i.test(text)) return 'the host’s data folder cannot be written to';
  if (/EIO|disk I\/O|SQLITE_IOERR/i.test(text)) return 'the host’s disk reported an error';
  return 'the host could not write the workshop file';
}

export class DurableLog {
  /** doc updates not yet handed to storage */
  private pending: Uint8Array[] = [];
  /** the one write in flight, if any: later updates wait and go in the next batch */
  private writing: Promise<void> | null = null;
  private flushTimer: NodeJS.Immediate | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private retryDelay = RETRY_FIRST_MS;
  private stopped = false;
  private lastTitle: string;
  private rowsSinceCompaction: number;
  /** state vector of what is durably written; only this is ever announced as saved */
  private saved: Uint8Array;
  /** why the last write failed, while saving is failing */
  private failure: string | null = null;

  constructor(
    private readonly doc: Y.Doc,
    private readonly storage: RoomStorage,
    private readonly title: () => string,
    rowsSinceCompaction: number,
    private readonly on: DurableLogEvents,
  ) {
    this.rowsSinceCompaction = rowsSinceCompaction;
    this.saved = Y.encodeStateVector(doc);
    this.lastTitle = title();
  }

  get savedVector(): Uint8Array {
    return this.saved;
  }

  /** The reason saving fails right now, or null while it works. */
  get saveProblem(): string | null {
    return this.failure;
  }

  get hasUnsavedChanges(): boolean {
    return this.pending.length > 0 || this.writing !== null;
  }

  /** Queues a doc update for the next durable commit. */
  push(update: Uint8Array): void {
    this.pending.push(update);
    this.scheduleFlush();
  }

  private scheduleFlush(): void {
    if (this.flushTimer || this.retryTimer || this.writing || this.stopped) return;
    this.flushTimer = setImmediate(() => {
      this.flushTimer = null;
      this.write().catch((err: unknown) => this.onWriteFailed(err));
    });
  }

  private onWriteFailed(err: unknown): void {
    this.on.error(err);
    const reason = describeSaveError(err);
    if (this.failure !== reason) {
      this.failure = reason;
      this.on.status(false, reason);
    }
    if (this.retryTimer || this.stopped) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.write().catch((e: unknown) => this.onWriteFailed(e));
    }, this.retryDelay);
    this.retryTimer.unref();
    this.retryDelay = Math.min(RETRY_MAX_MS, this.retryDelay * 2);
  }

  /** Starts writing what is pending, or joins the write already in flight. */
  private write(): Promise<void> {
    if (!this.writing) {
      this.writing = this.writeBatch().then(
        () => {
          this.writing = null;
          if (this.pending.length > 0) this.scheduleFlush();
        },
        (err: unknown) => {
          // No immediate rewrite after a failure: the caller retries after a pause.
          this.writing = null;
          throw err;
        },
      );
    }
    return this.writing;
  }

  private async writeBatch(): Promise<void> {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    // Everything the doc holds went through `pending`: once this batch is on disk, so is
    // everything up to this state vector.
    const vector = Y.encodeStateVector(this.doc);
    const title = this.title();
    try {
      await this.storage.append(Y.mergeUpdates(batch), title !== this.lastTitle ? title : undefined);
    } catch (err) {
      // Nothing new is saved; the batch goes back in front of anything that arrived meanwhile.
      this.pending = batch.concat(this.pending);
      throw err;
    }
    this.lastTitle = title;
    this.rowsSinceCompaction++;
    this.saved = vector;
    this.retryDelay = RETRY_FIRST_MS;
    if (this.stopped) return;
    if (this.failure !== null) {
      this.failure = null;
      this.on.status(true);
    }
    this.on.saved(vector);
    if (this.rowsSinceCompaction > COMPACT_AFTER_ROWS) {
      try {
        await this.storage.compact(Y.encodeStateAsUpdate(this.doc));
        this.rowsSinceCompaction = 1;
      } catch (err) {
        // The edits are already durable in the log; a failed compaction only leaves it longer.
        this.on.error(err);
      }
    }
  }

  /**
   * Resolves once every update received so far is durably written (and announced as saved);
   * rejects if a write fails, leaving the updates pending for a retry.
   */
  async flush(): Promise<void> {
    if (this.flushTimer) {
      clearImmediate(this.flushTimer);
      this.flushTimer = null;
    }
    if (this.retryTimer) {
      clearTimeout(this.retryTimer);
      this.retryTimer = null;
    }
    try {
      while (this.writing || this.pending.length > 0) await this.write();
    } catch (err) {
      // Callers retry flush() themselves, but the room must still hear that saving fails.
      this.onWriteFailed(err);
      throw err;
    }
  }

  /**
   * Stops writing; compacts the log into one snapshot (unless `compact` is false: the doc holds
   * something that must not be saved) and closes the file in the background.
   */
  stop(compact = true): void {
    if (this.stopped) return;
    this.stopped = true;
    if (this.flushTimer) clearImmediate(this.flushTimer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const snapshot = compact && this.rowsSinceCompaction > 1 && this.pending.length === 0 ? Y.encodeStateAsUpdate(this.doc) : null;
    if (snapshot) this.storage.compact(snapshot).catch((err: unknown) => this.on.error(err));
    this.storage.close().catch((err: unknown) => this.on.error(err));
  }
}

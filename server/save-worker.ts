// Durable writes off the relay's event loop. A commit with synchronous=FULL waits for the disk
// (an fsync: under a millisecond on a quiet SSD, tens of milliseconds on a busy or slow one), and
// a relay that waited with it held up every room's traffic meanwhile. One worker thread owns the
// write handle of every live workshop file and commits there; the relay carries on and
// announces "saved" when the worker confirms.
//
// The worker needs no entry file of its own in any bundle (the standalone host, the Electron
// utility process, the tests): its code is `createFileWriter`'s source text, run with
// `eval: true`. Where worker threads are unavailable, or the worker keeps dying, the same
// function runs on the main thread instead: slower under load, equally durable.
import { Worker } from 'node:worker_threads';
import { DatabaseSync } from 'node:sqlite';
import { BUSY_TIMEOUT_MS, WORKSHOP_FILE_SQL } from './workshop-file';

/** Where one room's edits are saved. Every call resolves once the change is durable on disk. */
export interface RoomStorage {
  append(update: Uint8Array, title?: string): Promise<void>;
  /** Replaces the file's update log with one snapshot (which must include everything appended). */
  compact(snapshot: Uint8Array): Promise<void>;
  /** Sets one metadata row (facilitation state, for instance). */
  setMeta(key: string, value: string): Promise<void>;
  close(): Promise<void>;
}

export type WriteTask =
  | { op: 'append'; path: string; update: Uint8Array; title?: string }
  | { op: 'compact'; path: string; snapshot: Uint8Array }
  | { op: 'meta'; path: string; key: string; value: string }
  | { op: 'close'; path: string }
  | { op: 'closeAll' };

/**
 * Makes the function that carries out write tasks, keeping one handle per file. It must stay
 * self-contained (only its parameters and JavaScript globals): its source text is the worker.
 */
export function createFileWriter(Database: typeof DatabaseSync, sql: typeof WORKSHOP_FILE_SQL, busyTimeout: number): (task: WriteTask) => void {
  const files = new Map<string, { db: DatabaseSync; insert: ReturnType<DatabaseSync['prepare']>; meta: ReturnType<DatabaseSync['prepare']> }>();
  const open = (path: string) => {
    let f = files.get(path);
    if (!f) {
      const db = new Database(path, { timeout: busyTimeout });
      db.exec(sql.pragmas);
      f = { db, insert: db.prepare(sql.insertUpdate), meta: db.prepare(sql.upsertMeta) };
      files.set(path, f);
    }
    return f;
  };
  const close = (path: string) => {
    const f = files.get(path);
    if (!f) return;
    files.delete(path);
    try {
      f.db.exec(sql.checkpoint);
    } finally {
      f.db.close();
    }
  };
  const inTransaction = (db: DatabaseSync, fn: () => void) => {
    db.exec('BEGIN IMMEDIATE');
    try {
      fn();
      db.exec('COMMIT');
    } catch (err) {
      try {
        db.exec('ROLLBACK');
      } catch {
        // the failed commit may have ended the transaction already
      }
      throw err;
    }
  };
  return (task) => {
    try {
      if (task.op === 'append') {
        const f = open(task.path);
        const now = Date.now();
        inTransaction(f.db, () => {
          f.insert.run(task.update, now);
          f.meta.run('updatedAt', String(now));
          if (task.title !== undefined) f.meta.run('title', task.title);
        });
      } else if (task.op === 'compact') {
        const f = open(task.path);
        inTransaction(f.db, () => {
          f.db.exec(sql.deleteUpdates);
          f.insert.run(task.snapshot, Date.now());
        });
      } else if (task.op === 'meta') {
        open(task.path).meta.run(task.key, task.value);
      } else if (task.op === 'close') {
        close(task.path);
      } else {
        for (const path of [...files.keys()]) close(path);
      }
    } catch (err) {
      // A handle that failed mid-write is dropped, so the next attempt starts from a fresh one.
      if (task.op === 'append' || task.op === 'compact') {
        try {
          close(task.path);
        } catch {
          // reporting the write's own error matters more
        }
      }
      throw err;
    }
  };
}

const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const { DatabaseSync } = require('node:sqlite');
const write = (${createFileWriter.toString()})(DatabaseSync, workerData.sql, workerData.busyTimeout);
parentPort.on('message', ({ id, task }) => {
  try {
    write(task);
    parentPort.postMessage({ id, ok: true });
  } catch (err) {
    parentPort.postMessage({ id, ok: false, message: String((err && err.message) || err) });
  }
});
`;

interface Waiting {
  resolve(): void;
  reject(err: Error): void;
}

/** A worker that dies this many times without finishing a single task is given up on. */
const MAX_DEATHS_WITHOUT_PROGRESS = 3;

export class SaveWorker {
  private worker: Worker | null = null;
  private inline: ((task: WriteTask) => void) | null = null;
  private nextId = 1;
  private readonly waiting = new Map<number, Waiting>();
  private stopping = false;
  private deathsWithoutProgress = 0;

  constructor(
    private readonly log: (line: string) => void,
    useWorker = true,
  ) {
    if (useWorker) this.startWorker();
    else this.inline = createFileWriter(DatabaseSync, WORKSHOP_FILE_SQL, BUSY_TIMEOUT_MS);
  }

  /** Whether writes run on the worker thread (false: on the main thread). */
  get threaded(): boolean {
    return this.inline === null;
  }

  private startWorker(): void {
    let worker: Worker;
    try {
      worker = new Worker(workerSource, { eval: true, workerData: { sql: WORKSHOP_FILE_SQL, busyTimeout: BUSY_TIMEOUT_MS } });
    } catch (err) {
      this.log(`worker threads are unavailable (${(err as Error).message}); saving on the main thread`);
      this.inline = createFileWriter(DatabaseSync, WORKSHOP_FILE_SQL, BUSY_TIMEOUT_MS);
      return;
    }
    this.worker = worker;
    // The relay's server keeps the process alive; the worker alone must not.
    worker.unref();
    worker.on('message', ({ id, ok, message }: { id: number; ok: boolean; message?: string }) => {
      this.deathsWithoutProgress = 0;
      const w = this.waiting.get(id);
      this.waiting.delete(id);
      if (ok) w?.resolve();
      else w?.reject(new Error(message));
    });
    const onDeath = (why: string) => {
      if (this.worker !== worker) return;
      this.worker = null;
      const err = new Error(`the save worker stopped (${why})`);
      for (const w of this.waiting.values()) w.reject(err);
      this.waiting.clear();
      if (this.stopping) return;
      // Rooms retry failed saves; the next writer reopens their files.
      if (++this.deathsWithoutProgress >= MAX_DEATHS_WITHOUT_PROGRESS) {
        this.log(`${err.message} ${this.deathsWithoutProgress} times; saving on the main thread from now on`);
        this.inline = createFileWriter(DatabaseSync, WORKSHOP_FILE_SQL, BUSY_TIMEOUT_MS);
      } else {
        this.log(`${err.message}; starting a new one`);
        this.startWorker();
      }
    };
    worker.on('error', (err) => onDeath(err.message));
    worker.on('exit', (code) => onDeath(`exit code ${code}`));
  }

  private call(task: WriteTask): Promise<void> {
    if (this.stopping && task.op !== 'closeAll') return Promise.reject(new Error('the relay is stopping'));
    if (this.inline) {
      try {
        this.inline(task);
        return Promise.resolve();
      } catch (err) {
        return Promise.reject(err as Error);
      }
    }
    if (!this.worker) return Promise.reject(new Error('the save worker is restarting'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker!.postMessage({ id, task });
    });
  }

  storageFor(path: string): RoomStorage {
    return {
      append: (update, title) => this.call({ op: 'append', path, update, title }),
      compact: (snapshot) => this.call({ op: 'compact', path, snapshot }),
      setMeta: (key, value) => this.call({ op: 'meta', path, key, value }),
      close: () => this.call({ op: 'close', path }),
    };
  }

  /** Finishes every queued write, closes every file and ends the thread. */
  async stop(): Promise<void> {
    if (this.stopping) return;
    const closing = this.call({ op: 'closeAll' });
    this.stopping = true;
    try {
      await closing;
    } catch (err) {
      this.log(`closing workshop files: ${(err as Error).message}`);
    }
    await this.worker?.terminate();
  }
}

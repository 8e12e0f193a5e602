// One workshop on disk: a SQLite file (.slcanvas) holding the Yjs updates in order plus a few
// metadata rows. Appends are committed with synchronous=FULL before the relay tells anyone
// the edit is saved, so a kill -9 right after an acknowledgement loses nothing.
import { DatabaseSync } from 'node:sqlite';
import { existsSync } from 'node:fs';
import * as Y from 'yjs';
import { WORKSHOP_FILE_APPLICATION_ID } from '../shared/protocol';
import { LOAD_ORIGIN } from '../shared/doc/origins';
import type { WorkshopSnapshot } from './workshop-content';

export const FILE_FORMAT_VERSION = 1;
/** Another handle (an export, a link rotation, the desktop app) may hold the write lock briefly. */
export const BUSY_TIMEOUT_MS = 1000;

/**
 * The statements that write a workshop file, in one place: WorkshopFile uses them here, and the
 * relay's save worker (save-worker.ts), which cannot import this module, receives them as data.
 */
export const WORKSHOP_FILE_SQL = {
  pragmas: 'PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;',
  schema: `CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
           CREATE TABLE updates (seq INTEGER PRIMARY KEY AUTOINCREMENT, data BLOB NOT NULL, at INTEGER NOT NULL) STRICT;`,
  insertUpdate: 'INSERT INTO updates (data, at) VALUES (?, ?)',
  upsertMeta: 'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  deleteUpdates: 'DELETE FROM updates',
  checkpoint: 'PRAGMA wal_checkpoint(TRUNCATE)',
} as const;

export class WorkshopFileError extends Error {
  override name = 'WorkshopFileError';
}

export interface WorkshopFileMeta {
  id: string;
  title: string;
  createdAt: number;
  updatedAt: number;
}

export class WorkshopFile {
  private readonly db: DatabaseSync;
  private rowsSinceCompaction: number;

  private constructor(
    readonly path: string,
    db: DatabaseSync,
  ) {
    this.db = db;
    this.rowsSinceCompaction = Number((db.prepare('SELECT count(*) AS n FROM updates').get() as { n: number }).n);
  }

  /** Creates a new, empty workshop file; refuses to overwrite an existing one. */
  static create(path: string, meta: { id: string; title: string }): WorkshopFile {
    if (existsSync(path)) throw new WorkshopFileError(`A workshop file already exists at ${path}`);
    const db = new DatabaseSync(path, { timeout: BUSY_TIMEOUT_MS });
    try {
      db.exec(`PRAGMA application_id = ${WORKSHOP_FILE_APPLICATION_ID}; PRAGMA user_version = ${FILE_FORMAT_VERSION};`);
      db.exec(WORKSHOP_FILE_SQL.pragmas);
      db.exec(WORKSHOP_FILE_SQL.schema);
      const now = Date.now();
      const put = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)');
      put.run('id', meta.id);
      put.run('title', meta.title);
      put.run('createdAt', String(now));
      put.run('updatedAt', String(now));
    } catch (err) {
      db.close();
      throw err;
    }
    return new WorkshopFile(path, db);
  }

  /** Opens an existing file, checking it really is a workshop file of a version we can read. */
  static open(path: string): WorkshopFile {
    if (!existsSync(path)) throw new WorkshopFileError(`No workshop file at ${path}`);
    let db: DatabaseSync;
    try {
      db = new DatabaseSync(path, { timeout: BUSY_TIMEOUT_MS });
      const appId = (db.prepare('PRAGMA application_id').get() as { application_id: number }).application_id;
      if (appId !== WORKSHOP_FILE_APPLICATION_ID) {
        db.close();
        throw new WorkshopFileError('This file is not a Systems Leadership Canvas workshop.');
      }
    } catch (err) {
      if (err instanceof WorkshopFileError) throw err;
      throw new WorkshopFileError(`This file could not be read as a workshop: ${(err as Error).message}`);
    }
    const version = (db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version;
    if (version > FILE_FORMAT_VERSION) {
      db.close();
      throw new WorkshopFileError(`This workshop file was written by a newer version of the app (format ${version}).`);
    }
    db.exec(WORKSHOP_FILE_SQL.pragmas);
    return new WorkshopFile(path, db);
  }

  meta(): WorkshopFileMeta {
    const rows = this.db.prepare('SELECT key, value FROM meta').all() as { key: string; value: string }[];
    const m = new Map(rows.map((r) => [r.key, r.value]));
    return { id: m.get('id') ?? '', title: m.get('title') ?? '', createdAt: Number(m.get('createdAt') ?? 0), updatedAt: Number(m.get('updatedAt') ?? 0) };
  }

  getMeta(key: string): string | undefined {
    return (this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value;
  }

  setMeta(key: string, value: string): void {
    this.db.prepare(WORKSHOP_FILE_SQL.upsertMeta).run(key, value);
  }

  /** Every metadata row whose key starts with `prefix` (rows kept one per thing, e.g. per client id). */
  metaWithPrefix(prefix: string): Array<{ key: string; value: string }> {
    // substr rather than LIKE: a prefix holding % or _ must match itself only.
    return this.db.prepare('SELECT key, value FROM meta WHERE substr(key, 1, ?) = ?').all(prefix.length, prefix) as Array<{ key: string; value: string }>;
  }

  /** Rebuilds the document from every stored update. */
  loadInto(doc: Y.Doc): void {
    const rows = this.db.prepare('SELECT seq, data FROM updates ORDER BY seq').all() as { seq: number; data: Uint8Array }[];
    doc.transact(() => {
      for (const row of rows) {
        try {
          Y.applyUpdate(doc, row.data);
        } catch (err) {
          throw new WorkshopFileError(`Update ${row.seq} in ${this.path} is damaged: ${(err as Error).message}`);
        }
      }
    }, LOAD_ORIGIN);
  }

  /** Durably appends updates in one transaction (one fsync for the batch). */
  append(updates: readonly Uint8Array[], title?: string): void {
    if (updates.length === 0) return;
    const now = Date.now();
    const insert = this.db.prepare(WORKSHOP_FILE_SQL.insertUpdate);
    this.db.exec('BEGIN IMMEDIATE');
    try {
      for (const u of updates) insert.run(u, now);
      this.setMeta('updatedAt', String(now));
      if (title !== undefined) this.setMeta('title', title);
      this.db.exec('COMMIT');
    } catch (err) {
      this.db.exec('ROLLBACK');
      throw err;
    }
    this.rowsSinceCompaction += updates.length;
  }

  get pendingCompaction(): number {
    return this.rowsSinceCompaction;
  }

  /** Replaces the update log with one snapshot of the given doc, atomically. */
  compact(doc: Y.Doc): void {
    const snapshot = Y.encodeStateAsUpdate(doc);
    this.db.exec('BEGIN IMMEDIATE');
    try {
      this.db.exec(WORKSHOP_FILE_SQL.deleteUpdates);
      this.db.prepare(WORKSHOP_FILE_SQL.insertUpdate).run(snapshot, Date.now());
      this.db.exec('COMMIT');
    } catch (err) {
      this.db.exec('ROLLBACK');
      throw err;
    }
    this.rowsSinceCompaction = 1;
  }

  /** The content only (no join links, no facilitation state): what may leave the host. */
  content(): WorkshopSnapshot {
    const doc = new Y.Doc();
    try {
      this.loadInto(doc);
      const meta = this.meta();
      return { id: meta.id, title: meta.title, createdAt: meta.createdAt, updatedAt: meta.updatedAt, state: Y.encodeStateAsUpdate(doc) };
    } finally {
      doc.destroy();
    }
  }

  close(): void {
    if (this.db.isOpen) {
      this.db.exec(WORKSHOP_FILE_SQL.checkpoint);
      this.db.close();
    }
  }
}

// A workshop file is data, not a database we trust. Reading one that came from elsewhere (an
// upload, an email, a USB stick) takes out exactly two things, the metadata rows and the stored
// Yjs edits, through a read-only, defensive connection whose authorizer allows nothing but
// reading those two tables. Whatever else the file holds (triggers, views, extra tables, its
// own join links) is left behind, because what we keep is always a fresh file of our own
// schema written by `writeWorkshopContent`. That writer is also the only way a copy leaves the
// host: it has no place for tokens, withdrawn-token hashes or facilitation state.
import { DatabaseSync, constants as sqlite } from 'node:sqlite';
import { linkSync, rmSync, statSync } from 'node:fs';
import { durablyReplace, syncFolder, syncPath } from './durable-write';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import * as Y from 'yjs';
import { WORKSHOP_FILE_APPLICATION_ID } from '../shared/protocol';
import { isWorkshopId } from '../shared/protocol';
import { docSchemaVersion } from '../shared/doc/migrations';
import { SCHEMA_VERSION } from '../shared/doc/layout';
import { readMeta } from '../shared/doc/read';
import { FILE_FORMAT_VERSION, WORKSHOP_FILE_SQL, WorkshopFileError } from './workshop-file';

/** What a workshop is, without anything about who may open it. */
export interface WorkshopContent {
  /** the id the file says it holds ('' when it names none we accept) */
  id: string;
  title: string;
  createdAt: number;
  updatedAt: number;
  /** the whole document as one Yjs update */
  state: Uint8Array;
}

/** Largest file we read; bigger uploads are refused before they are opened. */
export const MAX_WORKSHOP_FILE_BYTES = 64 * 1024 * 1024;
const MAX_META_ROWS = 64;
const MAX_META_VALUE_CHARS = 64 * 1024;
const MAX_UPDATE_ROWS = 200_000;

/** The only tables we read. Everything else in a file is ignored and never copied. */
const KNOWN_TABLES = new Set(['meta', 'updates']);

/** Things in a file's schema we ignore; reported so the caller can log what was dropped. */
export interface ReadReport {
  ignored: string[];
}

/**
 * Reads the content out of a workshop file at `path` without running anything in it. Throws
 * WorkshopFileError with a sentence a person can act on.
 */
export function readWorkshopContent(path: string, report: ReadReport = { ignored: [] }): WorkshopContent {
  let size: number;
  try {
    size = statSync(path).size;
  } catch (err) {
    throw new WorkshopFileError(`The file could not be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}).`);
  }
  if (size === 0) throw new WorkshopFileError('The file is empty.');
  if (size > MAX_WORKSHOP_FILE_BYTES) throw new WorkshopFileError(`The file is larger than ${MAX_WORKSHOP_FILE_BYTES / 1024 / 1024} MB.`);
  let db: DatabaseSync;
  try {
    db = openUntrusted(path);
  } catch (err) {
    throw damaged(err);
  }
  try {
    checkHeader(db);
    checkSchema(db, report);
    onlyReadKnownTables(db);
    const meta = readMetaRows(db);
    const doc = new Y.Doc();
    try {
      loadUpdates(db, doc);
      const version = docSchemaVersion(doc);
      if (version > SCHEMA_VERSION)
        throw new WorkshopFileError(`This workshop was saved by a newer version of the app (schema ${version}). Update the app to open it.`);
      const id = meta.get('id') ?? '';
      return {
        id: isWorkshopId(id) ? id : '',
        title: readMeta(doc).title,
        createdAt: timestamp(meta.get('createdAt')),
        updatedAt: timestamp(meta.get('updatedAt')),
        state: roundTripped(doc),
      };
    } finally {
      doc.destroy();
    }
  } catch (err) {
    if (err instanceof WorkshopFileError) throw err;
    throw damaged(err);
  } finally {
    if (db.isOpen) db.close();
  }
}

function damaged(err: unknown): WorkshopFileError {
  return new WorkshopFileError(`The file is damaged or incomplete (${String((err as Error).message ?? err).slice(0, 200)}).`);
}

/**
 * The doc as one update, checked to load again: some damaged edits are taken in without an error
 * yet make a state that cannot be read back, and such a file must be refused now, not become a
 * workshop that never opens.
 */
function roundTripped(doc: Y.Doc): Uint8Array {
  const state = Y.encodeStateAsUpdate(doc);
  const check = new Y.Doc();
  try {
    Y.applyUpdate(check, state);
    Y.encodeStateAsUpdate(check);
  } catch (err) {
    throw new WorkshopFileError(`The file is damaged or incomplete: its stored edits do not fit together (${(err as Error).message}).`);
  } finally {
    check.destroy();
  }
  return state;
}

function timestamp(raw: string | undefined): number {
  const n = Number(raw);
  return Number.isSafeInteger(n) && n > 0 ? n : 0;
}

/**
 * A read-only connection to a file we did not write: schema code in it may call only harmless
 * functions, SQLite's defensive mode is on, and the connection cannot write.
 */
export function openUntrusted(path: string): DatabaseSync {
  const db = new DatabaseSync(path, { readOnly: true, allowExtension: false });
  try {
    db.exec('PRAGMA trusted_schema = OFF');
    db.enableDefensive(true);
    db.exec('PRAGMA query_only = ON');
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}

/** From here on the connection may read our two tables (and count rows) and nothing else. */
export function onlyReadKnownTables(db: DatabaseSync): void {
  db.setAuthorizer((action, a, b) => {
    if (action === sqlite.SQLITE_SELECT) return sqlite.SQLITE_OK;
    if (action === sqlite.SQLITE_FUNCTION && b === 'count') return sqlite.SQLITE_OK;
    if (action === sqlite.SQLITE_READ && a !== null && KNOWN_TABLES.has(a)) return sqlite.SQLITE_OK;
    return sqlite.SQLITE_DENY;
  });
}

function checkHeader(db: DatabaseSync): void {
  const appId = (db.prepare('PRAGMA application_id').get() as { application_id: number }).application_id;
  if (appId !== WORKSHOP_FILE_APPLICATION_ID) throw new WorkshopFileError('This file is not a Systems Leadership Canvas workshop.');
  const version = (db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version;
  if (version > FILE_FORMAT_VERSION) throw new WorkshopFileError(`This workshop file was written by a newer version of the app (format ${version}).`);
  const rows = db.prepare('PRAGMA quick_check').all() as { quick_check: string }[];
  const problems = rows.map((r) => r.quick_check).filter((m) => m !== 'ok');
  if (problems.length > 0) throw new WorkshopFileError(`The file is damaged or incomplete (${problems.slice(0, 3).join('; ').slice(0, 300)}).`);
}

/** meta and updates must be plain tables; anything else is noted and left unread. */
function checkSchema(db: DatabaseSync, report: ReadReport): void {
  const rows = db.prepare('SELECT type, name FROM sqlite_master').all() as { type: string; name: string }[];
  for (const table of KNOWN_TABLES) {
    const row = rows.find((r) => r.name === table);
    if (!row) throw new WorkshopFileError(`The file is damaged: it has no ${table} table.`);
    if (row.type !== 'table') throw new WorkshopFileError(`The file is not a plain workshop: its ${table} is a ${row.type}, not a table.`);
  }
  for (const r of rows) {
    if (KNOWN_TABLES.has(r.name) || r.name === 'sqlite_sequence' || r.name.startsWith('sqlite_autoindex_')) continue;
    report.ignored.push(`${r.type} ${r.name}`.slice(0, 120));
  }
}

function readMetaRows(db: DatabaseSync): Map<string, string> {
  const rows = db.prepare(`SELECT key, value FROM meta LIMIT ${MAX_META_ROWS + 1}`).all() as { key: unknown; value: unknown }[];
  if (rows.length > MAX_META_ROWS) throw new WorkshopFileError('The file is not a plain workshop: its metadata is far too long.');
  const meta = new Map<string, string>();
  for (const { key, value } of rows) {
    if (typeof key !== 'string' || typeof value !== 'string') continue;
    if (value.length > MAX_META_VALUE_CHARS) continue;
    meta.set(key, value);
  }
  return meta;
}

/** Applies every stored edit to `doc`; a damaged edit names its row. */
function loadUpdates(db: DatabaseSync, doc: Y.Doc): void {
  const count = Number((db.prepare('SELECT count(*) AS n FROM updates').get() as { n: number }).n);
  if (count > MAX_UPDATE_ROWS) throw new WorkshopFileError(`The file holds ${count} stored edits, more than a workshop ever needs.`);
  doc.transact(() => {
    for (const row of db.prepare('SELECT seq, data FROM updates ORDER BY seq').iterate() as Iterable<{ seq: unknown; data: unknown }>) {
      if (!(row.data instanceof Uint8Array)) throw new WorkshopFileError(`The file is damaged: stored edit ${String(row.seq)} is not binary data.`);
      try {
        Y.applyUpdate(doc, row.data);
      } catch (err) {
        throw new WorkshopFileError(`The file is damaged or incomplete: stored edit ${String(row.seq)} cannot be read (${(err as Error).message}).`);
      }
    }
  });
}

/**
 * Writes `content` as a fresh workshop file of our schema at `target`: into a temporary name in
 * the same folder, synced, then renamed (or, with `noReplace`, linked so an existing file is
 * never overwritten), and the folder synced so the new name survives a power cut. An
 * interruption leaves at most the temporary file, never a half-written target. `access` rows
 * (join links) are written only for a file the host itself keeps.
 */
export function writeWorkshopContent(target: string, content: WorkshopContent, options: { noReplace?: boolean; access?: Record<string, string> } = {}): void {
  const tmp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`);
  try {
    const db = new DatabaseSync(tmp);
    try {
      db.exec(`PRAGMA application_id = ${WORKSHOP_FILE_APPLICATION_ID}; PRAGMA user_version = ${FILE_FORMAT_VERSION};`);
      // A standalone file: no WAL side files to lose when it is copied or emailed.
      db.exec('PRAGMA journal_mode = DELETE; PRAGMA synchronous = FULL;');
      db.exec('BEGIN');
      db.exec(WORKSHOP_FILE_SQL.schema);
      const put = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)');
      put.run('id', content.id);
      put.run('title', content.title);
      put.run('createdAt', String(content.createdAt || Date.now()));
      put.run('updatedAt', String(content.updatedAt || Date.now()));
      for (const [k, v] of Object.entries(options.access ?? {})) put.run(k, v);
      db.prepare(WORKSHOP_FILE_SQL.insertUpdate).run(content.state, Date.now());
      db.exec('COMMIT');
    } finally {
      db.close();
    }
    if (options.noReplace) {
      syncPath(tmp, 'r+');
      try {
        linkSync(tmp, target);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'EEXIST')
          throw new WorkshopFileError('A workshop file with this name already exists; nothing was changed.');
        throw err;
      }
      rmSync(tmp, { force: true });
      syncFolder(dirname(target));
    } else {
      durablyReplace(tmp, target);
    }
  } catch (err) {
    rmSync(tmp, { force: true });
    rmSync(tmp + '-journal', { force: true });
    throw err;
  }
}

/** Temporary files end with this; a folder's leftovers from an interrupted write can be swept by it. */
export const TEMP_SUFFIX = '.partial';

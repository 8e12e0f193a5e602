// A workshop file is data, not a database we trust. Reading one that came from elsewhere (an
// upload, an email, a USB stick) takes out exactly two things, the metadata rows and the stored
// Yjs edits, through a read-only, defensive connection whose authorizer allows nothing but
// reading those two tables, and only from a file whose schema is exactly the app's (see
// workshop-file-check.ts: a trigger, a view, an extra table or a generated column is refused).
// Its own join links are left behind, because what we keep is always a fresh file of our own
// schema written by `writeWorkshopContent`. That writer is also the only way a copy leaves the
// host: it has no place for tokens, withdrawn-token hashes or facilitation state.
import { DatabaseSync, constants as sqlite } from 'node:sqlite';
import { linkSync, rmSync, statSync } from 'node:fs';
import { durablyReplace, syncFolder, syncPath } from './durable-write';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import * as Y from 'yjs';
import { WORKSHOP_FILE_APPLICATION_ID, Limits, isWorkshopId } from '../shared/protocol';
import { docSchemaVersion } from '../shared/doc/migrations';
import { SCHEMA_VERSION } from '../shared/doc/layout';
import { readMeta } from '../shared/doc/read';
import { docProblems } from '../shared/doc/doc-check';
import { FILE_FORMAT_VERSION, WORKSHOP_FILE_SQL, WorkshopFileError } from './workshop-file';
import { createFileReader, type FileRules, type FileRows } from './workshop-file-check';
import { readRowsOffThread } from './import-worker';

/** What a workshop is, without anything about who may open it. */
export interface WorkshopSnapshot {
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
/** The most time reading one file may take, all checks included; a slower one is refused. */
export const MAX_READ_MS = 20_000;

/** What a workshop file must be: the app's own schema (made afresh, so it is what the writer writes) and the limits. */
let schemaOfOurs: Pick<FileRules, 'objects' | 'columns'> | undefined;
export function importRules(): FileRules {
  if (!schemaOfOurs) {
    const db = new DatabaseSync(':memory:');
    try {
      db.exec(WORKSHOP_FILE_SQL.schema);
      const objects = db.prepare('SELECT type, name, tbl_name, sql FROM sqlite_master').all() as FileRules['objects'];
      const columns = Object.fromEntries(['meta', 'updates'].map((t) => [t, db.prepare(`PRAGMA table_xinfo(${t})`).all()]));
      schemaOfOurs = { objects, columns };
    } finally {
      db.close();
    }
  }
  return {
    ...schemaOfOurs,
    applicationId: WORKSHOP_FILE_APPLICATION_ID,
    formatVersion: FILE_FORMAT_VERSION,
    maxMetaRows: 64,
    maxMetaValueChars: 64 * 1024,
    maxUpdateRows: 200_000,
    maxUpdateBytes: MAX_WORKSHOP_FILE_BYTES,
    deadline: Date.now() + MAX_READ_MS,
  };
}

const reader = createFileReader(DatabaseSync, sqlite);
/** A read-only, defensive connection to a file we did not write (see workshop-file-check.ts). */
export const openUntrusted = reader.openUntrusted;
/** From here on the connection may read our two tables (and count rows) and nothing else. */
export const onlyReadKnownTables = reader.onlyReadKnownTables;

/**
 * Reads the content out of a workshop file at `path` without running anything in it, on this
 * thread (the desktop app's Open). Throws WorkshopFileError with a sentence a person can act on.
 */
export function readWorkshopContent(path: string): WorkshopSnapshot {
  const rules = importRules();
  const rows = reader.readRows(checkedSize(path), rules);
  const building = contentOf(rows, rules.deadline);
  for (let step = building.next(); ; step = building.next()) if (step.done) return step.value;
}

/**
 * The same, with the file read on a worker thread and its edits applied in slices between
 * which the event loop carries on: the relay keeps serving its rooms throughout.
 */
export async function readWorkshopContentOffThread(path: string): Promise<WorkshopSnapshot> {
  const rules = importRules();
  const rows = await readRowsOffThread(checkedSize(path), rules);
  const building = contentOf(rows, rules.deadline);
  for (let step = building.next(); ; step = building.next()) {
    if (step.done) return step.value;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

function checkedSize(path: string): string {
  let size: number;
  try {
    size = statSync(path).size;
  } catch (err) {
    throw new WorkshopFileError(`The file could not be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}).`);
  }
  if (size === 0) throw new WorkshopFileError('The file is empty.');
  if (size > MAX_WORKSHOP_FILE_BYTES) throw new WorkshopFileError(`The file is larger than ${MAX_WORKSHOP_FILE_BYTES / 1024 / 1024} MB.`);
  return path;
}

/** How long the edits are applied before the caller may let other work run. */
const SLICE_MS = 10;

/** The workshop the rows make, yielding every SLICE_MS while it applies them. */
function* contentOf(rows: FileRows, deadline: number): Generator<void, WorkshopSnapshot> {
  if (!rows.ok) throw new WorkshopFileError(rows.message);
  const meta = new Map(rows.meta);
  const doc = new Y.Doc();
  try {
    let sliceStart = Date.now();
    for (const { seq, data } of rows.updates) {
      try {
        Y.applyUpdate(doc, data);
      } catch (err) {
        throw new WorkshopFileError(`The file is damaged or incomplete: stored edit ${seq} cannot be read (${(err as Error).message}).`);
      }
      if (Date.now() - sliceStart < SLICE_MS) continue;
      if (Date.now() > deadline) throw new WorkshopFileError('The file took too long to read; it was not imported.');
      yield;
      sliceStart = Date.now();
    }
    const version = docSchemaVersion(doc);
    if (version > SCHEMA_VERSION)
      throw new WorkshopFileError(`This workshop was saved by a newer version of the app (schema ${version}). Update the app to open it.`);
    // Held to the schema the relay holds every edit to: a file is no way around the gate.
    const problems = docProblems(doc);
    if (problems.length > 0) throw new WorkshopFileError(`This file does not hold a valid workshop: ${problems.join('; ')}.`);
    const id = meta.get('id') ?? '';
    const state = roundTripped(doc);
    if (state.byteLength > Limits.maxDocBytes)
      throw new WorkshopFileError(`The workshop in this file is larger than ${Limits.maxDocBytes / 1024 / 1024} MB, more than a workshop may hold.`);
    return {
      id: isWorkshopId(id) ? id : '',
      title: readMeta(doc).title,
      createdAt: timestamp(meta.get('createdAt')),
      updatedAt: timestamp(meta.get('updatedAt')),
      state,
    };
  } finally {
    doc.destroy();
  }
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
 * Writes `content` as a fresh workshop file of our schema at `target`: into a temporary name in
 * the same folder, synced, then renamed (or, with `noReplace`, linked so an existing file is
 * never overwritten), and the folder synced so the new name survives a power cut. An
 * interruption leaves at most the temporary file, never a half-written target. `access` rows
 * (join links) are written only for a file the host itself keeps.
 */
export function writeWorkshopContent(target: string, content: WorkshopSnapshot, options: { noReplace?: boolean; access?: Record<string, string> } = {}): void {
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

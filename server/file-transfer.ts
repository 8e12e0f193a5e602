// Moving whole workshops in and out of a relay as .slcanvas files: download a self-contained
// copy, or import one that was emailed. An import is checked completely in a scratch file
// before anything in the data folder is touched, and it never replaces an existing workshop.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { isWorkshopId } from '../shared/protocol';
import { newWorkshopId } from '../shared/doc/ids';
import { readMeta } from '../shared/doc/read';
import { docSchemaVersion } from '../shared/doc/migrations';
import { SCHEMA_VERSION } from '../shared/doc/layout';
import { WorkshopFile, WorkshopFileError } from './workshop-file';
import type { WorkshopStore } from './workshop-store';
import { newTokenSet, type TokenSet } from './tokens';

export const MAX_IMPORT_BYTES = 64 * 1024 * 1024;
const SQLITE_MAGIC = 'SQLite format 3\0';

function withScratch<T>(fn: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'slc-transfer-'));
  try {
    return fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A standalone copy of a workshop's file (no WAL side files), as bytes. */
export function exportWorkshopBytes(store: WorkshopStore, id: string): Buffer {
  return withScratch((dir) => {
    const out = join(dir, `${id}.slcanvas`);
    const file = store.open(id);
    try {
      file.exportTo(out);
    } finally {
      file.close();
    }
    return readFileSync(out);
  });
}

/** Opens a scratch copy and reads every update; any failure becomes one readable error. */
function checkWorkshopFile(path: string): { originalId: string; title: string } {
  let file: WorkshopFile | null = null;
  try {
    file = WorkshopFile.open(path);
    const doc = new Y.Doc();
    file.loadInto(doc);
    const version = docSchemaVersion(doc);
    if (version > SCHEMA_VERSION) {
      throw new WorkshopFileError(`This workshop was saved by a newer version of the app (schema ${version}). Update the app to open it.`);
    }
    const result = { originalId: file.meta().id, title: readMeta(doc).title };
    doc.destroy();
    return result;
  } catch (err) {
    if (err instanceof WorkshopFileError) throw err;
    throw new WorkshopFileError(`This file could not be read as a workshop: ${(err as Error).message}`);
  } finally {
    file?.close();
  }
}

export interface ImportResult {
  id: string;
  title: string;
  tokens: TokenSet;
}

/**
 * Checks bytes are a readable workshop and adds it to the store under its own id when that id
 * is free, or a new one. Fresh links are made: links to the original copy do not open this one.
 */
export function importWorkshopBytes(store: WorkshopStore, bytes: Uint8Array): ImportResult {
  if (bytes.byteLength === 0) throw new WorkshopFileError('The file is empty.');
  if (bytes.byteLength > MAX_IMPORT_BYTES) throw new WorkshopFileError(`The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB.`);
  if (Buffer.from(bytes.subarray(0, 16)).toString('latin1') !== SQLITE_MAGIC) {
    throw new WorkshopFileError('This file is not a Systems Leadership Canvas workshop (.slcanvas).');
  }
  return withScratch((dir) => {
    const scratch = join(dir, 'import.slcanvas');
    writeFileSync(scratch, bytes);
    const { originalId, title } = checkWorkshopFile(scratch);
    const id = isWorkshopId(originalId) && !store.exists(originalId) ? originalId : newWorkshopId();
    const target = store.pathOf(id);
    if (existsSync(target)) throw new WorkshopFileError('A workshop with this id already exists; nothing was changed.');
    copyFileSync(scratch, target);
    const tokens = newTokenSet();
    const placed = WorkshopFile.open(target);
    try {
      placed.setMeta('id', id);
      placed.setMeta('title', title);
      placed.setMeta('tokens', JSON.stringify(tokens));
      placed.setMeta('revoked', '[]');
    } finally {
      placed.close();
    }
    return { id, title, tokens };
  });
}

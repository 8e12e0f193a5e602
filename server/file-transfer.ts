// Moving whole workshops in and out of a relay as .slcanvas files. A download is a fresh file
// holding the content only (see workshop-content.ts): never the join links, withdrawn-link
// hashes, facilitation state or voters. An import is read as data from a scratch copy, off the
// relay's thread (see import-worker.ts), and written as a fresh file of our own schema with new
// links; it never replaces a workshop, and a refused one leaves nothing behind.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { newWorkshopId } from '../shared/doc/ids';
import { readMeta } from '../shared/doc/read';
import { WorkshopFileError } from './workshop-file';
import type { WorkshopFolder } from './workshop-folder';
import type { TokenSet } from './tokens';
import { MAX_WORKSHOP_FILE_BYTES, readWorkshopContentOffThread, writeWorkshopContent, type WorkshopSnapshot } from './workshop-content';

export const MAX_IMPORT_BYTES = MAX_WORKSHOP_FILE_BYTES;
const SQLITE_MAGIC = 'SQLite format 3\0';

/** Runs `fn` with a folder of its own, removed afterwards (once the promise settles, for an async `fn`). */
function withScratch<T>(fn: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'slc-transfer-'));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  let result: T;
  try {
    result = fn(dir);
  } catch (err) {
    remove();
    throw err;
  }
  if (result instanceof Promise) return result.finally(remove) as T;
  remove();
  return result;
}

/** The content of a workshop: from the live room's doc when it is open, else from its file. */
export function workshopContent(store: WorkshopFolder, id: string, liveDoc?: Y.Doc): WorkshopSnapshot {
  const file = store.open(id);
  try {
    if (!liveDoc) return file.content();
    const meta = file.meta();
    return { id, title: readMeta(liveDoc).title, createdAt: meta.createdAt, updatedAt: Date.now(), state: Y.encodeStateAsUpdate(liveDoc) };
  } finally {
    file.close();
  }
}

/** A standalone, content-only copy of a workshop, as bytes. */
export function exportWorkshopBytes(store: WorkshopFolder, id: string, liveDoc?: Y.Doc): Buffer {
  const content = workshopContent(store, id, liveDoc);
  return withScratch((dir) => {
    const out = join(dir, `${id}.slcanvas`);
    writeWorkshopContent(out, content);
    return readFileSync(out);
  });
}

export interface ImportResult {
  id: string;
  title: string;
  tokens: TokenSet;
}

/**
 * Reads bytes as a workshop and adds it to the store under the id it names when that id is
 * free, or a new one. It always gets fresh links: links to the original copy never open this one.
 */
export function importWorkshopBytes(store: WorkshopFolder, bytes: Uint8Array): Promise<ImportResult> {
  if (bytes.byteLength === 0) return Promise.reject(new WorkshopFileError('The file is empty.'));
  if (bytes.byteLength > MAX_IMPORT_BYTES) return Promise.reject(new WorkshopFileError(`The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB.`));
  if (Buffer.from(bytes.subarray(0, 16)).toString('latin1') !== SQLITE_MAGIC) {
    return Promise.reject(new WorkshopFileError('This file is not a Systems Leadership Canvas workshop (.slcanvas).'));
  }
  return withScratch(async (dir) => {
    const scratch = join(dir, 'import.slcanvas');
    writeFileSync(scratch, bytes);
    const content = await readWorkshopContentOffThread(scratch);
    // Only a file that passed every check becomes a workshop; the id is chosen after the read, which other imports may have overlapped.
    const id = content.id && !store.exists(content.id) ? content.id : newWorkshopId();
    const tokens = store.add({ ...content, id });
    return { id, title: content.title, tokens };
  });
}

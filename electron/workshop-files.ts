// Workshop files on the desktop: the app keeps its workshops as <workshops folder>/<id>.slcanvas
// (served by the built-in relay, which saves every edit as it is made); this module brings a
// .slcanvas file from anywhere into that folder ("Open…", a file opened from the OS or an email)
// and writes self-contained copies out ("Save as…", autosave to the file a workshop came from).
//
// Opening never touches the chosen file (it is read as data from a private copy, and what is
// kept is a fresh file of our own schema with new join links) and never replaces a
// workshop already here: a file holding nothing new opens the workshop already here, and a file
// holding a different version asks first, offering to keep both.
import { closeSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { basename, join, relative, resolve, isAbsolute } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import * as Y from 'yjs';
import { z } from 'zod';
import { WorkshopFile, WorkshopFileError } from '../server/workshop-file';
import { newTokenSet } from '../server/tokens';
import { onlyReadKnownTables, openUntrusted, readWorkshopContent, writeWorkshopContent, type WorkshopSnapshot } from '../server/workshop-content';
import { newWorkshopId } from '../shared/doc/ids';
import { WORKSHOP_FILE_APPLICATION_ID, WORKSHOP_FILE_EXTENSION, isWorkshopId } from '../shared/protocol';

/** A problem with a workshop file, worded for the person who chose it. */
export class WorkshopFileProblem extends Error {
  override name = 'WorkshopFileProblem';
}

export interface WorkshopSummary {
  workshopId: string;
  title: string;
  updatedAt: number;
}

export interface ImportConflict {
  fileName: string;
  incoming: WorkshopSummary;
  /** the version already on this computer; null if it cannot be read */
  existing: WorkshopSummary | null;
}

export type ConflictChoice = 'open-existing' | 'keep-both' | 'cancel';

export type ImportResult = { outcome: 'imported' | 'existing' | 'copy'; workshop: WorkshopSummary } | { outcome: 'cancelled' };

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');
const tokenSetSchema = z.object({ facilitator: z.string().min(1), participant: z.string().min(1), viewer: z.string().min(1) });

interface ReadWorkshop {
  summary: WorkshopSummary;
  content: WorkshopSnapshot;
}

export class WorkshopLibrary {
  constructor(
    /** where the relay keeps workshops */
    readonly dataDir: string,
    /** private scratch space for checking files before they are let in */
    readonly stagingDir: string,
  ) {
    mkdirSync(dataDir, { recursive: true });
    // Whatever an interrupted import left behind is of no use now.
    removeQuietly(stagingDir);
    mkdirSync(stagingDir, { recursive: true });
  }

  pathOf(workshopId: string): string {
    if (!isWorkshopId(workshopId)) throw new WorkshopFileProblem(`"${workshopId}" is not a workshop id.`);
    return join(this.dataDir, workshopId + WORKSHOP_FILE_EXTENSION);
  }

  has(workshopId: string): boolean {
    return isWorkshopId(workshopId) && existsSync(this.pathOf(workshopId));
  }

  /** True for a path inside the app's own folders (never a workshop's "own file"). */
  isAppFile(path: string): boolean {
    const p = resolve(path);
    return isInside(p, this.dataDir) || isInside(p, this.stagingDir);
  }

  summary(workshopId: string): WorkshopSummary {
    return this.withLocal(workshopId, (file) => {
      const meta = file.meta();
      return { workshopId, title: meta.title, updatedAt: meta.updatedAt };
    });
  }

  /** The facilitator's token, with which this computer opens its own workshops. */
  facilitatorToken(workshopId: string): string {
    return this.withLocal(workshopId, (file) => {
      const tokens = parseTokens(file.getMeta('tokens'));
      if (!tokens) throw new WorkshopFileProblem('This workshop is damaged: its join links are missing.');
      return tokens.facilitator;
    });
  }

  /**
   * Brings a workshop file into this computer's workshops. `decide` is asked only when a
   * different version of the same workshop is already here.
   */
  async importFile(source: string, decide: (conflict: ImportConflict) => Promise<ConflictChoice>): Promise<ImportResult> {
    const fileName = basename(source);
    const fail = (why: string) => new WorkshopFileProblem(`“${fileName}” could not be opened. ${why} Nothing on this computer was changed.`);
    let stat;
    try {
      stat = statSync(source);
    } catch {
      throw fail('There is no file there any more.');
    }
    if (!stat.isFile()) throw fail('It is a folder, not a file.');
    if (!hasSqliteHeader(source)) throw fail('This file is not a Systems Leadership Canvas workshop.');

    const staging = mkdtempSync(join(this.stagingDir, 'import-'));
    try {
      const staged = join(staging, 'incoming' + WORKSHOP_FILE_EXTENSION);
      try {
        copyFileSync(source, staged);
        // A file copied while its app was still running may keep recent changes in a side file.
        if (existsSync(source + '-wal')) copyFileSync(source + '-wal', staged + '-wal');
      } catch (err) {
        throw fail(`It could not be read (${(err as Error).message}).`);
      }
      const incoming = readChecked(staged, fail);
      if (!incoming.content.id) throw fail('The file is damaged: it does not say which workshop it holds.');
      const target = this.pathOf(incoming.content.id);
      if (!existsSync(target)) {
        placeNew(incoming.content, target);
        return { outcome: 'imported', workshop: incoming.summary };
      }

      const existing = tryRead(target);
      if (existing && holdsNothingNew(existing.content.state, incoming.content.state)) return { outcome: 'existing', workshop: existing.summary };
      const choice = await decide({ fileName, incoming: incoming.summary, existing: existing?.summary ?? null });
      if (choice === 'cancel') return { outcome: 'cancelled' };
      if (choice === 'open-existing') return { outcome: 'existing', workshop: existing?.summary ?? incoming.summary };

      const copyId = this.freshId();
      placeNew({ ...incoming.content, id: copyId }, this.pathOf(copyId));
      return { outcome: 'copy', workshop: { ...incoming.summary, workshopId: copyId } };
    } finally {
      removeQuietly(staging);
    }
  }

  /**
   * Writes a content-only copy of a workshop (no join links, no facilitation state) to
   * `destination` (adding .slcanvas if it has no extension), replacing the file there
   * atomically and durably. With `onlyOverSameWorkshop` (autosave), a file there that holds
   * another workshop, or is not a workshop, is left alone.
   */
  exportTo(workshopId: string, destination: string, options: { onlyOverSameWorkshop?: boolean } = {}): string {
    const source = this.pathOf(workshopId);
    if (!existsSync(source)) throw new WorkshopFileProblem('This workshop is not kept on this computer, so it cannot be saved as a file here.');
    if (!isAbsolute(destination)) throw new WorkshopFileProblem('A full path is needed to save the workshop.');
    const chosen = resolve(destination);
    const target = chosen.toLowerCase().endsWith(WORKSHOP_FILE_EXTENSION) ? chosen : chosen + WORKSHOP_FILE_EXTENSION;
    const name = basename(target);
    if (this.isAppFile(target)) throw new WorkshopFileProblem(`“${name}” would be inside the app's own workshops folder. Choose another folder.`);
    if (target !== chosen && existsSync(target)) throw new WorkshopFileProblem(`A file called “${name}” is already there. Choose another name.`);
    if (options.onlyOverSameWorkshop && existsSync(target) && peekWorkshop(target)?.workshopId !== workshopId)
      throw new WorkshopFileProblem(`“${name}” now holds something else, so it was not overwritten.`);

    let file: WorkshopFile | undefined;
    try {
      file = WorkshopFile.open(source);
      const content = file.content();
      closeQuietly(file);
      file = undefined;
      // Temporary name, file synced, rename, folder synced: a crash leaves the old file or the new one.
      writeWorkshopContent(target, content);
    } catch (err) {
      closeQuietly(file);
      throw new WorkshopFileProblem(`The workshop could not be saved to “${name}”: ${(err as Error).message}`);
    }
    return target;
  }

  private withLocal<T>(workshopId: string, read: (file: WorkshopFile) => T): T {
    if (!this.has(workshopId)) throw new WorkshopFileProblem('This workshop is not kept on this computer.');
    let file: WorkshopFile | undefined;
    try {
      file = WorkshopFile.open(this.pathOf(workshopId));
      return read(file);
    } catch (err) {
      if (err instanceof WorkshopFileProblem) throw err;
      throw new WorkshopFileProblem(`This workshop could not be read: ${(err as Error).message}`);
    } finally {
      closeQuietly(file);
    }
  }

  private freshId(): string {
    for (;;) {
      const id = newWorkshopId();
      if (!existsSync(this.pathOf(id))) return id;
    }
  }
}

function hasSqliteHeader(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(SQLITE_HEADER.length);
    return readSync(fd, head, 0, head.length, 0) === head.length && head.equals(SQLITE_HEADER);
  } finally {
    closeSync(fd);
  }
}

/** Reads a private copy as data (see server/workshop-content.ts): nothing in the file runs. */
function readChecked(staged: string, fail: (why: string) => WorkshopFileProblem): ReadWorkshop {
  try {
    const content = readWorkshopContent(staged);
    return { summary: { workshopId: content.id, title: content.title, updatedAt: content.updatedAt }, content };
  } catch (err) {
    if (err instanceof WorkshopFileError) throw fail(err.message);
    throw fail(`The file is damaged or incomplete (${(err as Error).message}).`);
  }
}

/** A workshop this computer already keeps (our own file, possibly open in the relay). */
function tryRead(path: string): ReadWorkshop | null {
  let file: WorkshopFile | undefined;
  try {
    file = WorkshopFile.open(path);
    const content = file.content();
    return { summary: { workshopId: content.id, title: content.title, updatedAt: content.updatedAt }, content };
  } catch {
    return null;
  } finally {
    closeQuietly(file);
  }
}

/** True when everything in `incoming` (content and deletions) is already in `existing`. */
function holdsNothingNew(existing: Uint8Array, incoming: Uint8Array): boolean {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, existing);
    const before = Y.snapshot(doc);
    Y.applyUpdate(doc, incoming);
    return Y.equalSnapshots(before, Y.snapshot(doc));
  } finally {
    doc.destroy();
  }
}

/** Writes a fresh file of our schema with new join links; fails rather than replace a file that appeared meanwhile. */
function placeNew(content: WorkshopSnapshot, target: string): void {
  try {
    writeWorkshopContent(target, content, { noReplace: true, access: { tokens: JSON.stringify(newTokenSet()), revoked: '[]' } });
  } catch (err) {
    throw new WorkshopFileProblem(`The workshop could not be added to this computer's workshops: ${(err as Error).message}`);
  }
}

/** Which workshop a file holds and when it last changed, or null if it is not a readable workshop file. Opens read-only. */
export function peekWorkshop(path: string): { workshopId: string; updatedAt: number } | null {
  let db: DatabaseSync | undefined;
  try {
    // The file at a save destination could be anything: read it as untrusted data too.
    db = openUntrusted(path);
    const appId = (db.prepare('PRAGMA application_id').get() as { application_id: number }).application_id;
    if (appId !== WORKSHOP_FILE_APPLICATION_ID) return null;
    onlyReadKnownTables(db);
    const rows = db.prepare("SELECT key, value FROM meta WHERE key IN ('id', 'updatedAt')").all() as { key: string; value: string }[];
    const meta = new Map(rows.map((r) => [r.key, r.value]));
    const workshopId = meta.get('id') ?? '';
    return isWorkshopId(workshopId) ? { workshopId, updatedAt: Number(meta.get('updatedAt') ?? 0) } : null;
  } catch {
    return null;
  } finally {
    if (db?.isOpen) db.close();
  }
}

function parseTokens(raw: string | undefined): z.infer<typeof tokenSetSchema> | null {
  try {
    const r = tokenSetSchema.safeParse(JSON.parse(raw ?? 'null'));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

function isInside(path: string, dir: string): boolean {
  const rel = relative(resolve(dir), path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

function closeQuietly(file: WorkshopFile | undefined): void {
  try {
    file?.close();
  } catch {
    // A checkpoint that cannot run now (the relay is writing) is harmless: SQLite runs it later.
  }
}

function removeQuietly(path: string): void {
  try {
    rmSync(path, { recursive: true, force: true });
  } catch {
    // Still in use (Windows keeps open files); cleared on the next start.
  }
}

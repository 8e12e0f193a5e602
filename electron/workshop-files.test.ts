import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, truncateSync, writeFileSync, openSync, writeSync, closeSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { WorkshopFile } from '../server/workshop-file';
import { writeWorkshopContent } from '../server/workshop-content';
import { WORKSHOP_FILE_APPLICATION_ID } from '../shared/protocol';
import { WorkshopLibrary, WorkshopFileProblem, peekWorkshop, type ConflictChoice, type ImportConflict } from './workshop-files';
import { addNotes, makeWorkshopFile, readMetaOf, readNotes, removeTempDirs, snapshotDir, tempDir } from './test-helpers';

let home: string;
let elsewhere: string;
let library: WorkshopLibrary;
const neverAsked = vi.fn(async (): Promise<ConflictChoice> => {
  throw new Error('should not be asked');
});

beforeEach(() => {
  home = tempDir();
  elsewhere = tempDir();
  library = new WorkshopLibrary(join(home, 'workshops'), join(home, 'import-staging'));
  neverAsked.mockClear();
});
afterEach(() => removeTempDirs());

/** A workshop made on another computer and emailed here: a self-contained copy. */
function emailedWorkshop(name = 'emailed.slcanvas', notes = ['Ward managers', 'Care homes']) {
  const otherComputer = tempDir();
  const original = join(otherComputer, 'original.slcanvas');
  const { id, tokens } = makeWorkshopFile(original, { title: 'Discharge to assess', notes });
  const emailed = join(elsewhere, name);
  const file = WorkshopFile.open(original);
  writeWorkshopContent(emailed, file.content());
  file.close();
  return { id, tokens, original, emailed };
}

function expectUnchanged(before: { data: Record<string, string>; source: Buffer; sourceDir: Record<string, string> }, source: string) {
  expect(snapshotDir(library.dataDir)).toEqual(before.data);
  expect(readFileSync(source)).toEqual(before.source);
  expect(snapshotDir(elsewhere)).toEqual(before.sourceDir);
  expect(readdirSync(library.stagingDir)).toEqual([]);
}

function stateBefore(source: string) {
  return { data: snapshotDir(library.dataDir), source: readFileSync(source), sourceDir: snapshotDir(elsewhere) };
}

async function expectRefused(source: string, message: RegExp) {
  const before = stateBefore(source);
  const err = await library.importFile(source, neverAsked).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WorkshopFileProblem);
  expect((err as Error).message).toMatch(message);
  expect((err as Error).message).toMatch(/Nothing on this computer was changed\.$/);
  expectUnchanged(before, source);
  expect(neverAsked).not.toHaveBeenCalled();
}

describe('opening a workshop file', () => {
  it('adds a workshop new to this computer under its id, with everything in it, without touching the file', async () => {
    const { id, tokens, emailed } = emailedWorkshop();
    const sourceBytes = readFileSync(emailed);
    const result = await library.importFile(emailed, neverAsked);
    expect(result).toEqual({ outcome: 'imported', workshop: { workshopId: id, title: 'Discharge to assess', updatedAt: expect.any(Number) } });
    expect(readNotes(library.pathOf(id))).toEqual(['Care homes', 'Ward managers']);
    // An opened workshop always gets links of its own.
    expect(library.facilitatorToken(id)).not.toBe(tokens.facilitator);
    expect(readFileSync(emailed)).toEqual(sourceBytes);
    expect(readdirSync(elsewhere)).toEqual(['emailed.slcanvas']);
    expect(readdirSync(library.stagingDir)).toEqual([]);
  });

  it('refuses a file that is not a database at all', async () => {
    const path = join(elsewhere, 'minutes.slcanvas');
    writeFileSync(path, 'Minutes of the March board meeting\n'.repeat(200));
    await expectRefused(path, /^“minutes\.slcanvas” could not be opened\. This file is not a Systems Leadership Canvas workshop\./);
  });

  it('refuses an empty file', async () => {
    const path = join(elsewhere, 'empty.slcanvas');
    writeFileSync(path, '');
    await expectRefused(path, /not a Systems Leadership Canvas workshop/);
  });

  it('refuses another application’s SQLite database', async () => {
    const path = join(elsewhere, 'contacts.slcanvas');
    const db = new DatabaseSync(path);
    db.exec("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('Hannah');");
    db.close();
    await expectRefused(path, /This file is not a Systems Leadership Canvas workshop\./);
  });

  it('refuses a truncated workshop file', async () => {
    const { emailed } = emailedWorkshop(
      'truncated.slcanvas',
      Array.from({ length: 400 }, (_, i) => `note ${i} `.repeat(20)),
    );
    const size = statSync(emailed).size;
    expect(size).toBeGreaterThan(8192);
    truncateSync(emailed, Math.floor(size / 2));
    await expectRefused(emailed, /“truncated\.slcanvas” could not be opened\. The file is damaged or incomplete/);
  });

  it('refuses a workshop file with damaged pages', async () => {
    const { emailed } = emailedWorkshop(
      'scrambled.slcanvas',
      Array.from({ length: 200 }, (_, i) => `note ${i} `.repeat(20)),
    );
    // Scramble the start of every page after the first (b-tree headers and overflow links).
    const pageSize = readFileSync(emailed).readUInt16BE(16);
    const fd = openSync(emailed, 'r+');
    for (let at = pageSize; at < statSync(emailed).size; at += pageSize) writeSync(fd, Buffer.alloc(12, 0xa5), 0, 12, at);
    closeSync(fd);
    await expectRefused(emailed, /damaged or incomplete/);
  });

  it('refuses a workshop file whose stored edits are damaged', async () => {
    const path = join(elsewhere, 'bad-updates.slcanvas');
    makeWorkshopFile(path);
    const file = WorkshopFile.open(path);
    file.append([new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01])]);
    file.close();
    await expectRefused(path, /damaged or incomplete/);
  });

  it('refuses a workshop file without its id, and never keeps join links a file carries', async () => {
    const noId = join(elsewhere, 'no-id.slcanvas');
    makeWorkshopFile(noId);
    const a = WorkshopFile.open(noId);
    a.setMeta('id', '../../etc/passwd');
    a.close();
    await expectRefused(noId, /does not say which workshop it holds/);

    // A file straight from another computer's data folder carries that computer's links.
    const foreign = join(elsewhere, 'foreign.slcanvas');
    const { id, tokens } = makeWorkshopFile(foreign);
    const result = await library.importFile(foreign, neverAsked);
    expect(result).toMatchObject({ outcome: 'imported', workshop: { workshopId: id } });
    const kept = readFileSync(library.pathOf(id)).toString('latin1');
    for (const t of Object.values(tokens)) expect(kept).not.toContain(t);
    expect(library.facilitatorToken(id)).not.toBe(tokens.facilitator);
  });

  it('refuses a file written by a newer version of the app', async () => {
    const path = join(elsewhere, 'future.slcanvas');
    makeWorkshopFile(path);
    const db = new DatabaseSync(path);
    db.exec('PRAGMA user_version = 99');
    db.close();
    await expectRefused(path, /written by a newer version of the app/);
  });

  it('says so for a missing file or a folder', async () => {
    await expect(library.importFile(join(elsewhere, 'gone.slcanvas'), neverAsked)).rejects.toThrow(/There is no file there/);
    mkdirSync(join(elsewhere, 'folder.slcanvas'));
    await expect(library.importFile(join(elsewhere, 'folder.slcanvas'), neverAsked)).rejects.toThrow(/It is a folder, not a file/);
  });

  it('keeps recent changes a file holds in its side file when it was copied from a running app', async () => {
    const path = join(elsewhere, 'live.slcanvas');
    const { id } = makeWorkshopFile(path, { notes: ['first'] });
    // Hold the file open with uncheckpointed changes, as the relay would, and copy both files.
    const live = WorkshopFile.open(path);
    addNotes(path, 'in the side file');
    const copy = join(elsewhere, 'copied.slcanvas');
    copyFileSync(path, copy);
    if (existsSync(path + '-wal')) copyFileSync(path + '-wal', copy + '-wal');
    live.close();
    await library.importFile(copy, neverAsked);
    expect(readNotes(library.pathOf(id))).toEqual(['first', 'in the side file']);
  });
});

describe('opening a workshop this computer already has', () => {
  it('opens the one here without asking when the file holds nothing new', async () => {
    const { id, emailed } = emailedWorkshop();
    await library.importFile(emailed, neverAsked);
    addNotes(library.pathOf(id), 'added here later');
    const before = stateBefore(emailed);
    const result = await library.importFile(emailed, neverAsked);
    expect(result).toMatchObject({ outcome: 'existing', workshop: { workshopId: id } });
    expect(readNotes(library.pathOf(id))).toEqual(['Care homes', 'Ward managers', 'added here later']);
    expect(readFileSync(emailed)).toEqual(before.source);
    expect(readdirSync(library.dataDir).filter((n) => n.endsWith('.slcanvas'))).toEqual([`${id}.slcanvas`]);
  });

  describe('when the file holds a different version', () => {
    let id: string;
    let emailed: string;
    let asked: ImportConflict[];
    beforeEach(async () => {
      const w = emailedWorkshop();
      id = w.id;
      emailed = w.emailed;
      await library.importFile(emailed, neverAsked);
      addNotes(library.pathOf(id), 'added here');
      // Meanwhile the other computer carried on and emailed a newer file.
      addNotes(w.original, 'added there');
      const f = WorkshopFile.open(w.original);
      writeWorkshopContent(join(elsewhere, 'newer.slcanvas'), f.content());
      f.close();
      emailed = join(elsewhere, 'newer.slcanvas');
      asked = [];
    });
    const answer = (choice: ConflictChoice) => async (c: ImportConflict) => {
      asked.push(c);
      return choice;
    };

    it('asks, and Cancel changes nothing', async () => {
      const before = stateBefore(emailed);
      expect(await library.importFile(emailed, answer('cancel'))).toEqual({ outcome: 'cancelled' });
      expect(asked).toEqual([
        {
          fileName: 'newer.slcanvas',
          incoming: { workshopId: id, title: 'Discharge to assess', updatedAt: expect.any(Number) },
          existing: { workshopId: id, title: 'Discharge to assess', updatedAt: expect.any(Number) },
        },
      ]);
      expectUnchanged(before, emailed);
    });

    it('"open the one here" leaves the workshop here as it was', async () => {
      const result = await library.importFile(emailed, answer('open-existing'));
      expect(result).toMatchObject({ outcome: 'existing', workshop: { workshopId: id } });
      expect(readNotes(library.pathOf(id))).toEqual(['Care homes', 'Ward managers', 'added here']);
    });

    it('"keep both" adds the file as a separate workshop with its own id and join links', async () => {
      const result = await library.importFile(emailed, answer('keep-both'));
      if (result.outcome !== 'copy') throw new Error(`expected a copy, got ${result.outcome}`);
      const copyId = result.workshop.workshopId;
      expect(copyId).not.toBe(id);
      expect(readNotes(library.pathOf(copyId))).toEqual(['Care homes', 'Ward managers', 'added there']);
      expect(readNotes(library.pathOf(id))).toEqual(['Care homes', 'Ward managers', 'added here']);
      const copyMeta = readMetaOf(library.pathOf(copyId));
      const originalMeta = readMetaOf(library.pathOf(id));
      expect(copyMeta.id).toBe(copyId);
      expect(copyMeta.tokens.facilitator).not.toBe(originalMeta.tokens.facilitator);
      expect(copyMeta.tokens.participant).not.toBe(originalMeta.tokens.participant);
      expect(readMetaOf(emailed).id).toBe(id);
    });
  });

  it('offers to keep both when the copy here cannot be read, and never replaces it', async () => {
    const { id, emailed } = emailedWorkshop();
    writeFileSync(library.pathOf(id), 'damaged');
    const asked: ImportConflict[] = [];
    const result = await library.importFile(emailed, async (c) => (asked.push(c), 'keep-both'));
    expect(asked[0]!.existing).toBeNull();
    expect(result.outcome).toBe('copy');
    expect(readFileSync(library.pathOf(id), 'utf8')).toBe('damaged');
  });
});

describe('saving a copy (Save as…)', () => {
  let id: string;
  beforeEach(async () => {
    const w = emailedWorkshop();
    id = w.id;
    await library.importFile(w.emailed, neverAsked);
  });

  it('writes a self-contained file that opens with everything on a fresh computer', async () => {
    const dest = join(elsewhere, 'to-send.slcanvas');
    expect(library.exportTo(id, dest)).toBe(dest);
    expect(readdirSync(elsewhere).filter((n) => n.startsWith('to-send'))).toEqual(['to-send.slcanvas']);
    const fresh = new WorkshopLibrary(join(tempDir(), 'workshops'), join(tempDir(), 'staging'));
    const result = await fresh.importFile(dest, neverAsked);
    expect(result).toMatchObject({ outcome: 'imported', workshop: { workshopId: id } });
    expect(readNotes(fresh.pathOf(id))).toEqual(['Care homes', 'Ward managers']);
    expect(peekWorkshop(dest)).toEqual({ workshopId: id, updatedAt: expect.any(Number) });
  });

  it('includes edits the relay has just saved while it holds the file open', () => {
    const relayHandle = WorkshopFile.open(library.pathOf(id));
    addNotes(library.pathOf(id), 'just now');
    const dest = library.exportTo(id, join(elsewhere, 'live.slcanvas'));
    relayHandle.close();
    expect(readNotes(dest)).toEqual(['Care homes', 'Ward managers', 'just now']);
  });

  it('replaces a file already there (the save dialog asked) and adds the extension when there is none', () => {
    const dest = join(elsewhere, 'plan.slcanvas');
    writeFileSync(dest, 'old');
    library.exportTo(id, dest);
    expect(peekWorkshop(dest)?.workshopId).toBe(id);
    expect(library.exportTo(id, join(elsewhere, 'no-extension'))).toBe(join(elsewhere, 'no-extension.slcanvas'));
    expect(() => library.exportTo(id, join(elsewhere, 'no-extension'))).toThrow(/A file called “no-extension\.slcanvas” is already there/);
  });

  it('with onlyOverSameWorkshop (autosave), leaves alone a file holding something else', () => {
    const text = join(elsewhere, 'notes.slcanvas');
    writeFileSync(text, 'not mine');
    expect(() => library.exportTo(id, text, { onlyOverSameWorkshop: true })).toThrow(/now holds something else, so it was not overwritten/);
    expect(readFileSync(text, 'utf8')).toBe('not mine');
    const other = join(elsewhere, 'other.slcanvas');
    makeWorkshopFile(other, { notes: ['theirs'] });
    expect(() => library.exportTo(id, other, { onlyOverSameWorkshop: true })).toThrow(/not overwritten/);
    expect(readNotes(other)).toEqual(['theirs']);
    const mine = library.exportTo(id, join(elsewhere, 'mine.slcanvas'));
    addNotes(library.pathOf(id), 'more');
    library.exportTo(id, mine, { onlyOverSameWorkshop: true });
    expect(readNotes(mine)).toEqual(['Care homes', 'Ward managers', 'more']);
  });

  it('refuses the app’s own folder, a relative path, an unknown workshop and an unwritable place', () => {
    expect(() => library.exportTo(id, join(library.dataDir, 'x.slcanvas'))).toThrow(/inside the app's own workshops folder/);
    expect(() => library.exportTo(id, 'relative.slcanvas')).toThrow(/A full path is needed/);
    expect(() => library.exportTo('aaaaaaaaaaaaaaaaaaaa', join(elsewhere, 'x.slcanvas'))).toThrow(/not kept on this computer/);
    expect(() => library.exportTo('not an id', join(elsewhere, 'x.slcanvas'))).toThrow(WorkshopFileProblem);
    expect(() => library.exportTo(id, join(elsewhere, 'no-such-folder', 'x.slcanvas'))).toThrow(/could not be saved to “x\.slcanvas”/);
    expect(readdirSync(elsewhere).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });
});

describe('peekWorkshop', () => {
  it('names the workshop in a file, and null for anything else', () => {
    const path = join(elsewhere, 'w.slcanvas');
    const { id } = makeWorkshopFile(path);
    expect(peekWorkshop(path)?.workshopId).toBe(id);
    expect(peekWorkshop(join(elsewhere, 'missing.slcanvas'))).toBeNull();
    writeFileSync(join(elsewhere, 'text.slcanvas'), 'hello');
    expect(peekWorkshop(join(elsewhere, 'text.slcanvas'))).toBeNull();
    const foreign = join(elsewhere, 'foreign.db');
    const db = new DatabaseSync(foreign);
    db.exec(`PRAGMA application_id = ${WORKSHOP_FILE_APPLICATION_ID}; CREATE TABLE meta (key TEXT, value TEXT);`);
    db.close();
    expect(peekWorkshop(foreign)).toBeNull();
  });
});

describe('the library', () => {
  it('clears what an interrupted import left in its staging folder', () => {
    mkdirSync(join(library.stagingDir, 'import-left'), { recursive: true });
    writeFileSync(join(library.stagingDir, 'import-left', 'incoming.slcanvas'), 'x');
    const again = new WorkshopLibrary(library.dataDir, library.stagingDir);
    expect(readdirSync(again.stagingDir)).toEqual([]);
  });

  it('checks ids before making paths', () => {
    expect(() => library.pathOf('../escape')).toThrow(WorkshopFileProblem);
    expect(library.has('../escape')).toBe(false);
    expect(() => library.summary('aaaaaaaaaaaaaaaaaaaa')).toThrow(/not kept on this computer/);
  });
});

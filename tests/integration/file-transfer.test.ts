import { describe, it, expect, afterEach } from 'vitest';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { readFileSync } from 'node:fs';
import * as Y from 'yjs';
import { WorkshopFolder } from '../../server/workshop-folder';
import { exportWorkshopBytes, importWorkshopBytes } from '../../server/file-transfer';
import { WorkshopFileError } from '../../server/workshop-file';
import { frameworkIndex } from '../../shared/framework';
import { loadSample, cardsMap, itemsMap, readMeta } from '../../shared/doc';
import sample from '../../resources/sample-workshop.json';

const dirs: string[] = [];
function tempStore(): WorkshopFolder {
  const dir = mkdtempSync(join(tmpdir(), 'slc-ft-'));
  dirs.push(dir);
  return new WorkshopFolder(dir);
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function sampleWorkshop(store: WorkshopFolder): string {
  const { id } = store.create({ title: 'Riverside', footprint: 'Riverside place', academyId: 'yorkshire-and-the-humber', date: '2026-12-03' });
  const file = store.open(id);
  const doc = new Y.Doc();
  file.loadInto(doc);
  const before = Y.encodeStateVector(doc);
  loadSample(doc, sample, frameworkIndex, null, false);
  file.append([Y.encodeStateAsUpdate(doc, before)]);
  file.close();
  return id;
}

function loadDoc(store: WorkshopFolder, id: string): Y.Doc {
  const doc = new Y.Doc();
  const f = store.open(id);
  f.loadInto(doc);
  f.close();
  return doc;
}

describe('workshop files', () => {
  it('a downloaded file opens elsewhere with everything in it, under fresh links', async () => {
    const home = tempStore();
    const id = sampleWorkshop(home);
    const bytes = exportWorkshopBytes(home, id);
    const away = tempStore();
    const imported = await importWorkshopBytes(away, bytes);
    expect(imported.id).toBe(id);
    expect(imported.title).toBe('Riverside');
    const original = loadDoc(home, id);
    const copy = loadDoc(away, imported.id);
    expect(Y.encodeStateAsUpdate(copy)).toEqual(Y.encodeStateAsUpdate(original));
    expect(cardsMap(copy).size).toBe(30);
    expect(itemsMap(copy).size).toBe(8);
    expect(readMeta(copy).footprint).toBe('Riverside place');
    expect(imported.tokens.facilitator).not.toBe(home.access(id).tokens.facilitator);
    expect(away.access(imported.id).tokens).toEqual(imported.tokens);
  });

  it('importing a workshop that already exists makes a copy and leaves the original alone', async () => {
    const store = tempStore();
    const id = sampleWorkshop(store);
    const before = readFileSync(store.pathOf(id));
    const again = await importWorkshopBytes(store, exportWorkshopBytes(store, id));
    expect(again.id).not.toBe(id);
    expect(readFileSync(store.pathOf(id))).toEqual(before);
    expect(cardsMap(loadDoc(store, again.id)).size).toBe(30);
  });

  it('refuses corrupt, truncated, foreign and empty files with a clear error and writes nothing', async () => {
    const store = tempStore();
    const source = tempStore();
    const good = exportWorkshopBytes(source, sampleWorkshop(source));
    const foreignPath = join(mkdtempSync(join(tmpdir(), 'slc-foreign-')), 'other.db');
    dirs.push(join(foreignPath, '..'));
    const foreign = new DatabaseSync(foreignPath);
    foreign.exec("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('hello');");
    foreign.close();
    const garbled = Buffer.from(good);
    for (let i = 4096; i < garbled.length; i += 97) garbled[i] = garbled[i]! ^ 0xff;
    const cases: [string, Uint8Array, RegExp][] = [
      ['empty', new Uint8Array(), /empty/],
      ['not SQLite', Buffer.from('%PDF-1.7 this is a report, not a workshop'), /not a Systems Leadership Canvas workshop/],
      ['foreign SQLite', readFileSync(foreignPath), /not a Systems Leadership Canvas workshop/],
      ['truncated', good.subarray(0, Math.floor(good.length / 2)), /could not be read|damaged|malformed|not a database/i],
      ['garbled', garbled, /could not be read|damaged|malformed|not a database/i],
    ];
    for (const [name, bytes, message] of cases) {
      let error: unknown;
      try {
        await importWorkshopBytes(store, bytes);
      } catch (err) {
        error = err;
      }
      expect(error, name).toBeInstanceOf(WorkshopFileError);
      expect((error as Error).message, name).toMatch(message);
    }
    expect(readdirSync(store.dir)).toEqual([]);
  });
});

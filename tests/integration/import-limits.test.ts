// Imports are bounded: a file is read off the relay's thread, its schema must be exactly the
// app's (nothing declared in it may run: no generated column, view, trigger, index or extra
// table), and its rows, bytes and reading time are capped. A refused file gets a 400 with a
// sentence and makes no workshop; a legal but slow one imports while the rooms carry on.
import { describe, it, expect, afterAll } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import * as Y from 'yjs';
import { harnessPerTest, removeDir, waitFor, connectClient, sleep, type Harness } from '../support/relay-harness';
import { addCard, cardsMap, setCardText } from '../../shared/doc';
import { exportWorkshopBytes } from '../../server/file-transfer';
import { importRules } from '../../server/workshop-content';
import { readRowsOffThread } from '../../server/import-worker';

let h: Harness;
harnessPerTest(
  (fresh) => (h = fresh),
  () => h,
);
/** One scratch folder for the files this suite makes, each under a name of its own. */
const scratch = mkdtempSync(join(tmpdir(), 'slc-import-'));
afterAll(() => removeDir(scratch));
const scratchFile = (name: string) => join(scratch, `${name}-${Math.random().toString(36).slice(2)}.slcanvas`);

async function upload(bytes: Uint8Array): Promise<{ status: number; body: { id?: string; error?: string } }> {
  const res = await fetch(`${h.relay.url}/api/workshops/import`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', origin: h.relay.url },
    body: bytes,
  });
  return { status: res.status, body: (await res.json()) as { id?: string; error?: string } };
}

/** A clean download, changed by `sql` (run with the file's own SQLite, as an attacker would). */
function altered(sql: string): Buffer {
  const { id } = h.relay.store.create({ title: 'Clean', footprint: '', academyId: '', date: '' });
  const path = scratchFile('altered');
  writeFileSync(path, exportWorkshopBytes(h.relay.store, id));
  const db = new DatabaseSync(path);
  db.exec(sql);
  db.close();
  return readFileSync(path);
}

const workshopFiles = () => readdirSync(h.dataDir).filter((n) => n.endsWith('.slcanvas'));

/** The updates table again, its data column now computed: every read of a row makes 200 MB. */
const ZEROBLOB_COLUMN = `
  ALTER TABLE updates RENAME TO kept;
  CREATE TABLE updates (seq INTEGER PRIMARY KEY AUTOINCREMENT, raw BLOB, data BLOB GENERATED ALWAYS AS (zeroblob(200000000)) VIRTUAL, at INTEGER NOT NULL);
  INSERT INTO updates (raw, at) SELECT data, at FROM kept;
  INSERT INTO updates (raw, at) SELECT raw, at FROM updates; INSERT INTO updates (raw, at) SELECT raw, at FROM updates;
  INSERT INTO updates (raw, at) SELECT raw, at FROM updates; INSERT INTO updates (raw, at) SELECT raw, at FROM updates;
  DROP TABLE kept;
  VACUUM;
`;

describe('an import refuses anything but plain tables and rows', () => {
  it('a small file whose edits are a generated zeroblob column: refused at once, no memory taken, no workshop', async () => {
    const bytes = altered(ZEROBLOB_COLUMN);
    expect(bytes.length).toBeLessThan(64 * 1024);
    const before = workshopFiles();
    const rss = process.memoryUsage().rss;
    const started = Date.now();
    const refused = await upload(bytes);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatch(/not a plain workshop: its updates table has a generated or hidden column "data"/);
    expect(process.memoryUsage().rss - rss).toBeLessThan(300 * 1024 * 1024);
    expect(workshopFiles()).toEqual(before);
    expect(h.relay.store.list()).toHaveLength(1);
  });

  it.each([
    ['a trigger', 'CREATE TRIGGER t AFTER INSERT ON meta BEGIN DELETE FROM meta; END;', /holds a trigger "t"/],
    ['a view', 'CREATE VIEW v AS SELECT * FROM meta;', /holds a view "v"/],
    ['an extra table', "CREATE TABLE secrets (k TEXT); INSERT INTO secrets VALUES ('x');", /holds a table "secrets"/],
    ['an expression index', 'CREATE INDEX i ON updates (length(data));', /holds an index "i"/],
    [
      'a CHECK on its meta',
      'ALTER TABLE meta RENAME TO m0; CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL CHECK (length(value) < 1e9)) STRICT; INSERT INTO meta SELECT * FROM m0; DROP TABLE m0;',
      /its table meta is not declared as the app declares it/,
    ],
    [
      'an extra column with a default expression',
      "ALTER TABLE updates ADD COLUMN extra TEXT DEFAULT 'x';",
      /its table updates is not declared as the app declares it|columns of its updates table/,
    ],
  ])('a file with %s: refused with a sentence, and no workshop made', async (_what, sql, message) => {
    const before = workshopFiles();
    const refused = await upload(altered(sql));
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatch(message);
    // The one workshop is the clean one the file was made from.
    expect(workshopFiles()).toHaveLength(before.length + 1);
    expect(h.relay.store.list().map((w) => w.title)).toEqual(['Clean']);
  });

  it('more stored edits than a workshop ever needs: refused', async () => {
    const rows = importRules().maxUpdateRows + 1;
    const refused = await upload(
      altered(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${rows}) INSERT INTO updates (data, at) SELECT x'0000', 0 FROM n;`),
    );
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatch(/more than a workshop ever needs/);
    expect(h.relay.store.list()).toHaveLength(1);
  });

  it('a file that takes longer to read than allowed: the reader is stopped and the file refused', async () => {
    const path = scratchFile('slow');
    writeFileSync(path, altered(''));
    expect((await readRowsOffThread(path, importRules())).ok).toBe(true);
    expect(await readRowsOffThread(path, { ...importRules(), deadline: Date.now() })).toEqual({ ok: false, message: expect.stringMatching(/took too long/) });
  });
});

describe('a legal but slow import', () => {
  it('imports while a room on the host carries on: its edits arrive and the API answers within a bound', async () => {
    // A host's own file from a long workshop before compaction: one card, retyped 60,000 times.
    const source = new Y.Doc();
    const updates: Uint8Array[] = [];
    const card = addCard(source, { kind: 'people', text: 'Draft', domainId: 'innovation-and-improvement', position: { x: 0, y: 0 } });
    const first = Y.encodeStateAsUpdate(source);
    source.on('update', (u: Uint8Array) => updates.push(u));
    for (let i = 0; i < 60_000; i++) setCardText(source, card, `Draft ${i}`);
    const bytes = altered('SELECT 1');
    const path = scratchFile('long');
    writeFileSync(path, bytes);
    const db = new DatabaseSync(path);
    db.exec('BEGIN');
    const insert = db.prepare('INSERT INTO updates (data, at) VALUES (?, 0)');
    insert.run(first);
    for (const u of updates) insert.run(u);
    db.exec('COMMIT');
    db.close();

    const { id, tokens } = h.relay.store.create({ title: 'Live room', footprint: '', academyId: '', date: '' });
    const a = connectClient(h.wsUrl, id, tokens.participant);
    const b = connectClient(h.wsUrl, id, tokens.participant);
    await waitFor(() => a.synced && b.synced);

    let done = false;
    const importing = upload(readFileSync(path)).finally(() => (done = true));
    const waits: number[] = [];
    for (let i = 0; !done; i++) {
      const sent = Date.now();
      addCard(a.doc, { kind: 'people', text: `Live ${i}`, domainId: 'innovation-and-improvement', position: { x: 0, y: 0 } });
      await waitFor(() => [...cardsMap(b.doc).values()].some((c) => c.get('text')?.toString() === `Live ${i}`), 20_000, `live edit ${i}`);
      const health = await fetch(`${h.relay.url}/api/health`);
      expect(health.status).toBe(200);
      waits.push(Date.now() - sent);
      await sleep(20);
    }
    const imported = await importing;
    expect(imported.status).toBe(201);
    expect(waits.length).toBeGreaterThan(3);
    expect(Math.max(...waits)).toBeLessThan(750);
    const kept = h.relay.store.open(imported.body.id!);
    const doc = new Y.Doc();
    kept.loadInto(doc);
    kept.close();
    expect([...cardsMap(doc).values()].map((c) => c.get('text')?.toString())).toEqual(['Draft 59999']);
    a.destroy();
    b.destroy();
  }, 120_000);
});

describe('an import is held to the workshop schema, as every edit is', () => {
  /** A clean download with one more stored edit appended, made by `change` on a copy of the workshop. */
  function withEdit(change: (doc: Y.Doc) => void): Buffer {
    const { id } = h.relay.store.create({ title: 'Clean', footprint: '', academyId: '', date: '' });
    const path = scratchFile('edited');
    writeFileSync(path, exportWorkshopBytes(h.relay.store, id));
    const db = new DatabaseSync(path);
    const doc = new Y.Doc();
    for (const row of db.prepare('SELECT data FROM updates ORDER BY seq').all() as Array<{ data: Uint8Array }>) Y.applyUpdate(doc, row.data);
    const sv = Y.encodeStateVector(doc);
    change(doc);
    db.prepare('INSERT INTO updates (data, at) VALUES (?, ?)').run(Y.encodeStateAsUpdate(doc, sv), Date.now());
    db.close();
    return readFileSync(path);
  }

  it('refuses unknown fields, unknown top-level types, deep nesting and values of the wrong kind, and makes no workshop', async () => {
    const cases: Array<[string, (doc: Y.Doc) => void, RegExp]> = [
      [
        'an unknown card field',
        (d) =>
          cardsMap(d)
            .get(addCard(d, { kind: 'people', text: 'A', domainId: 'd', position: { x: 0, y: 0 } }))!
            .set('payload', 'x'),
        /no field|does not have/,
      ],
      ['a new top-level type', (d) => d.getMap('stowaway').set('x', 1), /no top-level “stowaway”/],
      [
        '12,000 nested maps under a card',
        (d) => {
          const card = addCard(d, { kind: 'people', text: 'A', domainId: 'd', position: { x: 0, y: 0 } });
          d.transact(() => {
            let m = cardsMap(d).get(card)!.set('hidden', new Y.Map<unknown>());
            for (let i = 0; i < 12_000; i++) m = m.set('n', new Y.Map<unknown>());
          });
        },
        /hidden/,
      ],
      [
        'a card text of 100 kB',
        (d) => setCardText(d, addCard(d, { kind: 'people', text: 'A', domainId: 'd', position: { x: 0, y: 0 } }), 'x'.repeat(100_000)),
        /text/,
      ],
    ];
    const files = cases.map(([what, change, reason]) => [what, withEdit(change), reason] as const);
    const before = workshopFiles().length;
    for (const [what, file, reason] of files) {
      const { status, body } = await upload(file);
      expect(status, what).toBe(400);
      expect(body.error, what).toMatch(/does not hold a valid workshop/);
      expect(body.error, what).toMatch(reason);
    }
    expect(workshopFiles().length).toBe(before);
  });
});

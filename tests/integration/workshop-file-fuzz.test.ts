// A seeded run of 200 mutated workshop files uploaded to a real relay: truncations, bit flips,
// swapped and zeroed pages, swapped tables, huge blobs, wrong column types, damaged edits,
// lying metadata. Each gets a clear refusal (400 with a sentence) or imports cleanly into a
// file that opens; the host stays up and a room already in use carries on untouched.
import { describe, it, expect, afterAll, beforeAll } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import * as Y from 'yjs';
import { startHarness, removeDir, waitFor, connectClient, type Harness } from '../support/relay-harness';
import { prng } from '../support/prng';
import { frameworkIndex } from '../../shared/framework';
import { loadSample, addCard, cardsMap } from '../../shared/doc';
import { exportWorkshopBytes } from '../../server/file-transfer';
import { TEMP_SUFFIX } from '../../server/workshop-content';
import sample from '../../resources/sample-workshop.json';

const SEED = 0x51ca;
const CASES = 200;

let h: Harness;
let scratch: string;
beforeAll(async () => {
  h = await startHarness(process.env.FUZZ_TRACE ? { log: (l) => console.log('relay:', l.slice(0, 300)) } : {});
  scratch = mkdtempSync(join(tmpdir(), 'slc-fuzz-'));
});
afterAll(async () => {
  await h.stop();
  removeDir(h.dataDir);
  removeDir(scratch);
});

/** Two starting points: a content-only download (one stored edit) and a host's own file (many edits, links, WAL mode). */
function bases(): Buffer[] {
  const { id } = h.relay.store.create({ title: 'Fuzz base', footprint: '', academyId: '', date: '' });
  const file = h.relay.store.open(id);
  const doc = new Y.Doc();
  file.loadInto(doc);
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  loadSample(doc, sample, frameworkIndex, null, false);
  for (let i = 0; i < 20; i++) addCard(doc, { kind: 'people', text: `Card ${i}`, domainId: 'innovation-and-improvement', position: { x: i, y: i } });
  file.append(updates);
  file.close();
  const own = readFileSync(h.relay.store.pathOf(id));
  return [exportWorkshopBytes(h.relay.store, id), own];
}

type Mutation = (bytes: Buffer, rnd: () => number) => Buffer;
const int = (rnd: () => number, n: number) => Math.floor(rnd() * n);

/** Runs SQL on a copy of the bytes (for structural damage no byte flip would reach). */
function viaSql(bytes: Buffer, sql: string, blobs: Uint8Array[] = []): Buffer {
  const path = join(scratch, `m-${Math.random().toString(36).slice(2)}.db`);
  writeFileSync(path, bytes);
  try {
    const db = new DatabaseSync(path);
    // One transaction: thousands of separately synced inserts would take seconds each case.
    db.exec('PRAGMA journal_mode = DELETE; PRAGMA synchronous = OFF; BEGIN');
    if (blobs.length) {
      const ins = db.prepare('INSERT INTO updates (data, at) VALUES (?, 0)');
      for (const b of blobs) ins.run(b);
    }
    db.exec('COMMIT');
    if (sql) db.exec(sql);
    db.close();
    return readFileSync(path);
  } catch {
    // The SQL did not apply to this variant: the untouched bytes are still a valid case.
    return bytes;
  } finally {
    rmSync(path, { force: true });
    rmSync(path + '-journal', { force: true });
  }
}

function randomBytes(rnd: () => number, n: number): Uint8Array {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = int(rnd, 256);
  return b;
}

const pageSize = (b: Buffer) => (b.length >= 18 ? b.readUInt16BE(16) || 65536 : 4096);

const mutations: Record<string, Mutation> = {
  truncate: (b, rnd) => b.subarray(0, int(rnd, b.length)),
  bitFlips: (b, rnd) => {
    const out = Buffer.from(b);
    for (let i = 0, n = 1 + int(rnd, 32); i < n; i++) out[int(rnd, out.length)]! ^= 1 << int(rnd, 8);
    return out;
  },
  headerFlips: (b, rnd) => {
    const out = Buffer.from(b);
    for (let i = 0, n = 1 + int(rnd, 4); i < n; i++) out[16 + int(rnd, 84)]! ^= 1 << int(rnd, 8);
    return out;
  },
  swapPages: (b, rnd) => {
    const size = pageSize(b);
    const pages = Math.floor(b.length / size);
    if (pages < 2) return b;
    const out = Buffer.from(b);
    const [x, y] = [int(rnd, pages), int(rnd, pages)];
    b.copy(out, x * size, y * size, (y + 1) * size);
    b.copy(out, y * size, x * size, (x + 1) * size);
    return out;
  },
  zeroPage: (b, rnd) => {
    const size = pageSize(b);
    const out = Buffer.from(b);
    const p = 1 + int(rnd, Math.max(1, Math.floor(b.length / size) - 1));
    out.fill(0, p * size, (p + 1) * size);
    return out;
  },
  appendGarbage: (b, rnd) => Buffer.concat([b, Buffer.from(randomBytes(rnd, 1 + int(rnd, 9000)))]),
  swapTables: (b) => viaSql(b, 'ALTER TABLE meta RENAME TO t_meta; ALTER TABLE updates RENAME TO meta; ALTER TABLE t_meta RENAME TO updates;'),
  dropUpdates: (b) => viaSql(b, 'DROP TABLE updates;'),
  hugeBlob: (b, rnd) => viaSql(b, '', [randomBytes(rnd, (1 + int(rnd, 8)) * 1024 * 1024)]),
  garbageEdits: (b, rnd) =>
    viaSql(
      b,
      '',
      Array.from({ length: 1 + int(rnd, 5) }, () => randomBytes(rnd, 1 + int(rnd, 400))),
    ),
  damagedEdit: (b, rnd) => {
    const path = join(scratch, `d-${Math.random().toString(36).slice(2)}.db`);
    writeFileSync(path, b);
    try {
      const file = new DatabaseSync(path);
      const rows = file.prepare('SELECT seq, data FROM updates').all() as { seq: number; data: Uint8Array }[];
      const row = rows[int(rnd, rows.length)];
      if (row) {
        const data = Buffer.from(row.data);
        for (let i = 0, n = 1 + int(rnd, 6); i < n; i++) data[int(rnd, data.length)]! ^= 1 << int(rnd, 8);
        file.prepare('UPDATE updates SET data = ? WHERE seq = ?').run(data, row.seq);
      }
      file.exec('PRAGMA journal_mode = DELETE');
      file.close();
      return readFileSync(path);
    } finally {
      rmSync(path, { force: true });
    }
  },
  wrongTypes: (b) =>
    viaSql(
      b,
      `DROP TABLE updates; CREATE TABLE updates (seq INTEGER PRIMARY KEY, data, at);
       INSERT INTO updates (data, at) VALUES ('text, not an edit', 1), (42, 2), (NULL, 3), (x'00', 4);`,
    ),
  lyingMeta: (b, rnd) =>
    viaSql(
      b,
      [
        "UPDATE meta SET value = '../../etc/passwd' WHERE key = 'id';",
        "DELETE FROM meta WHERE key = 'id';",
        `INSERT OR REPLACE INTO meta (key, value) VALUES ('title', '${'x'.repeat(200_000)}');`,
        "INSERT OR REPLACE INTO meta (key, value) VALUES ('updatedAt', 'yesterday');",
        `DROP TABLE meta; CREATE TABLE meta (key, value); INSERT INTO meta VALUES (1, x'00'), ('id', 7);`,
      ][int(rnd, 5)]!,
    ),
  newerFormat: (b, rnd) => viaSql(b, int(rnd, 2) ? 'PRAGMA user_version = 99;' : 'PRAGMA application_id = 12345;'),
  manyRows: (b, rnd) =>
    viaSql(
      b,
      '',
      Array.from({ length: 2000 + int(rnd, 3000) }, () => randomBytes(rnd, 2)),
    ),
  notAWorkshop: (_b, rnd) => Buffer.from(randomBytes(rnd, int(rnd, 5000))),
};

describe('a seeded run of mutated workshop files', () => {
  it(`gives each of ${CASES} a clear refusal or a clean import, and the host stays up`, async () => {
    const [download, own] = bases();
    // A room in use throughout: it must be untouched by everything below.
    const { id: liveId, tokens } = h.relay.store.create({ title: 'Live room', footprint: '', academyId: '', date: '' });
    const a = connectClient(h.wsUrl, liveId, tokens.participant);
    const b = connectClient(h.wsUrl, liveId, tokens.participant);
    await waitFor(() => a.synced && b.synced);

    const rnd = prng(SEED);
    const names = Object.keys(mutations);
    const outcomes: Record<string, { imported: number; refused: number }> = {};
    let imported = 0;
    for (let i = 0; i < CASES; i++) {
      const name = names[i % names.length]!;
      const base = rnd() < 0.5 ? download! : own!;
      const bytes = mutations[name]!(base, rnd);
      if (process.env.FUZZ_TRACE) console.log(`case ${i} ${name} ${bytes.length}`);
      const res = await fetch(`${h.relay.url}/api/workshops/import`, {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream', origin: h.relay.url },
        body: bytes,
      });
      const body = (await res.json()) as { id?: string; error?: string };
      const o = (outcomes[name] ??= { imported: 0, refused: 0 });
      if (res.status === 201) {
        o.imported++;
        imported++;
        // A clean import opens like any workshop.
        const file = h.relay.store.open(body.id!);
        const doc = new Y.Doc();
        file.loadInto(doc);
        file.close();
        doc.destroy();
      } else {
        expect(res.status, `case ${i} (${name}): ${JSON.stringify(body)}`).toBe(400);
        expect(body.error, `case ${i} (${name})`).toMatch(/^\S.{8,}/);
        expect(body.error!.length).toBeLessThan(600);
        o.refused++;
      }
      if (i % 25 === 0) {
        // Meanwhile the live room carries on.
        addCard(a.doc, { kind: 'people', text: `Live ${i}`, domainId: 'innovation-and-improvement', position: { x: 0, y: 0 } });
        await waitFor(() => [...cardsMap(b.doc).values()].some((c) => c.get('text')?.toString() === `Live ${i}`), 10_000, `live edit ${i}`);
      }
    }
    console.log('mutated files:', JSON.stringify(outcomes));
    expect((await fetch(`${h.relay.url}/api/health`)).status).toBe(200);
    // Every mutation kind was exercised, and both outcomes happened.
    expect(Object.keys(outcomes)).toHaveLength(names.length);
    expect(imported).toBeGreaterThan(0);
    expect(imported).toBeLessThan(CASES);
    // Nothing half-written was left in the data folder: two bases, the live room, the imports.
    const files = readdirSync(h.dataDir);
    expect(files.filter((f) => f.endsWith(TEMP_SUFFIX))).toEqual([]);
    expect(files.filter((f) => f.endsWith('.slcanvas'))).toHaveLength(2 + imported);
    a.destroy();
    b.destroy();
  }, 240_000);
});

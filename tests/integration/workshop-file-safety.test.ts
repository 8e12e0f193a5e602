// What leaves the host and what comes in, with a real relay, real files and stock clients: a
// participant's download holds content only; a file with foreign links opens as plain content
// under new links; a hostile one (trigger, view, extra table) is refused, and nothing in it runs.
import { describe, it, expect, afterEach } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { startHarness, removeDir, waitFor, connectClient, rawSession, type Harness } from '../support/relay-harness';
import { RawClient, message, updateMessage } from '../support/raw-client';
import { CloseCode, MessageType } from '../../shared/protocol';
import { addCard, cardsMap } from '../../shared/doc';
import { frameworkIndex } from '../../shared/framework';
import { loadSample } from '../../shared/doc';
import { tokenHash } from '../../server/tokens';
import { contentKey } from '../../server/history-content';
import { WorkshopLibrary } from '../../electron/workshop-files';
import { TEMP_SUFFIX } from '../../server/workshop-content';
import sample from '../../resources/sample-workshop.json';

const harnesses: Harness[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0)) {
    await h.stop();
    removeDir(h.dataDir);
  }
  for (const d of dirs.splice(0)) removeDir(d);
});

async function start(): Promise<Harness> {
  const h = await startHarness();
  harnesses.push(h);
  return h;
}

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'slc-safety-'));
  dirs.push(d);
  return d;
}

async function download(h: Harness, id: string, token: string): Promise<{ status: number; bytes: Buffer }> {
  const res = await fetch(`${h.relay.url}/api/workshops/${id}/file`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()) };
}

async function upload(h: Harness, bytes: Uint8Array): Promise<{ status: number; body: { id?: string; error?: string; tokens?: Record<string, string> } }> {
  const res = await fetch(`${h.relay.url}/api/workshops/import`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', origin: h.relay.url },
    body: bytes,
  });
  return { status: res.status, body: (await res.json()) as { id?: string; error?: string } };
}

const control = (c: RawClient, cmd: Record<string, unknown>) => c.send(message(MessageType.control, (e) => encoding.writeVarString(e, JSON.stringify(cmd))));

function schemaOf(path: string): { objects: string[]; metaKeys: string[] } {
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    const objects = (db.prepare("SELECT type || ' ' || name AS o FROM sqlite_master ORDER BY o").all() as { o: string }[]).map((r) => r.o);
    const metaKeys = (db.prepare('SELECT key FROM meta ORDER BY key').all() as { key: string }[]).map((r) => r.key);
    return { objects, metaKeys };
  } finally {
    db.close();
  }
}

/** A workshop file as another host would have it, with hostile extras written into it. */
function hostileFile(dir: string, bytes: Buffer, extras: string): string {
  const path = join(dir, `hostile-${Math.random().toString(36).slice(2)}.slcanvas`);
  writeFileSync(path, bytes);
  const db = new DatabaseSync(path);
  db.exec(extras);
  db.close();
  return path;
}

/** What SQLite would run or a careless reader would copy: refused (see import-limits.test.ts for each kind alone). */
const HOSTILE_EXTRAS = `
  CREATE TABLE pwned (at TEXT);
  CREATE TABLE secrets (k TEXT, v TEXT);
  INSERT INTO secrets VALUES ('note', 'not ours');
  CREATE TRIGGER on_meta_insert AFTER INSERT ON meta BEGIN INSERT INTO pwned VALUES ('meta insert'); END;
  CREATE TRIGGER on_meta_update AFTER UPDATE ON meta BEGIN INSERT INTO pwned VALUES ('meta update'); END;
  CREATE TRIGGER on_updates_insert AFTER INSERT ON updates BEGIN INSERT INTO pwned VALUES ('updates insert'); END;
  CREATE TRIGGER on_updates_delete AFTER DELETE ON updates BEGIN INSERT INTO pwned VALUES ('updates delete'); END;
  CREATE VIEW everything AS SELECT * FROM meta;
  DELETE FROM pwned;
`;

/** Rows of the plain format that must not come through: another host's links and a secret voter. */
const FOREIGN_ROWS = `
  INSERT INTO meta (key, value) VALUES ('tokens', '{"facilitator":"FOREIGNFACILITATORTOKEN","participant":"FOREIGNPARTICIPANT","viewer":"FOREIGNVIEWER"}')
    ON CONFLICT(key) DO UPDATE SET value = excluded.value;
  INSERT INTO meta (key, value) VALUES ('control', '{"vote":{"names":{"v1":"Secret Voter"}}}') ON CONFLICT(key) DO UPDATE SET value = excluded.value;
`;

describe('nothing secret leaves the host', () => {
  it("a participant's download holds no link of the workshop, no withdrawn link, and no voter of an anonymous vote", async () => {
    const h = await start();
    const { id, tokens: first } = h.relay.store.create({ title: 'Secrets', footprint: '', academyId: '', date: '' });
    // One withdrawn link, so there is a withdrawn-token hash on the host.
    const rotated = await fetch(`${h.relay.url}/api/workshops/${id}/rotate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${first.facilitator}`, origin: h.relay.url, 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'viewer' }),
    });
    expect(rotated.status).toBe(200);
    const tokens = h.relay.store.access(id).tokens;

    const fac = await RawClient.connect(`${h.wsUrl}/${id}?token=${tokens.facilitator}&ext=1&voter=facilitatorv1&name=Hannah`);
    const grace = await RawClient.connect(`${h.wsUrl}/${id}?token=${tokens.participant}&ext=1&voter=gracevoter01&name=${encodeURIComponent('Grace Okafor')}`);
    const doc = new Y.Doc();
    const cardId = addCard(doc, { kind: 'priority', text: 'Reduce delays', domainId: 'innovation-and-improvement', position: { x: 0, y: 0 } });
    fac.send(updateMessage(Y.encodeStateAsUpdate(doc)));
    await waitFor(() => cardsMap(h.relay.rooms.get(id)!.doc).has(cardId));
    control(fac, { type: 'vote.start', targets: 'cards', dotsPerPerson: 2, anonymous: true });
    await waitFor(() => h.relay.rooms.get(id)!.control.stateFor(null).vote !== null, 5000, 'the vote to open');
    control(grace, { type: 'vote.place', target: cardId });
    await waitFor(() => h.relay.rooms.get(id)!.control.stateFor(null).vote?.dotsPlaced === 1, 5000, 'a dot');

    const got = await download(h, id, tokens.participant);
    expect(got.status).toBe(200);
    const text = got.bytes.toString('latin1');
    expect(text).toContain('Reduce delays');
    for (const secret of [...Object.values(tokens), ...Object.values(first), tokenHash(first.viewer), 'Grace', 'gracevoter01', 'facilitatorv1']) {
      expect(text).not.toContain(secret);
    }
    const saved = join(tempDir(), 'downloaded.slcanvas');
    writeFileSync(saved, got.bytes);
    expect(schemaOf(saved).metaKeys).toEqual(['createdAt', 'id', 'title', 'updatedAt']);

    // Viewers and strangers get nothing.
    expect((await download(h, id, tokens.viewer)).status).toBe(403);
    expect((await download(h, id, first.viewer)).status).toBe(403);
    for (const c of [fac, grace]) await c.close();
  });
});

describe('files are data', () => {
  it('an import interrupted by a crash leaves nothing once the host starts again', async () => {
    const dir = tempDir();
    // What writeWorkshopContent leaves if the power goes between writing and linking into place.
    const leftover = join(dir, `.abcdefghijklmnopqrst.slcanvas.0123456789ab${TEMP_SUFFIX}`);
    writeFileSync(leftover, 'half a file');
    const h = await startHarness({}, dir);
    harnesses.push(h);
    expect(readdirSync(dir).filter((n) => n.endsWith(TEMP_SUFFIX))).toEqual([]);
    expect(h.relay.store.list()).toEqual([]);
  });

  it("a file with another host's links and voters in its metadata opens as plain content under new links", async () => {
    const h = await start();
    const { id, tokens } = h.relay.store.create({ title: 'Original', footprint: '', academyId: '', date: '' });
    const writer = connectClient(h.wsUrl, id, tokens.facilitator);
    await waitFor(() => writer.synced);
    loadSample(writer.doc, sample, frameworkIndex, null, false);
    await h.relay.rooms.get(id)!.save();
    const original = contentKey(writer.doc);
    writer.destroy();
    const clean = (await download(h, id, tokens.facilitator)).bytes;

    const other = await start();
    const path = hostileFile(tempDir(), clean, FOREIGN_ROWS);
    const before = readFileSync(path);
    const imported = await upload(other, readFileSync(path));
    expect(imported.status).toBe(201);
    const newId = imported.body.id!;
    const fresh = imported.body.tokens!;
    expect(Object.values(fresh)).not.toContain('FOREIGNFACILITATORTOKEN');

    // The kept file is ours: our tables only, our metadata only.
    const kept = join(other.dataDir, `${newId}.slcanvas`);
    const schema = schemaOf(kept);
    expect(schema.objects.filter((o) => !o.includes('sqlite_'))).toEqual(['table meta', 'table updates']);
    expect(schema.metaKeys).toEqual(['createdAt', 'id', 'revoked', 'title', 'tokens', 'updatedAt']);
    expect(readFileSync(kept).toString('latin1')).not.toContain('Secret Voter');

    // The foreign links open nothing; the new ones open the content, and edits save as usual.
    expect((await rawSession(`${other.wsUrl}/${newId}?token=FOREIGNFACILITATORTOKEN`)).code).toBe(CloseCode.badToken);
    const reader = connectClient(other.wsUrl, newId, fresh.facilitator!);
    await waitFor(() => reader.synced);
    expect(contentKey(reader.doc)).toBe(original);
    addCard(reader.doc, { kind: 'people', text: 'After import', domainId: 'innovation-and-improvement', position: { x: 0, y: 0 } });
    await waitFor(() => [...cardsMap(other.relay.rooms.get(newId)!.doc).values()].some((c) => c.get('text')?.toString() === 'After import'));
    await other.relay.rooms.get(newId)!.save();
    reader.destroy();

    // Reading changed nothing in the source.
    expect(readFileSync(path)).toEqual(before);

    // The desktop's Open reads the same file the same way.
    const library = new WorkshopLibrary(join(tempDir(), 'workshops'), join(tempDir(), 'staging'));
    const opened = await library.importFile(path, async () => 'cancel');
    expect(opened.outcome).toBe('imported');
    const desk = schemaOf(library.pathOf(id));
    expect(desk.objects.filter((o) => !o.includes('sqlite_'))).toEqual(['table meta', 'table updates']);
    expect(library.facilitatorToken(id)).not.toBe('FOREIGNFACILITATORTOKEN');
    expect(readFileSync(path)).toEqual(before);
  });

  it('a file with triggers, a view and extra tables is refused with a message: nothing in it runs, no workshop is made, and the desktop refuses it too', async () => {
    const h = await start();
    const { id, tokens } = h.relay.store.create({ title: 'Original', footprint: '', academyId: '', date: '' });
    const clean = (await download(h, id, tokens.facilitator)).bytes;
    const path = hostileFile(tempDir(), clean, FOREIGN_ROWS + HOSTILE_EXTRAS);
    const before = readFileSync(path);

    const refused = await upload(h, before);
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatch(/^The file is not a plain workshop: it holds a (table|trigger|view) "/);
    expect(readdirSync(h.dataDir).filter((n) => n.endsWith('.slcanvas'))).toEqual([`${id}.slcanvas`]);

    // The triggers never ran: the source is byte for byte as it was, its pwned table still empty.
    expect(readFileSync(path)).toEqual(before);
    const src = new DatabaseSync(path, { readOnly: true });
    expect((src.prepare('SELECT count(*) AS n FROM pwned').get() as { n: number }).n).toBe(0);
    src.close();

    // The desktop's Open reads the same file the same way.
    const library = new WorkshopLibrary(join(tempDir(), 'workshops'), join(tempDir(), 'staging'));
    await expect(library.importFile(path, async () => 'cancel')).rejects.toThrow(/not a plain workshop/);
    expect(readFileSync(path)).toEqual(before);
  });

  it('refuses, with a message, a file whose tables are views', async () => {
    const h = await start();
    const { id, tokens } = h.relay.store.create({ title: 'Views', footprint: '', academyId: '', date: '' });
    const clean = (await download(h, id, tokens.facilitator)).bytes;
    const path = hostileFile(
      tempDir(),
      clean,
      `CREATE TABLE pwned (at TEXT);
       ALTER TABLE meta RENAME TO real_meta;
       CREATE VIEW meta AS SELECT key, value FROM real_meta;`,
    );
    const refused = await upload(h, readFileSync(path));
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatch(/its meta is a view, not a table/);
    expect(readdirSync(h.dataDir).filter((n) => n.endsWith('.slcanvas'))).toEqual([`${id}.slcanvas`]);
  });
});

// The relay's save worker commits on a worker thread; where that is impossible the same writer
// runs on the main thread. Either way a resolved write is on disk.
import { describe, it, expect, afterEach } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { SaveWorker } from '../../server/save-worker';
import { WorkshopFile } from '../../server/workshop-file';
import { startHarness, connectClient, waitFor, removeDir, type Harness } from '../support/relay-harness';
import { addCard, cardsMap } from '../../shared/doc';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) removeDir(d);
});

function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'slc-save-'));
  dirs.push(dir);
  const path = join(dir, 'w.slcanvas');
  WorkshopFile.create(path, { id: 'w', title: 'Saved' }).close();
  return path;
}

function read(path: string): { cards: string[]; rows: number; title: string } {
  const f = WorkshopFile.open(path);
  try {
    const doc = new Y.Doc();
    f.loadInto(doc);
    return { cards: [...cardsMap(doc).values()].map((c) => String(c.get('text'))), rows: f.pendingCompaction, title: f.meta().title };
  } finally {
    f.close();
  }
}

describe.each([
  ['on a worker thread', true],
  ['on the main thread', false],
])('save worker %s', (_name, threaded) => {
  it('appends, compacts and closes; every resolved write is in the file', async () => {
    const logs: string[] = [];
    const saver = new SaveWorker((l) => logs.push(l), threaded);
    const path = tempFile();
    const storage = saver.storageFor(path);
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    for (let i = 0; i < 5; i++) addCard(doc, { kind: 'people', text: `card ${i}`, domainId: 'individual-effectiveness', position: { x: i, y: 0 } });
    await Promise.all(updates.map((u, i) => storage.append(u, i === 4 ? 'Renamed' : undefined)));
    expect(read(path)).toEqual({ cards: ['card 0', 'card 1', 'card 2', 'card 3', 'card 4'], rows: 5, title: 'Renamed' });
    await storage.compact(Y.encodeStateAsUpdate(doc));
    await storage.close();
    expect(read(path).rows).toBe(1);
    expect(read(path).cards).toHaveLength(5);
    await expect(saver.storageFor(join(path, 'no-such-dir', 'x')).append(updates[0]!)).rejects.toThrow();
    await saver.stop();
    // It really ran where it was asked to (a broken worker would have fallen back silently).
    expect(saver.threaded).toBe(threaded);
    expect(logs).toEqual([]);
  });
});

describe('relay saving on the main thread', () => {
  let h: Harness;
  afterEach(async () => {
    await h.stop();
    removeDir(h.dataDir);
  });

  it('still saves, unloads and reloads rooms', async () => {
    h = await startHarness({ saveInWorker: false });
    const { id, tokens } = h.relay.store.create({ title: 'Inline', footprint: '', academyId: '', date: '' });
    const a = connectClient(h.wsUrl, id, tokens.participant);
    await waitFor(() => a.synced);
    addCard(a.doc, { kind: 'place', text: 'Vale hub', domainId: 'relationships-and-connectivity', position: { x: 0, y: 0 } });
    a.destroy();
    await waitFor(() => !h.relay.rooms.has(id), 5000, 'unloaded');
    const b = connectClient(h.wsUrl, id, tokens.viewer);
    await waitFor(() => b.synced);
    expect([...cardsMap(b.doc).values()].map((c) => c.get('text')?.toString())).toEqual(['Vale hub']);
    b.destroy();
  });
});

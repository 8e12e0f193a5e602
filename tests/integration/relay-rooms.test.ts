// A room's life in the relay: loaded when someone connects, saved and unloaded when the last
// person leaves, reloaded on demand; "saved" announced only for what is on disk, even when the
// disk fails; damaged files and failures inside one room never take the relay down; dead and
// stalled connections are dropped.
import { describe, it, expect, afterEach } from 'vitest';
import { existsSync, readdirSync, readlinkSync, writeFileSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import * as Y from 'yjs';
import { startHarness, connectClient, waitFor, sleep, rawSession, removeDir, trackSaved, type Harness, newPerson } from '../support/relay-harness';
import { RawClient, awarenessMessage, message } from '../support/raw-client';
import { CloseCode, MessageType } from '../../shared/protocol';
import { addCard, addPlanItem, cardsMap, itemsMap, itemText, itemTextFields, itemEvaluationTextFields, replaceItemText, setCardText } from '../../shared/doc';
import { WorkshopFile } from '../../server/workshop-file';
import type { RelayOptions } from '../../server/relay';

let h: Harness;
let logs: string[] = [];
async function start(options: Partial<RelayOptions> = {}, dataDir?: string): Promise<Harness> {
  logs = [];
  h = await startHarness({ log: (l) => logs.push(l), ...options }, dataDir);
  return h;
}
afterEach(async () => {
  await h.stop();
  removeDir(h.dataDir);
});

function create(title: string) {
  return h.relay.store.create({ title, footprint: '', academyId: '', date: '' });
}

/** Card texts in the workshop's file, read straight from disk. */
function textsOnDisk(id: string): string[] {
  const f = WorkshopFile.open(h.relay.store.pathOf(id));
  try {
    const doc = new Y.Doc();
    f.loadInto(doc);
    return [...cardsMap(doc).values()].map((c) => String(c.get('text'))).sort();
  } finally {
    f.close();
  }
}

/** File descriptors this process holds on a path (Linux; elsewhere the check is skipped). */
function openHandles(path: string): number {
  if (!existsSync('/proc/self/fd')) return 0;
  let n = 0;
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      if (readlinkSync(`/proc/self/fd/${fd}`) === path) n++;
    } catch {
      // closed while listing
    }
  }
  return n;
}

function card(doc: Y.Doc, text: string): string {
  return addCard(doc, { kind: 'people', text, domainId: 'individual-effectiveness', position: { x: 0, y: 0 } });
}

describe('rooms in memory', () => {
  it('are unloaded once saved when the last person leaves, and reloaded on demand', async () => {
    await start();
    const ws = [create('One'), create('Two'), create('Three')];
    expect(h.relay.rooms.size).toBe(0);
    const clients = ws.map((w) => [connectClient(h.wsUrl, w.id, w.tokens.participant), connectClient(h.wsUrl, w.id, w.tokens.participant)] as const);
    await waitFor(() => clients.every(([a, b]) => a.synced && b.synced), 5000, 'all synced');
    expect(h.relay.rooms.size).toBe(3);
    clients.forEach(([a], i) => card(a.doc, `room ${i}`));
    // The edit is made and the client leaves at once: unloading must save it first.
    const [a0, b0] = clients[0]!;
    a0.destroy();
    await sleep(100);
    expect(h.relay.rooms.has(ws[0]!.id), 'one person still there').toBe(true);
    b0.destroy();
    await waitFor(() => !h.relay.rooms.has(ws[0]!.id), 5000, 'room 0 unloaded');
    expect(h.relay.rooms.size).toBe(2);
    expect(textsOnDisk(ws[0]!.id)).toEqual(['room 0']);
    for (const [a, b] of clients.slice(1)) {
      a.destroy();
      b.destroy();
    }
    await waitFor(() => h.relay.rooms.size === 0, 5000, 'every room unloaded');
    expect(ws.map((w) => textsOnDisk(w.id))).toEqual([['room 0'], ['room 1'], ['room 2']]);

    const again = connectClient(h.wsUrl, ws[1]!.id, ws[1]!.tokens.viewer);
    await waitFor(() => again.synced, 5000, 'reloaded');
    expect(h.relay.rooms.size).toBe(1);
    expect([...cardsMap(again.doc).values()].map((c) => c.get('text')?.toString())).toEqual(['room 1']);
    again.destroy();
    await waitFor(() => h.relay.rooms.size === 0, 5000, 'unloaded again');
  });

  it('a client that reconnects before its old socket is gone keeps its presence', async () => {
    await start();
    const w = create('Presence');
    // The same person (the voter ticket the relay signed) on both sockets, as the app reconnects.
    const url = `${h.wsUrl}/${w.id}?token=${w.tokens.participant}&voter=${newPerson(h.dataDir)}`;
    const watcher = connectClient(h.wsUrl, w.id, w.tokens.participant);
    await waitFor(() => watcher.synced);
    const state = (clock: number) => awarenessMessage([{ clientID: 4242, clock, json: JSON.stringify({ user: { name: 'Roaming' } }) }]);
    const oldSocket = await RawClient.connect(url);
    oldSocket.send(state(1));
    await waitFor(() => watcher.awareness.getStates().has(4242), 5000, 'presence seen');
    const newSocket = await RawClient.connect(url);
    newSocket.send(state(2));
    await sleep(100);
    await oldSocket.close();
    await sleep(200);
    expect(watcher.awareness.getStates().has(4242), 'still present after the old socket closed').toBe(true);
    await newSocket.close();
    await waitFor(() => !watcher.awareness.getStates().has(4242), 5000, 'presence gone with the last socket');
    watcher.destroy();
  });
});

describe('saving', () => {
  it('announces "saved" only for what is on disk, and retries a failed write', async () => {
    await start();
    const w = create('Disk trouble');
    const doc = new Y.Doc();
    const a = connectClient(h.wsUrl, w.id, w.tokens.participant, doc, { ext: true });
    const saved = trackSaved(a);
    await waitFor(() => a.synced, 5000, 'synced');
    const id = card(doc, 'before');
    await waitFor(() => saved.clock() === Y.getState(doc.store, doc.clientID), 5000, 'first edit saved');

    const room = h.relay.rooms.get(w.id)!;
    const append = room.storage.append.bind(room.storage);
    let failing = true;
    let attempts = 0;
    room.storage.append = async (...args: Parameters<typeof append>) => {
      attempts++;
      if (failing) throw new Error('SQLITE_FULL: database or disk is full');
      return append(...args);
    };
    setCardText(doc, id, 'during the outage');
    const target = Y.getState(doc.store, doc.clientID);
    await waitFor(() => attempts >= 2, 5000, 'a retry');
    expect(saved.clock()).toBeLessThan(target);
    // Someone joining now is told what is really saved, not what is merely in memory.
    const late = connectClient(h.wsUrl, w.id, w.tokens.viewer, new Y.Doc(), { ext: true });
    const lateSaved = trackSaved(late);
    await waitFor(() => late.synced && lateSaved.vectors.length > 0, 5000, 'late joiner told what is saved');
    expect(lateSaved.vectors.at(-1)!.get(doc.clientID)).toBeLessThan(target);
    late.destroy();
    // Everyone leaves while the disk is still failing: the room stays in memory with the edit.
    a.destroy();
    await sleep(1500);
    expect(h.relay.rooms.get(w.id)).toBe(room);
    expect(textsOnDisk(w.id)).toEqual(['before']);
    failing = false;
    await waitFor(() => !h.relay.rooms.has(w.id), 5000, 'saved and unloaded once the disk recovers');
    expect(textsOnDisk(w.id)).toEqual(['during the outage']);
    expect(logs.some((l) => l.includes('SQLITE_FULL'))).toBe(true);
  });
});

describe('failures that stay inside one room', () => {
  it('a workshop file that is not a database: 4424 (damaged, do not retry) with a clear log line, and the relay carries on', async () => {
    await start();
    const good = create('Good');
    const bad = create('Bad');
    // Damaged while the relay runs (access data cached) and for a relay started afterwards.
    writeFileSync(h.relay.store.pathOf(bad.id), Buffer.from('this is not SQLite at all'.repeat(100)));
    for (const ext of [false, true]) {
      const s = await rawSession(`${h.wsUrl}/${bad.id}?token=${bad.tokens.participant}${ext ? '&ext=1' : ''}`, [], {}, 300);
      expect(s.code).toBe(CloseCode.damaged);
      expect(s.messages).toHaveLength(0);
    }
    expect(logs.join('\n')).toMatch(new RegExp(`${bad.id}.*could not (be read as a workshop|open)`));
    expect(h.relay.rooms.has(bad.id)).toBe(false);
    await h.stop();
    const dir = h.dataDir;
    await start({}, dir);
    expect((await rawSession(`${h.wsUrl}/${bad.id}?token=${bad.tokens.participant}`)).code).toBe(CloseCode.damaged);
    expect((await fetch(`${h.relay.url}/api/workshops`)).status).toBe(200);
    const c = connectClient(h.wsUrl, good.id, good.tokens.participant);
    await waitFor(() => c.synced, 5000, 'the good workshop still opens');
    c.destroy();
  });

  it('a damaged update inside a valid file: 4424, no file handle left open, and the relay carries on', async () => {
    await start();
    const good = create('Good');
    const bad = create('Damaged row');
    const db = new DatabaseSync(h.relay.store.pathOf(bad.id));
    db.prepare('INSERT INTO updates (data, at) VALUES (?, ?)').run(Uint8Array.of(0, 3, 1, 2, 250, 250, 250), Date.now());
    db.close();
    for (let i = 0; i < 3; i++) expect((await rawSession(`${h.wsUrl}/${bad.id}?token=${bad.tokens.participant}`)).code).toBe(CloseCode.damaged);
    expect(logs.join('\n')).toMatch(/Update 2 in .* is damaged/);
    expect(h.relay.rooms.has(bad.id)).toBe(false);
    expect(openHandles(h.relay.store.pathOf(bad.id)), 'file handles left open by failed opens').toBe(0);
    // The file can be repaired in place and opens at once.
    const repair = new DatabaseSync(h.relay.store.pathOf(bad.id));
    repair.exec('DELETE FROM updates WHERE seq = 2');
    repair.close();
    const c = connectClient(h.wsUrl, bad.id, bad.tokens.participant);
    const d = connectClient(h.wsUrl, good.id, good.tokens.participant);
    await waitFor(() => c.synced && d.synced, 5000, 'both open');
    c.destroy();
    d.destroy();
  });

  it('an unexpected error while handling a message closes that connection with 4500, nothing else', async () => {
    await start();
    const w = create('Bug');
    const other = create('Bystander');
    const a = connectClient(h.wsUrl, w.id, w.tokens.participant);
    const b = connectClient(h.wsUrl, other.id, other.tokens.participant);
    await waitFor(() => a.synced && b.synced);
    const room = h.relay.rooms.get(w.id)!;
    const receive = room.receive.bind(room);
    room.receive = () => {
      throw new TypeError('simulated bug in the relay');
    };
    const s = await rawSession(`${h.wsUrl}/${w.id}?token=${w.tokens.participant}`, [message(MessageType.queryAwareness)]);
    expect(s.code).toBe(CloseCode.serverError);
    room.receive = receive;
    // A failing compaction (after the edits are safely in the log) does not stop an unload either.
    room.storage.compact = () => Promise.reject(new Error('simulated compaction failure'));
    card(a.doc, 'kept');
    await sleep(50);
    a.destroy();
    await waitFor(() => !h.relay.rooms.has(w.id), 5000, 'unloaded despite the failing compaction');
    expect(textsOnDisk(w.id)).toEqual(['kept']);
    card(b.doc, 'bystander');
    await waitFor(() => cardsMap(h.relay.rooms.get(other.id)!.doc).size === 1, 5000, 'the other room works');
    expect(logs.join('\n')).toMatch(/simulated bug/);
    b.destroy();
  });
});

describe('dead and stalled connections', () => {
  it('a socket that stops answering pings is dropped and its room unloaded', async () => {
    await start({ heartbeatMs: 100 });
    const w = create('Heartbeat');
    const silent = await RawClient.connect(`${h.wsUrl}/${w.id}?token=${w.tokens.participant}`, { autoPong: false });
    silent.send(awarenessMessage([{ clientID: 77, clock: 1, json: '{"user":{"name":"Ghost"}}' }]));
    await waitFor(() => h.relay.rooms.get(w.id)?.awareness.getStates().has(77) === true, 2000, 'ghost present');
    await waitFor(() => silent.closeCode !== null, 3000, 'silent socket dropped');
    await waitFor(() => !h.relay.rooms.has(w.id), 3000, 'room unloaded');
    // A client that answers pings stays.
    const live = connectClient(h.wsUrl, w.id, w.tokens.participant);
    await waitFor(() => live.synced);
    await sleep(500);
    expect(live.wsconnected).toBe(true);
    live.destroy();
  });

  it('a client that stops reading is dropped once its queue passes the limit; the others carry on', async () => {
    // The writer floods on purpose: its own rate limits must not trip before the reader's queue does.
    await start({ maxBufferedBytes: 256 * 1024, messagesPerSecond: 10_000, messageBurst: 10_000, bytesPerSecond: 1 << 30, byteBurst: 1 << 30 });
    const w = create('Backpressure');
    const writer = connectClient(h.wsUrl, w.id, w.tokens.participant);
    const reader = connectClient(h.wsUrl, w.id, w.tokens.participant);
    await waitFor(() => writer.synced && reader.synced);
    const stalled = await RawClient.connect(`${h.wsUrl}/${w.id}?token=${w.tokens.participant}`);
    (stalled.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    // A plan item's long texts (a card holds only a few words): each rewrite about 45 kB.
    const id = addPlanItem(writer.doc, { interventionId: null, customTitle: 'start', domainId: 'individual-effectiveness', position: { x: 0, y: 0 } });
    const big = 'x'.repeat(9_000);
    for (let i = 0; i < 400 && stalled.closeCode === null; i++) {
      writer.doc.transact(() => {
        for (const field of [...itemTextFields, ...itemEvaluationTextFields]) replaceItemText(writer.doc, id, field, `${i} ${big}`);
      });
      if (i % 10 === 9) await sleep(5);
      if (i % 50 === 49) {
        // Let the stalled socket's close arrive (its reads are paused, so look at the relay side).
        if (h.relay.rooms.get(w.id)!.peers.size === 2) break;
      }
    }
    await waitFor(() => h.relay.rooms.get(w.id)!.peers.size === 2, 10_000, 'the stalled client to be dropped');
    expect(logs.join('\n')).toMatch(/not reading/);
    await waitFor(
      () =>
        itemsMap(reader.doc).has(id) &&
        (itemText(reader.doc, id, 'description').toString().startsWith('399 ') ||
          itemText(reader.doc, id, 'description').toString() === itemText(writer.doc, id, 'description').toString()),
      10_000,
      'reader up to date',
    );
    writer.destroy();
    reader.destroy();
    stalled.ws.terminate();
  });
});

// Limits against a hostile link holder, each tripped for real against a relay started with
// small limits, and each answered with its documented close code (shared/protocol.ts, README).
import { describe, it, expect, afterEach } from 'vitest';
import { readFileSync, existsSync } from 'node:fs';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { startHarness, removeDir, waitFor, connectClient, sleep, type Harness } from '../support/relay-harness';
import { RawClient, message, updateMessage, awarenessMessage } from '../support/raw-client';
import { CloseCode, MessageType } from '../../shared/protocol';
import { encodeControlCommand } from '../../shared/relay-messages';
import type { RelayControlMessage } from '../../shared/control';
import { addCard, cardsMap } from '../../shared/doc';
import * as encoding from 'lib0/encoding';

let h: Harness | null = null;
afterEach(async () => {
  if (!h) return;
  await h.stop();
  removeDir(h.dataDir);
  h = null;
});

async function start(options: Partial<Parameters<typeof startHarness>[0]> = {}) {
  h = await startHarness(options);
  return h;
}

function workshop(hh: Harness) {
  return hh.relay.store.create({ title: 'Limits', footprint: '', academyId: '', date: '' });
}

/** Opens a socket and resolves its close code, or -1 if it is still open after `ms`. */
async function closeCodeOf(url: string, send: Uint8Array[] = [], ms = 3000): Promise<number> {
  const c = RawClient.open(url);
  await Promise.race([c.opened.catch(() => {}), c.closed]);
  for (const m of send) c.send(m);
  const closed = await Promise.race([c.closed, sleep(ms).then(() => null)]);
  if (!closed) {
    await c.close();
    return -1;
  }
  return closed.code;
}

function controlMessages(c: RawClient): RelayControlMessage[] {
  return c.messages
    .filter((m) => m.length > 0 && m[0] === MessageType.control)
    .map((m) => {
      const d = decoding.createDecoder(m);
      decoding.readVarUint(d);
      return JSON.parse(decoding.readVarString(d)) as RelayControlMessage;
    });
}

describe('connection limits', () => {
  it('connections per address: the one over the limit gets 4530, the others stay', async () => {
    const hh = await start({ connectionsPerAddress: 3 });
    const { id, tokens } = workshop(hh);
    const url = `${hh.wsUrl}/${id}?token=${tokens.participant}`;
    const open = await Promise.all([1, 2, 3].map(() => RawClient.connect(url)));
    expect(await closeCodeOf(url)).toBe(CloseCode.tooManyConnections);
    // Another link from the same address is over the address limit too.
    expect(await closeCodeOf(`${hh.wsUrl}/${id}?token=${tokens.viewer}`)).toBe(CloseCode.tooManyConnections);
    expect(open.every((c) => c.closeCode === null)).toBe(true);
    await open[0]!.close();
    await sleep(50);
    expect(await closeCodeOf(url, [], 300)).toBe(-1);
    for (const c of open.slice(1)) await c.close();
  });

  it('connections per token: 4530 for that link only', async () => {
    const hh = await start({ connectionsPerToken: 2 });
    const { id, tokens } = workshop(hh);
    const url = `${hh.wsUrl}/${id}?token=${tokens.participant}`;
    const open = await Promise.all([1, 2].map(() => RawClient.connect(url)));
    expect(await closeCodeOf(url)).toBe(CloseCode.tooManyConnections);
    expect(await closeCodeOf(`${hh.wsUrl}/${id}?token=${tokens.viewer}`, [], 300)).toBe(-1);
    for (const c of open) await c.close();
  });

  it('people per room: 4531 once the workshop is full; another workshop is unaffected', async () => {
    const hh = await start({ peersPerRoom: 2 });
    const a = workshop(hh);
    const b = workshop(hh);
    const open = await Promise.all([1, 2].map(() => RawClient.connect(`${hh.wsUrl}/${a.id}?token=${a.tokens.participant}`)));
    expect(await closeCodeOf(`${hh.wsUrl}/${a.id}?token=${a.tokens.facilitator}`)).toBe(CloseCode.roomFull);
    expect(await closeCodeOf(`${hh.wsUrl}/${b.id}?token=${b.tokens.participant}`, [], 300)).toBe(-1);
    for (const c of open) await c.close();
  });
});

describe('traffic limits', () => {
  it('bytes per second: 4532', async () => {
    const hh = await start({ maxMessageBytes: 16 * 1024, bytesPerSecond: 8 * 1024, byteBurst: 32 * 1024, messagesPerSecond: 1000, messageBurst: 1000 });
    const { id, tokens } = workshop(hh);
    const filler = message(MessageType.auth, (e) => encoding.writeVarString(e, 'x'.repeat(15 * 1024)));
    const sends = Array.from({ length: 6 }, () => filler);
    expect(await closeCodeOf(`${hh.wsUrl}/${id}?token=${tokens.participant}`, sends)).toBe(CloseCode.bandwidth);
  });

  it('sync requests per second: 4533', async () => {
    const hh = await start({ syncRequestsPerSecond: 1, syncRequestBurst: 3 });
    const { id, tokens } = workshop(hh);
    const step1 = message(MessageType.sync, (e) => {
      encoding.writeVarUint(e, 0);
      encoding.writeVarUint8Array(e, Y.encodeStateVector(new Y.Doc()));
    });
    expect(
      await closeCodeOf(
        `${hh.wsUrl}/${id}?token=${tokens.participant}`,
        Array.from({ length: 10 }, () => step1),
      ),
    ).toBe(CloseCode.syncFlood);
  });

  it('presence updates per second: 4534', async () => {
    const hh = await start({ presencePerSecond: 2, presenceBurst: 4 });
    const { id, tokens } = workshop(hh);
    const updates = Array.from({ length: 10 }, (_, i) => awarenessMessage([{ clientID: 777, clock: i + 1, json: JSON.stringify({ cursor: { x: i, y: 0 } }) }]));
    expect(await closeCodeOf(`${hh.wsUrl}/${id}?token=${tokens.participant}`, updates)).toBe(CloseCode.presenceFlood);
  });

  it('document size: an update that would grow the workshop past the limit is refused with 4415; the room carries on', async () => {
    const hh = await start({ maxDocBytes: 64 * 1024 });
    const { id, tokens } = workshop(hh);
    const other = connectClient(hh.wsUrl, id, tokens.participant);
    await waitFor(() => other.synced);
    const big = new Y.Doc();
    Y.applyUpdate(big, Y.encodeStateAsUpdate(hh.relay.rooms.get(id)!.doc));
    const sv = Y.encodeStateVector(big);
    // 200 full cards (each within the schema's 500 characters) in one update: about 100 kB.
    const huge: string[] = [];
    big.transact(() => {
      for (let i = 0; i < 200; i++)
        huge.push(addCard(big, { kind: 'people', text: `HUGE ${i} `.padEnd(500, 'x'), domainId: 'individual-effectiveness', position: { x: 0, y: 0 } }));
    });
    expect(await closeCodeOf(`${hh.wsUrl}/${id}?token=${tokens.participant}`, [updateMessage(Y.encodeStateAsUpdate(big, sv))])).toBe(CloseCode.docTooLarge);
    expect(huge.some((card) => cardsMap(hh.relay.rooms.get(id)!.doc).has(card))).toBe(false);
    // Ordinary edits still go through.
    const small = addCard(other.doc, { kind: 'place', text: 'small', domainId: 'individual-effectiveness', position: { x: 0, y: 0 } });
    await waitFor(() => cardsMap(hh.relay.rooms.get(id)!.doc).has(small), 5000, 'small edit');
    other.destroy();
  });
});

describe('votes', () => {
  it('count one voter per admitted connection, whatever voter id a client claims, and keep no names in an anonymous vote', async () => {
    const hh = await start();
    const { id, tokens } = workshop(hh);
    const base = new Y.Doc();
    Y.applyUpdate(base, Y.encodeStateAsUpdate(hh.relay.rooms.get(id)?.doc ?? new Y.Doc()));
    const fac = await RawClient.connect(`${hh.wsUrl}/${id}?token=${tokens.facilitator}&ext=1&name=Hannah`);
    const card = addCard(base, { kind: 'priority', text: 'Vote me', domainId: 'individual-effectiveness', position: { x: 0, y: 0 } });
    fac.send(updateMessage(Y.encodeStateAsUpdate(base)));
    await waitFor(() => cardsMap(hh.relay.rooms.get(id)!.doc).has(card), 5000, 'card');
    fac.send(encodeControlCommand({ type: 'vote.start', targets: 'cards', dotsPerPerson: 1, anonymous: true }));
    await sleep(100);

    // Two connections claiming the same made-up voter id are two voters with a dot each…
    const url = `${hh.wsUrl}/${id}?token=${tokens.participant}&ext=1&voter=samevoter01&name=Secret%20Sam`;
    const a = await RawClient.connect(url);
    const b = await RawClient.connect(url);
    await waitFor(() => controlMessages(a).some((m) => m.kind === 'voter') && controlMessages(b).some((m) => m.kind === 'voter'), 5000, 'tickets');
    const ticketA = (controlMessages(a).find((m) => m.kind === 'voter') as { voterId: string }).voterId;
    const ticketB = (controlMessages(b).find((m) => m.kind === 'voter') as { voterId: string }).voterId;
    expect(ticketA).not.toBe(ticketB);
    expect(ticketA).not.toBe('samevoter01');
    for (const c of [a, b]) c.send(encodeControlCommand({ type: 'vote.place', target: card }));
    await waitFor(() => hh.relay.rooms.get(id)!.control.stateFor(null).vote?.dotsPlaced === 2, 5000, 'two dots');
    // …a second dot from the same connection is refused…
    a.send(encodeControlCommand({ type: 'vote.place', target: card }));
    await waitFor(() => controlMessages(a).some((m) => m.kind === 'refused'), 5000, 'dot limit');
    // …and reconnecting with the relay's ticket (once the first socket is gone) is the same
    // voter, with no fresh allowance; a ticket the relay did not sign is not.
    await a.close();
    const again = await RawClient.connect(`${hh.wsUrl}/${id}?token=${tokens.participant}&ext=1&voter=${ticketA}`);
    await waitFor(() => controlMessages(again).some((m) => m.kind === 'state'), 5000, 'state');
    const state = controlMessages(again)
      .filter((m) => m.kind === 'state')
      .at(-1) as Extract<RelayControlMessage, { kind: 'state' }>;
    expect(state.state.myDots).toEqual([card]);
    again.send(encodeControlCommand({ type: 'vote.place', target: card }));
    await waitFor(() => controlMessages(again).some((m) => m.kind === 'refused'), 5000, 'still one dot');
    expect(hh.relay.rooms.get(id)!.control.stateFor(null).vote?.dotsPlaced).toBe(2);

    // Anonymous: no name anywhere, in the relay's state or in the file.
    expect(hh.relay.rooms.get(id)!.control.serialise()).not.toContain('Secret Sam');
    fac.send(encodeControlCommand({ type: 'vote.reveal' }));
    await waitFor(() => hh.relay.rooms.get(id)!.control.stateFor(null).vote?.revealed === true, 5000, 'revealed');
    await hh.relay.rooms.get(id)!.save();
    await sleep(200);
    const path = hh.relay.store.pathOf(id);
    const bytes = [path, `${path}-wal`]
      .filter(existsSync)
      .map((p) => readFileSync(p).toString('latin1'))
      .join('');
    expect(bytes).not.toContain('Secret Sam');
    expect(hh.relay.rooms.get(id)!.control.serialise()).not.toContain('Secret Sam');
    for (const c of [fac, b, again]) await c.close();
  });
});

describe('presence', () => {
  it('nobody can overwrite or remove another connection’s presence entry', async () => {
    const hh = await start();
    const { id, tokens } = workshop(hh);
    const url = `${hh.wsUrl}/${id}?token=${tokens.participant}`;
    const watcher = connectClient(hh.wsUrl, id, tokens.participant);
    await waitFor(() => watcher.synced);
    const owner = await RawClient.connect(url);
    owner.send(awarenessMessage([{ clientID: 5150, clock: 1, json: JSON.stringify({ user: { name: 'Real Person' } }) }]));
    await waitFor(() => (watcher.awareness.getStates().get(5150) as { user?: { name: string } } | undefined)?.user?.name === 'Real Person', 5000, 'presence');
    const hostile = await RawClient.connect(url);
    hostile.send(awarenessMessage([{ clientID: 5150, clock: 50, json: JSON.stringify({ user: { name: 'Impostor' } }) }]));
    hostile.send(awarenessMessage([{ clientID: 5150, clock: 51, json: 'null' }]));
    await sleep(300);
    expect(hostile.closeCode).toBeNull();
    expect((watcher.awareness.getStates().get(5150) as { user: { name: string } }).user.name).toBe('Real Person');
    // The owner itself may change and remove its entry.
    owner.send(awarenessMessage([{ clientID: 5150, clock: 2, json: JSON.stringify({ user: { name: 'Real Person, moved' } }) }]));
    await waitFor(() => (watcher.awareness.getStates().get(5150) as { user: { name: string } }).user.name === 'Real Person, moved', 5000, 'owner update');
    owner.send(awarenessMessage([{ clientID: 5150, clock: 3, json: 'null' }]));
    await waitFor(() => !watcher.awareness.getStates().has(5150), 5000, 'owner removal');
    for (const c of [owner, hostile]) await c.close();
    watcher.destroy();
  });
});

// Malformed, oversized and flooding input. After each, the offender is closed with the
// documented code, the relay is still up, two stock clients in the same room keep syncing,
// and the room's content is exactly what it was.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import net from 'node:net';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import type { WebsocketProvider } from 'y-websocket';
import { startHarness, connectClient, waitFor, sleep, removeDir, type Harness } from '../support/relay-harness';
import { RawClient, awarenessMessage, message, syncStep2Message, updateMessage } from '../support/raw-client';
import { CloseCode, MessageType } from '../../shared/protocol';
import { addCard, cardsMap, readCard, setCardText } from '../../shared/doc';
import { AwarenessLimits } from '../../server/room';
import type { RelayOptions } from '../../server/relay';

const MAX_BYTES = 64 * 1024;

let h: Harness;
let logs: string[];
async function start(options: Partial<RelayOptions> = {}): Promise<void> {
  logs = [];
  h = await startHarness({ maxMessageBytes: MAX_BYTES, log: (l) => logs.push(l), ...options });
}
beforeEach(() => start());
afterEach(async () => {
  await h.stop();
  removeDir(h.dataDir);
});

interface Room {
  id: string;
  tokens: { facilitator: string; participant: string; viewer: string };
  a: WebsocketProvider;
  b: WebsocketProvider;
  url(ext?: boolean): string;
  /** the room's cards as plain data, at the relay */
  content(): unknown;
  /** a fresh edit from a reaches b: the room still works for everyone else */
  stillSyncs(): Promise<void>;
  done(): void;
}

async function roomWithTwoClients(): Promise<Room> {
  const { id, tokens } = h.relay.store.create({ title: 'Hostile', footprint: '', academyId: '', date: '' });
  const a = connectClient(h.wsUrl, id, tokens.participant);
  const b = connectClient(h.wsUrl, id, tokens.participant);
  await waitFor(() => a.synced && b.synced, 5000, 'both synced');
  // (A stock client's initial empty state has clock 0, which receivers ignore; set real ones.)
  a.awareness.setLocalStateField('user', { name: 'A' });
  b.awareness.setLocalStateField('user', { name: 'B' });
  await waitFor(() => a.awareness.getStates().size === 2 && b.awareness.getStates().size === 2, 5000, 'presence both ways');
  addCard(a.doc, { kind: 'people', text: 'Ward managers', domainId: 'individual-effectiveness', position: { x: 1, y: 2 } });
  await waitFor(() => cardsMap(b.doc).size === 1, 5000, 'seed card on b');
  const cardId = [...cardsMap(a.doc).keys()][0]!;
  let round = 0;
  return {
    id,
    tokens,
    a,
    b,
    url: (ext = false) => `${h.wsUrl}/${id}?token=${tokens.participant}${ext ? '&ext=1' : ''}`,
    content: () => [...cardsMap(h.relay.rooms.get(id)!.doc)].map(([cid, e]) => readCard(cid, e)),
    stillSyncs: async () => {
      const text = `still here ${++round}`;
      setCardText(a.doc, cardId, text);
      await waitFor(() => cardsMap(b.doc).get(cardId)?.get('text')?.toString() === text, 5000, `edit ${round} to reach b`);
    },
    done: () => {
      a.destroy();
      b.destroy();
    },
  };
}

/** Sends messages on a fresh participant socket and resolves with the close code the relay chose. */
async function offend(url: string, ...messages: Array<Uint8Array | string>): Promise<number> {
  return offendWithin(3000, url, ...messages);
}

/** As offend, but gives up after `ms` and resolves -1 if the relay kept the socket open. */
async function offendWithin(ms: number, url: string, ...messages: Array<Uint8Array | string>): Promise<number> {
  const c = await RawClient.connect(url);
  for (const m of messages) c.send(m);
  const closed = await Promise.race([c.closed, sleep(ms).then(() => null)]);
  if (!closed) {
    await c.close();
    return -1;
  }
  return closed.code;
}

function rawUpgrade(port: number, path: string): Promise<string> {
  return new Promise((resolve) => {
    let out = '';
    const s = net.connect(port, '127.0.0.1', () =>
      s.write(
        `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`,
      ),
    );
    s.on('data', (d) => (out += d.toString()));
    s.on('close', () => resolve(out));
    s.on('error', () => resolve(out));
    setTimeout(() => s.destroy(), 1000);
  });
}

/** A real update with two bytes changed: it decodes, but applying it fails half way. */
const UPDATE_THAT_DECODES_BUT_FAILS = Uint8Array.from(
  Buffer.from('0104922100270105636172643b02633001280092210b0474657874017702783027010563617264730263310128009221020474657874017702783100', 'hex'),
);

describe('malformed messages', () => {
  it('close the sender with 4422 and leave the relay, the room and its clients untouched', async () => {
    const r = await roomWithTwoClients();
    const before = r.content();
    const garbage = Uint8Array.from({ length: 200 }, (_, i) => (i * 37 + 11) & 0xff);
    const cases: Array<[string, Uint8Array | string]> = [
      ['empty frame', new Uint8Array(0)],
      ['truncated varint type', Uint8Array.of(0x80)],
      ['overlong varint type', Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01)],
      ['unknown message type', Uint8Array.of(7, 1, 2, 3)],
      ['relay-only message type sent by a client', message(MessageType.saved, (e) => encoding.writeVarUint8Array(e, Uint8Array.of(0)))],
      ['sync without a subtype', Uint8Array.of(MessageType.sync)],
      ['sync with a truncated subtype', Uint8Array.of(MessageType.sync, 0x80)],
      ['sync with an unknown subtype', Uint8Array.of(MessageType.sync, 9, 1, 0)],
      ['sync step 1 with a truncated state vector', Uint8Array.of(MessageType.sync, 0, 2, 5, 0x80)],
      ['sync step 2 whose length overruns the frame', Uint8Array.of(MessageType.sync, 1, 100, 1, 2, 3)],
      ['sync step 2 with a garbage update', syncStep2Message(garbage)],
      ['sync update with a garbage update', updateMessage(garbage)],
      ['sync update with an empty payload', updateMessage(new Uint8Array(0))],
      ['sync update that decodes but does not apply', updateMessage(UPDATE_THAT_DECODES_BUT_FAILS)],
      ['awareness with garbage', message(MessageType.awareness, (e) => encoding.writeVarUint8Array(e, garbage))],
      ['awareness truncated', Uint8Array.of(MessageType.awareness, 10, 1, 5)],
      [
        'awareness with an entry count larger than the message',
        message(MessageType.awareness, (e) => encoding.writeVarUint8Array(e, Uint8Array.of(0xff, 0xff, 0x03))),
      ],
      ['awareness with invalid JSON', awarenessMessage([{ clientID: 9, clock: 1, json: '{"user":' }])],
      ['awareness with a number state', awarenessMessage([{ clientID: 9, clock: 1, json: '42' }])],
      ['awareness with a string state', awarenessMessage([{ clientID: 9, clock: 1, json: '"hello"' }])],
      ['awareness with an array state', awarenessMessage([{ clientID: 9, clock: 1, json: '[1,2,3]' }])],
      ['awareness nested too deep to re-encode', awarenessMessage([{ clientID: 9, clock: 1, json: '{"a":'.repeat(5000) + '1' + '}'.repeat(5000) }])],
      ['awareness with trailing bytes', message(MessageType.awareness, (e) => encoding.writeVarUint8Array(e, Uint8Array.of(0, 1, 2)))],
      ['awareness with invalid UTF-8', message(MessageType.awareness, (e) => encoding.writeVarUint8Array(e, Uint8Array.of(1, 9, 1, 2, 0xc3, 0x28)))],
      [
        'awareness for more client ids than one connection may hold',
        awarenessMessage(Array.from({ length: AwarenessLimits.maxIdsPerPeer + 1 }, (_, i) => ({ clientID: 100 + i, clock: 1, json: '{}' }))),
      ],
      [
        'awareness posing as the relay itself',
        awarenessMessage([{ clientID: h.relay.rooms.get(r.id)!.awareness.clientID, clock: 5, json: '{"user":{"name":"Relay"}}' }]),
      ],
      ['text frame', 'hello'],
      ['text frame that looks like JSON', '{"type":"sync"}'],
    ];
    for (const [what, bytes] of cases) {
      expect(await offend(r.url(), bytes), what).toBe(CloseCode.malformed);
      expect(r.content(), what).toEqual(before);
    }
    // No presence state from any offender stayed behind.
    await sleep(50);
    expect([...r.a.awareness.getStates().keys()].sort()).toEqual([r.a.doc.clientID, r.b.doc.clientID].sort());
    await r.stillSyncs();
    // A client joining now gets the room and every presence state without trouble.
    const late = connectClient(h.wsUrl, r.id, r.tokens.viewer);
    await waitFor(() => late.synced && late.awareness.getStates().size >= 3, 5000, 'late joiner synced');
    late.destroy();
    r.done();
  });

  it('nothing sent after a malformed message in the same burst reaches the room', async () => {
    const r = await roomWithTwoClients();
    const evil = new Y.Doc();
    addCard(evil, { kind: 'people', text: 'Smuggled', domainId: 'individual-effectiveness', position: { x: 0, y: 0 } });
    expect(await offend(r.url(), Uint8Array.of(0x80), updateMessage(Y.encodeStateAsUpdate(evil)))).toBe(CloseCode.malformed);
    await sleep(100);
    expect(cardsMap(r.b.doc).size).toBe(1);
    await r.stillSyncs();
    r.done();
  });

  it('a crafted upgrade path cannot crash the relay', async () => {
    const r = await roomWithTwoClients();
    expect(await rawUpgrade(h.relay.port, '/ws/%E0%A4%A')).toMatch(/^HTTP\/1.1 404/);
    expect(await rawUpgrade(h.relay.port, '/ws/%')).toMatch(/^HTTP\/1.1 404/);
    expect(await rawUpgrade(h.relay.port, '/ws/a/b')).toMatch(/^HTTP\/1.1 404/);
    expect(await rawUpgrade(h.relay.port, '//[::1')).toMatch(/^HTTP\/1.1 (400|404)/);
    expect((await fetch(`${h.relay.url}/api/health`)).status).toBe(200);
    await r.stillSyncs();
    r.done();
  });
});

describe('oversized messages', () => {
  it('close the sender with the permanent 4413, whether just over the limit or far over it', async () => {
    const r = await roomWithTwoClients();
    const before = r.content();
    expect(await offend(r.url(), new Uint8Array(MAX_BYTES + 1))).toBe(CloseCode.tooLarge);
    // Far over: ws stops reading at the limit (1009 by default), which the relay reports as 4413.
    expect(await offend(r.url(), new Uint8Array(MAX_BYTES * 8))).toBe(CloseCode.tooLarge);
    const big = new Y.Doc();
    addCard(big, { kind: 'people', text: 'x'.repeat(MAX_BYTES), domainId: 'individual-effectiveness', position: { x: 0, y: 0 } });
    expect(await offend(r.url(), updateMessage(Y.encodeStateAsUpdate(big)))).toBe(CloseCode.tooLarge);
    // A huge presence state inside a legal message is refused with the same permanent code.
    const fat = JSON.stringify({ user: { name: 'y'.repeat(AwarenessLimits.maxStateBytes) } });
    expect(await offend(r.url(), awarenessMessage([{ clientID: 4, clock: 1, json: fat }]))).toBe(CloseCode.tooLarge);
    // Exactly at the limit is fine (an awareness query padded to MAX_BYTES bytes).
    const atLimit = new Uint8Array(MAX_BYTES);
    atLimit[0] = MessageType.auth;
    expect(await offendWithin(300, r.url(), atLimit)).toBe(-1);
    expect(r.content()).toEqual(before);
    await r.stillSyncs();
    r.done();
  });

  it('a stock client whose edit is too large stops instead of resending it in a loop', async () => {
    const r = await roomWithTwoClients();
    const before = r.content();
    const doc = new Y.Doc();
    const heavy = connectClient(h.wsUrl, r.id, r.tokens.participant, doc, { maxBackoffTime: 50 });
    await waitFor(() => heavy.synced, 5000, 'heavy synced');
    const closes: number[] = [];
    let opens = 0;
    let finalClose: { code: number } | null = null;
    heavy.on('connection-close', (e: CloseEvent | null) => e && closes.push(e.code));
    heavy.on('status', ({ status }: { status: string }) => status === 'connected' && opens++);
    heavy.on('closed', (e: { code: number }) => (finalClose = e));
    addCard(doc, { kind: 'people', text: 'z'.repeat(MAX_BYTES * 2), domainId: 'individual-effectiveness', position: { x: 0, y: 0 } });
    await waitFor(() => closes.length > 0, 5000, 'the relay to close the heavy client');
    // With a 50 ms backoff a looping client would reconnect many times in a second.
    await sleep(1000);
    expect(closes).toEqual([CloseCode.tooLarge]);
    expect(opens).toBe(0);
    expect(finalClose).toMatchObject({ code: CloseCode.tooLarge });
    expect(heavy.shouldConnect).toBe(false);
    expect(r.content()).toEqual(before);
    await r.stillSyncs();
    heavy.destroy();
    r.done();
  });
});

describe('flooding', () => {
  it('a burst beyond the rate limit is closed with 4529; the room is unharmed', async () => {
    await h.stop();
    removeDir(h.dataDir);
    await start({ messagesPerSecond: 20, messageBurst: 40 });
    const r = await roomWithTwoClients();
    const before = r.content();
    // In-band auth messages are ignored, so only the overall message limit stops them (presence
    // queries and sync requests have tighter limits of their own: relay-trust.test.ts).
    const flood = Array.from({ length: 200 }, () => message(MessageType.auth));
    expect(await offend(r.url(), ...flood)).toBe(CloseCode.rateLimited);
    // Edits in a flood count too; those past the limit are not applied.
    const evil = new Y.Doc();
    const edits: Uint8Array[] = [];
    evil.on('update', (u: Uint8Array) => edits.push(updateMessage(u)));
    for (let i = 0; i < 100; i++) addCard(evil, { kind: 'place', text: `flood ${i}`, domainId: 'individual-effectiveness', position: { x: i, y: 0 } });
    const started = performance.now();
    expect(await offend(r.url(), ...edits)).toBe(CloseCode.rateLimited);
    const elapsed = (performance.now() - started) / 1000;
    await sleep(100);
    const flooded = cardsMap(h.relay.rooms.get(r.id)!.doc).size - 1;
    expect(flooded).toBeGreaterThan(0);
    // The bucket holds 40 and refills at 20 a second: on a slow machine the flood takes longer
    // to arrive, and the refill during that time is allowed too, but nothing beyond it.
    expect(flooded).toBeLessThanOrEqual(40 + Math.ceil(20 * elapsed));
    expect(flooded).toBeLessThan(100);
    expect(r.content()).toEqual(expect.arrayContaining(before as unknown[]));
    await r.stillSyncs();
    r.done();
  });

  it('a stock client that was rate limited reconnects (4529 is transient) and its edits arrive', async () => {
    await h.stop();
    removeDir(h.dataDir);
    await start({ messagesPerSecond: 20, messageBurst: 40 });
    const r = await roomWithTwoClients();
    const doc = new Y.Doc();
    const busy = connectClient(h.wsUrl, r.id, r.tokens.participant, doc, { maxBackoffTime: 100 });
    const closes: number[] = [];
    busy.on('connection-close', (e: CloseEvent | null) => e && closes.push(e.code));
    await waitFor(() => busy.synced, 5000, 'busy synced');
    for (let i = 0; i < 60; i++) addCard(doc, { kind: 'place', text: `busy ${i}`, domainId: 'individual-effectiveness', position: { x: i, y: 0 } });
    await waitFor(() => closes.includes(CloseCode.rateLimited), 5000, 'rate limited');
    await waitFor(() => cardsMap(r.b.doc).size === 61, 10_000, 'every edit to arrive after the reconnect');
    busy.destroy();
    r.done();
  });
});

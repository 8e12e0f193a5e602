// A seeded fuzz run against a real relay: more than 10,000 mutated sync, awareness and control
// messages, each sent on a live socket and confirmed processed (a presence query answered
// after it) or answered with a close. The relay must stay up, answer every bad input with a
// documented close code (never an internal error), and a second workshop's clients, editing
// all the while, must be untouched. Replay a failure with SLC_FUZZ_SEED.
import { describe, it, expect, afterAll } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { startHarness, removeDir, waitFor, connectClient, type Harness } from '../support/relay-harness';
import { RawClient, message, updateMessage, syncStep1Message, syncStep2Message, awarenessMessage } from '../support/raw-client';
import { prng } from '../support/prng';
import { CloseCode, MessageType } from '../../shared/protocol';
import { encodeControlCommand } from '../../shared/relay-messages';
import type { ControlCommand } from '../../shared/control';
import { addCard, addPlanItem, cardsMap, itemText, setCardText, setTag, deleteEntry, addLink, readCard } from '../../shared/doc';

const SEED = Number(process.env.SLC_FUZZ_SEED ?? 20261130);
const MESSAGES = 10_500;
const SOCKETS = 4;

/** Close codes a bad input may get: each documented in shared/protocol.ts and the README. */
const documented = new Set<number>([
  CloseCode.malformed,
  CloseCode.tooLarge,
  CloseCode.docTooLarge,
  CloseCode.rateLimited,
  CloseCode.bandwidth,
  CloseCode.syncFlood,
  CloseCode.presenceFlood,
  CloseCode.presenceQueryFlood,
  CloseCode.notYours,
  CloseCode.notAllowed,
  CloseCode.outOfOrder,
]);

let h: Harness;
afterAll(async () => {
  await h?.stop();
  if (h) removeDir(h.dataDir);
});

/** Valid messages of every kind the relay reads, to mutate. */
function corpus(roomDoc: Y.Doc): Uint8Array[] {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(roomDoc));
  const out: Uint8Array[] = [];
  const step = (fn: () => void) => {
    const sv = Y.encodeStateVector(doc);
    fn();
    out.push(updateMessage(Y.encodeStateAsUpdate(doc, sv)));
  };
  const at = { x: 1, y: 2 };
  let card = '';
  let item = '';
  step(() => void (card = addCard(doc, { kind: 'people', text: 'fuzz card', domainId: 'individual-effectiveness', position: at })));
  step(() => void (item = addPlanItem(doc, { interventionId: null, customTitle: 'fuzz item', domainId: 'individual-effectiveness', position: at })));
  step(() => setCardText(doc, card, 'changed text'));
  step(() => itemText(doc, item, 'description').insert(0, 'some words'));
  step(() => itemText(doc, item, 'description').insert(4, ' more'));
  step(() => setTag(doc, card, 'ie-role-1', true));
  step(() => void addLink(doc, card, item));
  step(() => doc.getMap('intruder').set('x', 1));
  step(() => cardsMap(doc).get(card)!.set('x', 'wrong kind'));
  step(() => deleteEntry(doc, card));
  out.push(syncStep1Message(doc), syncStep2Message(Y.encodeStateAsUpdate(doc)), message(MessageType.queryAwareness));
  out.push(awarenessMessage([{ clientID: 9001, clock: 1, json: JSON.stringify({ user: { name: 'Fuzz', colour: '#123456' }, cursor: { x: 1, y: 2 } }) }]));
  out.push(awarenessMessage([{ clientID: 9001, clock: 2, json: 'null' }]));
  const commands: ControlCommand[] = [
    { type: 'timer.start', durationMs: 60_000 },
    { type: 'lock.board', locked: true },
    { type: 'lock.item', id: card, locked: true },
    { type: 'vote.start', targets: 'cards', dotsPerPerson: 3, anonymous: false },
    { type: 'vote.place', target: card },
    { type: 'summon', viewport: { x: 0, y: 0, zoom: 1 } },
    { type: 'agenda.set', steps: [{ title: 'Step', minutes: 5, mode: 'other' }] },
  ];
  for (const command of commands) out.push(encodeControlCommand(command));
  out.push(message(MessageType.control, (e) => encoding.writeVarString(e, '{"type":"lock.board","locked":"yes"}')));
  return out;
}

/** One mutation of a valid message: byte flips, cuts, splices, bad lengths, other types. */
function mutate(rand: () => number, seed: Uint8Array, all: readonly Uint8Array[]): Uint8Array {
  const bytes = Array.from(seed);
  const pos = () => Math.floor(rand() * Math.max(1, bytes.length));
  const kinds = 1 + Math.floor(rand() * 3);
  for (let k = 0; k < kinds; k++) {
    const r = rand();
    if (r < 0.25) bytes[pos()] = Math.floor(rand() * 256);
    else if (r < 0.4) {
      const i = pos();
      bytes[i] = (bytes[i] ?? 0) ^ (1 << Math.floor(rand() * 8));
    } else if (r < 0.5) bytes.length = pos();
    else if (r < 0.6) bytes.splice(pos(), 0, ...Array.from({ length: 1 + Math.floor(rand() * 8) }, () => Math.floor(rand() * 256)));
    else if (r < 0.7) bytes.splice(pos(), Math.floor(rand() * 6));
    else if (r < 0.78) {
      const other = all[Math.floor(rand() * all.length)]!;
      const cut = Math.floor(rand() * other.length);
      bytes.splice(pos(), bytes.length, ...other.slice(cut));
    } else if (r < 0.86) bytes[0] = [0, 1, 2, 3, 100, 101, 102, 103, 127, 200][Math.floor(rand() * 10)]!;
    else if (r < 0.93 && bytes.length > 2) bytes.splice(1 + Math.floor(rand() * 2), 1, 0xff, 0xff, 0xff, 0x0f);
    else bytes.push(...Array.from({ length: Math.floor(rand() * 16) }, () => Math.floor(rand() * 256)));
  }
  return Uint8Array.from(bytes);
}

describe('fuzzed messages', () => {
  it(`${MESSAGES} mutated sync, awareness and control messages: the relay stays up, other rooms are untouched, bad input is closed with a documented code`, async () => {
    const log: string[] = [];
    h = await startHarness({
      log: (l) => log.push(l),
      messagesPerSecond: 1e6,
      messageBurst: 1e6,
      syncRequestsPerSecond: 1e6,
      syncRequestBurst: 1e6,
      presencePerSecond: 1e6,
      presenceBurst: 1e6,
      bytesPerSecond: 1e9,
      byteBurst: 1e9,
    });
    const target = h.relay.store.create({ title: 'Fuzz target', footprint: '', academyId: '', date: '' });
    const quiet = h.relay.store.create({ title: 'Quiet room', footprint: '', academyId: '', date: '' });

    // The other workshop: two stock clients who keep editing during the run.
    const alice = connectClient(h.wsUrl, quiet.id, quiet.tokens.participant);
    const bob = connectClient(h.wsUrl, quiet.id, quiet.tokens.participant);
    await waitFor(() => alice.synced && bob.synced, 5000, 'quiet room synced');
    const quietCards: string[] = [];

    const opener = await RawClient.connect(`${h.wsUrl}/${target.id}?token=${target.tokens.facilitator}`);
    await waitFor(() => h.relay.rooms.has(target.id));
    const seeds = corpus(h.relay.rooms.get(target.id)!.doc);
    const rand = prng(SEED);
    const tokens = [target.tokens.facilitator, target.tokens.participant, target.tokens.participant, target.tokens.viewer];
    const closes = new Map<number, number>();
    let sent = 0;
    let answered = 0;
    const probe = message(MessageType.queryAwareness);

    async function worker(w: number): Promise<void> {
      let client: RawClient | null = null;
      while (sent < MESSAGES) {
        if (!client || client.closeCode !== null) client = await RawClient.connect(`${h.wsUrl}/${target.id}?token=${tokens[w % tokens.length]}&ext=1`);
        const seed = seeds[Math.floor(rand() * seeds.length)]!;
        const bad = rand() < 0.9 ? mutate(rand, seed, seeds) : seed;
        sent++;
        const before = client.messages.length;
        client.send(bad);
        client.send(probe);
        // Processed: either the probe is answered (the relay took or refused the message) or the
        // socket is closed (the relay refused the sender).
        const closed = await new Promise<number | null>((resolve) => {
          const started = Date.now();
          const tick = () => {
            if (client!.closeCode !== null) return resolve(client!.closeCode);
            if (client!.messages.slice(before).some((m) => m[0] === MessageType.awareness)) return resolve(null);
            if (Date.now() - started > 5000) return resolve(-1);
            setImmediate(tick);
          };
          tick();
        });
        if (closed === null) answered++;
        else closes.set(closed, (closes.get(closed) ?? 0) + 1);
        if (sent % 500 === w)
          quietCards.push(addCard(alice.doc, { kind: 'place', text: `quiet ${sent}`, domainId: 'individual-effectiveness', position: { x: 0, y: 0 } }));
      }
      if (client && client.closeCode === null) await client.close();
    }
    const started = performance.now();
    await Promise.all(Array.from({ length: SOCKETS }, (_, w) => worker(w)));
    const seconds = (performance.now() - started) / 1000;

    expect(sent).toBeGreaterThanOrEqual(10_000);
    // Every close is a documented refusal of bad input: no internal errors, no hangs.
    const undocumented = [...closes.entries()].filter(([code]) => !documented.has(code));
    expect(undocumented, `close codes: ${JSON.stringify([...closes])}`).toEqual([]);
    expect(log.filter((l) => /Error:|TypeError|RangeError/.test(l) && !/closing a/.test(l))).toEqual([]);
    expect(answered + [...closes.values()].reduce((a, b) => a + b, 0)).toBe(sent);
    // Plenty of both outcomes: the run exercised refusals and acceptances, not one path only.
    expect(closes.get(CloseCode.malformed) ?? 0).toBeGreaterThan(1000);
    expect(answered).toBeGreaterThan(1000);

    // The relay is up, the fuzzed room still works, and the quiet room is exactly as its
    // clients made it.
    expect((await fetch(`${h.relay.url}/api/health`)).ok).toBe(true);
    await waitFor(() => quietCards.every((c) => cardsMap(bob.doc).has(c)), 10_000, 'quiet room converges');
    const room = h.relay.rooms.get(quiet.id)!;
    expect(Y.encodeStateVector(room.doc)).toEqual(Y.encodeStateVector(alice.doc));
    expect([...cardsMap(room.doc).keys()].sort()).toEqual([...quietCards].sort());
    for (const c of quietCards) expect(readCard(c, cardsMap(bob.doc).get(c)!).text).toMatch(/^quiet \d+$/);
    const late = connectClient(h.wsUrl, target.id, target.tokens.participant);
    await waitFor(() => late.synced, 5000, 'fuzzed room still serves');
    console.log(`fuzz: ${sent} messages in ${seconds.toFixed(1)} s; answered ${answered}; closes ${JSON.stringify(Object.fromEntries(closes))}`);
    for (const p of [alice, bob, late]) p.destroy();
    await opener.close();
  }, 180_000);
});

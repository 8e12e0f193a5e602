// Facilitation controls are enforced by the relay itself: tested with raw sockets that send
// exactly what a hostile or careless client might, not through the interface.
import { describe, it, expect } from 'vitest';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { harnessPerTest, waitFor, type Harness } from '../support/relay-harness';
import { RawClient, message, updateMessage } from '../support/raw-client';
import { MessageType } from '../../shared/protocol';
import type { ControlCommand, RelayControlMessage } from '../../shared/control';
import { addCard, cardsMap, deleteEntry, setCardText, readCard } from '../../shared/doc';

let h: Harness;
harnessPerTest(
  (fresh) => (h = fresh),
  () => h,
);

function controlMessages(c: RawClient): RelayControlMessage[] {
  return c.messages
    .filter((m) => m.length > 0 && decoding.readVarUint(decoding.createDecoder(m)) === MessageType.control)
    .map((m) => {
      const d = decoding.createDecoder(m);
      decoding.readVarUint(d);
      return JSON.parse(decoding.readVarString(d)) as RelayControlMessage;
    });
}
const lastState = (c: RawClient) =>
  controlMessages(c)
    .filter((m) => m.kind === 'state')
    .at(-1) as Extract<RelayControlMessage, { kind: 'state' }> | undefined;
const send = (c: RawClient, cmd: ControlCommand | Record<string, unknown>) =>
  c.send(message(MessageType.control, (e) => encoding.writeVarString(e, JSON.stringify(cmd))));

async function join(id: string, token: string, voter: string, name: string): Promise<RawClient> {
  const c = await RawClient.connect(`${h.wsUrl}/${id}?token=${token}&ext=1&voter=${voter}&name=${encodeURIComponent(name)}`);
  await waitFor(() => lastState(c) !== undefined, 5000, 'control state');
  return c;
}

function roomDoc(id: string): Y.Doc {
  return h.relay.rooms.get(id)!.doc;
}

/** Two priority cards written into the room by `by`, and the doc they were written from. */
async function twoCards(id: string, by: RawClient): Promise<{ base: Y.Doc; c1: string; c2: string }> {
  const base = new Y.Doc();
  Y.applyUpdate(base, Y.encodeStateAsUpdate(roomDoc(id)));
  const c1 = addCard(base, { kind: 'priority', text: 'Reduce delays', domainId: 'innovation-and-improvement', position: { x: 0, y: 0 } });
  const c2 = addCard(base, { kind: 'priority', text: 'Keep staff', domainId: 'learning-and-capacity-building', position: { x: 0, y: 0 } });
  by.send(updateMessage(Y.encodeStateAsUpdate(base)));
  await waitFor(() => cardsMap(roomDoc(id)).size === 2);
  return { base, c1, c2 };
}

describe('relay-enforced facilitation', () => {
  it('refuses facilitator commands from participants and viewers, and takes them from the facilitator', async () => {
    const { id, tokens } = h.relay.store.create({ title: 'Controls', footprint: '', academyId: '', date: '' });
    const fac = await join(id, tokens.facilitator, 'facilitator01', 'Hannah');
    const part = await join(id, tokens.participant, 'participant01', 'Grace');
    const viewer = await join(id, tokens.viewer, 'viewer000001', 'Jean');

    send(part, { type: 'lock.board', locked: true });
    send(viewer, { type: 'timer.start', durationMs: 60_000 });
    await waitFor(() => controlMessages(part).some((m) => m.kind === 'refused') && controlMessages(viewer).some((m) => m.kind === 'refused'));
    expect(h.relay.rooms.get(id)!.control.boardLocked).toBe(false);
    expect(lastState(fac)!.state.timer.status).toBe('idle');

    send(fac, { type: 'lock.board', locked: true });
    await waitFor(() => lastState(part)?.state.locked === true, 5000, 'lock reaches the participant');
    expect(lastState(viewer)!.state.locked).toBe(true);
    for (const c of [fac, part, viewer]) await c.close();
  });

  it('drops a participant’s edits while the board is locked, at the relay, but not the facilitator’s', async () => {
    const { id, tokens } = h.relay.store.create({ title: 'Locked', footprint: '', academyId: '', date: '' });
    const fac = await join(id, tokens.facilitator, 'facilitator01', 'Hannah');
    const part = await join(id, tokens.participant, 'participant01', 'Grace');
    const base = new Y.Doc();
    Y.applyUpdate(base, Y.encodeStateAsUpdate(roomDoc(id)));
    const cardId = addCard(base, { kind: 'people', text: 'Ward managers', domainId: 'individual-effectiveness', position: { x: 0, y: 0 } });
    fac.send(updateMessage(Y.encodeStateAsUpdate(base)));
    await waitFor(() => cardsMap(roomDoc(id)).has(cardId), 5000, 'facilitator card');

    send(fac, { type: 'lock.board', locked: true });
    await waitFor(() => lastState(part)?.state.locked === true, 5000, 'locked');
    const mine = new Y.Doc();
    Y.applyUpdate(mine, Y.encodeStateAsUpdate(roomDoc(id)));
    const before = Y.encodeStateVector(mine);
    setCardText(mine, cardId, 'Changed while locked');
    part.send(updateMessage(Y.encodeStateAsUpdate(mine, before)));
    await waitFor(() => controlMessages(part).some((m) => m.kind === 'refused' && m.reason.includes('locked')), 5000, 'refusal');
    expect(readCard(cardId, cardsMap(roomDoc(id)).get(cardId)!).text).toBe('Ward managers');

    // The facilitator may still change the board. (Its copy has what the relay sent meanwhile,
    // the reverted edit included, as a live client's would.)
    Y.applyUpdate(base, Y.encodeStateAsUpdate(roomDoc(id)));
    const b2 = Y.encodeStateVector(base);
    setCardText(base, cardId, 'Facilitator edit');
    fac.send(updateMessage(Y.encodeStateAsUpdate(base, b2)));
    await waitFor(() => readCard(cardId, cardsMap(roomDoc(id)).get(cardId)!).text === 'Facilitator edit', 5000, 'facilitator edit');

    // Locking one item refuses edits to that item only.
    send(fac, { type: 'lock.board', locked: false });
    send(fac, { type: 'lock.item', id: cardId, locked: true });
    await waitFor(() => lastState(part)?.state.locked === false && lastState(part)!.state.lockedItems.includes(cardId), 5000, 'item lock');
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(roomDoc(id)));
    const sv = Y.encodeStateVector(other);
    setCardText(other, cardId, 'Sneaky');
    const free = addCard(other, { kind: 'place', text: 'Vale hub', domainId: 'individual-effectiveness', position: { x: 0, y: 0 } });
    const mixed = Y.encodeStateAsUpdate(other, sv);
    part.send(updateMessage(mixed));
    await waitFor(() => controlMessages(part).filter((m) => m.kind === 'refused').length >= 2, 5000, 'item lock refusal');
    expect(cardsMap(roomDoc(id)).has(free)).toBe(false);
    const sv2 = Y.encodeStateVector(roomDoc(id));
    const fresh = new Y.Doc();
    Y.applyUpdate(fresh, Y.encodeStateAsUpdate(roomDoc(id)));
    const freeOnly = addCard(fresh, { kind: 'place', text: 'Vale hub', domainId: 'individual-effectiveness', position: { x: 0, y: 0 } });
    part.send(updateMessage(Y.encodeStateAsUpdate(fresh, sv2)));
    await waitFor(() => cardsMap(roomDoc(id)).has(freeOnly), 5000, 'an unlocked entry can still be added');
    for (const c of [fac, part]) await c.close();
  });

  it('keeps the tally from everyone until reveal, then writes the results into the doc', async () => {
    const { id, tokens } = h.relay.store.create({ title: 'Vote', footprint: '', academyId: '', date: '' });
    const fac = await join(id, tokens.facilitator, 'facilitator01', 'Hannah');
    const a = await join(id, tokens.participant, 'participant01', 'Grace');
    const b = await join(id, tokens.participant, 'participant02', 'Tom');
    const { c1, c2 } = await twoCards(id, fac);

    send(fac, { type: 'vote.start', targets: 'cards', dotsPerPerson: 2, anonymous: false });
    await waitFor(() => lastState(a)?.state.vote !== null && lastState(a)?.state.vote !== undefined);
    send(a, { type: 'vote.place', target: c1 });
    send(a, { type: 'vote.place', target: c1 });
    send(b, { type: 'vote.place', target: c2 });
    send(b, { type: 'vote.place', target: c1 });
    await waitFor(() => lastState(fac)?.state.vote?.dotsPlaced === 4, 5000, 'four dots');
    // Nobody's state message says where the dots are, and nobody sees anyone else's dots.
    for (const c of [fac, a, b]) {
      const raw = JSON.stringify(controlMessages(c));
      expect(raw).not.toContain('Grace');
      expect(raw).not.toContain('"results":{');
    }
    expect(lastState(b)!.state.myDots.sort()).toEqual([c1, c2].sort());
    expect(cardsMap(roomDoc(id)).get(c1)!.get('votes')).toBeUndefined();

    send(a, { type: 'vote.reveal' });
    await waitFor(() => controlMessages(a).some((m) => m.kind === 'refused'));
    expect(lastState(a)!.state.vote!.revealed).toBe(false);
    send(fac, { type: 'vote.reveal' });
    await waitFor(() => lastState(b)?.state.vote?.revealed === true, 5000, 'reveal');
    expect(lastState(b)!.state.vote!.results![c1]).toEqual({ dots: 3, voters: ['Grace', 'Tom'] });
    expect(readCard(c1, cardsMap(roomDoc(id)).get(c1)!).votes).toEqual({ dots: 3, voters: ['Grace', 'Tom'] });
    for (const c of [fac, a, b]) await c.close();
  });

  it('gives back the dots on a card that is removed during a vote without telling anyone its tally, and leaves them out of the results', async () => {
    const { id, tokens } = h.relay.store.create({ title: 'Vote and remove', footprint: '', academyId: '', date: '' });
    const fac = await join(id, tokens.facilitator, 'facilitator01', 'Hannah');
    const a = await join(id, tokens.participant, 'participant01', 'Grace');
    const { base, c1, c2 } = await twoCards(id, fac);

    send(fac, { type: 'vote.start', targets: 'cards', dotsPerPerson: 2, anonymous: false });
    await waitFor(() => !!lastState(a)?.state.vote);
    send(a, { type: 'vote.place', target: c1 });
    send(a, { type: 'vote.place', target: c1 });
    await waitFor(() => lastState(fac)?.state.vote?.dotsPlaced === 2, 5000, 'two dots');

    // Someone removes the card Grace voted for.
    const sv = Y.encodeStateVector(base);
    deleteEntry(base, c1);
    fac.send(updateMessage(Y.encodeStateAsUpdate(base, sv)));
    await waitFor(() => lastState(a)?.state.myDots.length === 0, 5000, 'Grace has her dots back');
    // The room's count does not move: removing a card (and undoing) must not tell anyone how many dots it had.
    expect(lastState(fac)!.state.vote!.dotsPlaced).toBe(2);
    expect(lastState(fac)!.state.vote!.voters).toBe(1);
    send(a, { type: 'vote.place', target: c2 });
    send(a, { type: 'vote.place', target: c2 });
    await waitFor(() => lastState(a)?.state.myDots.length === 2, 5000, 'both dots placed again');
    expect(lastState(a)!.state.myDots).toEqual([c2, c2]);
    send(fac, { type: 'vote.reveal' });
    await waitFor(() => lastState(a)?.state.vote?.revealed === true, 5000, 'reveal');
    expect(lastState(a)!.state.vote!.results).toEqual({ [c2]: { dots: 2, voters: ['Grace'] } });
    // Revealed, the count is what the results add up to.
    expect(lastState(a)!.state.vote!.dotsPlaced).toBe(2);
    for (const c of [fac, a]) await c.close();
  });

  it('closes a connection that sends a control message that does not parse', async () => {
    const { id, tokens } = h.relay.store.create({ title: 'Bad', footprint: '', academyId: '', date: '' });
    const fac = await join(id, tokens.facilitator, 'facilitator01', 'Hannah');
    send(fac, { type: 'timer.start', durationMs: 'soon' });
    expect((await fac.closed).code).toBe(4422);
  });
});

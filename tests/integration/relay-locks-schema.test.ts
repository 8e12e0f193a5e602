// Locks that cannot be slipped and a doc held to its schema, tested with stock y-websocket
// clients: a refused edit appears nowhere (other clients, the relay, the file, a reconnect of
// the sender), the sender's copy converges without a reload, and its next edit goes through.
import { describe, it, expect } from 'vitest';
import { readFileSync, existsSync } from 'node:fs';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import type { WebsocketProvider } from 'y-websocket';
import { harnessPerTest, waitFor, connectClient, sleep, type Harness } from '../support/relay-harness';
import { RawClient, updateMessage } from '../support/raw-client';
import { CloseCode, MessageType } from '../../shared/protocol';
import { encodeControlCommand } from '../../shared/relay-messages';
import type { RelayControlMessage } from '../../shared/control';
import { addCard, addPlanItem, addTable, cardsMap, cardText, itemText, setCardText, metaMap } from '../../shared/doc';

let h: Harness;
harnessPerTest(
  (fresh) => (h = fresh),
  () => h,
);

/** A stock client that also collects the relay's control messages (refusals). */
function client(id: string, token: string, doc = new Y.Doc()): { provider: WebsocketProvider; refusals: string[] } {
  const provider = connectClient(h.wsUrl, id, token, doc, { ext: true });
  const refusals: string[] = [];
  provider.messageHandlers[MessageType.control] = (_enc, decoder) => {
    const msg = JSON.parse(decoding.readVarString(decoder)) as RelayControlMessage;
    if (msg.kind === 'refused') refusals.push(msg.reason);
  };
  provider.messageHandlers[MessageType.saveStatus] = (_enc, decoder) => void decoding.readVarString(decoder);
  return { provider, refusals };
}

function fileBytes(id: string): string {
  const path = h.relay.store.pathOf(id);
  return [path, `${path}-wal`]
    .filter((p) => existsSync(p))
    .map((p) => readFileSync(p).toString('latin1'))
    .join('');
}

async function facilitatorSays(id: string, token: string, command: Parameters<typeof encodeControlCommand>[0]): Promise<void> {
  const fac = await RawClient.connect(`${h.wsUrl}/${id}?token=${token}&ext=1`);
  fac.send(encodeControlCommand(command));
  await sleep(150);
  await fac.close();
}

describe('locks', () => {
  it('a refused edit in the middle of a locked item’s text appears nowhere; the next edit arrives; the sender converges', async () => {
    const { id, tokens } = h.relay.store.create({ title: 'Locks', footprint: '', academyId: '', date: '' });
    const fac = client(id, tokens.facilitator);
    await waitFor(() => fac.provider.synced, 5000, 'facilitator synced');
    const item = addPlanItem(fac.provider.doc, {
      interventionId: null,
      customTitle: 'Discharge',
      domainId: 'individual-effectiveness',
      position: { x: 0, y: 0 },
    });
    itemText(fac.provider.doc, item, 'description').insert(0, 'Start here. End there.');
    const sender = client(id, tokens.participant);
    const watcher = client(id, tokens.participant);
    await waitFor(
      () => [sender, watcher].every((c) => c.provider.synced && itemText(c.provider.doc, item, 'description')?.toString() === 'Start here. End there.'),
      5000,
      'all have the item',
    );
    fac.provider.doc.transact(() => void 0);
    await facilitatorSays(id, tokens.facilitator, { type: 'lock.item', id: item, locked: true });
    await waitFor(() => h.relay.rooms.get(id)!.control.isItemLocked(item), 5000, 'item locked');

    // An insertion in the middle of a Y.Text names only its neighbours, not the item: the
    // relay must still see that it touches the locked item.
    itemText(sender.provider.doc, item, 'description').insert(11, ' SNEAKY-SECRET');
    // Then a permitted edit from the same doc (the next clock of the same client).
    const free = addCard(sender.provider.doc, { kind: 'people', text: 'Allowed card', domainId: 'individual-effectiveness', position: { x: 1, y: 1 } });
    await waitFor(() => cardsMap(watcher.provider.doc).has(free), 8000, 'the permitted edit arrives');
    await waitFor(() => sender.refusals.some((r) => r.includes('locked')), 5000, 'sender told why');
    // The sender's copy converges to the room's without a reload.
    await waitFor(() => itemText(sender.provider.doc, item, 'description').toString() === 'Start here. End there.', 5000, 'sender converges');
    const room = h.relay.rooms.get(id)!;
    for (const doc of [watcher.provider.doc, fac.provider.doc, room.doc]) {
      expect(itemText(doc, item, 'description').toString()).toBe('Start here. End there.');
      expect(cardsMap(doc).has(free)).toBe(true);
    }
    expect(Y.encodeStateVector(sender.provider.doc)).toEqual(Y.encodeStateVector(room.doc));
    await room.save();
    expect(fileBytes(id)).not.toContain('SNEAKY-SECRET');

    // Unlocked and reconnected with the same doc (as the app's local copy would hold it): the
    // refused edit does not come back.
    await facilitatorSays(id, tokens.facilitator, { type: 'lock.item', id: item, locked: false });
    sender.provider.disconnect();
    sender.provider.connect();
    await waitFor(() => sender.provider.synced, 5000, 'resynced');
    await sleep(300);
    for (const doc of [sender.provider.doc, watcher.provider.doc, room.doc])
      expect(itemText(doc, item, 'description').toString()).toBe('Start here. End there.');
    for (const c of [fac, sender, watcher]) c.provider.destroy();
  });

  it('a locked board refuses a card overwrite and a deletion; both are restored for everyone', async () => {
    const { id, tokens } = h.relay.store.create({ title: 'Board lock', footprint: '', academyId: '', date: '' });
    const fac = client(id, tokens.facilitator);
    await waitFor(() => fac.provider.synced);
    const keep = addCard(fac.provider.doc, { kind: 'place', text: 'Keep me', domainId: 'individual-effectiveness', position: { x: 0, y: 0 } });
    const sender = client(id, tokens.participant);
    const watcher = client(id, tokens.participant);
    await waitFor(() => cardsMap(sender.provider.doc).has(keep) && cardsMap(watcher.provider.doc).has(keep), 5000, 'card everywhere');
    await facilitatorSays(id, tokens.facilitator, { type: 'lock.board', locked: true });
    await waitFor(() => h.relay.rooms.get(id)!.control.boardLocked);
    setCardText(sender.provider.doc, keep, 'Overwritten');
    cardsMap(sender.provider.doc).delete(keep);
    await waitFor(() => sender.refusals.length >= 2, 5000, 'both refused');
    await waitFor(() => cardsMap(sender.provider.doc).get(keep)?.get('text')?.toString() === 'Keep me', 5000, 'sender gets the card back');
    for (const doc of [watcher.provider.doc, fac.provider.doc, h.relay.rooms.get(id)!.doc])
      expect(cardsMap(doc).get(keep)?.get('text')?.toString()).toBe('Keep me');
    for (const c of [fac, sender, watcher]) c.provider.destroy();
  });

  it('a locked table refuses changes to its cards, new cards at it and cards moved away, while another table works on', async () => {
    const { id, tokens } = h.relay.store.create({ title: 'Table lock', footprint: '', academyId: '', date: '' });
    const fac = client(id, tokens.facilitator);
    await waitFor(() => fac.provider.synced);
    const locked = addTable(fac.provider.doc, 'Bassetlaw');
    const open = addTable(fac.provider.doc, 'Mansfield');
    const at = (tableId: string, text: string) =>
      addCard(fac.provider.doc, { kind: 'place', text, domainId: 'individual-effectiveness', position: { x: 0, y: 0 }, tableId });
    const kept = at(locked, 'Bassetlaw hub');
    const moved = at(locked, 'Stays at Bassetlaw');
    const gone = at(locked, 'Not deleted');
    const free = at(open, 'Mansfield hub');
    const sender = client(id, tokens.participant);
    const watcher = client(id, tokens.participant);
    await waitFor(() => [sender, watcher].every((c) => cardsMap(c.provider.doc).has(free)), 5000, 'cards everywhere');
    await facilitatorSays(id, tokens.facilitator, { type: 'lock.table', tableId: locked, locked: true });
    await waitFor(() => h.relay.rooms.get(id)!.control.lockedTables.includes(locked), 5000, 'table locked');

    const sd = sender.provider.doc;
    cardText(sd, kept).insert(0, 'SNEAKY ');
    setCardText(sd, kept, 'Overwritten');
    cardsMap(sd).get(moved)!.set('tableId', open);
    cardsMap(sd).delete(gone);
    const sneaked = addCard(sd, {
      kind: 'people',
      text: 'New at a locked table',
      domainId: 'individual-effectiveness',
      position: { x: 1, y: 1 },
      tableId: locked,
    });
    // The other table works on.
    setCardText(sd, free, 'Mansfield hub, open late');
    await waitFor(
      () => cardsMap(watcher.provider.doc).get(free)?.get('text')?.toString() === 'Mansfield hub, open late',
      5000,
      'the open table’s edit arrives',
    );
    await waitFor(() => sender.refusals.filter((r) => r.includes('locked that table')).length >= 4, 5000, 'each refused, saying why');
    // Everyone, the sender included, has the locked table as it was.
    await waitFor(
      () => cardsMap(sd).get(kept)?.get('text')?.toString() === 'Bassetlaw hub' && cardsMap(sd).has(gone) && !cardsMap(sd).has(sneaked),
      5000,
      'sender converges',
    );
    for (const doc of [sd, watcher.provider.doc, fac.provider.doc, h.relay.rooms.get(id)!.doc]) {
      expect(cardsMap(doc).get(kept)?.get('text')?.toString()).toBe('Bassetlaw hub');
      expect(cardsMap(doc).get(moved)?.get('tableId')).toBe(locked);
      expect(cardsMap(doc).has(gone)).toBe(true);
      expect(cardsMap(doc).has(sneaked)).toBe(false);
    }
    // The facilitator still edits it; once unlocked, so does everyone.
    setCardText(fac.provider.doc, kept, 'Bassetlaw hub, by the facilitator');
    await waitFor(() => cardsMap(watcher.provider.doc).get(kept)?.get('text')?.toString() === 'Bassetlaw hub, by the facilitator', 5000, 'facilitator edits');
    await facilitatorSays(id, tokens.facilitator, { type: 'lock.table', tableId: locked, locked: false });
    await waitFor(() => h.relay.rooms.get(id)!.control.lockedTables.length === 0, 5000, 'unlocked');
    cardsMap(sd).get(moved)!.set('tableId', open);
    await waitFor(() => cardsMap(watcher.provider.doc).get(moved)?.get('tableId') === open, 5000, 'moves once unlocked');
    for (const c of [fac, sender, watcher]) c.provider.destroy();
  });
});

describe('schema', () => {
  it('refuses a new top-level type and a wrong kind of value, from anyone, and the sender converges', async () => {
    const { id, tokens } = h.relay.store.create({ title: 'Schema', footprint: '', academyId: '', date: '' });
    const fac = client(id, tokens.facilitator);
    await waitFor(() => fac.provider.synced);
    const card = addCard(fac.provider.doc, { kind: 'people', text: 'Fine', domainId: 'individual-effectiveness', position: { x: 0, y: 0 } });
    const sender = client(id, tokens.participant);
    const watcher = client(id, tokens.participant);
    await waitFor(() => cardsMap(sender.provider.doc).has(card) && cardsMap(watcher.provider.doc).has(card), 5000);

    sender.provider.doc.getMap('exfiltrate').set('payload', 'STOWAWAY-DATA');
    await waitFor(() => sender.refusals.some((r) => r.includes('exfiltrate')), 5000, 'new root refused');
    cardsMap(sender.provider.doc).get(card)!.set('x', 'not a number');
    await waitFor(() => sender.refusals.some((r) => r.includes('“x”')), 5000, 'wrong kind refused');
    metaMap(fac.provider.doc).set('title', new Y.Text('a text where a string belongs'));
    await waitFor(() => fac.refusals.some((r) => r.includes('title')), 5000, 'facilitators are held to the schema too');
    // A permitted edit from the same doc still goes through.
    setCardText(sender.provider.doc, card, 'Still fine');
    await waitFor(() => cardsMap(watcher.provider.doc).get(card)?.get('text')?.toString() === 'Still fine', 5000, 'permitted edit');
    await waitFor(() => cardsMap(sender.provider.doc).get(card)?.get('x') === 0, 5000, 'sender converges');
    const room = h.relay.rooms.get(id)!;
    for (const doc of [room.doc, watcher.provider.doc]) {
      expect(doc.share.has('exfiltrate') ? doc.getMap('exfiltrate').size : 0).toBe(0);
      expect(cardsMap(doc).get(card)!.get('x')).toBe(0);
      expect(metaMap(doc).get('title')).toBe('Schema');
    }
    await room.save();
    expect(fileBytes(id)).not.toContain('STOWAWAY-DATA');
    for (const c of [fac, sender, watcher]) c.provider.destroy();
  });

  it('refuses an update a raw client crafts against a locked entry even when it cannot be placed yet', async () => {
    const { id, tokens } = h.relay.store.create({ title: 'Pending', footprint: '', academyId: '', date: '' });
    const fac = client(id, tokens.facilitator);
    await waitFor(() => fac.provider.synced);
    await facilitatorSays(id, tokens.facilitator, { type: 'lock.board', locked: true });
    await waitFor(() => h.relay.rooms.get(id)!.control.boardLocked);
    // An update that builds on an edit the relay never received: it cannot be attributed.
    const evil = new Y.Doc();
    Y.applyUpdate(evil, Y.encodeStateAsUpdate(h.relay.rooms.get(id)!.doc));
    addCard(evil, { kind: 'people', text: 'gap', domainId: 'individual-effectiveness', position: { x: 0, y: 0 } });
    const sv = Y.encodeStateVector(evil);
    addCard(evil, { kind: 'people', text: 'LATER-CARD', domainId: 'individual-effectiveness', position: { x: 0, y: 0 } });
    const raw = await RawClient.connect(`${h.wsUrl}/${id}?token=${tokens.participant}&ext=1`);
    raw.send(updateMessage(Y.encodeStateAsUpdate(evil, sv)));
    // Refused before it touches the doc, never parked: the sender is told to reconnect and resend.
    expect((await raw.closed).code).toBe(CloseCode.outOfOrder);
    const room = h.relay.rooms.get(id)!;
    expect(room.doc.store.pendingStructs).toBeNull();
    expect(room.doc.store.pendingDs).toBeNull();
    expect([...cardsMap(room.doc).values()].map((c) => c.get('text')?.toString())).not.toContain('LATER-CARD');
    fac.provider.destroy();
  });
});

import { describe, it, expect } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { harnessPerTest, startHarness, connectClient, waitFor, rawSession, type Harness } from '../support/relay-harness';
import { CloseCode, MessageType } from '../../shared/protocol';
import { addCard, cardsMap, readMeta } from '../../shared/doc';

let h: Harness;
harnessPerTest(
  (fresh) => (h = fresh),
  () => h,
);

function updateMessage(doc: Y.Doc): Uint8Array {
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, MessageType.sync);
  syncProtocol.writeUpdate(enc, Y.encodeStateAsUpdate(doc));
  return encoding.toUint8Array(enc);
}

describe('relay', () => {
  it('syncs two stock y-websocket clients through a room', async () => {
    const { id, tokens } = h.relay.store.create({ title: 'Discharge', footprint: '', academyId: '', date: '' });
    const a = connectClient(h.wsUrl, id, tokens.participant);
    const b = connectClient(h.wsUrl, id, tokens.participant);
    await waitFor(() => a.synced && b.synced, 5000, 'both synced');
    expect(readMeta(a.doc).title).toBe('Discharge');
    addCard(a.doc, { kind: 'people', text: 'Ward managers', domainId: 'individual-effectiveness', position: { x: 1, y: 2 } });
    await waitFor(() => cardsMap(b.doc).size === 1, 5000, 'card on b');
    expect([...cardsMap(b.doc).values()][0]!.get('text')?.toString()).toBe('Ward managers');
    a.destroy();
    b.destroy();
  });

  it('keeps saved edits across a restart', async () => {
    const { id, tokens } = h.relay.store.create({ title: 'Persist', footprint: '', academyId: '', date: '' });
    const a = connectClient(h.wsUrl, id, tokens.participant);
    await waitFor(() => a.synced);
    addCard(a.doc, { kind: 'place', text: 'Vale hub', domainId: 'relationships-and-connectivity', position: { x: 0, y: 0 } });
    await waitFor(() => (h.relay.rooms.get(id)?.doc.getMap('cards').size ?? 0) === 1);
    a.destroy();
    await waitFor(() => !h.relay.rooms.has(id), 5000, 'room unloaded');
    await h.stop();
    h = await startHarness({}, h.dataDir);
    const b = connectClient(h.wsUrl, id, tokens.viewer);
    await waitFor(() => b.synced);
    expect(cardsMap(b.doc).size).toBe(1);
    b.destroy();
  });

  it('refuses bad rooms and tokens with documented close codes and sends no state', async () => {
    const { id, tokens } = h.relay.store.create({ title: 'Secret title', footprint: '', academyId: '', date: '' });
    const noToken = await rawSession(`${h.wsUrl}/${id}`);
    expect(noToken.code).toBe(CloseCode.badToken);
    expect(noToken.messages).toHaveLength(0);
    const wrong = await rawSession(`${h.wsUrl}/${id}?token=nope`);
    expect(wrong.code).toBe(CloseCode.badToken);
    const other = h.relay.store.create({ title: 'Other', footprint: '', academyId: '', date: '' });
    const crossRoom = await rawSession(`${h.wsUrl}/${id}?token=${other.tokens.participant}`);
    expect(crossRoom.code).toBe(CloseCode.badToken);
    expect((await rawSession(`${h.wsUrl}/not-a-room?token=${tokens.participant}`)).code).toBe(CloseCode.badRoom);
    expect((await rawSession(`${h.wsUrl}/aaaaaaaaaaaaaaaaaaaa?token=x`)).code).toBe(CloseCode.unknownWorkshop);
    const hijack = await rawSession(`${h.wsUrl}/${id}?token=${tokens.participant}`, [], { origin: 'https://evil.example' });
    expect(hijack.code).toBe(CloseCode.badOrigin);
    expect(hijack.messages).toHaveLength(0);
  });

  it('drops a viewer’s updates at the relay', async () => {
    const { id, tokens } = h.relay.store.create({ title: 'View only', footprint: '', academyId: '', date: '' });
    const evil = new Y.Doc();
    addCard(evil, { kind: 'people', text: 'Injected', domainId: 'individual-effectiveness', position: { x: 0, y: 0 } });
    const session = await rawSession(`${h.wsUrl}/${id}?token=${tokens.viewer}`, [updateMessage(evil)]);
    expect(session.messages.length).toBeGreaterThan(0); // a viewer does receive the room
    const check = connectClient(h.wsUrl, id, tokens.participant);
    await waitFor(() => check.synced);
    expect(cardsMap(check.doc).size).toBe(0);
    check.destroy();
  });

  it('withdraws a link: holders are disconnected and cannot return', async () => {
    const { id, tokens } = h.relay.store.create({ title: 'Rotate', footprint: '', academyId: '', date: '' });
    const a = connectClient(h.wsUrl, id, tokens.participant);
    const closes: number[] = [];
    a.on('connection-close', (e: CloseEvent | null) => e && closes.push(e.code));
    await waitFor(() => a.synced);
    const res = await fetch(`${h.relay.url}/api/workshops/${id}/rotate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.facilitator}`, 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'participant' }),
    });
    expect(res.status).toBe(200);
    await waitFor(() => closes.includes(CloseCode.revoked), 5000, 'revoked close');
    a.destroy();
    expect((await rawSession(`${h.wsUrl}/${id}?token=${tokens.participant}`)).code).toBe(CloseCode.revoked);
    const denied = await fetch(`${h.relay.url}/api/workshops/${id}/rotate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.viewer}` },
      body: JSON.stringify({ role: 'viewer' }),
    });
    expect(denied.status).toBe(403);
  });
});

// Seats at tables, with a real relay and stock clients: a seat is keyed by a name and an
// organisation anyone could type, so the relay holds each participant to the seat of the name
// and organisation they joined with, to a seat nobody else has chosen from, and only while the
// facilitator lets people choose. The facilitator places anyone. A refused change is reverted
// for everyone, the sender included.
import { describe, it, expect } from 'vitest';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import type { WebsocketProvider } from 'y-websocket';
import { harnessPerTest, connectClient, waitFor, sleep, type Harness } from '../support/relay-harness';
import { RawClient } from '../support/raw-client';
import { MessageType } from '../../shared/protocol';
import { encodeControlCommand, decodeControlJson } from '../../shared/relay-messages';
import type { RelayControlMessage } from '../../shared/control';
import { addTable, seat, seatIdOf, seatsMap, type Sitter } from '../../shared/doc';

let h: Harness;
harnessPerTest(
  (fresh) => (h = fresh),
  () => h,
);

const grace: Sitter = { name: 'Grace Okafor', organisation: 'Riverside City Council', organisationType: 'Local authority' };
const mallory: Sitter = { name: 'Mal Lory', organisation: 'Nowhere Ltd', organisationType: 'Other' };

/** A participant who joined as `who`, collecting the relay's refusals. */
function person(id: string, token: string, who: Sitter, voter?: string): { provider: WebsocketProvider; refusals: string[] } {
  const provider = connectClient(h.wsUrl, id, token, new Y.Doc(), { ext: true, identity: who, ...(voter ? { voter } : {}) });
  const refusals: string[] = [];
  const onControl = provider.messageHandlers[MessageType.control]!;
  provider.messageHandlers[MessageType.control] = (enc, decoder, p, emit, type) => {
    const copy = decoding.createDecoder(decoding.readTailAsUint8Array(decoder));
    const msg = decodeControlJson(decoding.clone(copy)) as RelayControlMessage;
    if (msg.kind === 'refused') refusals.push(msg.reason);
    onControl(enc, copy, p, emit, type);
  };
  return { provider, refusals };
}

const tableOf = (doc: Y.Doc, who: Sitter) => seatsMap(doc).get(seatIdOf(who))?.get('tableId');

async function facilitatorSays(id: string, token: string, command: Parameters<typeof encodeControlCommand>[0]): Promise<void> {
  const fac = await RawClient.connect(`${h.wsUrl}/${id}?token=${token}&ext=1`);
  fac.send(encodeControlCommand(command));
  await sleep(150);
  await fac.close();
}

describe('seats', () => {
  it('a participant chooses only their own table; someone else, or someone claiming their name later, cannot move them; the facilitator can', async () => {
    const { id, tokens } = h.relay.store.create({ title: 'Seats', footprint: '', academyId: '', date: '' });
    const fac = connectClient(h.wsUrl, id, tokens.facilitator, new Y.Doc(), { ext: true });
    await waitFor(() => fac.synced, 5000, 'facilitator synced');
    const north = addTable(fac.doc, 'North');
    const south = addTable(fac.doc, 'South');
    const g = person(id, tokens.participant, grace);
    const m = person(id, tokens.participant, mallory);
    await waitFor(() => [g, m].every((c) => c.provider.synced && c.provider.doc.getMap('tables').size === 2), 5000, 'all synced');

    // Grace sits at North herself.
    seat(g.provider.doc, grace, north);
    await waitFor(() => tableOf(fac.doc, grace) === north, 5000, 'Grace seated');

    // Mallory moves Grace, and seats a made-up person: both refused, and undone on Mallory's copy.
    seat(m.provider.doc, grace, south);
    seat(m.provider.doc, { ...grace, name: 'Someone Else' }, south);
    await waitFor(() => m.refusals.filter((r) => r.includes('only their own table')).length >= 2, 5000, 'both refused');
    await waitFor(() => tableOf(m.provider.doc, grace) === north, 5000, 'Mallory converges');
    // Mallory's own seat is hers to choose.
    seat(m.provider.doc, mallory, south);
    await waitFor(() => tableOf(fac.doc, mallory) === south, 5000, 'Mallory seated');

    // Someone joining later under Grace's name and organisation (another person to the relay) cannot move her.
    const impostor = person(id, tokens.participant, grace);
    await waitFor(() => impostor.provider.synced && tableOf(impostor.provider.doc, grace) === north, 5000, 'impostor synced');
    seat(impostor.provider.doc, grace, south);
    await waitFor(() => impostor.refusals.some((r) => r.includes('someone else already chose')), 5000, 'impostor refused');
    await waitFor(() => tableOf(impostor.provider.doc, grace) === north, 5000, 'impostor converges');

    // The facilitator places anyone.
    seat(fac.doc, grace, south);
    await waitFor(() => tableOf(g.provider.doc, grace) === south, 5000, 'facilitator moved Grace');

    // Grace coming back (her own ticket) still chooses her own table.
    seat(g.provider.doc, grace, north);
    await waitFor(() => tableOf(fac.doc, grace) === north, 5000, 'Grace moved herself back');
    for (const doc of [fac.doc, g.provider.doc, m.provider.doc, h.relay.rooms.get(id)!.doc]) {
      expect(tableOf(doc, grace)).toBe(north);
      expect(seatsMap(doc).has(seatIdOf({ ...grace, name: 'Someone Else' }))).toBe(false);
    }
    for (const p of [fac, g.provider, m.provider, impostor.provider]) p.destroy();
  });

  it('while the facilitator places people, nobody chooses their own table', async () => {
    const { id, tokens } = h.relay.store.create({ title: 'Placed', footprint: '', academyId: '', date: '' });
    const fac = connectClient(h.wsUrl, id, tokens.facilitator, new Y.Doc(), { ext: true });
    await waitFor(() => fac.synced, 5000, 'facilitator synced');
    const north = addTable(fac.doc, 'North');
    const g = person(id, tokens.participant, grace);
    await waitFor(() => g.provider.synced && g.provider.doc.getMap('tables').size === 1, 5000, 'synced');
    await facilitatorSays(id, tokens.facilitator, { type: 'tables.selfSeating', allowed: false });
    await waitFor(() => !h.relay.rooms.get(id)!.control.selfSeating, 5000, 'choosing off');
    seat(g.provider.doc, grace, north);
    await waitFor(() => g.refusals.some((r) => r.includes('the facilitator places people')), 5000, 'refused');
    await waitFor(() => !seatsMap(g.provider.doc).has(seatIdOf(grace)), 5000, 'Grace converges');
    await facilitatorSays(id, tokens.facilitator, { type: 'tables.selfSeating', allowed: true });
    await waitFor(() => h.relay.rooms.get(id)!.control.selfSeating, 5000, 'choosing on');
    seat(g.provider.doc, grace, north);
    await waitFor(() => tableOf(fac.doc, grace) === north, 5000, 'seated once allowed');
    fac.destroy();
    g.provider.destroy();
  });
});

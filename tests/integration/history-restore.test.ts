// History and restore with a real relay and stock y-websocket clients: a wiped board comes back
// for everyone (one client was offline during the wipe), the restore can itself be undone,
// points survive a restart, and only the facilitator's link may see or restore them.
import { describe, it, expect, afterEach } from 'vitest';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import { startHarness, removeDir, waitFor, connectClient, sleep, type Harness } from '../support/relay-harness';
import { frameworkIndex } from '../../shared/framework';
import { loadSample, cardsMap, itemsMap, linksMap, deleteEntry } from '../../shared/doc';
import { contentKey } from '../../server/history-content';
import type { RestorePoint } from '../../server/history-store';
import sample from '../../resources/sample-workshop.json';

const harnesses: Harness[] = [];
const providers: WebsocketProvider[] = [];
afterEach(async () => {
  for (const p of providers.splice(0)) p.destroy();
  for (const h of harnesses.splice(0)) {
    await h.stop();
    removeDir(h.dataDir);
  }
});

async function start(options: Parameters<typeof startHarness>[0] = {}, dataDir?: string): Promise<Harness> {
  const h = await startHarness(options, dataDir);
  harnesses.push(h);
  return h;
}

function client(h: Harness, id: string, token: string, name?: string): WebsocketProvider {
  const p = name
    ? new WebsocketProvider(h.wsUrl, id, new Y.Doc(), {
        WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
        params: { token, name },
        disableBc: true,
        maxBackoffTime: 200,
      })
    : connectClient(h.wsUrl, id, token);
  providers.push(p);
  return p;
}

const synced = (p: WebsocketProvider) => waitFor(() => p.synced, 10_000, 'sync');

async function api(h: Harness, path: string, token: string, method = 'GET'): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${h.relay.url}/api/workshops/${path}`, { method, headers: { authorization: `Bearer ${token}`, origin: h.relay.url } });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

function wipe(doc: Y.Doc): void {
  doc.transact(() => {
    for (const id of [...cardsMap(doc).keys(), ...itemsMap(doc).keys()]) deleteEntry(doc, id);
    linksMap(doc).clear();
  });
}

describe('history and restore', () => {
  it('brings a wiped board back for every client, including one offline during the wipe, and can undo the restore', async () => {
    const h = await start();
    const { id, tokens } = h.relay.store.create({ title: 'Restore me', footprint: '', academyId: '', date: '' });
    const fac = client(h, id, tokens.facilitator);
    const part = client(h, id, tokens.participant);
    const away = client(h, id, tokens.participant);
    await Promise.all([fac, part, away].map(synced));
    loadSample(fac.doc, sample, frameworkIndex, null, false);
    const cards = cardsMap(fac.doc).size;
    expect(cards).toBeGreaterThan(3);
    await waitFor(() => cardsMap(away.doc).size === cards && itemsMap(away.doc).size === itemsMap(fac.doc).size, 10_000, 'the sample everywhere');
    const original = contentKey(fac.doc);

    const made = await api(h, `${id}/history`, tokens.facilitator, 'POST');
    expect(made.status).toBe(201);
    const point = made.body.point as RestorePoint;
    expect(point.summary.cardsAdded.length).toBeGreaterThan(0);

    // One participant goes offline still holding every card; another wipes the board.
    away.disconnect();
    wipe(part.doc);
    await waitFor(() => cardsMap(fac.doc).size === 0 && itemsMap(fac.doc).size === 0, 10_000, 'the wipe to reach the facilitator');

    const restored = await api(h, `${id}/history/${point.id}/restore`, tokens.facilitator, 'POST');
    expect(restored.status).toBe(200);
    const before = restored.body.before as RestorePoint;
    expect(before.reason).toBe('before-restore');
    await waitFor(() => contentKey(fac.doc) === original && contentKey(part.doc) === original, 10_000, 'the restore to reach the connected clients');

    // The offline client comes back with its old copies: no duplicates, nothing wiped resurrected twice.
    away.connect();
    await synced(away);
    await waitFor(() => contentKey(away.doc) === original, 10_000, 'the reconnecting client to converge');
    await sleep(300);
    for (const p of [fac, part, away]) {
      expect(contentKey(p.doc)).toBe(original);
      expect(cardsMap(p.doc).size).toBe(cards);
    }
    expect(contentKey(h.relay.rooms.get(id)!.doc)).toBe(original);

    // The restore is undone from History: the point taken before it brings the wiped board back.
    const undone = await api(h, `${id}/history/${before.id}/restore`, tokens.facilitator, 'POST');
    expect(undone.status).toBe(200);
    await waitFor(() => [fac, part, away].every((p) => cardsMap(p.doc).size === 0), 10_000, 'the undo to reach everyone');
  });

  it('refuses participants and viewers at the relay, whatever they send', async () => {
    const h = await start();
    const { id, tokens } = h.relay.store.create({ title: 'Guarded', footprint: '', academyId: '', date: '' });
    const point = (await api(h, `${id}/history`, tokens.facilitator, 'POST')).body.point as RestorePoint;
    for (const token of [tokens.participant, tokens.viewer, 'nonsense']) {
      expect((await api(h, `${id}/history`, token)).status).toBe(403);
      expect((await api(h, `${id}/history`, token, 'POST')).status).toBe(403);
      expect((await api(h, `${id}/history/${point.id}`, token)).status).toBe(403);
      expect((await api(h, `${id}/history/${point.id}/restore`, token, 'POST')).status).toBe(403);
    }
    expect((await api(h, `${id}/history/999999/restore`, tokens.facilitator, 'POST')).status).toBe(404);
  });

  it('takes points while a room changes, naming who changed what, and keeps them across a restart', async () => {
    const h = await start({ history: { intervalMs: 300 } });
    const { id, tokens } = h.relay.store.create({ title: 'Busy', footprint: '', academyId: '', date: '' });
    const priya = client(h, id, tokens.participant, 'Priya Shah');
    await synced(priya);
    loadSample(priya.doc, sample, frameworkIndex, null, false);
    await waitFor(() => h.relay.history.list(id).some((p) => p.reason === 'auto'), 10_000, 'an automatic point');
    const auto = h.relay.history.list(id).find((p) => p.reason === 'auto')!;
    expect(auto.by).toEqual(['Priya Shah']);
    expect(auto.summary.cardsAdded.map((c) => c.label)).toContain(sample.cards[0]!.text.replace(/\s+/g, ' ').trim().slice(0, 79));
    const preview = (await api(h, `${id}/history/${auto.id}`, tokens.facilitator)).body as { cards: unknown[]; items: unknown[] };
    expect(preview.cards.length).toBe(cardsMap(priya.doc).size);
    expect(preview.items.length).toBe(itemsMap(priya.doc).size);

    const listed = h.relay.history.list(id).map((p) => p.id);
    priya.destroy();
    providers.splice(providers.indexOf(priya), 1);
    const dataDir = h.dataDir;
    await h.stop();
    harnesses.splice(harnesses.indexOf(h), 1);
    const again = await start({}, dataDir);
    const after = (await api(again, `${id}/history`, tokens.facilitator)).body.points as RestorePoint[];
    expect(after.map((p) => p.id)).toEqual(expect.arrayContaining(listed));
  });

  it('restores a workshop nobody has open, straight into its file', async () => {
    const h = await start();
    const { id, tokens } = h.relay.store.create({ title: 'Quiet', footprint: '', academyId: '', date: '' });
    const empty = (await api(h, `${id}/history`, tokens.facilitator, 'POST')).body.point as RestorePoint;
    const p = client(h, id, tokens.facilitator);
    await synced(p);
    loadSample(p.doc, sample, frameworkIndex, null, false);
    await waitFor(() => cardsMap(h.relay.rooms.get(id)!.doc).size > 0);
    p.destroy();
    providers.splice(providers.indexOf(p), 1);
    await waitFor(() => !h.relay.rooms.has(id), 10_000, 'the room to close');
    expect((await api(h, `${id}/history/${empty.id}/restore`, tokens.facilitator, 'POST')).status).toBe(200);
    const back = client(h, id, tokens.facilitator);
    await synced(back);
    expect(cardsMap(back.doc).size).toBe(0);
  });
});

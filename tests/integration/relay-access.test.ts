// Who may do what, checked by the relay itself with raw sockets (no client-side politeness):
// a view-only connection receives the room and may show its presence but changes nothing;
// a connection without a valid token receives nothing and changes nothing; the API that
// withdraws links answers only the facilitator; pages from other sites are turned away.
import { describe, it, expect } from 'vitest';
import { request } from 'node:http';
import * as Y from 'yjs';
import { harnessPerTest, connectClient, waitFor, sleep, rawSession, type Harness } from '../support/relay-harness';
import { RawClient, awarenessMessage, syncStep1Message, syncStep2Message, updateMessage } from '../support/raw-client';
import { CloseCode, MessageType } from '../../shared/protocol';
import { addCard, cardsMap, setMeta, readMeta } from '../../shared/doc';
import { WorkshopFile } from '../../server/workshop-file';

let h: Harness;
harnessPerTest(
  (fresh) => (h = fresh),
  () => h,
);

function newWorkshop(title = 'Access') {
  const created = h.relay.store.create({ title, footprint: '', academyId: '', date: '' });
  return { ...created, url: (token: string, ext = false) => `${h.wsUrl}/${created.id}?token=${encodeURIComponent(token)}${ext ? '&ext=1' : ''}` };
}

function hostileEdit(): Uint8Array {
  const evil = new Y.Doc();
  addCard(evil, { kind: 'people', text: 'Injected', domainId: 'individual-effectiveness', position: { x: 0, y: 0 } });
  setMeta(evil, 'title', 'Defaced');
  return Y.encodeStateAsUpdate(evil);
}

/** Rows in the workshop's update log: a dropped edit must not reach the file either. */
function storedUpdates(h: Harness, id: string): number {
  const f = WorkshopFile.open(h.relay.store.pathOf(id));
  try {
    const doc = new Y.Doc();
    f.loadInto(doc);
    return Y.encodeStateAsUpdate(doc).byteLength;
  } finally {
    f.close();
  }
}

describe('view-only connections', () => {
  it('receive the room, may show presence, and every doc change they send is dropped', async () => {
    const w = newWorkshop('Read me');
    const watcher = connectClient(h.wsUrl, w.id, w.tokens.participant);
    await waitFor(() => watcher.synced, 5000, 'watcher synced');
    addCard(watcher.doc, { kind: 'place', text: 'Vale hub', domainId: 'relationships-and-connectivity', position: { x: 0, y: 0 } });
    await waitFor(() => cardsMap(h.relay.rooms.get(w.id)!.doc).size === 1, 5000, 'card at relay');
    // Saves happen on a worker thread: measure the file once the card is really in it.
    await waitFor(() => !h.relay.rooms.get(w.id)!.hasUnsavedChanges, 5000, 'card saved');
    const bytesBefore = storedUpdates(h, w.id);
    const svBefore = Y.encodeStateVector(h.relay.rooms.get(w.id)!.doc);

    const viewer = await RawClient.connect(w.url(w.tokens.viewer, true));
    const update = hostileEdit();
    viewer.send(updateMessage(update));
    viewer.send(syncStep2Message(update));
    viewer.send(syncStep1Message(new Y.Doc()));
    viewer.send(awarenessMessage([{ clientID: 777, clock: 1, json: JSON.stringify({ user: { name: 'Observer' } }) }]));
    await waitFor(() => watcher.awareness.getStates().get(777) !== undefined, 5000, 'viewer presence at the watcher');
    await sleep(100);

    // The viewer is told it is a viewer, and gets the room (step 1, then step 2 for its step 1).
    expect(viewer.types()).toContain(MessageType.welcome);
    expect(viewer.types().filter((t) => t === MessageType.sync).length).toBeGreaterThanOrEqual(2);
    const viewerDoc = new Y.Doc();
    // Rebuild what the viewer received through a stock client, to check it is the real room.
    const stock = connectClient(h.wsUrl, w.id, w.tokens.viewer, viewerDoc);
    await waitFor(() => stock.synced, 5000, 'stock viewer synced');
    expect([...cardsMap(viewerDoc).values()].map((c) => c.get('text')?.toString())).toEqual(['Vale hub']);

    // Nothing the viewer sent reached the room, the other client or the file.
    const room = h.relay.rooms.get(w.id)!;
    expect(Y.encodeStateVector(room.doc)).toEqual(svBefore);
    expect(readMeta(room.doc).title).toBe('Read me');
    expect(cardsMap(watcher.doc).size).toBe(1);
    expect(readMeta(watcher.doc).title).toBe('Read me');
    expect(viewer.closeCode).toBeNull();

    // A stock provider holding a viewer token and local edits pushes them in sync step 2: dropped too.
    addCard(viewerDoc, { kind: 'purpose', text: 'From a viewer', domainId: 'individual-effectiveness', position: { x: 0, y: 0 } });
    stock.disconnect();
    stock.connect();
    await waitFor(() => stock.synced, 5000, 'viewer resynced');
    await sleep(100);
    expect(cardsMap(room.doc).size).toBe(1);
    expect(Y.encodeStateVector(room.doc)).toEqual(svBefore);

    await viewer.close();
    stock.destroy();
    watcher.destroy();
    await waitFor(() => !h.relay.rooms.has(w.id), 5000, 'room unloaded');
    expect(storedUpdates(h, w.id)).toBe(bytesBefore);
  });

  it('cannot fetch or withdraw links; participants may fetch but not withdraw', async () => {
    const w = newWorkshop();
    const call = (path: string, token: string, init: RequestInit = {}) =>
      fetch(`${h.relay.url}/api/workshops/${w.id}/${path}`, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } });
    const rotate = (token: string, role: string) => call('rotate', token, { method: 'POST', body: JSON.stringify({ role }) });
    expect((await rotate(w.tokens.viewer, 'viewer')).status).toBe(403);
    expect((await rotate(w.tokens.viewer, 'participant')).status).toBe(403);
    expect((await rotate(w.tokens.participant, 'viewer')).status).toBe(403);
    expect((await rotate('', 'viewer')).status).toBe(403);
    expect((await call('links', w.tokens.viewer)).status).toBe(403);
    expect((await call('links', 'made-up')).status).toBe(403);
    const links = await call('links', w.tokens.participant);
    expect(links.status).toBe(200);
    expect(await links.json()).toMatchObject({
      participant: w.tokens.participant,
      viewer: w.tokens.viewer,
      codes: { participant: expect.any(String), viewer: expect.any(String) },
    });
    // None of the refused calls changed a token.
    expect(h.relay.store.access(w.id).tokens).toEqual(w.tokens);
    expect((await rawSession(w.url(w.tokens.viewer))).code).toBe(1000);
  });
});

describe('connections without a valid token', () => {
  it('receive nothing and change nothing, whatever they send', async () => {
    const w = newWorkshop('Secret title');
    const other = newWorkshop('Other');
    const seed = connectClient(h.wsUrl, w.id, w.tokens.participant);
    await waitFor(() => seed.synced);
    addCard(seed.doc, { kind: 'people', text: 'Ward managers', domainId: 'individual-effectiveness', position: { x: 0, y: 0 } });
    await waitFor(() => cardsMap(h.relay.rooms.get(w.id)!.doc).size === 1);
    const sv = Y.encodeStateVector(h.relay.rooms.get(w.id)!.doc);
    const payload = [
      updateMessage(hostileEdit()),
      syncStep1Message(new Y.Doc()),
      awarenessMessage([{ clientID: 5, clock: 1, json: '{"user":{"name":"Intruder"}}' }]),
    ];

    const attempts: Array<[string, number]> = [
      ['', CloseCode.badToken],
      ['nope', CloseCode.badToken],
      [w.tokens.participant.toUpperCase(), CloseCode.badToken],
      [w.tokens.participant + 'x', CloseCode.badToken],
      [w.tokens.participant.slice(0, -1), CloseCode.badToken],
      [other.tokens.facilitator, CloseCode.badToken],
      ['x'.repeat(4000), CloseCode.badToken],
    ];
    for (const [token, code] of attempts) {
      const s = await rawSession(w.url(token, true), payload, {}, 150);
      expect(s.code, `token "${token.slice(0, 12)}"`).toBe(code);
      expect(s.messages, `token "${token.slice(0, 12)}"`).toHaveLength(0);
    }
    // A revoked token is refused with its own code, before any state too.
    const res = await fetch(`${h.relay.url}/api/workshops/${w.id}/rotate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${w.tokens.facilitator}`, 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'viewer' }),
    });
    expect(res.status).toBe(200);
    const revoked = await rawSession(w.url(w.tokens.viewer, true), payload, {}, 150);
    expect(revoked.code).toBe(CloseCode.revoked);
    expect(revoked.messages).toHaveLength(0);
    // A token query parameter given twice cannot smuggle a second guess past the check.
    const twice = await rawSession(`${h.wsUrl}/${w.id}?token=nope&token=${w.tokens.participant}`, payload, {}, 150);
    expect(twice.code).toBe(CloseCode.badToken);

    expect(Y.encodeStateVector(h.relay.rooms.get(w.id)!.doc)).toEqual(sv);
    expect(seed.awareness.getStates().has(5)).toBe(false);
    expect(h.relay.rooms.get(w.id)!.peers.size).toBe(1);
    expect(h.relay.rooms.has(other.id)).toBe(false);
    seed.destroy();
  });

  it('refuses sockets from other sites, and API posts from them', async () => {
    const w = newWorkshop();
    const evil = await rawSession(w.url(w.tokens.facilitator), [], { origin: 'https://evil.example' });
    expect(evil.code).toBe(CloseCode.badOrigin);
    expect(evil.messages).toHaveLength(0);
    expect((await rawSession(w.url(w.tokens.facilitator), [], { origin: 'null' })).code).toBe(CloseCode.badOrigin);
    // The page the relay serves itself is fine.
    expect((await rawSession(w.url(w.tokens.facilitator), [], { origin: h.relay.url }, 100)).code).toBe(1000);

    const post = (path: string, origin: string | null, body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${h.relay.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain', ...(origin ? { origin } : {}), ...headers },
        body: JSON.stringify(body),
      });
    // A cross-site form post ("simple" request, no preflight) must not create workshops.
    expect((await post('/api/workshops', 'https://evil.example', { title: 'Spam' })).status).toBe(403);
    expect(
      (await post(`/api/workshops/${w.id}/rotate`, 'https://evil.example', { role: 'viewer' }, { authorization: `Bearer ${w.tokens.facilitator}` })).status,
    ).toBe(403);
    expect(h.relay.store.list()).toHaveLength(1);
    expect((await post('/api/workshops', h.relay.url, { title: 'Own page' })).status).toBe(201);
  });

  it('refuses loopback-only API calls that name another host (DNS rebinding)', async () => {
    const status = (host: string) =>
      new Promise<number>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port: h.relay.port, path: '/api/workshops', method: 'GET', headers: { host } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end();
      });
    expect(await status(`rebind.evil.example:${h.relay.port}`)).toBe(403);
    expect(await status(`127.0.0.1:${h.relay.port}`)).toBe(200);
    expect(await status(`localhost:${h.relay.port}`)).toBe(200);
  });
});

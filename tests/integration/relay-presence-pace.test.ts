// Presence at a room's pace, with a real relay: several people moving their pointers at the app's
// 20 updates a second. Stock y-websocket clients send back every presence change they hear; the
// relay must not count those echoes against anyone (nobody is closed), and it sends a room's
// presence changes together, so each client hears a bounded number of presence messages a second
// however many people move. The app's own provider sends only its own presence.
import { describe, it, expect } from 'vitest';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import type { WebsocketProvider } from 'y-websocket';
import { harnessPerTest, connectClient, waitFor, sleep, type Harness } from '../support/relay-harness';
import { MessageType } from '../../shared/protocol';
import { sendOwnPresenceOnly } from '../../shared/own-presence-only';

let h: Harness;
harnessPerTest(
  (fresh) => (h = fresh),
  () => h,
);

const STREAMERS = 4;
const SECONDS = 6;

interface Watched {
  provider: WebsocketProvider;
  closes: number[];
  /** presence messages heard from the relay, and sent to it */
  heard: number;
  sent: number;
}

function watched(id: string, token: string, ownOnly: boolean): Watched {
  const provider = connectClient(h.wsUrl, id, token, new Y.Doc());
  if (ownOnly) sendOwnPresenceOnly(provider);
  const w: Watched = { provider, closes: [], heard: 0, sent: 0 };
  provider.on('connection-close', (e: CloseEvent | null) => w.closes.push(e?.code ?? 0));
  const onAwareness = provider.messageHandlers[MessageType.awareness]!;
  provider.messageHandlers[MessageType.awareness] = (...args) => {
    w.heard++;
    onAwareness(...args);
  };
  provider.on('status', ({ status }: { status: string }) => {
    const ws = provider.ws;
    if (status !== 'connected' || !ws) return;
    const send = ws.send.bind(ws);
    ws.send = (data: ArrayBufferLike | Uint8Array) => {
      const bytes = data instanceof Uint8Array ? data : new Uint8Array(data as ArrayBuffer);
      if (decoding.readVarUint(decoding.createDecoder(bytes)) === MessageType.awareness) w.sent++;
      send(data);
    };
  });
  provider.awareness.setLocalState({ user: { name: 'Someone', colour: '#005eb8', role: 'participant' }, cursor: null });
  return w;
}

describe('presence at a room’s pace', () => {
  it('four people streaming pointers close nobody; each client hears a bounded number of presence messages; the app sends only its own', async () => {
    const { id, tokens } = h.relay.store.create({ title: 'Pointers', footprint: '', academyId: '', date: '' });
    const streamers = Array.from({ length: STREAMERS }, () => watched(id, tokens.participant, false));
    const stock = watched(id, tokens.participant, false);
    const app = watched(id, tokens.participant, true);
    const everyone = [...streamers, stock, app];
    await waitFor(() => everyone.every((w) => w.provider.wsconnected && w.provider.awareness.getStates().size === everyone.length), 5000, 'all present');
    await sleep(300);
    for (const w of everyone) {
      w.heard = 0;
      w.sent = 0;
    }
    let x = 0;
    const timers = streamers.map((w, i) => setInterval(() => w.provider.awareness.setLocalStateField('cursor', { x: ++x, y: i }), 50));
    await sleep(SECONDS * 1000);
    for (const t of timers) clearInterval(t);
    await sleep(200);

    // Nobody closed, and everyone has every streamer's last pointer.
    expect(everyone.map((w) => w.closes)).toEqual(everyone.map(() => []));
    for (const w of [stock, app])
      for (const s of streamers)
        expect((w.provider.awareness.getStates().get(s.provider.awareness.clientID) as { cursor: unknown }).cursor).toEqual(
          s.provider.awareness.getLocalState()!.cursor,
        );
    // Four streams of 20 a second arrive as at most about 20 presence messages a second, not 80.
    const perSecond = (n: number) => n / SECONDS;
    expect(perSecond(stock.heard)).toBeLessThanOrEqual(24);
    expect(perSecond(stock.heard)).toBeGreaterThan(5);
    // A stock client sends each one back; the app's client sends nothing, having no change of its own.
    expect(stock.sent).toBeGreaterThan(stock.heard / 2);
    expect(app.sent).toBe(0);
    for (const w of everyone) w.provider.destroy();
  });
});

// A host on the internet: TLS, forwarded headers believed only when told, the host key for
// host-level requests, HTTP timeouts and body limits, and /metrics. Everything against a real
// relay on loopback, with raw HTTP where the behaviour is about the bytes on the wire.
import { describe, it, expect, afterEach } from 'vitest';
import { request as httpRequest, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { connect as netConnect } from 'node:net';
import * as Y from 'yjs';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import { startHarness, connectClient, waitFor, removeDir, type Harness } from '../support/relay-harness';
import { makeTestCertificate } from '../support/test-certificate';
import { addCard, cardsMap } from '../../shared/doc';
import { exportWorkshopBytes } from '../../server/file-transfer';
import { CloseCode } from '../../shared/protocol';

const HOST_KEY = 'test-host-key-0123456789abcdef';
const PROXIED = { 'x-forwarded-for': '203.0.113.7', 'x-forwarded-proto': 'https' };

let h: Harness | undefined;
const providers: WebsocketProvider[] = [];
afterEach(async () => {
  for (const p of providers.splice(0)) p.destroy();
  if (h) {
    await h.stop();
    removeDir(h.dataDir);
    h = undefined;
  }
});

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Raw HTTP(S), so the Host header and everything else is exactly what the test says. */
function call(url: string, opts: { method?: string; headers?: OutgoingHttpHeaders; body?: string | Uint8Array; ca?: string } = {}): Promise<Reply> {
  const u = new URL(url);
  const request = u.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(u, { method: opts.method ?? 'GET', headers: opts.headers, ca: opts.ca }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

const json = { 'content-type': 'application/json' };

describe('host key', () => {
  it('a request through a proxy cannot list, create or import without the host key, and can with it', async () => {
    h = await startHarness({ hostKey: HOST_KEY, trustProxy: true });
    const base = h.relay.url;
    const seed = h.relay.store.create({ title: 'Seed', footprint: '', academyId: '', date: '' });
    const file = exportWorkshopBytes(h.relay.store, seed.id);
    const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

    // Through the proxy, everything arrives from loopback naming loopback: that is not the host machine.
    const noKey = [
      await call(`${base}/api/workshops`, { headers: PROXIED }),
      await call(`${base}/api/workshops`, { method: 'POST', headers: { ...PROXIED, ...json }, body: JSON.stringify({ title: 'Spam' }) }),
      await call(`${base}/api/workshops/import`, { method: 'POST', headers: { ...PROXIED, 'content-type': 'application/octet-stream' }, body: file }),
    ];
    expect(noKey.map((r) => r.status)).toEqual([401, 401, 401]);
    const wrongKey = await call(`${base}/api/workshops`, { headers: { ...PROXIED, ...bearer(HOST_KEY.slice(0, -1) + 'X') } });
    expect(wrongKey.status).toBe(401);
    // The RFC 7239 header alone counts as "through a proxy" too.
    expect((await call(`${base}/api/workshops`, { headers: { forwarded: 'for=203.0.113.7;proto=https' } })).status).toBe(401);
    expect(h.relay.store.list().map((w) => w.title)).toEqual(['Seed']);

    const listed = await call(`${base}/api/workshops`, { headers: { ...PROXIED, ...bearer(HOST_KEY) } });
    expect(listed.status).toBe(200);
    expect((JSON.parse(listed.body) as { workshops: { id: string }[] }).workshops.map((w) => w.id)).toEqual([seed.id]);
    // A page on another origin (the desktop app) may create with the key: it is not ambient authority.
    const created = await call(`${base}/api/workshops`, {
      method: 'POST',
      headers: { ...PROXIED, ...json, ...bearer(HOST_KEY), origin: 'http://127.0.0.1:1' },
      body: JSON.stringify({ title: 'Remote workshop' }),
    });
    expect(created.status).toBe(201);
    expect(created.headers['access-control-allow-origin']).toBe('*');
    const imported = await call(`${base}/api/workshops/import`, {
      method: 'POST',
      headers: { ...PROXIED, 'content-type': 'application/octet-stream', ...bearer(HOST_KEY) },
      body: file,
    });
    expect(imported.status).toBe(201);
    expect(h.relay.store.list()).toHaveLength(3);
    // The browser's preflight for such a request is answered.
    const preflight = await call(`${base}/api/workshops`, {
      method: 'OPTIONS',
      headers: { origin: 'http://127.0.0.1:1', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-headers']).toContain('authorization');
  });

  it('a page from another site in the browser on the host machine gets nothing, though the API answers other origins for key holders', async () => {
    h = await startHarness({ hostKey: HOST_KEY });
    h.relay.store.create({ title: 'Private list', footprint: '', academyId: '', date: '' });
    const evil = { origin: 'https://evil.example' };
    expect((await call(`${h.relay.url}/api/workshops`, { headers: evil })).status).toBe(401);
    expect((await call(`${h.relay.url}/metrics`, { headers: evil })).status).toBe(401);
    const bogus = await call(`${h.relay.url}/api/workshops`, {
      method: 'POST',
      headers: { ...evil, ...json, authorization: 'Bearer made-up-key-1234567890' },
      body: JSON.stringify({ title: 'Planted' }),
    });
    expect(bogus.status).toBe(401);
    expect(h.relay.store.list().map((w) => w.title)).toEqual(['Private list']);
    // The host machine's own page still may.
    expect((await call(`${h.relay.url}/api/workshops`, { headers: { origin: h.relay.url } })).status).toBe(200);
  });

  it('without a host key configured, only the host machine itself (no forwarded headers) may list', async () => {
    h = await startHarness();
    expect((await call(`${h.relay.url}/api/workshops`)).status).toBe(200);
    expect((await call(`${h.relay.url}/api/workshops`, { headers: { 'x-forwarded-for': '127.0.0.1' } })).status).toBe(403);
    expect((await call(`${h.relay.url}/api/workshops`, { headers: { authorization: 'Bearer anything-at-all-123456', 'x-real-ip': '1.2.3.4' } })).status).toBe(
      403,
    );
  });
});

describe('forwarded headers', () => {
  const guessFrom = (base: string, from: string, i: number) => call(`${base}/api/join/ABCD-EFG${'23456789ABCD'[i]}`, { headers: { 'x-forwarded-for': from } });

  it('are ignored unless the host was told to trust a proxy: a spoofed address does not escape the guess limit', async () => {
    h = await startHarness();
    let last = 0;
    for (let i = 0; i < 12; i++) last = (await guessFrom(h.relay.url, `198.51.100.${i}`, i)).status;
    expect(last).toBe(429);
  });

  it('name the client when trusted', async () => {
    h = await startHarness({ trustProxy: true });
    let last = 0;
    for (let i = 0; i < 12; i++) last = (await guessFrom(h.relay.url, '198.51.100.1', i)).status;
    expect(last).toBe(429);
    expect((await guessFrom(h.relay.url, '198.51.100.2', 0)).status).toBe(404);
  });

  it('when trusted, name the address the proxy appended, not what the client wrote before it', async () => {
    h = await startHarness({ trustProxy: true });
    // A guesser writes a new made-up address each time; the proxy appends the one it saw.
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await guessFrom(h.relay.url, `198.51.100.${i}, 203.0.113.9`, i)).status);
    expect(statuses.slice(-2)).toEqual([429, 429]);
    const forwarded = (value: string, i: number) => call(`${h!.relay.url}/api/join/ABCD-EFG${'23456789ABCD'[i]}`, { headers: { forwarded: value } });
    expect((await forwarded('for=198.51.100.77, for="203.0.113.9:4711"', 0)).status).toBe(429);
    // An honest neighbour, another address the proxy appended, is still answered.
    expect((await guessFrom(h.relay.url, '203.0.113.10', 0)).status).toBe(404);
    expect((await forwarded('for="[2001:db8::1]:4711"', 0)).status).toBe(404);
  });

  it('with two proxies in a chain, name the address the outer one appended', async () => {
    h = await startHarness({ trustProxy: 2 });
    const statuses: number[] = [];
    // made-up, the client as the outer proxy saw it, the outer proxy as the inner one saw it
    for (let i = 0; i < 12; i++) statuses.push((await guessFrom(h.relay.url, `198.51.100.${i}, 203.0.113.9, 10.0.0.2`, i)).status);
    expect(statuses.slice(-2)).toEqual([429, 429]);
    expect((await guessFrom(h.relay.url, '203.0.113.10, 10.0.0.2', 0)).status).toBe(404);
  });

  it('when trusted, a page must match the scheme the proxy reports as well as the host', async () => {
    h = await startHarness({ trustProxy: true });
    const post = (headers: OutgoingHttpHeaders) =>
      call(`${h!.relay.url}/api/workshops/x/rotate`, { method: 'POST', headers: { ...json, ...headers }, body: '{}' });
    const proxied = { host: '127.0.0.1', 'x-forwarded-host': 'canvas.example.org', 'x-forwarded-proto': 'https' };
    expect((await post({ ...proxied, origin: 'https://canvas.example.org' })).status).toBe(404);
    expect((await post({ ...proxied, origin: 'http://canvas.example.org' })).status).toBe(403);
    expect((await post({ ...proxied, origin: 'https://evil.example' })).status).toBe(403);
  });
});

describe('HTTP limits', () => {
  it('drops a slowloris client that trickles its headers, and one that trickles its body', async () => {
    h = await startHarness({ httpTimeouts: { headersMs: 1000, requestMs: 2000, checkIntervalMs: 250 } });
    const trickle = (first: string, next: string) =>
      new Promise<{ ms: number; reply: string }>((resolve, reject) => {
        const started = Date.now();
        const socket = netConnect(h!.relay.port, '127.0.0.1');
        let reply = '';
        let timer: NodeJS.Timeout | undefined;
        socket.on('connect', () => {
          socket.write(first);
          // A byte every 200 ms keeps the connection busy for ever unless the server hangs up.
          timer = setInterval(() => socket.write(next), 200);
        });
        socket.on('data', (c) => (reply += c.toString()));
        socket.on('error', () => {});
        socket.on('close', () => {
          clearInterval(timer);
          resolve({ ms: Date.now() - started, reply });
        });
        setTimeout(() => reject(new Error('the slow client was never dropped')), 15_000).unref();
      });
    const slowHeaders = await trickle('GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n', 'X');
    expect(slowHeaders.ms).toBeLessThan(5000);
    expect(slowHeaders.reply).toMatch(/^HTTP\/1\.1 408/);
    const slowBody = await trickle('POST /api/workshops HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{', ' ');
    expect(slowBody.ms).toBeLessThan(7000);
    expect(slowBody.reply).toMatch(/^HTTP\/1\.1 408/);
    expect(h.relay.store.list()).toHaveLength(0);
    // The relay still answers everyone else.
    expect((await call(`${h.relay.url}/api/health`)).status).toBe(200);
  });

  it('refuses an oversized body from its declared length without reading it, and closes the connection', async () => {
    h = await startHarness();
    const big = await call(`${h.relay.url}/api/workshops`, {
      method: 'POST',
      headers: { ...json, 'content-length': String(10 * 1024 * 1024) },
      body: '{}',
    }).catch((err: Error) => ({ status: -1, headers: {}, body: err.message }));
    expect(big.status).toBe(413);
    // Creating a workshop may carry a template, so its limit is 4 MB (declared above: 10 MB); other
    // API bodies are limited to 64 kB, and one of 100 kB is refused as it arrives.
    const { id, tokens } = h.relay.store.create({ title: 'Limits', footprint: '', academyId: '', date: '' });
    const chunked = await call(`${h.relay.url}/api/workshops/${id}/rotate`, {
      method: 'POST',
      headers: { ...json, authorization: `Bearer ${tokens.facilitator}` },
      body: JSON.stringify({ role: 'x'.repeat(100_000) }),
    });
    expect(chunked.status).toBe(413);
    expect(chunked.headers.connection).toBe('close');
  });
});

describe('TLS', () => {
  it('serves the API over HTTPS and the relay over WSS with the certificate it was given', async () => {
    const tls = await makeTestCertificate();
    h = await startHarness({ tls: { cert: tls.cert, key: tls.key } });
    expect(h.relay.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect((await call(`${h.relay.url}/api/health`, { ca: tls.cert })).status).toBe(200);
    // A client that does not trust the certificate gets nowhere.
    await expect(call(`${h.relay.url}/api/health`)).rejects.toThrow(/self[- ]signed|certificate/i);

    class TrustingSocket extends WebSocket {
      constructor(address: string, protocols?: string | string[]) {
        super(address, protocols, { ca: tls.cert });
      }
    }
    const { id, tokens } = h.relay.store.create({ title: 'Over TLS', footprint: '', academyId: '', date: '' });
    const open = (doc: Y.Doc) => {
      const p = new WebsocketProvider(h!.wsUrl, id, doc, {
        WebSocketPolyfill: TrustingSocket as unknown as typeof globalThis.WebSocket,
        params: { token: tokens.participant },
        disableBc: true,
      });
      providers.push(p);
      return p;
    };
    const a = open(new Y.Doc());
    const b = open(new Y.Doc());
    expect(h.wsUrl).toMatch(/^wss:/);
    await waitFor(() => a.synced && b.synced, 10_000, 'both synced over wss');
    addCard(a.doc, { kind: 'people', text: 'Sent over TLS', domainId: 'individual-effectiveness', position: { x: 0, y: 0 } });
    await waitFor(() => [...cardsMap(b.doc).values()].some((c) => c.get('text')?.toString() === 'Sent over TLS'), 10_000, 'card at b');
  });
});

/** The sample lines of a Prometheus text exposition, checked line by line against the format (which reads NaN in any case, as Go's ParseFloat does). */
function parsePrometheus(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  const sample = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*",?)*\})? (-?[0-9.eE+-]+|[Nn]a[Nn]|[+-]Inf)( -?\d+)?$/;
  for (const line of text.split('\n')) {
    if (line === '' || /^# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .+$/.test(line)) continue;
    const m = sample.exec(line);
    if (!m) throw new Error(`not Prometheus text: ${line}`);
    samples.set(m[1]! + (m[2] ?? ''), Number(m[3]));
  }
  return samples;
}

describe('Strict-Transport-Security', () => {
  it('is sent on every response over TLS, and never over plain HTTP', async () => {
    const tls = await makeTestCertificate();
    h = await startHarness({ tls: { cert: tls.cert, key: tls.key } });
    const { tokens, id } = h.relay.store.create({ title: 'HSTS', footprint: '', academyId: '', date: '' });
    const answers = [
      await call(`${h.relay.url}/api/health`, { ca: tls.cert }),
      await call(`${h.relay.url}/api/workshops/${id}/links`, { ca: tls.cert, headers: { authorization: `Bearer ${tokens.participant}` } }),
      await call(`${h.relay.url}/api/no-such-thing`, { ca: tls.cert }),
      await call(`${h.relay.url}/not-here`, { ca: tls.cert }),
      await call(`${h.relay.url}/metrics`, { ca: tls.cert, headers: PROXIED }),
    ];
    expect(answers.map((a) => a.status)).toEqual([200, 200, 404, 404, 401]);
    for (const a of answers) expect(a.headers['strict-transport-security']).toBe('max-age=31536000');
    await h.stop();
    removeDir(h.dataDir);

    h = await startHarness();
    const plain = await call(`${h.relay.url}/api/health`);
    expect(plain.status).toBe(200);
    expect(plain.headers['strict-transport-security']).toBeUndefined();
  });
});

describe('/metrics', () => {
  it('parses as Prometheus text, moves when a client connects and edits, and needs the host key through a proxy', async () => {
    h = await startHarness({ hostKey: HOST_KEY, trustProxy: true });
    const scrape = async () => {
      const r = await call(`${h!.relay.url}/metrics`);
      expect(r.status).toBe(200);
      expect(r.headers['content-type']).toMatch(/^text\/plain/);
      return parsePrometheus(r.body);
    };
    expect((await call(`${h.relay.url}/metrics`, { headers: PROXIED })).status).toBe(401);
    expect((await call(`${h.relay.url}/metrics`, { headers: { ...PROXIED, authorization: `Bearer ${HOST_KEY}` } })).status).toBe(200);

    const before = await scrape();
    expect(before.get('slc_rooms_open')).toBe(0);
    expect(before.get('slc_connections_opened_total')).toBe(0);

    const { id, tokens } = h.relay.store.create({ title: 'Counted', footprint: '', academyId: '', date: '' });
    const a = connectClient(h.wsUrl, id, tokens.participant);
    providers.push(a);
    await waitFor(() => a.synced, 10_000, 'synced');
    addCard(a.doc, { kind: 'place', text: 'Counted card', domainId: 'relationships-and-connectivity', position: { x: 0, y: 0 } });
    await waitFor(() => cardsMap(h!.relay.rooms.get(id)!.doc).size === 1, 10_000, 'card at relay');
    await waitFor(() => !h!.relay.rooms.get(id)!.hasUnsavedChanges, 10_000, 'card saved');
    const refused = connectClient(h.wsUrl, id, 'not-a-token', new Y.Doc(), { connect: true, maxBackoffTime: 60_000 });
    providers.push(refused);

    const refusedKey = `slc_connections_refused_total{code="${CloseCode.badToken}"}`;
    let after = await scrape();
    for (let i = 0; i < 100 && !(after.get(refusedKey)! > 0); i++) {
      await new Promise((r) => setTimeout(r, 100));
      after = await scrape();
    }
    expect(after.get(refusedKey)).toBeGreaterThan(0);
    expect(after.get('slc_rooms_open')).toBe(1);
    expect(after.get('slc_connections')).toBe(1);
    expect(after.get('slc_connections_opened_total')).toBe(1);
    expect(after.get('slc_messages_received_total')!).toBeGreaterThan(before.get('slc_messages_received_total')!);
    expect(after.get('slc_messages_sent_total')!).toBeGreaterThan(0);
    expect(after.get('slc_save_duration_seconds_count{op="append"}')!).toBeGreaterThan(0);
  });
});

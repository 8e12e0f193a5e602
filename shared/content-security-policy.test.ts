import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from '@playwright/test';
import { WebSocketServer } from 'ws';
import { CONTENT_SECURITY_POLICY, contentSecurityPolicy, relayConnectSources } from './content-security-policy';

const directive = (policy: string, name: string) => policy.split('; ').find((d) => d.startsWith(`${name} `));

describe('contentSecurityPolicy', () => {
  it('is strict: own scripts only, no objects, no framing, no base or form targets', () => {
    for (const policy of [CONTENT_SECURITY_POLICY, contentSecurityPolicy('http://127.0.0.1:5000')]) {
      expect(policy).toMatch(/^default-src 'self'; script-src 'self';/);
      expect(policy).not.toMatch(/script-src[^;]*unsafe-(inline|eval)/);
      for (const d of ["worker-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'none'"])
        expect(policy).toContain(d);
    }
  });

  // `https:` (fetch only: a scheme source never matches a socket) is there for "Host on a server",
  // whose API calls go from the facilitator's page to the hosting server.
  it('names the relay’s exact origin and its socket twin, and only https fetches besides', () => {
    expect(directive(contentSecurityPolicy('http://127.0.0.1:5000'), 'connect-src')).toBe('connect-src http://127.0.0.1:5000 ws://127.0.0.1:5000 https:');
    expect(directive(contentSecurityPolicy('https://canvas.example.nhs.uk'), 'connect-src')).toBe(
      'connect-src https://canvas.example.nhs.uk wss://canvas.example.nhs.uk https:',
    );
    expect(relayConnectSources('https://canvas.example.nhs.uk:8443')).toEqual(['https://canvas.example.nhs.uk:8443', 'wss://canvas.example.nhs.uk:8443']);
  });

  it('served by the relay (address not known for sure): its own origin only, never a socket scheme wildcard', () => {
    expect(directive(CONTENT_SECURITY_POLICY, 'connect-src')).toBe("connect-src 'self' https:");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/\s(ws|wss):(\s|;|$)/);
  });

  it('refuses anything that is not a plain http(s) origin', () => {
    for (const bad of [
      '',
      'ws://127.0.0.1:5000',
      'file:///x',
      'http://127.0.0.1:5000/path',
      'http://a@b.example',
      'not a url',
      "http://x; script-src 'unsafe-eval'",
    ])
      expect(() => contentSecurityPolicy(bad), bad).toThrow(/Not a relay origin/);
  });
});

// The policy as a browser enforces it: a page may open sockets to the relay that served it and
// to no other, even one listening on the same computer.
describe('in Chromium', () => {
  let browser: Browser;
  const servers: Server[] = [];
  let otherSocketConnections = 0;

  /** A relay stand-in: serves one page with the given policy and answers sockets with "hi". */
  async function relay(policyFor: (origin: string) => string, onSocket?: () => void): Promise<string> {
    let origin = '';
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html', 'content-security-policy': policyFor(origin) }).end('<!doctype html><title>page</title>');
    });
    new WebSocketServer({ server }).on('connection', (socket) => {
      onSocket?.();
      socket.send('hi');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    servers.push(server);
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return origin;
  }

  /** Opens a socket from the page; resolves "open" once a message arrives, else "blocked". */
  async function trySocket(pageOrigin: string, socketUrl: string): Promise<string> {
    const page = await browser.newPage();
    try {
      await page.goto(`${pageOrigin}/`);
      return await page.evaluate(
        (url) =>
          new Promise<string>((done) => {
            try {
              const ws = new WebSocket(url);
              ws.onmessage = () => done('open');
              ws.onerror = () => done('blocked');
            } catch {
              done('blocked');
            }
            setTimeout(() => done('blocked'), 5000);
          }),
        socketUrl,
      );
    } finally {
      await page.close();
    }
  }

  let other = '';
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
    other = await relay(
      () => "default-src 'none'",
      () => otherSocketConnections++,
    );
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    for (const s of servers) s.close();
  });

  it('the desktop policy: sockets to the page’s own relay open, sockets to another server on this computer do not', async () => {
    const own = await relay((origin) => contentSecurityPolicy(origin));
    expect(await trySocket(own, `${own.replace('http:', 'ws:')}/ws`)).toBe('open');
    const before = otherSocketConnections;
    expect(await trySocket(own, `${other.replace('http:', 'ws:')}/ws`)).toBe('blocked');
    expect(otherSocketConnections).toBe(before);
  });

  it('the relay’s policy: the same', async () => {
    const own = await relay(() => CONTENT_SECURITY_POLICY);
    expect(await trySocket(own, `${own.replace('http:', 'ws:')}/ws`)).toBe('open');
    const before = otherSocketConnections;
    expect(await trySocket(own, `${other.replace('http:', 'ws:')}/ws`)).toBe('blocked');
    expect(otherSocketConnections).toBe(before);
  });

  it('(the check itself works: the old ws: wildcard let the page reach the other server)', async () => {
    const own = await relay(() => "default-src 'self'; connect-src 'self' ws: wss:");
    const before = otherSocketConnections;
    expect(await trySocket(own, `${other.replace('http:', 'ws:')}/ws`)).toBe('open');
    expect(otherSocketConnections).toBe(before + 1);
  });
});

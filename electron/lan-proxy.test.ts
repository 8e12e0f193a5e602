import { afterEach, describe, expect, it, vi } from 'vitest';
import { createServer, request, type Server } from 'node:http';
import { connect, createServer as createTcpServer, type Socket } from 'node:net';
import { LanHosting, startLanProxy, type LanProxy } from './lan-proxy';

vi.mock('electron', () => ({}));

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

/** A stand-in relay on loopback: says which Host it saw, and echoes bytes after a WebSocket-style upgrade. */
async function fakeRelay(): Promise<{ port: number; seen: string[] }> {
  const seen: string[] = [];
  const server: Server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url} host=${req.headers.host} origin=${req.headers.origin ?? ''}`);
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => res.writeHead(200, { 'content-type': 'text/plain', 'x-relay': 'yes' }).end(`hello ${body}`));
  });
  server.on('upgrade', (req, socket: Socket, head: Buffer) => {
    seen.push(`UPGRADE ${req.url} host=${req.headers.host} origin=${req.headers.origin ?? ''}`);
    socket.write('HTTP/1.1 101 Switching Protocols\r\nupgrade: websocket\r\nconnection: Upgrade\r\n\r\n');
    if (head.length) socket.write(head);
    socket.pipe(socket);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  cleanup.push(() => new Promise<void>((r) => server.close(() => r())));
  cleanup.push(() => void server.closeAllConnections());
  return { port: (server.address() as { port: number }).port, seen };
}

function get(port: number, host: string, path = '/api/health', body?: string): Promise<{ status: number; text: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: body ? 'POST' : 'GET', headers: { host, origin: `http://${host}`, connection: 'close' } },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, text, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.setTimeout(3000, () => req.destroy(new Error('timed out')));
    req.end(body);
  });
}

function readUntil(socket: Socket, predicate: (text: string) => boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`timed out; got ${JSON.stringify(text)}`)), 3000);
    const onData = (c: Buffer) => {
      text += c.toString();
      if (predicate(text)) {
        clearTimeout(timer);
        socket.off('data', onData);
        resolve(text);
      }
    };
    socket.on('data', onData);
  });
}

async function proxyTo(targetPort: number): Promise<LanProxy> {
  const proxy = await startLanProxy({ address: '127.0.0.1', port: 0, targetPort });
  cleanup.push(() => proxy.close());
  return proxy;
}

describe('the local-network proxy', () => {
  it('forwards plain requests with their Host and Origin, both ways', async () => {
    const relay = await fakeRelay();
    const proxy = await proxyTo(relay.port);
    expect(proxy.port).not.toBe(relay.port);
    const host = `127.0.0.1:${proxy.port}`;
    const r = await get(proxy.port, host, '/api/x', 'body');
    expect(r).toMatchObject({ status: 200, text: 'hello body', headers: { 'x-relay': 'yes' } });
    expect(relay.seen).toEqual([`POST /api/x host=${host} origin=http://${host}`]);
  });

  it('pipes a WebSocket upgrade both ways', async () => {
    const relay = await fakeRelay();
    const proxy = await proxyTo(relay.port);
    const host = `127.0.0.1:${proxy.port}`;
    const socket = connect(proxy.port, '127.0.0.1');
    cleanup.push(() => void socket.destroy());
    socket.write(`GET /ws/abc HTTP/1.1\r\nHost: ${host}\r\nOrigin: http://${host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\nearly`);
    const first = await readUntil(socket, (t) => t.includes('early'));
    expect(first).toMatch(/^HTTP\/1\.1 101/);
    socket.write('ping');
    expect(await readUntil(socket, (t) => t.includes('ping'))).toBe('ping');
    expect(relay.seen).toEqual([`UPGRADE /ws/abc host=${host} origin=http://${host}`]);
  });

  it('refuses a request whose Host is not the address it listens on, before the relay sees it', async () => {
    const relay = await fakeRelay();
    const proxy = await proxyTo(relay.port);
    expect((await get(proxy.port, `localhost:${proxy.port}`)).status).toBe(421);
    expect((await get(proxy.port, `127.0.0.1:${relay.port}`)).status).toBe(421);
    const socket = connect(proxy.port, '127.0.0.1');
    cleanup.push(() => void socket.destroy());
    socket.write(`GET /ws/abc HTTP/1.1\r\nHost: localhost:${proxy.port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n`);
    expect(await readUntil(socket, (t) => t.includes('\r\n\r\n'))).toMatch(/^HTTP\/1\.1 421/);
    expect(relay.seen).toEqual([]);
  });

  it('answers 502 while the relay is not there', async () => {
    const blocker = createTcpServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const deadPort = (blocker.address() as { port: number }).port;
    await new Promise<void>((r) => blocker.close(() => r()));
    const proxy = await proxyTo(deadPort);
    expect((await get(proxy.port, `127.0.0.1:${proxy.port}`)).status).toBe(502);
  });

  it('stopping ends open connections and stops listening', async () => {
    const relay = await fakeRelay();
    const proxy = await startLanProxy({ address: '127.0.0.1', port: 0, targetPort: relay.port });
    const host = `127.0.0.1:${proxy.port}`;
    const socket = connect(proxy.port, '127.0.0.1');
    socket.on('error', () => {});
    socket.write(`GET /ws/abc HTTP/1.1\r\nHost: ${host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n`);
    await readUntil(socket, (t) => t.includes('101'));
    const closed = new Promise<void>((r) => socket.on('close', () => r()));
    await proxy.close();
    await closed;
    await expect(get(proxy.port, host)).rejects.toThrow(/ECONNREFUSED/);
  });
});

describe('LanHosting', () => {
  const interfaces = () => [{ name: 'lo-test', address: '127.0.0.1' }];

  it('hosts only on an address from the interface list', async () => {
    const start = vi.fn();
    const hosting = new LanHosting({ interfaces, relayPort: () => 5000, start });
    await expect(hosting.host('0.0.0.0')).rejects.toThrow("0.0.0.0 is not one of this computer's network addresses.");
    await expect(hosting.host('8.8.8.8')).rejects.toThrow(/not one of/);
    expect(start).not.toHaveBeenCalled();
    expect(hosting.options()).toEqual({ interfaces: interfaces(), hosting: null });
  });

  it('prefers the relay’s own port, takes a free one if that is taken, and stops with null', async () => {
    const relay = await fakeRelay();
    // The relay's port on 127.0.0.1 is taken (by the relay itself), so the proxy falls back.
    const hosting = new LanHosting({ interfaces, relayPort: () => relay.port });
    cleanup.push(() => hosting.stop());
    const on = await hosting.host('127.0.0.1');
    expect(on).toEqual({ address: '127.0.0.1', port: expect.any(Number) });
    expect(on!.port).not.toBe(relay.port);
    expect(hosting.options().hosting).toEqual(on);
    expect(await hosting.host('127.0.0.1')).toEqual(on);
    expect((await get(on!.port, `127.0.0.1:${on!.port}`)).status).toBe(200);
    expect(await hosting.host(null)).toBeNull();
    expect(hosting.options().hosting).toBeNull();
    await expect(get(on!.port, `127.0.0.1:${on!.port}`)).rejects.toThrow(/ECONNREFUSED/);
  });

  it('asks for the relay’s port first, and reports a failure to listen as an Error', async () => {
    const start = vi.fn(async () => {
      throw Object.assign(new Error('listen EADDRNOTAVAIL'), { code: 'EADDRNOTAVAIL' });
    });
    const hosting = new LanHosting({ interfaces, relayPort: () => 5000, start });
    await expect(hosting.host('127.0.0.1')).rejects.toThrow('Could not host on 127.0.0.1: listen EADDRNOTAVAIL');
    expect(start).toHaveBeenCalledWith({ address: '127.0.0.1', port: 5000, targetPort: 5000 });
    expect(hosting.options().hosting).toBeNull();
  });
});

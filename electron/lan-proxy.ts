// Hosting on the local network: the built-in relay only ever listens on 127.0.0.1, and this
// proxy listens on one chosen interface address and forwards to it — plain requests and the
// WebSocket upgrade alike, headers (Host, Origin) untouched, so the relay's own origin check
// applies to people on the network as it does to the window.
//
// It is HTTP-aware rather than a bare TCP pipe for one reason: the relay sees every forwarded
// connection coming from 127.0.0.1, so its loopback-only endpoints trust the Host header alone.
// The proxy therefore refuses any request whose Host does not name the address it listens on
// (a tool on the network sending "Host: 127.0.0.1" gets 421 and never reaches the relay).
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import type { Hosting } from '../shared/ipc-contract';
import type { LanInterface } from './network-interfaces';

export interface LanProxyOptions {
  /** the interface address to listen on */
  address: string;
  /** the port to listen on; 0 picks a free one */
  port: number;
  /** the relay, on loopback */
  targetPort: number;
  targetHost?: string;
}

export interface LanProxy {
  address: string;
  port: number;
  /** stops listening and ends every forwarded connection */
  close(): Promise<void>;
}

function hostNamesAddress(req: IncomingMessage, address: string, port: number): boolean {
  const host = req.headers.host;
  if (!host) return false;
  try {
    const url = new URL(`http://${host}`);
    return url.hostname === address && (url.port === '' ? 80 : Number(url.port)) === port;
  } catch {
    return false;
  }
}

export function startLanProxy(options: LanProxyOptions): Promise<LanProxy> {
  const targetHost = options.targetHost ?? '127.0.0.1';
  const sockets = new Set<Socket>();
  let port = options.port;
  const track = (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  };

  const server: Server = createServer((req, res) => {
    if (!hostNamesAddress(req, options.address, port)) {
      res.writeHead(421, { 'content-type': 'text/plain' }).end('misdirected request');
      return;
    }
    // The relay sees every forwarded request as coming from this machine; tell it who really
    // asked (replacing anything the guest sent), so per-address limits apply per guest.
    const headers = { ...req.headers, 'x-forwarded-for': req.socket.remoteAddress ?? '' };
    const upstream = request({ host: targetHost, port: options.targetPort, method: req.method, path: req.url, headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.statusMessage, up.rawHeaders);
      up.pipe(res);
    });
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' }).end('the relay is not answering');
      else res.destroy();
    });
    res.on('close', () => upstream.destroy());
    req.pipe(upstream);
  });
  server.on('connection', track);
  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    if (!hostNamesAddress(req, options.address, port)) {
      socket.end('HTTP/1.1 421 Misdirected Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
      return;
    }
    const upstream = connect(options.targetPort, targetHost);
    track(upstream);
    upstream.on('connect', () => {
      const lines = [`${req.method} ${req.url} HTTP/1.1`];
      for (let i = 0; i < req.rawHeaders.length; i += 2) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
      upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
      if (head.length) upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
    upstream.on('close', () => socket.destroy());
    socket.on('close', () => upstream.destroy());
  });
  server.on('clientError', (_err, socket) => socket.destroy());

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.address, () => {
      server.off('error', reject);
      port = (server.address() as { port: number }).port;
      resolve({
        address: options.address,
        port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            for (const s of sockets) s.destroy();
          }),
      });
    });
  });
}

/**
 * What the "Host on the local network" section drives: which interfaces there are, and at most
 * one proxy, on an address from that list, preferably on the relay's own port (so links look
 * alike), otherwise on a free one.
 */
export class LanHosting {
  private proxy: LanProxy | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly deps: {
      interfaces(): LanInterface[];
      /** the relay's port on loopback (the same after a restart) */
      relayPort(): number;
      start?: (options: LanProxyOptions) => Promise<LanProxy>;
    },
  ) {}

  options(): { interfaces: LanInterface[]; hosting: Hosting | null } {
    return { interfaces: this.deps.interfaces(), hosting: this.current() };
  }

  current(): Hosting | null {
    return this.proxy ? { address: this.proxy.address, port: this.proxy.port } : null;
  }

  /** Starts hosting on `address` (one of interfaces()), or stops with null. One change at a time. */
  host(address: string | null): Promise<Hosting | null> {
    const next = this.queue.then(() => this.change(address));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async change(address: string | null): Promise<Hosting | null> {
    if (address !== null && !this.deps.interfaces().some((i) => i.address === address))
      throw new Error(`${address} is not one of this computer's network addresses.`);
    if (this.proxy && this.proxy.address === address) return this.current();
    await this.stop();
    if (address === null) return null;
    const start = this.deps.start ?? startLanProxy;
    const targetPort = this.deps.relayPort();
    try {
      this.proxy = await start({ address, port: targetPort, targetPort });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'EADDRINUSE' && code !== 'EACCES') throw hostingError(address, err);
      try {
        this.proxy = await start({ address, port: 0, targetPort });
      } catch (again) {
        throw hostingError(address, again);
      }
    }
    return this.current();
  }

  async stop(): Promise<void> {
    const proxy = this.proxy;
    this.proxy = null;
    await proxy?.close();
  }
}

function hostingError(address: string, err: unknown): Error {
  return new Error(`Could not host on ${address}: ${(err as Error).message}`);
}

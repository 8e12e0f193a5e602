// Checks on who is asking, shared by the socket upgrade, the JSON API and /metrics: the page's
// Origin (against cross-site WebSocket hijacking and cross-site form posts), the Host header
// (against DNS rebinding, where a web page reaches a loopback-only endpoint under its own name),
// forwarded headers (believed only when the host was told a proxy stands in front of it) and the
// host key (what a host that is not the facilitator's own machine asks for instead of an address).
import type { IncomingMessage } from 'node:http';
import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * How many proxies in front of the relay append to forwarded headers, for each request whose
 * headers the relay may believe, marked by the server as each request or upgrade arrives (so
 * every check below reads the same decision without being handed it).
 */
const trustedHops = new WeakMap<IncomingMessage, number>();

/**
 * Called by the relay for each request it receives. `trust` is the number of proxies in front
 * of it (true: one); false or 0 believes no forwarded header.
 */
export function trustForwardedHeaders(req: IncomingMessage, trust: boolean | number): void {
  const hops = trust === true ? 1 : trust === false ? 0 : Math.floor(trust);
  if (hops > 0) trustedHops.set(req, hops);
}

const FORWARDED_HEADERS = ['forwarded', 'x-forwarded-for', 'x-forwarded-proto', 'x-forwarded-host', 'x-real-ip'] as const;

/** Whether the request says it came through a proxy (whether or not the relay believes it). */
export function hasForwardedHeaders(req: IncomingMessage): boolean {
  return FORWARDED_HEADERS.some((h) => req.headers[h] !== undefined);
}

/**
 * The value our own proxies wrote. A proxy appends what it saw to the list it was sent, so
 * everything left of the last `hops` values came from the client and may be made up: with one
 * proxy the right-most value is the one to believe, with two the one before it. A list
 * shorter than that (a request that skipped the outer proxy) gives its left-most value.
 */
function trustedValue(req: IncomingMessage, header: string | string[] | undefined): string | undefined {
  const hops = trustedHops.get(req);
  if (!hops || header === undefined) return undefined;
  const values = (Array.isArray(header) ? header : [header])
    .flatMap((line) => line.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
  return values[Math.max(0, values.length - hops)];
}

/** One parameter (for, proto, host) of the element of an RFC 7239 Forwarded header our proxy wrote. */
function forwardedParam(req: IncomingMessage, name: string): string | undefined {
  const element = trustedValue(req, req.headers.forwarded);
  if (!element) return undefined;
  for (const pair of element.split(';')) {
    const [k, ...rest] = pair.split('=');
    if (k?.trim().toLowerCase() === name)
      return (
        rest
          .join('=')
          .trim()
          .replace(/^"(.*)"$/, '$1') || undefined
      );
  }
  return undefined;
}

/** The scheme the client used: the proxy's word for it when trusted, else this connection's. */
export function requestProtocol(req: IncomingMessage): 'http' | 'https' {
  const said = (trustedValue(req, req.headers['x-forwarded-proto']) ?? forwardedParam(req, 'proto'))?.toLowerCase();
  if (said === 'https' || said === 'http') return said;
  return 'encrypted' in req.socket && req.socket.encrypted ? 'https' : 'http';
}

/** The host name the client asked for: the proxy's word for it when trusted, else the Host header. */
export function requestHost(req: IncomingMessage): string | undefined {
  return trustedValue(req, req.headers['x-forwarded-host']) ?? forwardedParam(req, 'host') ?? req.headers.host;
}

/**
 * Non-browser clients (the stock Node client, tools) send no Origin; browsers always do, and a
 * page may only talk to the relay it was served from or an origin the host allowed explicitly.
 */
export function originAllowed(req: IncomingMessage, allowedOrigins: readonly string[] = []): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  if (allowedOrigins.includes(origin)) return true;
  try {
    const url = new URL(origin);
    if (url.host !== requestHost(req)) return false;
    // Behind a trusted proxy the scheme is known too; a plain-http page may not talk to an https host.
    return !trustedHops.has(req) || url.protocol === `${requestProtocol(req)}:`;
  } catch {
    return false;
  }
}

export function isLoopbackAddress(req: IncomingMessage): boolean {
  const a = req.socket.remoteAddress ?? '';
  return a === '::1' || a.startsWith('127.') || a.startsWith('::ffff:127.');
}

/** Whether the Host header names this machine's loopback interface (not some other DNS name). */
export function hostIsLoopback(req: IncomingMessage): boolean {
  const host = req.headers.host;
  if (!host) return false;
  let hostname: string;
  try {
    hostname = new URL(`http://${host}`).hostname;
  } catch {
    return false;
  }
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/**
 * The facilitator's own machine: a loopback connection that names loopback as its host and did
 * not come through a proxy. Behind a reverse proxy every request arrives from loopback, so any
 * forwarded header (believed or not) means "somebody else".
 */
export function isFromHostMachine(req: IncomingMessage): boolean {
  return isLoopbackAddress(req) && hostIsLoopback(req) && !hasForwardedHeaders(req);
}

/** The `Authorization: Bearer <value>` of a request, or '' */
export function bearerToken(req: IncomingMessage): string {
  return /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
}

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/** Constant-time: comparing fixed-length digests leaks neither the key's length nor its prefix. */
export function presentsHostKey(req: IncomingMessage, hostKey: string | undefined): boolean {
  if (!hostKey) return false;
  const given = bearerToken(req);
  return timingSafeEqual(digest(given), digest(hostKey)) && given.length > 0;
}

/**
 * Host-level operations (create, list, import, metrics): the host key, or the host machine itself
 * asking from its own pages. Another site's page in the facilitator's browser also reaches
 * loopback, and the API answers cross-origin requests for the sake of host-key holders: only the
 * key, never the address, may speak for such a page.
 */
export function mayAdministerHost(req: IncomingMessage, hostKey: string | undefined, allowedOrigins: readonly string[] = []): boolean {
  return presentsHostKey(req, hostKey) || (isFromHostMachine(req) && originAllowed(req, allowedOrigins));
}

/**
 * Who is asking, for per-address limits: the address our own proxy saw (see trustedValue), else
 * the connection's own address. Forwarded headers from anyone not trusted are ignored.
 */
export function clientAddress(req: IncomingMessage): string {
  const said =
    trustedValue(req, req.headers['x-forwarded-for']) ??
    forwardedParam(req, 'for')
      ?.replace(/^\[(.*)\](:\d+)?$/, '$1')
      .replace(/^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/, '$1');
  return said ?? req.socket.remoteAddress ?? '';
}

// Checks on who is asking, shared by the socket upgrade, the JSON API and /metrics: the page's
// Origin (against cross-site WebSocket hijacking and cross-site form posts), the Host header
// (against DNS rebinding, where a web page reaches a loopback-only endpoint under its own name),
// forwarded headers (believed only when the host was told a proxy stands in front of it) and the
// host key (what a host that is not the facilitator's own machine asks for instead of an address).
import type { IncomingMessage } from 'node:http';
import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Requests whose forwarded headers the relay may believe, marked by the server as each request
 * or upgrade arrives (so every check below reads the same decision without being handed it).
 */
const trustedHops = new WeakSet<IncomingMessage>();

/** Called by the relay for each request it receives when it was started with trustProxy. */
export function trustForwardedHeaders(req: IncomingMessage, trust: boolean): void {
  if (trust) trustedHops.add(req);
}

const FORWARDED_HEADERS = ['forwarded', 'x-forwarded-for', 'x-forwarded-proto', 'x-forwarded-host', 'x-real-ip'] as const;

/** Whether the request says it came through a proxy (whether or not the relay believes it). */
export function hasForwardedHeaders(req: IncomingMessage): boolean {
  return FORWARDED_HEADERS.some((h) => req.headers[h] !== undefined);
}

function firstValue(header: string | string[] | undefined): string | undefined {
  const v = Array.isArray(header) ? header[0] : header;
  const first = v?.split(',')[0]?.trim();
  return first || undefined;
}

/** One parameter (for, proto, host) of the first element of an RFC 7239 Forwarded header. */
function forwardedParam(req: IncomingMessage, name: string): string | undefined {
  const element = firstValue(req.headers.forwarded);
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
  if (trustedHops.has(req)) {
    const said = (firstValue(req.headers['x-forwarded-proto']) ?? forwardedParam(req, 'proto'))?.toLowerCase();
    if (said === 'https' || said === 'http') return said;
  }
  return 'encrypted' in req.socket && req.socket.encrypted ? 'https' : 'http';
}

/** The host name the client asked for: the proxy's word for it when trusted, else the Host header. */
export function requestHost(req: IncomingMessage): string | undefined {
  if (trustedHops.has(req)) {
    const said = firstValue(req.headers['x-forwarded-host']) ?? forwardedParam(req, 'host');
    if (said) return said;
  }
  return req.headers.host;
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
 * Who is asking, for per-address limits: the first address a trusted proxy names, else the
 * connection's own address. Forwarded headers from anyone not trusted are ignored.
 */
export function clientAddress(req: IncomingMessage): string {
  if (trustedHops.has(req)) {
    const said = firstValue(req.headers['x-forwarded-for']) ?? forwardedParam(req, 'for')?.replace(/^\[(.*)\](:\d+)?$/, '$1');
    if (said) return said;
  }
  return req.socket.remoteAddress ?? '';
}

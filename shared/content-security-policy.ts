/**
 * The one content security policy for the app's pages, served by the relay and enforced again
 * by the desktop window: only our own scripts, styles and sockets; no plugins, frames or forms.
 *
 * The page talks to one server only, the relay that served it. Where that relay's exact origin
 * is known (the desktop app knows the address of every page it shows), `connect-src` names it
 * and its socket twin (http://h:p with ws://h:p, https://h with wss://h) and nothing else. The
 * relay itself, which may sit behind a proxy and so cannot be sure of the address people use,
 * sends `'self'`, which browsers (CSP level 3) also match against sockets to the same host and
 * port. Never a bare `ws:`/`wss:`, which would let an injected script open a socket to any host.
 */
export function contentSecurityPolicy(relayOrigin?: string): string {
  // `https:` lets the facilitator's page call a hosting server's API ("Host on a server"); as a
  // scheme source it matches https URLs only, never a socket (wss: would have to be named).
  const connect = [...(relayOrigin === undefined ? ["'self'"] : relayConnectSources(relayOrigin)), 'https:'];
  return [
    "default-src 'self'",
    "script-src 'self'",
    // The browser's offline copy of the app is a service worker served by the host itself.
    "worker-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src ${connect.join(' ')}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** The sources a page from `origin` may connect to: that origin and its socket twin. */
export function relayConnectSources(origin: string): [string, string] {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    throw new Error(`Not a relay origin: ${origin}`);
  }
  const socketScheme = url.protocol === 'https:' ? 'wss:' : url.protocol === 'http:' ? 'ws:' : null;
  if (!socketScheme || url.origin !== origin.replace(/\/$/, '') || url.username || url.password)
    throw new Error(`Not a relay origin (scheme://host[:port] over http or https): ${origin}`);
  return [url.origin, `${socketScheme}//${url.host}`];
}

/** What the relay sends with its pages (see contentSecurityPolicy for why `'self'`). */
export const CONTENT_SECURITY_POLICY = contentSecurityPolicy();

// What the host says when it has started: where it listens and, where it can know it, the
// address people open. The listening address is not always that: inside a container the host
// listens on every interface of a network of its own, and people reach it through a published
// port or a proxy, so it must not tell them to open 127.0.0.1.
import type { LogFields } from './json-log';
import { isLoopbackHost, WILDCARD } from './host-reach';

export interface StartupFacts {
  product: string;
  /** the --host it listens on */
  host: string;
  port: number;
  tls: boolean;
  /** the relay's own URL, e.g. http://127.0.0.1:8080 */
  relayUrl: string;
  /** --public-url or SLC_PUBLIC_URL: the address people use (a proxy's, a published port's) */
  publicUrl?: string;
  inContainer: boolean;
  /** this machine's IPv4 addresses other machines may reach (not loopback) */
  networkAddresses: readonly string[];
  fields: LogFields;
}

export type LogLine = [msg: string, fields?: LogFields];

export { isLoopbackHost };

export function startupLines(f: StartupFacts): LogLine[] {
  const scheme = f.tls ? 'https' : 'http';
  const lines: LogLine[] = [];
  if (isLoopbackHost(f.host)) {
    // The local case, as before: the address printed is the one to open on this machine.
    lines.push([`${f.product} is running at ${f.relayUrl}/`, { url: `${f.relayUrl}/`, ...f.fields }]);
  } else {
    const wildcard = WILDCARD.has(f.host);
    const listen = `${f.host.includes(':') ? `[${f.host}]` : f.host}:${f.port}`;
    lines.push([
      `${f.product} is listening on ${listen}${wildcard ? ' (every network interface)' : ''}`,
      { listen, ...(f.publicUrl ? { url: f.publicUrl } : {}), ...f.fields },
    ]);
  }
  if (f.publicUrl) {
    lines.push([`People open it at ${f.publicUrl}; share links from the app's "Invite people" dialog.`, { publicUrl: f.publicUrl }]);
  } else if (f.inContainer && !isLoopbackHost(f.host)) {
    lines.push([
      'In a container: people open it at the address of the port it is published on, or of the proxy in front of it. Set SLC_PUBLIC_URL (or --public-url) to show that address here.',
    ]);
  } else if (!isLoopbackHost(f.host)) {
    const address = WILDCARD.has(f.host) ? f.networkAddresses[0] : f.host;
    const shown = address ? `${scheme}://${address.includes(':') ? `[${address}]` : address}:${f.port}/` : `${scheme}://<this machine's address>:${f.port}/`;
    lines.push([`People on other machines open it at ${shown}; share links from the app's "Invite people" dialog.`, address ? { url: shown } : {}]);
  }
  return lines;
}

/** --public-url as a normalised http(s) URL, or an error sentence. */
export function parsePublicUrl(value: string): { url: string } | { error: string } {
  try {
    const url = new URL(value);
    if (url.protocol === 'http:' || url.protocol === 'https:') return { url: url.href };
  } catch {
    // fall through to the sentence
  }
  return { error: `--public-url (or SLC_PUBLIC_URL) must be an http:// or https:// address, not "${value}"` };
}

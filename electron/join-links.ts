// Join links and what the operating system hands the app to open.
//
// A join link is the host's address plus the fragment `#/w/<workshop id>?t=<token>` (the token
// never reaches a server log). The desktop app also answers `slcanvas://` links, so a link in an
// email or chat can open the app directly:
//   slcanvas://<host>[:<port>][/<path>]#/w/<id>?t=<token>    the host, over http (a venue network)
//   slcanvas://join?link=<the http(s) join link, URL-encoded>  any host, including https ones
import { isAbsolute, resolve } from 'node:path';
import { isWorkshopId, WORKSHOP_FILE_EXTENSION } from '../shared/protocol';

export interface JoinLink {
  /** the http(s) address to load, with the fragment */
  url: string;
  /** the host's origin, e.g. http://192.168.1.20:4000 */
  origin: string;
  workshopId: string;
  token: string;
}

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{1,200}$/;

function parseHttpJoinLink(url: URL): JoinLink | null {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username || url.password) return null;
  const m = /^#\/w\/([^?]+)\?(.*)$/.exec(url.hash);
  if (!m || !isWorkshopId(m[1]!)) return null;
  const token = new URLSearchParams(m[2]).get('t');
  if (!token || !TOKEN_PATTERN.test(token)) return null;
  const workshopId = m[1]!;
  return { url: `${url.origin}${url.pathname}#/w/${workshopId}?t=${token}`, origin: url.origin, workshopId, token };
}

/** Reads a pasted or opened link; null when it is not a workshop join link. */
export function parseJoinLink(text: string): JoinLink | null {
  const trimmed = text.trim();
  if (trimmed.length > 4096) return null;
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return null;
  }
  if (url.protocol === 'slcanvas:') {
    if (url.hostname === 'join' && !url.port) {
      const inner = url.searchParams.get('link');
      if (!inner) return null;
      try {
        return parseHttpJoinLink(new URL(inner));
      } catch {
        return null;
      }
    }
    if (!url.host || url.username || url.password) return null;
    try {
      return parseHttpJoinLink(new URL(`http://${url.host}${url.pathname || '/'}${url.hash}`));
    } catch {
      return null;
    }
  }
  return parseHttpJoinLink(url);
}

/** The slcanvas:// form of an http(s) join link (for "Open in the desktop app"). */
export function desktopJoinLink(link: JoinLink): string {
  return `slcanvas://join?link=${encodeURIComponent(link.url)}`;
}

export type LaunchTarget = { kind: 'file'; path: string } | { kind: 'link'; link: string };

/**
 * What a command line asks the app to open: `.slcanvas` files (relative to the directory it was
 * started in) and `slcanvas://` links. Switches and anything else (the executable, the app
 * folder in development) are ignored.
 */
export function launchTargets(argv: readonly string[], cwd: string): LaunchTarget[] {
  const out: LaunchTarget[] = [];
  for (const arg of argv) {
    if (!arg || arg.startsWith('-')) continue;
    if (/^slcanvas:/i.test(arg)) out.push({ kind: 'link', link: arg });
    else if (arg.toLowerCase().endsWith(WORKSHOP_FILE_EXTENSION)) out.push({ kind: 'file', path: isAbsolute(arg) ? arg : resolve(cwd, arg) });
  }
  return out;
}

/** Holds what the OS asked to open until the app is ready to open it, then passes it straight on. */
export class LaunchQueue {
  private pending: LaunchTarget[] = [];
  private handler: ((target: LaunchTarget) => void) | null = null;

  push(...targets: LaunchTarget[]): void {
    for (const t of targets) {
      if (this.handler) this.handler(t);
      else this.pending.push(t);
    }
  }

  /** From now on every target goes to `handler`, starting with those already waiting. */
  drain(handler: (target: LaunchTarget) => void): void {
    this.handler = handler;
    const waiting = this.pending;
    this.pending = [];
    for (const t of waiting) handler(t);
  }
}

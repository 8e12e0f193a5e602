// The host key a host on a server asks for before it creates, lists or imports workshops or shows
// the Portfolio (the host decides: server/request-checks.ts mayAdministerHost). The page learns
// whether it is needed by asking for the list of workshops, the cheapest host-level request.
// The key is kept in sessionStorage: it lasts for this browser session only (a shared computer
// forgets it when the browser closes) and never goes into a link, localStorage or a log.
import { desktopApi } from './desktop';

const STORAGE_KEY = 'slc.hostKey';

/** unknown: not asked yet, or the host cannot tell us; open: this page needs no key; accepted: the kept key works */
export type HostKeyStatus = 'unknown' | 'open' | 'needed' | 'wrong' | 'accepted';

let status: HostKeyStatus = 'unknown';
const listeners = new Set<() => void>();

function setStatus(next: HostKeyStatus): void {
  if (next === status) return;
  status = next;
  for (const l of listeners) l();
}

export const hostKeyStatus = (): HostKeyStatus => status;

export function subscribeHostKey(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function storedKey(): string {
  try {
    return sessionStorage.getItem(STORAGE_KEY) ?? '';
  } catch {
    return '';
  }
}

function keep(key: string | null): void {
  try {
    if (key) sessionStorage.setItem(STORAGE_KEY, key);
    else sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // Storage turned off: the key then works for this page only, which is still usable.
  }
}

/** Headers for a host-level request: the kept key, if there is one. */
export function hostKeyHeaders(): Record<string, string> {
  const key = storedKey();
  return key ? { authorization: `Bearer ${key}` } : {};
}

/**
 * A host-level request came back 401: the key was missing or is wrong. The kept key is dropped
 * (so it is not sent again) and the start screen asks again. Returns the sentence to show.
 */
export function hostKeyRefused(): string {
  const hadKey = storedKey() !== '';
  keep(null);
  setStatus(hadKey ? 'wrong' : 'needed');
  return hadKey
    ? 'The host did not accept the host key. Enter the right one under “Host key” on the start screen and try again.'
    : 'This host needs its host key: enter it under “Host key” on the start screen.';
}

let probe: Promise<HostKeyStatus> | null = null;

/**
 * Asks the host whether this page may create workshops, with `candidate` (a key just typed) or
 * the kept one. A candidate that works is kept; one that does not is forgotten and reported.
 * Screens asking at the same time share one request (a second one, sent after the first had
 * dropped a wrong key, would otherwise turn "wrong" back into a plain "needed").
 */
export function checkHostAccess(candidate?: string): Promise<HostKeyStatus> {
  if (candidate !== undefined) return ask(candidate);
  return (probe ??= ask(undefined).finally(() => (probe = null)));
}

async function ask(candidate: string | undefined): Promise<HostKeyStatus> {
  // The desktop app's own relay is the host machine: it never needs a key.
  if (desktopApi()) {
    setStatus('open');
    return status;
  }
  const key = candidate?.trim() ?? storedKey();
  let res: Response;
  try {
    res = await fetch('api/workshops', { headers: key ? { authorization: `Bearer ${key}` } : {} });
  } catch {
    return status;
  }
  if (res.ok) {
    if (key) keep(key);
    setStatus(key ? 'accepted' : 'open');
  } else if (res.status === 401) {
    keep(null);
    // Without a key to judge, a key already found wrong stays reported until a right one is in.
    setStatus(key || status === 'wrong' ? 'wrong' : 'needed');
  } else {
    // 403: this host has no key and creates workshops only on its own machine; nothing to ask.
    setStatus('unknown');
  }
  return status;
}

/** Forgets the key for this session (someone else is about to use the computer). */
export function forgetHostKey(): void {
  keep(null);
  setStatus('needed');
}

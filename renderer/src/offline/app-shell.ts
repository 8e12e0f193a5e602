// Keeps the app shell (the built HTML, scripts and styles) on the device with Workbox's service
// worker, so a reload or a reopened link opens the workshop while the host is unreachable; the
// workshop itself comes from IndexedDB (collab/session.ts). No React here.
import { registerSW } from 'virtual:pwa-register';
import { desktopApi } from '../lib/desktop';

type Listener = () => void;
const listeners = new Set<Listener>();
let updateReady = false;
let applyUpdate: (() => Promise<void>) | null = null;

/**
 * Registers the service worker where one is needed and allowed: a browser page served over
 * http(s) by a host. The desktop window carries its own host on loopback (nothing to be offline
 * from) and must never keep a second copy of the app. Browsers allow service workers only in a
 * secure context: https, or http to 127.0.0.1/localhost; a host opened on a LAN over plain http
 * works as before, just without starting offline.
 */
export function startAppShell(): void {
  if (desktopApi() || !/^https?:$/.test(location.protocol) || !window.isSecureContext || !('serviceWorker' in navigator)) return;
  // Installing copies the whole build (about 2 MB, sent compressed) into the cache; it waits
  // until the page has loaded and gone quiet, so it does not compete with opening the workshop
  // on a slow venue network (the socket and the first screen come first).
  const register = () => {
    applyUpdate = registerSW({
      immediate: true,
      // A new build has installed and waits: say so, and let the person choose when to reload.
      onNeedRefresh() {
        updateReady = true;
        for (const l of listeners) l();
      },
      onRegisterError(err: unknown) {
        // Not fatal: the app works online without it.
        console.warn('The offline copy of the app could not be set up:', err);
      },
    });
  };
  const whenIdle = () => (window.requestIdleCallback ? window.requestIdleCallback(register, { timeout: 3000 }) : setTimeout(register, 1000));
  if (document.readyState === 'complete') whenIdle();
  else window.addEventListener('load', whenIdle, { once: true });
}

/** Whether a new version of the app is installed and waiting for a reload. */
export function isUpdateReady(): boolean {
  return updateReady;
}

export function onUpdateReady(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Lets the waiting version take over; every tab of the app reloads once it has. */
export async function reloadIntoUpdate(): Promise<void> {
  if (applyUpdate) await applyUpdate();
}

// Security defaults for every window, in one place: isolated, sandboxed renderer without Node,
// a strict CSP, and no navigation or new windows except within the origin the window was opened
// on. Links leaving it go to the system browser (web and mail links only) or, for a workshop
// join link, to a window of the app's own.
import type { BrowserWindowConstructorOptions, Event, WebContents } from 'electron';

export { CONTENT_SECURITY_POLICY } from '../shared/content-security-policy';

/** Web preferences for every window. Only the app's own window gets the preload (the typed API). */
export function secureWebPreferences(preload?: string): NonNullable<BrowserWindowConstructorOptions['webPreferences']> {
  return {
    ...(preload ? { preload } : {}),
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: true,
  };
}

/** True when a URL belongs to the given origin exactly (scheme, host and port). */
export function isAppUrl(url: string, appOrigin: string): boolean {
  if (!appOrigin || appOrigin === 'null') return false;
  try {
    const origin = new URL(url).origin;
    return origin !== 'null' && origin === appOrigin;
  } catch {
    return false;
  }
}

const MAIL_PARAMS = new Set(['subject', 'body', 'cc', 'bcc']);

/**
 * Links the system may open on the person's behalf: web pages, and plain email links (an
 * academy's address; no other mailto parameters, since some mail apps honour "attach").
 */
export function isExternalLink(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === 'https:' || parsed.protocol === 'http:') return !parsed.username && !parsed.password;
  if (parsed.protocol === 'mailto:') return [...parsed.searchParams.keys()].every((k) => MAIL_PARAMS.has(k.toLowerCase()));
  return false;
}

export interface NavigationHandlers {
  /** opens a web or mail link in the system's browser or mail app */
  openExternal(url: string): void;
  /** offered every link leaving the window first; returns true if it was a join link and was handled */
  openJoinLink?(url: string): boolean;
}

export function lockDownNavigation(contents: WebContents, appOrigin: string, handlers: NavigationHandlers): void {
  const sendElsewhere = (url: string) => {
    if (handlers.openJoinLink?.(url)) return;
    if (isExternalLink(url)) handlers.openExternal(url);
  };
  contents.on('will-navigate', (event) => {
    if (isAppUrl(event.url, appOrigin)) return;
    event.preventDefault();
    sendElsewhere(event.url);
  });
  // A redirect can take an allowed navigation somewhere else; frames may not leave the origin either.
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url, appOrigin)) event.preventDefault();
  });
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame && !isAppUrl(event.url, appOrigin) && event.url !== 'about:blank') event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    sendElsewhere(url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event: Event) => event.preventDefault());
}

// Security defaults for every window, in one place: isolated, sandboxed renderer without Node,
// a strict CSP, and no navigation or new windows except within the origin the window was opened
// on. Links leaving it go to the system browser (https and mail links only, and only when the
// person clicked one) or, for a workshop join link, to a window of the app's own.
import type { BrowserWindowConstructorOptions, Event, WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY, contentSecurityPolicy } from '../shared/content-security-policy';

/**
 * The policy the desktop app enforces on a response from `url`: the page may open sockets and
 * requests to the relay that served it (its exact origin) and nowhere else. Each window shows
 * pages of one relay (the built-in one, or another host's for a joined workshop), so the
 * response's own origin is that relay. An address CSP cannot name (an IPv6 literal) gets the
 * relay's own `'self'` policy, which browsers also apply to same-origin sockets.
 */
export function contentSecurityPolicyFor(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return CONTENT_SECURITY_POLICY;
  }
  if ((parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || parsed.hostname.startsWith('[')) return CONTENT_SECURITY_POLICY;
  return contentSecurityPolicy(parsed.origin);
}

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
 * The link the system may open on the person's behalf, or null: https pages (an http link, as
 * some of the framework's academy sites are written, is opened as https, never in clear text),
 * and plain email links (an academy's address; no other mailto parameters, since some mail apps
 * honour "attach"). Everything else (javascript:, file:, data:, smb:, custom schemes that
 * start other apps, addresses with a user name or password) is refused.
 */
export function externalLinkFor(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol === 'http:' || parsed.protocol === 'https:') {
    if (parsed.username || parsed.password || !parsed.hostname) return null;
    if (parsed.protocol === 'http:') {
      parsed.protocol = 'https:';
      // an explicit :80 meant plain http; the https site is on its default port
      if (parsed.port === '80') parsed.port = '';
    }
    return parsed.href;
  }
  if (parsed.protocol === 'mailto:' && [...parsed.searchParams.keys()].every((k) => MAIL_PARAMS.has(k.toLowerCase()))) return parsed.href;
  return null;
}

export function isExternalLink(url: string): boolean {
  return externalLinkFor(url) !== null;
}

/** How long after a click or key press the page may open one link (Chromium's own user-activation span). */
export const USER_ACTIVATION_MS = 5000;
const ACTIVATING_INPUT = new Set(['mouseDown', 'mouseUp', 'gestureTap', 'touchEnd', 'pointerUp']);
// Electron names keys as accelerators do ("Enter"/"Return", "Space"); compared without case.
const ACTIVATING_KEYS = new Set(['enter', 'return', 'space', ' ']);

/**
 * Whether the person just clicked (or pressed Enter or Space) in a window: a page may only send
 * someone to the browser or mail app in answer to that, once per gesture, never on its own
 * (a script, a timer, a message from another participant).
 */
export class UserActivation {
  private at = Number.NEGATIVE_INFINITY;

  constructor(
    contents: Pick<WebContents, 'on'>,
    private readonly now: () => number = Date.now,
  ) {
    contents.on('input-event', (_event, input) => {
      const key = input as { keyCode?: string; key?: string };
      const activating =
        ACTIVATING_INPUT.has(input.type) ||
        ((input.type === 'keyDown' || input.type === 'rawKeyDown') &&
          (ACTIVATING_KEYS.has(key.keyCode?.toLowerCase() ?? '') || ACTIVATING_KEYS.has(key.key?.toLowerCase() ?? '')));
      if (activating) this.at = this.now();
    });
  }

  /** True if the person clicked within USER_ACTIVATION_MS; uses the gesture up either way. */
  consume(): boolean {
    const recent = this.now() - this.at <= USER_ACTIVATION_MS;
    this.at = Number.NEGATIVE_INFINITY;
    return recent;
  }
}

export interface NavigationHandlers {
  /** opens a link (already checked by externalLinkFor, after a click) in the system's browser or mail app */
  openExternal(url: string): void;
  /** offered every link leaving the window first; returns true if it was a join link and was handled */
  openJoinLink?(url: string): boolean;
}

/** Returns the window's UserActivation, for other ways the page asks to open a link (IPC). */
export function lockDownNavigation(contents: WebContents, appOrigin: string, handlers: NavigationHandlers, now?: () => number): UserActivation {
  const activation = new UserActivation(contents, now);
  const sendElsewhere = (url: string) => {
    if (handlers.openJoinLink?.(url)) return;
    const link = externalLinkFor(url);
    if (link && activation.consume()) handlers.openExternal(link);
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
  return activation;
}

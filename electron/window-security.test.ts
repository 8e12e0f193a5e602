import { describe, expect, it, vi } from 'vitest';
import { EventEmitter } from 'node:events';
import type { WebContents } from 'electron';
import {
  contentSecurityPolicyFor,
  USER_ACTIVATION_MS,
  externalLinkFor,
  isAppUrl,
  isExternalLink,
  lockDownNavigation,
  secureWebPreferences,
} from './window-security';

// window-security only uses types from electron; this keeps any accidental runtime use visible.
vi.mock('electron', () => ({}));

const appOrigin = 'http://127.0.0.1:5000';

class FakeWebContents extends EventEmitter {
  openHandler: ((details: { url: string }) => { action: 'allow' | 'deny' }) | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'allow' | 'deny' }) {
    this.openHandler = handler;
  }
  /** What Electron reports as the person clicks in the page. */
  click() {
    this.emit('input-event', {}, { type: 'mouseDown' });
    this.emit('input-event', {}, { type: 'mouseUp' });
  }
  /** Emits an Electron-style event object; returns whether it was prevented. */
  fire(name: string, details: Record<string, unknown>): boolean {
    let prevented = false;
    const event = { ...details, preventDefault: () => (prevented = true) };
    this.emit(name, event, details.url);
    return prevented;
  }
}

function setup(withJoin = true) {
  const contents = new FakeWebContents();
  const openExternal = vi.fn();
  const openJoinLink = vi.fn((url: string) => url.includes('#/w/'));
  const clock = { now: 1_000_000 };
  const activation = lockDownNavigation(
    contents as unknown as WebContents,
    appOrigin,
    withJoin ? { openExternal, openJoinLink } : { openExternal },
    () => clock.now,
  );
  return { contents, openExternal, openJoinLink, clock, activation };
}

describe('secureWebPreferences', () => {
  it('isolates and sandboxes every window, without Node', () => {
    const prefs = secureWebPreferences('/app/preload.cjs');
    expect(prefs).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
    });
  });

  it('gives no preload (so no desktop API) to windows showing another host', () => {
    expect(secureWebPreferences()).not.toHaveProperty('preload');
    expect(secureWebPreferences().sandbox).toBe(true);
  });
});

describe('contentSecurityPolicyFor', () => {
  const connectSrc = (policy: string) => /(?:^|; )connect-src ([^;]*)/.exec(policy)?.[1];

  it('lets a page of the built-in relay connect to that relay exactly, over http and ws', () => {
    const policy = contentSecurityPolicyFor(`${appOrigin}/#/w/abcdefghij0123456789?t=x`);
    expect(connectSrc(policy)).toBe('http://127.0.0.1:5000 ws://127.0.0.1:5000 https:');
    expect(policy).toContain("script-src 'self';");
    for (const d of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'none'"]) expect(policy).toContain(d);
  });

  it('lets a joined host’s page connect to that host only, over https and wss', () => {
    expect(connectSrc(contentSecurityPolicyFor('https://canvas.example.nhs.uk/assets/index-1.js'))).toBe(
      'https://canvas.example.nhs.uk wss://canvas.example.nhs.uk https:',
    );
    expect(connectSrc(contentSecurityPolicyFor('http://192.168.1.5:4000/'))).toBe('http://192.168.1.5:4000 ws://192.168.1.5:4000 https:');
  });

  it('never allows sockets to any host', () => {
    for (const url of [appOrigin, 'https://a.example/', 'http://[::1]:5000/', 'data:text/html,x', 'not a url']) {
      const policy = contentSecurityPolicyFor(url);
      // https: is for "Host on a server" API calls; as a scheme source it never matches a socket.
      expect(policy, url).not.toMatch(/(^|\s)(ws|wss|http):(\s|;|$)/);
      expect(policy, url).not.toContain('*');
    }
  });

  it('falls back to the relay’s own-origin policy for an address CSP cannot name', () => {
    expect(connectSrc(contentSecurityPolicyFor('http://[::1]:5000/'))).toBe("'self' https:");
    expect(connectSrc(contentSecurityPolicyFor('about:blank'))).toBe("'self' https:");
  });
});

describe('isAppUrl', () => {
  it('accepts the app origin exactly', () => {
    expect(isAppUrl('http://127.0.0.1:5000/', appOrigin)).toBe(true);
    expect(isAppUrl('http://127.0.0.1:5000/#/w/abc?t=1', appOrigin)).toBe(true);
    expect(isAppUrl('http://127.0.0.1:5000/api/health', appOrigin)).toBe(true);
  });

  it('refuses look-alikes and everything else', () => {
    const bad = [
      'http://127.0.0.1:5000.evil.com/',
      'http://127.0.0.1:50000/',
      'http://127.0.0.1:500/',
      'https://127.0.0.1:5000/',
      'http://localhost:5000/',
      'http://127.0.0.1/',
      'http://127.0.0.1:5000@evil.com/',
      'http://evil.com/?http://127.0.0.1:5000',
      'ws://127.0.0.1:5000/',
      'file:///etc/passwd',
      'data:text/html,<h1>x</h1>',
      'about:blank',
      'javascript:alert(1)',
      '',
      'not a url',
    ];
    for (const url of bad) expect(isAppUrl(url, appOrigin), url).toBe(false);
  });

  it('never matches an opaque origin', () => {
    expect(isAppUrl('file:///x', 'null')).toBe(false);
    expect(isAppUrl('data:text/plain,x', 'null')).toBe(false);
    expect(isAppUrl('http://127.0.0.1:5000/', '')).toBe(false);
  });
});

describe('externalLinkFor', () => {
  it('allows https pages and plain email links', () => {
    expect(externalLinkFor('https://www.leadershipacademy.nhs.uk/')).toBe('https://www.leadershipacademy.nhs.uk/');
    expect(externalLinkFor('mailto:academy@nhs.net')).toBe('mailto:academy@nhs.net');
    expect(externalLinkFor('mailto:academy@nhs.net?subject=Workshop&body=Hello')).toBe('mailto:academy@nhs.net?subject=Workshop&body=Hello');
    expect(isExternalLink('https://www.leadershipacademy.nhs.uk/')).toBe(true);
  });

  it('never opens an http link as http: it becomes the https address of the same page', () => {
    expect(externalLinkFor('http://www.nwacademy.nhs.uk')).toBe('https://www.nwacademy.nhs.uk/');
    expect(externalLinkFor('http://www.hee.nhs.uk:80/hee-your-area/west-midlands?x=1#y')).toBe('https://www.hee.nhs.uk/hee-your-area/west-midlands?x=1#y');
    expect(externalLinkFor('http://example.org:8080/')).toBe('https://example.org:8080/');
    expect(externalLinkFor('HTTP://EXAMPLE.ORG/')).toBe('https://example.org/');
  });

  it('refuses javascript:, file:, data:, other schemes and custom schemes that start other apps', () => {
    for (const url of [
      'javascript:alert(1)',
      'JavaScript:alert(document.cookie)',
      ' javascript:alert(1)',
      'file:///C:/Windows/system32/calc.exe',
      'file:///etc/passwd',
      'file://server/share/x.exe',
      'data:text/html,x',
      'blob:https://example.org/1234',
      'ftp://example.org/',
      'ws://example.org/',
      'smb://server/share',
      'ms-msdt:/id PCWDiagnostic',
      'ms-settings:',
      'search-ms:query=x',
      'vscode://file/etc/passwd',
      'zoommtg://zoom.us/join?confno=1',
      'slcanvas://x',
      'tel:+441234567890',
      'mailto:a@b.c?attach=/etc/passwd',
      'mailto:a@b.c?subject=x&Attachment=/etc/passwd',
      'https://user:pass@example.org/',
      'http://user@example.org/',
      'not a url',
      '',
    ]) {
      expect(externalLinkFor(url), url).toBeNull();
      expect(isExternalLink(url), url).toBe(false);
    }
  });
});

describe('lockDownNavigation', () => {
  it('lets the window move within its own origin', () => {
    const { contents, openExternal } = setup();
    expect(contents.fire('will-navigate', { url: 'http://127.0.0.1:5000/#/w/x' })).toBe(false);
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('stops navigation to other origins and hands a clicked web link to the system browser', () => {
    const { contents, openExternal } = setup();
    contents.click();
    expect(contents.fire('will-navigate', { url: 'https://www.england.nhs.uk/' })).toBe(true);
    expect(openExternal).toHaveBeenCalledWith('https://www.england.nhs.uk/');
  });

  it('opens nothing the person did not click: a script navigating or opening windows by itself goes nowhere', () => {
    const { contents, openExternal, clock } = setup();
    expect(contents.fire('will-navigate', { url: 'https://www.england.nhs.uk/' })).toBe(true);
    expect(contents.openHandler!({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
    // Moving the mouse, scrolling or typing text is not a click.
    contents.emit('input-event', {}, { type: 'mouseMove' });
    contents.emit('input-event', {}, { type: 'mouseWheel' });
    contents.emit('input-event', {}, { type: 'keyDown', keyCode: 'A' });
    contents.emit('input-event', {}, { type: 'char', keyCode: 'Enter' });
    expect(contents.openHandler!({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
    // A click long ago does not count.
    contents.click();
    clock.now += USER_ACTIVATION_MS + 1;
    expect(contents.openHandler!({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('opens one link per click, not a burst of them', () => {
    const { contents, openExternal, clock } = setup();
    contents.click();
    clock.now += USER_ACTIVATION_MS - 1;
    contents.openHandler!({ url: 'https://a.example/' });
    contents.openHandler!({ url: 'https://b.example/' });
    contents.fire('will-navigate', { url: 'https://c.example/' });
    expect(openExternal.mock.calls).toEqual([['https://a.example/']]);
  });

  it('counts Enter or Space on a focused link as a click', () => {
    const { contents, openExternal } = setup();
    contents.emit('input-event', {}, { type: 'rawKeyDown', keyCode: 'Enter' });
    contents.openHandler!({ url: 'https://a.example/' });
    contents.emit('input-event', {}, { type: 'keyDown', keyCode: 'Space' });
    contents.openHandler!({ url: 'mailto:academy@nhs.net' });
    contents.emit('input-event', {}, { type: 'rawKeyDown', keyCode: 'return' });
    contents.openHandler!({ url: 'https://b.example/' });
    expect(openExternal.mock.calls).toEqual([['https://a.example/'], ['mailto:academy@nhs.net'], ['https://b.example/']]);
  });

  it('never hands other schemes to the system, even on a click', () => {
    const { contents, openExternal } = setup();
    for (const url of [
      'file:///etc/passwd',
      'smb://evil/share',
      'javascript:alert(1)',
      'data:text/html,x',
      'http://127.0.0.1:5000.evil.com:99999/',
      'ms-msdt:/id PCWDiagnostic',
      'vscode://file/etc/passwd',
    ]) {
      contents.click();
      expect(contents.fire('will-navigate', { url }), url).toBe(true);
      contents.click();
      expect(contents.openHandler!({ url }), url).toEqual({ action: 'deny' });
    }
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('opens a clicked http link as https only', () => {
    const { contents, openExternal } = setup();
    contents.click();
    expect(contents.fire('will-navigate', { url: 'http://www.nwacademy.nhs.uk' })).toBe(true);
    expect(openExternal.mock.calls).toEqual([['https://www.nwacademy.nhs.uk/']]);
  });

  it('opens a join link to another host in the app instead of the browser', () => {
    const { contents, openExternal, openJoinLink } = setup();
    const link = 'http://192.168.1.5:4000/#/w/abcdefghij0123456789?t=abc';
    expect(contents.fire('will-navigate', { url: link })).toBe(true);
    expect(openJoinLink).toHaveBeenCalledWith(link);
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('without a join handler, a clicked join link to another host goes to the browser', () => {
    const { contents, openExternal } = setup(false);
    const link = 'https://canvas.example.nhs.uk/#/w/abcdefghij0123456789?t=abc';
    contents.click();
    expect(contents.fire('will-navigate', { url: link })).toBe(true);
    expect(openExternal).toHaveBeenCalledWith(link);
  });

  it('denies every window.open, passing clicked web links to the browser', () => {
    const { contents, openExternal } = setup();
    for (const url of ['https://example.org/', 'http://127.0.0.1:5000/#/', 'file:///etc/passwd']) {
      contents.click();
      expect(contents.openHandler!({ url })).toEqual({ action: 'deny' });
    }
    expect(openExternal.mock.calls.map((c) => c[0])).toEqual(['https://example.org/', 'https://127.0.0.1:5000/#/']);
  });

  it('blocks webviews', () => {
    const { contents } = setup();
    expect(contents.fire('will-attach-webview', {})).toBe(true);
  });

  it('blocks redirects off the origin and subframes leaving it', () => {
    const { contents } = setup();
    expect(contents.fire('will-redirect', { url: 'https://evil.example/' })).toBe(true);
    expect(contents.fire('will-redirect', { url: 'http://127.0.0.1:5000/index.html' })).toBe(false);
    expect(contents.fire('will-frame-navigate', { url: 'https://evil.example/', isMainFrame: false })).toBe(true);
    expect(contents.fire('will-frame-navigate', { url: 'http://127.0.0.1:5000/x', isMainFrame: false })).toBe(false);
    expect(contents.fire('will-frame-navigate', { url: 'https://evil.example/', isMainFrame: true })).toBe(false);
  });
});

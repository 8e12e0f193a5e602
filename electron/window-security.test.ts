import { describe, expect, it, vi } from 'vitest';
import { EventEmitter } from 'node:events';
import type { WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY, isAppUrl, isExternalLink, lockDownNavigation, secureWebPreferences } from './window-security';

// window-security only uses types from electron; this keeps any accidental runtime use visible.
vi.mock('electron', () => ({}));

const appOrigin = 'http://127.0.0.1:5000';

class FakeWebContents extends EventEmitter {
  openHandler: ((details: { url: string }) => { action: 'allow' | 'deny' }) | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'allow' | 'deny' }) {
    this.openHandler = handler;
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
  lockDownNavigation(contents as unknown as WebContents, appOrigin, withJoin ? { openExternal, openJoinLink } : { openExternal });
  return { contents, openExternal, openJoinLink };
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

  it('has a strict CSP: own scripts only, no objects, no framing, no base or form targets', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self';");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/script-src[^;]*unsafe-(inline|eval)/);
    for (const d of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'none'"]) expect(CONTENT_SECURITY_POLICY).toContain(d);
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

describe('isExternalLink', () => {
  it('allows web pages and plain email links only', () => {
    expect(isExternalLink('https://www.leadershipacademy.nhs.uk/')).toBe(true);
    expect(isExternalLink('http://example.org/')).toBe(true);
    expect(isExternalLink('mailto:academy@nhs.net')).toBe(true);
    expect(isExternalLink('mailto:academy@nhs.net?subject=Workshop&body=Hello')).toBe(true);
    for (const url of [
      'mailto:a@b.c?attach=/etc/passwd',
      'file:///C:/Windows/system32/calc.exe',
      'smb://server/share',
      'ms-msdt:/id PCWDiagnostic',
      'javascript:alert(1)',
      'data:text/html,x',
      'https://user:pass@example.org/',
      'slcanvas://x',
      'not a url',
    ])
      expect(isExternalLink(url), url).toBe(false);
  });
});

describe('lockDownNavigation', () => {
  it('lets the window move within its own origin', () => {
    const { contents, openExternal } = setup();
    expect(contents.fire('will-navigate', { url: 'http://127.0.0.1:5000/#/w/x' })).toBe(false);
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('stops navigation to other origins and hands web links to the system browser', () => {
    const { contents, openExternal } = setup();
    expect(contents.fire('will-navigate', { url: 'https://www.england.nhs.uk/' })).toBe(true);
    expect(openExternal).toHaveBeenCalledWith('https://www.england.nhs.uk/');
  });

  it('never hands other schemes to the system', () => {
    const { contents, openExternal } = setup();
    for (const url of ['file:///etc/passwd', 'smb://evil/share', 'javascript:alert(1)', 'data:text/html,x', 'http://127.0.0.1:5000.evil.com/'])
      expect(contents.fire('will-navigate', { url }), url).toBe(true);
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('opens a join link to another host in the app instead of the browser', () => {
    const { contents, openExternal, openJoinLink } = setup();
    const link = 'http://192.168.1.5:4000/#/w/abcdefghij0123456789?t=abc';
    expect(contents.fire('will-navigate', { url: link })).toBe(true);
    expect(openJoinLink).toHaveBeenCalledWith(link);
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('without a join handler, a join link to another host goes to the browser', () => {
    const { contents, openExternal } = setup(false);
    const link = 'http://192.168.1.5:4000/#/w/abcdefghij0123456789?t=abc';
    expect(contents.fire('will-navigate', { url: link })).toBe(true);
    expect(openExternal).toHaveBeenCalledWith(link);
  });

  it('denies every window.open, passing web links to the browser', () => {
    const { contents, openExternal } = setup();
    expect(contents.openHandler!({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
    expect(contents.openHandler!({ url: 'http://127.0.0.1:5000/#/' })).toEqual({ action: 'deny' });
    expect(contents.openHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(openExternal.mock.calls.map((c) => c[0])).toEqual(['https://example.org/', 'http://127.0.0.1:5000/#/']);
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

// Start-up of the desktop app with a stubbed electron module: the relay, the window, the menu,
// the IPC handlers, what the OS asks to open, crash recovery and quitting.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EventEmitter } from 'node:events';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ipcChannels } from '../shared/ipc-contract';
import { addNotes, makeWorkshopFile, readMetaOf, readNotes, removeTempDirs, tempDir } from './test-helpers';

const stub = vi.hoisted(() => ({ current: null as unknown as ElectronStub }));
vi.mock('electron', () => ({
  get app() {
    return stub.current.app;
  },
  get BrowserWindow() {
    return stub.current.BrowserWindow;
  },
  get dialog() {
    return stub.current.dialog;
  },
  get ipcMain() {
    return stub.current.ipcMain;
  },
  get Menu() {
    return stub.current.Menu;
  },
  get session() {
    return stub.current.session;
  },
  get shell() {
    return stub.current.shell;
  },
  get utilityProcess() {
    return stub.current.utilityProcess;
  },
  get clipboard() {
    return stub.current.clipboard;
  },
}));

const { runDesktopApp, APP_NAME } = await import('./app');

// A stand-in for the parts of the electron module the main process uses.
type Listener = (...args: unknown[]) => void;

/** webContents: fires Electron-style events (an event object with preventDefault). */
class FakeWebContents extends EventEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  url = '';
  executeJavaScript = vi.fn(async (_code: string) => undefined);
  setWindowOpenHandler(h: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = h;
  }
  getURL() {
    return this.url;
  }
  /** what Electron reports as the person clicks in the page */
  click() {
    this.emit('input-event', {}, { type: 'mouseDown' });
    this.emit('input-event', {}, { type: 'mouseUp' });
  }
  fire(name: string, details: Record<string, unknown>): boolean {
    let prevented = false;
    this.emit(name, { ...details, preventDefault: () => (prevented = true) }, details.url);
    return prevented;
  }
}

function makeElectronStub(userData: string) {
  const relayPort = 40000 + Math.floor(Math.random() * 20000);
  const relayUrl = `http://127.0.0.1:${relayPort}`;

  class FakeBrowserWindow extends EventEmitter {
    static instances: FakeBrowserWindow[] = [];
    static failLoad = false;
    readonly webContents = new FakeWebContents();
    loaded: string[] = [];
    show = vi.fn();
    focus = vi.fn();
    restore = vi.fn();
    constructor(readonly options: { title?: string; show?: boolean; webPreferences?: Record<string, unknown> }) {
      super();
      FakeBrowserWindow.instances.push(this);
    }
    isDestroyed() {
      return false;
    }
    isMinimized() {
      return false;
    }
    async loadURL(url: string) {
      if (FakeBrowserWindow.failLoad) throw new Error('ERR_CONNECTION_REFUSED');
      this.loaded.push(url);
      this.webContents.url = url;
    }
  }

  class FakeChild extends EventEmitter {
    posted: unknown[] = [];
    kill = vi.fn(() => true);
    postMessage(m: unknown) {
      this.posted.push(m);
    }
  }

  const stub = {
    relayPort,
    relayUrl,
    relayBehaviour: 'listen' as 'listen' | 'fail' | 'die',
    forks: [] as { modulePath: string; options: { env: Record<string, string>; serviceName: string }; child: FakeChild }[],
    app: Object.assign(new EventEmitter(), {
      beforeReady: null as null | (() => void),
      isPackaged: false,
      paths: { userData, documents: userData } as Record<string, string>,
      setPath: vi.fn((name: string, value: string) => void (stub.app.paths[name] = value)),
      getPath: vi.fn((name: string) => stub.app.paths[name] ?? `/fake/${name}`),
      getVersion: () => '0.1.0',
      requestSingleInstanceLock: vi.fn(() => true),
      setAsDefaultProtocolClient: vi.fn(() => true),
      quit: vi.fn(),
      whenReady: async () => {
        stub.app.beforeReady?.();
      },
    }),
    BrowserWindow: FakeBrowserWindow,
    dialog: {
      showErrorBox: vi.fn(),
      showMessageBox: vi.fn(async (..._args: unknown[]) => ({ response: 1 })),
      showOpenDialog: vi.fn(async () => ({ canceled: true, filePaths: [] as string[] })),
      showSaveDialog: vi.fn(async () => ({ canceled: true, filePath: '' })),
    },
    ipcMain: Object.assign(
      {
        handle: (channel: string, handler: Listener) => void stub.ipcMain.handlers.set(channel, handler as never),
      },
      { handlers: new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>() },
    ),
    Menu: {
      buildFromTemplate: (template: unknown[]) => ({ template }),
      setApplicationMenu: vi.fn((_menu: { template: unknown[] }) => undefined),
    },
    session: {
      defaultSession: {
        headersListener: null as
          | null
          | ((details: { url: string; responseHeaders: Record<string, string[]> }, cb: (r: { responseHeaders: Record<string, string[]> }) => void) => void),
        permissionHandler: null as null | ((wc: unknown, permission: string, cb: (allow: boolean) => void) => void),
        webRequest: {
          onHeadersReceived: (l: never) => void (stub.session.defaultSession.headersListener = l),
        },
        setPermissionRequestHandler: (h: never) => void (stub.session.defaultSession.permissionHandler = h),
      },
    },
    shell: { openExternal: vi.fn(async (_url: string) => undefined) },
    clipboard: { readText: vi.fn(async () => '') },
    utilityProcess: {
      fork: (modulePath: string, _args: string[], options: { env: Record<string, string>; serviceName: string }) => {
        const child = new FakeChild();
        stub.forks.push({ modulePath, options, child });
        const behaviour = stub.relayBehaviour;
        queueMicrotask(() => {
          if (behaviour === 'fail') child.emit('message', { type: 'failed', message: 'listen EACCES: permission denied', code: 'EACCES' });
          else if (behaviour === 'die') child.emit('exit', 1);
          else child.emit('message', { type: 'listening', url: relayUrl, port: relayPort });
        });
        return child;
      },
    },
  };
  return stub;
}
type ElectronStub = ReturnType<typeof makeElectronStub>;

let userData: string;
let bundleDir: string;
let e: ReturnType<typeof makeElectronStub>;

beforeEach(() => {
  userData = tempDir();
  bundleDir = join(tempDir(), 'dist', 'electron');
  e = makeElectronStub(userData);
  stub.current = e;
});
afterEach(() => removeTempDirs());

const start = (argv: string[] = ['electron', '.']) => runDesktopApp({ bundleDir, argv, cwd: userData, env: { PATH: '/bin' } });
const mainWindow = () => e.BrowserWindow.instances[0]!;
const trustedEvent = () => ({ sender: mainWindow().webContents, senderFrame: { url: `${e.relayUrl}/#/` } });

describe('starting the desktop app', () => {
  it('starts the relay as a utility process on loopback with the app’s folders', async () => {
    await start();
    expect(e.forks).toHaveLength(1);
    const [fork] = e.forks;
    expect(fork!.modulePath).toBe(join(bundleDir, 'relay-process.cjs'));
    expect(fork!.options.env).toMatchObject({
      SLC_DATA_DIR: join(userData, 'workshops'),
      SLC_STATIC_DIR: join(bundleDir, '..', 'renderer'),
      SLC_HOST: '127.0.0.1',
      SLC_PORT: '0',
    });
    expect(fork!.options.serviceName).toBe('Systems Leadership Canvas relay');
  });

  it('opens one secure window with the preload and loads the relay’s address', async () => {
    const started = await start();
    expect(e.BrowserWindow.instances).toHaveLength(1);
    const win = mainWindow();
    expect(win.options.webPreferences).toMatchObject({
      preload: join(bundleDir, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    });
    expect(win.options.show).toBe(false);
    expect(win.loaded).toEqual([`${e.relayUrl}/`]);
    expect(started).toMatchObject({ relayUrl: e.relayUrl });
    win.emit('ready-to-show');
    expect(win.show).toHaveBeenCalled();
  });

  it('sends a strict CSP with every response and allows no permission but writing to the clipboard', async () => {
    await start();
    const callback = vi.fn();
    e.session.defaultSession.headersListener!({ url: `${e.relayUrl}/`, responseHeaders: { 'content-type': ['text/html'] } }, callback);
    const policy = callback.mock.calls[0]![0].responseHeaders['Content-Security-Policy'][0];
    expect(policy).toMatch(/^default-src 'self'; script-src 'self';/);
    // sockets and requests to the built-in relay only
    expect(policy).toContain(`; connect-src ${e.relayUrl} ${e.relayUrl.replace('http:', 'ws:')} https:;`);
    const allow = (permission: string) => {
      let answer: boolean | undefined;
      e.session.defaultSession.permissionHandler!(null, permission, (a: boolean) => (answer = a));
      return answer;
    };
    expect(allow('clipboard-sanitized-write')).toBe(true);
    for (const p of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read']) expect(allow(p), p).toBe(false);
  });

  it('locks the window’s navigation to the relay’s origin', async () => {
    await start();
    const contents = mainWindow().webContents;
    expect(contents.fire('will-navigate', { url: `${e.relayUrl}/#/w/x` })).toBe(false);
    // A page navigating away by itself is stopped and goes nowhere; a clicked link opens in the browser.
    expect(contents.fire('will-navigate', { url: 'https://www.leadershipacademy.nhs.uk/' })).toBe(true);
    expect(e.shell.openExternal).not.toHaveBeenCalled();
    contents.click();
    expect(contents.fire('will-navigate', { url: 'https://www.leadershipacademy.nhs.uk/' })).toBe(true);
    expect(e.shell.openExternal).toHaveBeenCalledWith('https://www.leadershipacademy.nhs.uk/');
    expect(contents.windowOpenHandler!({ url: 'https://x.example/' })).toEqual({ action: 'deny' });
    expect(contents.fire('will-attach-webview', {})).toBe(true);
  });

  it('denies new windows and webviews to any page it did not set up itself', async () => {
    await start();
    const stray = new FakeWebContents();
    e.app.emit('web-contents-created', {}, stray);
    stray.click();
    expect(stray.windowOpenHandler!({ url: 'https://x.example/' })).toEqual({ action: 'deny' });
    expect(stray.fire('will-attach-webview', {})).toBe(true);
    expect(e.shell.openExternal).not.toHaveBeenCalled();
  });

  it('sets the File menu and registers a handler for every IPC channel', async () => {
    await start();
    expect(e.Menu.setApplicationMenu).toHaveBeenCalled();
    const template = e.Menu.setApplicationMenu.mock.calls.at(-1)![0].template as { label?: string }[];
    expect(template.map((m) => m.label)).toContain('File');
    expect([...e.ipcMain.handlers.keys()].sort()).toEqual(Object.values(ipcChannels).sort());
  });

  it('answers IPC only from its own window on the relay’s origin', async () => {
    await start();
    const appInfo = e.ipcMain.handlers.get(ipcChannels.appInfo)!;
    await expect(appInfo(trustedEvent())).resolves.toEqual({
      version: '0.1.0',
      platform: process.platform,
      relayUrl: e.relayUrl,
      workshopsFolder: join(userData, 'workshops'),
    });
    await expect(appInfo({ sender: mainWindow().webContents, senderFrame: { url: 'https://evil.example/' } })).rejects.toThrow(/untrusted/);
    await expect(appInfo({ sender: {}, senderFrame: { url: `${e.relayUrl}/` } })).rejects.toThrow(/untrusted/);
    await expect(appInfo({ sender: mainWindow().webContents, senderFrame: null })).rejects.toThrow(/untrusted/);
  });

  it('opens a link asked for over IPC only after a click in the window, and only https or mail links', async () => {
    await start();
    const openExternal = e.ipcMain.handlers.get(ipcChannels.openExternal)!;
    await expect(openExternal(trustedEvent(), 'https://www.leadershipacademy.nhs.uk/')).rejects.toThrow('A link opens only when you click it.');
    mainWindow().webContents.click();
    await expect(openExternal(trustedEvent(), 'https://www.leadershipacademy.nhs.uk/')).resolves.toBeUndefined();
    // the click is used up
    await expect(openExternal(trustedEvent(), 'https://www.leadershipacademy.nhs.uk/')).rejects.toThrow('A link opens only when you click it.');
    for (const bad of ['javascript:alert(1)', 'file:///etc/passwd', 'ms-msdt:/id PCWDiagnostic', 'slcanvas://x']) {
      mainWindow().webContents.click();
      await expect(openExternal(trustedEvent(), bad), bad).rejects.toThrow(/Invalid arguments/);
    }
    mainWindow().webContents.click();
    await openExternal(trustedEvent(), 'http://www.nwacademy.nhs.uk');
    expect(e.shell.openExternal.mock.calls).toEqual([['https://www.leadershipacademy.nhs.uk/'], ['https://www.nwacademy.nhs.uk/']]);
  });

  it('offers this computer’s network addresses for hosting, and hosts only on one of them', async () => {
    await start();
    const options = e.ipcMain.handlers.get(ipcChannels.hostingOptions)!;
    const startHosting = e.ipcMain.handlers.get(ipcChannels.startHosting)!;
    const offered = (await options(trustedEvent())) as { interfaces: { name: string; address: string }[]; hosting: unknown };
    expect(offered.hosting).toBeNull();
    for (const i of offered.interfaces) expect(i.address).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(offered.interfaces.map((i) => i.address)).not.toContain('127.0.0.1');
    await expect(startHosting(trustedEvent(), '203.0.113.7')).rejects.toThrow("203.0.113.7 is not one of this computer's network addresses.");
    await expect(startHosting(trustedEvent(), null)).resolves.toBeNull();
  });

  it('remembers the relay’s port so the window keeps its origin next time', async () => {
    await start();
    const firstPort = e.relayPort;
    expect(JSON.parse(readFileSync(join(userData, 'desktop-settings.json'), 'utf8'))).toEqual({ relayPort: firstPort });
    stub.current = e = makeElectronStub(userData);
    await start();
    expect(e.forks[0]!.options.env.SLC_PORT).toBe(String(firstPort));
  });

  it('writes the crash marker while running', async () => {
    await start();
    expect(existsSync(join(userData, 'session-running.json'))).toBe(true);
  });
});

describe('when the relay cannot start', () => {
  it('shows an error dialog and quits, opening no window', async () => {
    e.relayBehaviour = 'fail';
    expect(await start()).toBeNull();
    expect(e.dialog.showErrorBox).toHaveBeenCalledWith(`${APP_NAME} could not start`, 'The built-in relay could not start: listen EACCES: permission denied');
    expect(e.app.quit).toHaveBeenCalled();
    expect(e.BrowserWindow.instances).toHaveLength(0);
  });

  it('also when the relay process dies before listening', async () => {
    e.relayBehaviour = 'die';
    expect(await start()).toBeNull();
    expect(e.dialog.showErrorBox).toHaveBeenCalledWith(`${APP_NAME} could not start`, 'The built-in relay stopped before it started (exit code 1).');
    expect(e.app.quit).toHaveBeenCalled();
  });

  it('shows an error and quits when the window cannot load', async () => {
    e.BrowserWindow.failLoad = true;
    expect(await start()).toBeNull();
    expect(e.dialog.showErrorBox).toHaveBeenCalledWith(`${APP_NAME} could not start`, expect.stringContaining('The window could not load'));
    expect(e.app.quit).toHaveBeenCalled();
  });
});

describe('one app at a time', () => {
  it('a second launch quits at once, starting nothing', async () => {
    e.app.requestSingleInstanceLock.mockReturnValue(false);
    expect(await start()).toBeNull();
    expect(e.app.quit).toHaveBeenCalled();
    expect(e.forks).toHaveLength(0);
  });

  it('what a second launch was asked to open opens in the first', async () => {
    await start();
    const otherHost = 'http://192.168.1.50:4000/#/w/abcdefghij0123456789?t=tok';
    e.app.emit('second-instance', {}, ['app', `slcanvas://192.168.1.50:4000/#/w/abcdefghij0123456789?t=tok`], '/home/x', {});
    expect(e.BrowserWindow.instances).toHaveLength(2);
    const joined = e.BrowserWindow.instances[1]!;
    expect(joined.options.webPreferences).not.toHaveProperty('preload');
    expect(joined.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false });
    expect(joined.options.title).toBe(`${APP_NAME} — 192.168.1.50:4000`);
    expect(joined.loaded).toEqual([otherHost]);
    expect(mainWindow().focus).toHaveBeenCalled();
    // The joined window is locked to its own host.
    expect(joined.webContents.fire('will-navigate', { url: `${e.relayUrl}/` })).toBe(true);
    // A second link to the same host reuses the window.
    e.app.emit('second-instance', {}, ['app', `slcanvas://192.168.1.50:4000/#/w/abcdefghij0123456789?t=other`], '/home/x', {});
    expect(e.BrowserWindow.instances).toHaveLength(2);
    expect(joined.loaded).toHaveLength(2);
  });
});

describe('opening what the operating system hands over', () => {
  it('opens a .slcanvas file named on the command line in the main window', async () => {
    const path = join(userData, 'emailed.slcanvas');
    const { id, tokens } = makeWorkshopFile(path, { title: 'From an email' });
    await start(['app', 'emailed.slcanvas']);
    await vi.waitFor(() => expect(mainWindow().webContents.executeJavaScript).toHaveBeenCalled());
    // Opened with the links this computer made for it, never the ones the file carried.
    const { tokens: own } = readMetaOf(join(userData, 'workshops', `${id}.slcanvas`));
    expect(own.facilitator).not.toBe(tokens.facilitator);
    expect(mainWindow().webContents.executeJavaScript).toHaveBeenCalledWith(
      `location.hash = ${JSON.stringify(`#/w/${id}?t=${encodeURIComponent(own.facilitator)}`)}`,
    );
  });

  it('queues a file opened (macOS open-file) before the app is ready', async () => {
    const path = join(userData, 'early.slcanvas');
    const { id } = makeWorkshopFile(path);
    e.app.beforeReady = () => {
      const event = { preventDefault: vi.fn() };
      e.app.emit('open-file', event, path);
      expect(event.preventDefault).toHaveBeenCalled();
    };
    await start();
    await vi.waitFor(() => expect(existsSync(join(userData, 'workshops', `${id}.slcanvas`))).toBe(true));
  });

  it('shows an error for a file that is not a workshop, and changes nothing', async () => {
    writeFileSync(join(userData, 'notes.slcanvas'), 'just text');
    await start(['app', 'notes.slcanvas']);
    await vi.waitFor(() => expect(e.dialog.showMessageBox).toHaveBeenCalled());
    expect(e.dialog.showMessageBox.mock.calls[0]![1]).toMatchObject({
      type: 'error',
      message: 'The workshop file could not be opened',
      detail: expect.stringContaining('This file is not a Systems Leadership Canvas workshop.'),
    });
    expect(mainWindow().webContents.executeJavaScript).not.toHaveBeenCalled();
  });

  it('opens a join link (macOS open-url) to this computer’s relay in the main window', async () => {
    await start();
    e.app.emit('open-url', { preventDefault: vi.fn() }, `slcanvas://127.0.0.1:${e.relayPort}/#/w/abcdefghij0123456789?t=abc`);
    expect(mainWindow().webContents.executeJavaScript).toHaveBeenCalledWith('location.hash = "#/w/abcdefghij0123456789?t=abc"');
  });

  it('opens a join link pasted on the start screen for another host in its own window', async () => {
    await start();
    const link = 'https://canvas.example.nhs.uk/#/w/abcdefghij0123456789?t=abc';
    expect(mainWindow().webContents.fire('will-navigate', { url: link })).toBe(true);
    expect(e.BrowserWindow.instances[1]!.loaded).toEqual([link]);
    expect(e.shell.openExternal).not.toHaveBeenCalled();
  });
});

describe('crash recovery', () => {
  it('offers to reopen the workshop that was open when the last run ended uncleanly', async () => {
    const id = 'abcdefghij0123456789';
    mkdirSync(join(userData, 'workshops'));
    const { tokens } = makeWorkshopFile(join(userData, 'workshops', `${id}.slcanvas`), { id, title: 'Winter plan' });
    writeFileSync(join(userData, 'session-running.json'), JSON.stringify({ version: 1, startedAt: 1, pid: 1, workshopId: id }));
    e.dialog.showMessageBox.mockResolvedValueOnce({ response: 0 });
    await start();
    expect(e.dialog.showMessageBox.mock.calls[0]![1]).toMatchObject({
      message: `${APP_NAME} closed unexpectedly while “Winter plan” was open.`,
      buttons: ['Reopen It', 'Not Now'],
    });
    expect(mainWindow().webContents.executeJavaScript).toHaveBeenCalledWith(
      `location.hash = ${JSON.stringify(`#/w/${id}?t=${encodeURIComponent(tokens.facilitator)}`)}`,
    );
  });

  it('asks nothing after a clean quit', async () => {
    await start();
    expect(e.dialog.showMessageBox).not.toHaveBeenCalled();
  });
});

describe('quitting', () => {
  it('lets the relay save and stop, then quits, clearing the crash marker', async () => {
    await start();
    const event = { preventDefault: vi.fn() };
    e.app.emit('will-quit', event);
    expect(event.preventDefault).toHaveBeenCalled();
    expect(e.forks[0]!.child.posted).toEqual([{ type: 'stop' }]);
    expect(existsSync(join(userData, 'session-running.json'))).toBe(false);
    expect(e.app.quit).not.toHaveBeenCalled();
    e.forks[0]!.child.emit('exit', 0);
    await vi.waitFor(() => expect(e.app.quit).toHaveBeenCalled());
    const again = { preventDefault: vi.fn() };
    e.app.emit('will-quit', again);
    expect(again.preventDefault).not.toHaveBeenCalled();
  });

  it('quits when the main window closes', async () => {
    await start();
    mainWindow().emit('closed');
    expect(e.app.quit).toHaveBeenCalled();
  });

  it('quits without asking when nothing would be left behind', async () => {
    await start();
    const event = { preventDefault: vi.fn() };
    e.app.emit('before-quit', event);
    await vi.waitFor(() => expect(e.app.quit).toHaveBeenCalled());
    expect(e.dialog.showMessageBox).not.toHaveBeenCalled();
    // The quit it asked for goes through.
    const again = { preventDefault: vi.fn() };
    e.app.emit('before-quit', again);
    expect(again.preventDefault).not.toHaveBeenCalled();
  });

  /** A workshop opened from a file, on screen, with an edit the file does not have yet. */
  async function workshopWithUnsavedEdit() {
    const path = join(userData, 'emailed.slcanvas');
    const { id } = makeWorkshopFile(path, { title: 'From an email', notes: ['first'] });
    await start(['app', 'emailed.slcanvas']);
    await vi.waitFor(() => expect(existsSync(join(userData, 'workshops', `${id}.slcanvas`))).toBe(true));
    mainWindow().webContents.emit('did-navigate', {}, `${e.relayUrl}/#/w/${id}?t=x`);
    addNotes(join(userData, 'workshops', `${id}.slcanvas`), 'unsaved edit');
    return { path, id };
  }
  const quitQuestion = () =>
    e.dialog.showMessageBox.mock.calls.find((c) => (c[1] as { buttons?: string[] }).buttons?.[0] === 'Save')?.[1] as
      { message: string; detail: string; buttons: string[]; cancelId: number } | undefined;

  it('asks before quitting with edits the workshop’s file does not have; Cancel keeps the app open', async () => {
    const { path } = await workshopWithUnsavedEdit();
    e.dialog.showMessageBox.mockResolvedValueOnce({ response: 2 });
    const event = { preventDefault: vi.fn() };
    e.app.emit('before-quit', event);
    expect(event.preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => expect(quitQuestion()).toBeDefined());
    expect(quitQuestion()).toMatchObject({
      buttons: ['Save', 'Don’t Save', 'Cancel'],
      cancelId: 2,
      message: 'Save the changes to “From an email” before quitting?',
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(e.app.quit).not.toHaveBeenCalled();
    expect(readNotes(path)).toEqual(['first']);
  });

  it('Save writes the file, then quits', async () => {
    const { path } = await workshopWithUnsavedEdit();
    e.dialog.showMessageBox.mockResolvedValueOnce({ response: 0 });
    e.app.emit('before-quit', { preventDefault: vi.fn() });
    await vi.waitFor(() => expect(e.app.quit).toHaveBeenCalled());
    expect(readNotes(path)).toEqual(['first', 'unsaved edit']);
  });

  it('Don’t Save quits and leaves the file as it was (closing the window asks the same)', async () => {
    const { path } = await workshopWithUnsavedEdit();
    e.dialog.showMessageBox.mockResolvedValueOnce({ response: 1 });
    const close = { preventDefault: vi.fn() };
    mainWindow().emit('close', close);
    expect(close.preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => expect(e.app.quit).toHaveBeenCalled());
    e.app.emit('will-quit', { preventDefault: vi.fn() });
    expect(readNotes(path)).toEqual(['first']);
  });
});

describe('a host that cannot save', () => {
  const id = 'abcdefghij0123456789';
  const logPath = () => join(userData, 'logs', 'desktop-errors.log');

  it('says so in a dialog on the first failure, with why and that edits are kept, and logs every failure with its time', async () => {
    await start();
    const child = e.forks[0]!.child;
    child.emit('message', { type: 'save-status', workshopId: id, ok: false, error: 'ENOSPC: no space left on device, write' });
    await vi.waitFor(() => expect(e.dialog.showMessageBox).toHaveBeenCalled());
    const [parent, box] = e.dialog.showMessageBox.mock.calls[0]! as [unknown, { type: string; message: string; detail: string }];
    expect(parent).toBe(mainWindow());
    expect(box.type).toBe('warning');
    expect(box.message).toMatch(/cannot save/);
    expect(box.detail).toContain('Why: ENOSPC: no space left on device, write');
    expect(box.detail).toMatch(/No edits are lost/);
    expect(box.detail).toContain(logPath());
    expect(readFileSync(logPath(), 'utf8')).toMatch(
      new RegExp(`^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z The host cannot save “${id}” \\(${id}\\): ENOSPC: no space left on device, write\\n$`),
    );
    // Failing again (the relay retries) is no new dialog; a change of reason is logged.
    child.emit('message', { type: 'save-status', workshopId: id, ok: false, error: 'ENOSPC: no space left on device, write' });
    child.emit('message', { type: 'save-status', workshopId: id, ok: false, error: 'EIO: i/o error, fsync' });
    expect(e.dialog.showMessageBox).toHaveBeenCalledTimes(1);
    expect(readFileSync(logPath(), 'utf8')).toMatch(/now: EIO: i\/o error, fsync\n$/);
    child.emit('message', { type: 'save-status', workshopId: id, ok: true });
    expect(readFileSync(logPath(), 'utf8')).toMatch(/works again after 3 failed attempt\(s\)/);
  });

  it('quitting while it cannot save asks first; Don’t Save quits', async () => {
    await start();
    e.forks[0]!.child.emit('message', { type: 'save-status', workshopId: id, ok: false, error: 'EROFS: read-only file system' });
    await vi.waitFor(() => expect(e.dialog.showMessageBox).toHaveBeenCalledTimes(1));
    e.dialog.showMessageBox.mockResolvedValueOnce({ response: 2 });
    e.app.emit('before-quit', { preventDefault: vi.fn() });
    await vi.waitFor(() => expect(e.dialog.showMessageBox).toHaveBeenCalledTimes(2));
    const question = e.dialog.showMessageBox.mock.calls[1]![1] as { message: string; detail: string; buttons: string[] };
    expect(question.buttons).toEqual(['Save', 'Don’t Save', 'Cancel']);
    expect(question.message).toMatch(/The host cannot save .* Quit anyway\?/);
    expect(question.detail).toMatch(/Why: EROFS: read-only file system[\s\S]*kept on each person's own device/);
    await new Promise((r) => setTimeout(r, 50));
    expect(e.app.quit).not.toHaveBeenCalled();
    e.dialog.showMessageBox.mockResolvedValueOnce({ response: 1 });
    e.app.emit('before-quit', { preventDefault: vi.fn() });
    await vi.waitFor(() => expect(e.app.quit).toHaveBeenCalled());
    expect(readFileSync(logPath(), 'utf8')).toMatch(/Quit without saving while the host could not save/);
  });

  it('keeps listening to a relay restarted after a crash', async () => {
    await start();
    e.forks[0]!.child.emit('exit', 137);
    await vi.waitFor(() => expect(e.forks).toHaveLength(2));
    await new Promise((r) => setTimeout(r, 10));
    e.forks[1]!.child.emit('message', { type: 'save-status', workshopId: id, ok: false, error: 'EIO: i/o error' });
    await vi.waitFor(() => expect(e.dialog.showMessageBox).toHaveBeenCalledTimes(1));
  });
});

describe('a relay that stops by itself', () => {
  it('is restarted on the same port, so the window reconnects', async () => {
    await start();
    e.forks[0]!.child.emit('exit', 137);
    await vi.waitFor(() => expect(e.forks).toHaveLength(2));
    expect(e.forks[1]!.options.env.SLC_PORT).toBe(String(e.relayPort));
    expect(e.dialog.showErrorBox).not.toHaveBeenCalled();
  });

  it('makes the app say so and close when it cannot be restarted, keeping the crash marker', async () => {
    await start();
    e.relayBehaviour = 'fail';
    e.forks[0]!.child.emit('exit', 137);
    await vi.waitFor(() => expect(e.dialog.showErrorBox).toHaveBeenCalled());
    expect(e.dialog.showErrorBox.mock.calls[0]![0]).toBe('The built-in relay stopped');
    expect(e.app.quit).toHaveBeenCalled();
    expect(existsSync(join(userData, 'session-running.json'))).toBe(true);
  });
});

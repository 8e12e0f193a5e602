// The desktop shell: starts the built-in relay (a utility process on loopback), opens a secure
// window on it, and wires the File menu, the IPC handlers and what the operating system asks the
// app to open to the DesktopController. Workshop content never passes through here.
import { app, BrowserWindow, clipboard, dialog, ipcMain, Menu, screen, session, shell, utilityProcess } from 'electron';
import { networkInterfaces } from 'node:os';
import { join, resolve } from 'node:path';
import { registerIpcHandlers } from './ipc-handlers';
import { secureWebPreferences, lockDownNavigation, isAppUrl, externalLinkFor, contentSecurityPolicyFor } from './window-security';
import { buildMenu } from './menu';
import { DesktopController, type DesktopUi } from './desktop-controller';
import { LaunchQueue, launchTargets, type JoinLink } from './join-links';
import { launchRelay, launchRelayOnPreferredPort, type ForkRelay, type RelayHandle } from './relay-launcher';
import { readSettings, writeSettings } from './desktop-settings';
import { RecentFiles } from './recent-files';
import { SessionMarker } from './session-marker';
import { WorkshopLibrary, type ConflictChoice } from './workshop-files';
import { LanHosting } from './lan-proxy';
import { lanInterfaces } from './network-interfaces';
import { ErrorLog } from './error-log';
import { SaveHealth, type SaveProblem } from './save-health';
import { QuitGuard, type QuitChoice } from './quit-guard';

export const APP_NAME = 'Systems Leadership Canvas';
/** How often the workshop on screen is written to its own file, if it has one and changed. */
export const AUTOSAVE_INTERVAL_MS = 30_000;
/** How many times a relay that stopped by itself is restarted before the app gives up. */
const RELAY_RESTARTS = 3;
/** The error log, in the app's data folder: failed saves and autosaves, with their time. */
export const ERROR_LOG_PATH = ['logs', 'desktop-errors.log'] as const;

export interface DesktopAppOptions {
  /** the folder holding main.cjs, preload.cjs and relay-process.cjs (the renderer is in ../renderer) */
  bundleDir: string;
  argv?: readonly string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

export interface DesktopApp {
  window: BrowserWindow;
  controller: DesktopController;
  relayUrl: string;
}

const windowSize = { width: 1440, height: 900, minWidth: 1100, minHeight: 700 } as const;

export async function runDesktopApp(options: DesktopAppOptions): Promise<DesktopApp | null> {
  const env = options.env ?? process.env;
  // Tests (and anyone wanting a separate profile) can keep the app's data elsewhere.
  if (env.SLC_USER_DATA_DIR) app.setPath('userData', resolve(env.SLC_USER_DATA_DIR));

  // One app at a time: a second launch (a file or link opened from the OS) hands its
  // command line to this one and quits.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return null;
  }
  const launches = new LaunchQueue();
  let mainWindow: BrowserWindow | null = null;
  app.on('second-instance', (_event, argv, workingDirectory) => {
    launches.push(...launchTargets(argv.slice(1), workingDirectory));
    if (mainWindow && !mainWindow.isDestroyed()) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });
  app.on('open-file', (event, path) => {
    event.preventDefault();
    launches.push({ kind: 'file', path });
  });
  app.on('open-url', (event, url) => {
    event.preventDefault();
    launches.push({ kind: 'link', link: url });
  });
  launches.push(...launchTargets((options.argv ?? process.argv).slice(1), options.cwd ?? process.cwd()));
  // Installed builds register slcanvas:// (the installer does too); a development run does not
  // claim the scheme for the bare Electron binary.
  if (app.isPackaged) app.setAsDefaultProtocolClient('slcanvas');

  await app.whenReady();

  const userData = app.getPath('userData');
  const dataDir = join(userData, 'workshops');
  const errorLog = new ErrorLog(join(userData, ...ERROR_LOG_PATH));
  const logError = (line: string) => {
    console.error(`[desktop] ${line}`);
    errorLog.write(line);
  };
  const settings = readSettings(userData);
  const marker = new SessionMarker(userData);
  const leftOver = marker.leftOver();
  const fork: ForkRelay = (modulePath, args, forkOptions) => utilityProcess.fork(modulePath, args, forkOptions);
  const relayOptions = { modulePath: join(options.bundleDir, 'relay-process.cjs'), dataDir, staticDir: join(options.bundleDir, '..', 'renderer'), env };

  let relay: RelayHandle;
  try {
    relay = await launchRelayOnPreferredPort(fork, relayOptions, settings.relayPort);
  } catch (err) {
    dialog.showErrorBox(`${APP_NAME} could not start`, (err as Error).message);
    app.quit();
    return null;
  }
  if (settings.relayPort !== relay.port) {
    try {
      writeSettings(userData, { ...settings, relayPort: relay.port });
    } catch {
      // Only the next run's port depends on it.
    }
  }
  const appOrigin = new URL(relay.url).origin;
  marker.begin();

  // Any page the app did not set up itself (it should be none) opens no windows and no webviews;
  // the app's own windows then get lockDownNavigation, which replaces this.
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });

  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [contentSecurityPolicyFor(details.url)] } });
  });
  session.defaultSession.setPermissionRequestHandler((_wc, permission, callback) => callback(permission === 'clipboard-sanitized-write'));

  // Called after the person clicked a link; checked again here, right before the system sees it.
  const openExternal = (url: string) => {
    const link = externalLinkFor(url);
    if (link) shell.openExternal(link).catch((err: unknown) => logError(`Opening ${link} failed: ${(err as Error).message}`));
  };

  const win = new BrowserWindow({ ...windowSize, title: APP_NAME, show: false, webPreferences: secureWebPreferences(join(options.bundleDir, 'preload.cjs')) });
  mainWindow = win;
  const mainActivation = lockDownNavigation(win.webContents, appOrigin, { openExternal, openJoinLink: (url) => controller.tryOpenJoinLink(url) });
  const joinWindows = new Map<string, BrowserWindow>();

  /** A workshop on another host, in a window of its own: its pages get no desktop API. */
  function openJoinWindow(link: JoinLink): void {
    const open = joinWindows.get(link.origin);
    if (open && !open.isDestroyed()) {
      void open.loadURL(link.url);
      open.focus();
      return;
    }
    const host = new URL(link.origin).host;
    const w = new BrowserWindow({ ...windowSize, title: `${APP_NAME} — ${host}`, webPreferences: secureWebPreferences() });
    lockDownNavigation(w.webContents, link.origin, { openExternal, openJoinLink: (url) => controller.tryOpenJoinLink(url) });
    // The title keeps the host's address: this window shows another computer's pages.
    w.on('page-title-updated', (event) => event.preventDefault());
    w.on('closed', () => joinWindows.delete(link.origin));
    joinWindows.set(link.origin, w);
    void w.loadURL(link.url);
  }

  let audienceWindow: BrowserWindow | null = null;
  /** The presentation's audience view, full screen on a display other than the app's own. */
  function presentOnSecondScreen(hash: string): boolean {
    const here = screen.getDisplayMatching(win.getBounds());
    const other = screen.getAllDisplays().find((d) => d.id !== here.id);
    if (!other) return false;
    if (!audienceWindow || audienceWindow.isDestroyed()) {
      // No preload: the audience view needs no desktop API.
      audienceWindow = new BrowserWindow({
        x: other.bounds.x,
        y: other.bounds.y,
        width: other.bounds.width,
        height: other.bounds.height,
        fullscreen: true,
        title: `${APP_NAME} — presentation`,
        webPreferences: secureWebPreferences(),
      });
      lockDownNavigation(audienceWindow.webContents, appOrigin, { openExternal, openJoinLink: () => false });
      audienceWindow.on('closed', () => (audienceWindow = null));
    }
    void audienceWindow.loadURL(`${appOrigin}/${hash}`);
    return true;
  }

  const conflictChoices: ConflictChoice[] = ['keep-both', 'open-existing', 'cancel'];
  const ui: DesktopUi = {
    showInMainWindow: (hash) => void win.webContents.executeJavaScript(`location.hash = ${JSON.stringify(hash)}`),
    openJoinWindow,
    chooseFileToOpen: async () => {
      const r = await dialog.showOpenDialog(win, {
        title: 'Open workshop file',
        properties: ['openFile'],
        filters: [
          { name: 'Workshop', extensions: ['slcanvas'] },
          { name: 'All files', extensions: ['*'] },
        ],
      });
      return r.canceled ? null : (r.filePaths[0] ?? null);
    },
    chooseSavePath: async (defaultName) => {
      const r = await dialog.showSaveDialog(win, {
        title: 'Save workshop as',
        defaultPath: join(app.getPath('documents'), defaultName),
        filters: [{ name: 'Workshop', extensions: ['slcanvas'] }],
      });
      return r.canceled || !r.filePath ? null : r.filePath;
    },
    askAboutConflict: async ({ fileName, incoming, existing }) => {
      const when = (ms: number) => new Date(ms).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
      const r = await dialog.showMessageBox(win, {
        type: 'question',
        buttons: ['Keep Both', 'Open the One Here', 'Cancel'],
        defaultId: 0,
        cancelId: 2,
        message: `“${incoming.title}” is already on this computer, and “${fileName}” holds a different version of it.`,
        detail: existing
          ? `The file was last changed ${when(incoming.updatedAt)}; the one here ${when(existing.updatedAt)}. Keep Both opens the file as a separate workshop; nothing is overwritten either way.`
          : 'The copy on this computer cannot be read. Keep Both opens the file as a separate workshop; nothing is overwritten.',
      });
      return conflictChoices[r.response] ?? 'cancel';
    },
    askToRecover: async (title) => {
      const r = await dialog.showMessageBox(win, {
        type: 'question',
        buttons: ['Reopen It', 'Not Now'],
        defaultId: 0,
        cancelId: 1,
        message: `${APP_NAME} closed unexpectedly while “${title}” was open.`,
        detail: 'Every change saved before then is kept. Reopen the workshop now?',
      });
      return r.response === 0;
    },
    showError: (title, message) => void dialog.showMessageBox(win, { type: 'error', buttons: ['OK'], message: title, detail: message }),
    readClipboard: () => clipboard.readText(),
    menuChanged: () => refreshMenu(),
    focus: () => {
      if (win.isDestroyed()) return;
      if (win.isMinimized()) win.restore();
      win.show();
      win.focus();
    },
  };

  const library = new WorkshopLibrary(dataDir, join(userData, 'import-staging'));
  const controller = new DesktopController({ library, recent: new RecentFiles(userData), marker, appOrigin, ui, log: logError });

  // The relay cannot save (disk full, read-only folder, I/O error): say so once, log every time.
  const saveHealth = new SaveHealth({
    titleOf: (id) => library.summary(id).title,
    log: logError,
    showProblem: (problem) => void showSaveProblem(problem).catch((err: unknown) => logError(`The save problem dialog failed: ${(err as Error).message}`)),
  });
  async function showSaveProblem(problem: SaveProblem): Promise<void> {
    // While quitting (the relay's last save) the window may be gone; the log has it either way.
    if (win.isDestroyed()) return;
    await dialog.showMessageBox(win, {
      type: 'warning',
      buttons: ['OK'],
      message: `The host cannot save “${problem.title}”.`,
      detail:
        `Why: ${problem.error}\n\n` +
        'No edits are lost: everyone’s changes, yours included, are kept on their own device, and this app keeps trying. ' +
        'Saving resumes by itself once the problem is fixed (for example, when disk space is freed).\n\n' +
        `The details are written to ${errorLog.path}.`,
    });
  }

  const quitChoices: QuitChoice[] = ['save', 'discard', 'cancel'];
  const quitGuard = new QuitGuard({
    unsavedFile: () => controller.unsavedFile(),
    saveProblems: () => saveHealth.problems(),
    ask: async (_question, text) => {
      const r = await dialog.showMessageBox(win, {
        type: 'warning',
        buttons: ['Save', 'Don’t Save', 'Cancel'],
        defaultId: 0,
        cancelId: 2,
        message: text.message,
        detail: text.detail,
      });
      return quitChoices[r.response] ?? 'cancel';
    },
    save: (question) => (question.unsavedFile ? controller.save() : controller.saveAs(question.saveProblems[0]!.workshopId)),
    showError: (title, message) => void dialog.showMessageBox(win, { type: 'error', buttons: ['OK'], message: title, detail: message }),
    log: logError,
  });
  function refreshMenu(): void {
    Menu.setApplicationMenu(buildMenu(controller.menuActions(), controller.menuState()));
  }

  // Hosting on the local network: a proxy on a chosen interface address in front of the relay,
  // which itself stays on loopback (and restarts on the same port, so the proxy outlives it).
  const lanHosting = new LanHosting({ interfaces: () => lanInterfaces(networkInterfaces()), relayPort: () => relay.port });

  registerIpcHandlers(ipcMain, {
    appInfo: () => ({ version: app.getVersion(), platform: process.platform, relayUrl: relay.url, workshopsFolder: dataDir }),
    openExternal: async (url) => {
      const link = externalLinkFor(url);
      if (!link) throw new Error('Only secure web links and plain email links can be opened.');
      if (!mainActivation.consume()) throw new Error('A link opens only when you click it.');
      await shell.openExternal(link);
    },
    saveWorkshopFile: (id) => controller.saveAs(id),
    openWorkshopFile: () => controller.openFileDialog(),
    recentWorkshopFiles: () => controller.recentFiles(),
    openRecentWorkshopFile: (path) => controller.openRecent(path),
    openJoinLink: (link) => controller.openJoinLink(link),
    presentOnSecondScreen: (hash) => presentOnSecondScreen(hash),
    hostingOptions: () => lanHosting.options(),
    startHosting: (address) => lanHosting.host(address),
    isTrustedSender: (event) => event.sender === win.webContents && isAppUrl(event.senderFrame?.url ?? '', appOrigin),
  });

  win.webContents.on('did-navigate', (_event, url) => controller.onNavigated(url));
  win.webContents.on('did-navigate-in-page', (_event, url, isMainFrame) => {
    if (isMainFrame) controller.onNavigated(url);
  });
  refreshMenu();
  win.once('ready-to-show', () => win.show());

  // Quitting: first ask, if the workshop's file is behind its edits or the host cannot save
  // (Save / Don't Save / Cancel); then bring the file up to date (unless Don't Save), clear the
  // crash marker (only on a clean quit), and let the relay save and stop before the app exits.
  let cleanQuit = true;
  let relayStopped = false;
  let quitConfirmed = false;
  const requestQuit = () =>
    void quitGuard.confirm().then((ok) => {
      if (!ok) return;
      quitConfirmed = true;
      app.quit();
    });
  const autosaveTimer = setInterval(() => controller.autosave(), AUTOSAVE_INTERVAL_MS);
  app.on('before-quit', (event) => {
    if (!quitConfirmed) {
      event.preventDefault();
      requestQuit();
      return;
    }
    clearInterval(autosaveTimer);
  });
  // Closing the main window quits the app: the same question first.
  win.on('close', (event) => {
    if (quitConfirmed) return;
    event.preventDefault();
    requestQuit();
  });
  app.on('will-quit', (event) => {
    if (relayStopped) return;
    event.preventDefault();
    relayStopped = true;
    try {
      controller.shutdown(cleanQuit, { saveFile: !quitGuard.fileChangesDiscarded });
    } catch (err) {
      logError(`Quitting: ${(err as Error).message}`);
    }
    void Promise.all([lanHosting.stop().catch(() => undefined), relay.stop()]).then(() => app.quit());
  });
  app.on('window-all-closed', () => app.quit());
  win.on('closed', () => {
    mainWindow = null;
    app.quit();
  });

  // A relay that stops by itself is restarted on the same port, so the window reconnects.
  let restarts = 0;
  const superviseRelay = (handle: RelayHandle) => {
    handle.onSaveStatus((status) => saveHealth.report(status));
    handle.onUnexpectedExit(async (code) => {
      if (relayStopped) return;
      console.error(`[desktop] the relay stopped (exit code ${code})`);
      if (restarts++ < RELAY_RESTARTS) {
        try {
          relay = await launchRelay(fork, { ...relayOptions, port: relay.port });
          superviseRelay(relay);
          return;
        } catch (err) {
          console.error(`[desktop] ${(err as Error).message}`);
        }
      }
      dialog.showErrorBox(
        'The built-in relay stopped',
        `${APP_NAME} has to close (exit code ${code}). Every change saved before now is kept; open the app again to carry on.`,
      );
      cleanQuit = false;
      relayStopped = true;
      // Nothing left to ask about: the relay is gone, and the window's own copy keeps its edits.
      quitConfirmed = true;
      controller.shutdown(false);
      app.quit();
    });
  };
  superviseRelay(relay);

  try {
    await win.loadURL(`${relay.url}/`);
  } catch (err) {
    dialog.showErrorBox(`${APP_NAME} could not start`, `The window could not load: ${(err as Error).message}`);
    quitConfirmed = true;
    app.quit();
    return null;
  }
  controller.onNavigated(win.webContents.getURL());
  await controller.offerRecovery(leftOver);
  launches.drain((target) => void controller.openTarget(target));
  return { window: win, controller, relayUrl: relay.url };
}

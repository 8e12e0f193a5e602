// The desktop shell: starts the built-in relay (a utility process on loopback), opens a secure
// window on it, and answers the renderer's few IPC calls. Workshop data never passes through here.
import { app, BrowserWindow, ipcMain, shell, dialog, utilityProcess, session, Menu } from 'electron';
import { join } from 'node:path';
import { copyFile } from 'node:fs/promises';
import { registerIpcHandlers } from './ipc-handlers';
import { secureWebPreferences, lockDownNavigation, isAppUrl, CONTENT_SECURITY_POLICY } from './window-security';
import { buildMenu } from './menu';

const dataDir = () => join(app.getPath('userData'), 'workshops');

function startRelay(): Promise<{ url: string; stop: () => void }> {
  return new Promise((resolve, reject) => {
    const child = utilityProcess.fork(join(__dirname, 'relay-process.cjs'), [], {
      env: { ...process.env, SLC_DATA_DIR: dataDir(), SLC_STATIC_DIR: join(__dirname, '..', 'renderer') },
      serviceName: 'Systems Leadership Canvas relay',
    });
    child.on('message', (m: { type: string; url?: string; message?: string }) => {
      if (m.type === 'listening' && m.url) resolve({ url: m.url, stop: () => child.postMessage({ type: 'stop' }) });
      if (m.type === 'failed') reject(new Error(`The built-in relay could not start: ${m.message}`));
    });
    child.on('exit', (code) => reject(new Error(`The built-in relay stopped (exit ${code}).`)));
  });
}

async function main(): Promise<void> {
  await app.whenReady();
  let relay: { url: string; stop: () => void };
  try {
    relay = await startRelay();
  } catch (err) {
    dialog.showErrorBox('Systems Leadership Canvas could not start', (err as Error).message);
    app.quit();
    return;
  }
  const appOrigin = new URL(relay.url).origin;

  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  session.defaultSession.setPermissionRequestHandler((_wc, permission, callback) => callback(permission === 'clipboard-sanitized-write'));

  registerIpcHandlers(ipcMain, {
    appInfo: () => ({ version: app.getVersion(), platform: process.platform, relayUrl: relay.url }),
    openExternal: (url) => shell.openExternal(url),
    chooseSavePath: async (defaultName) => {
      const r = await dialog.showSaveDialog({ defaultPath: defaultName, filters: [{ name: 'Workshop', extensions: ['slcanvas'] }] });
      return r.canceled || !r.filePath ? null : r.filePath;
    },
    exportWorkshop: (id, path) => copyFile(join(dataDir(), `${id}.slcanvas`), path),
    isTrustedSender: (event) => isAppUrl(event.senderFrame?.url ?? '', appOrigin),
  });

  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 1100,
    minHeight: 700,
    title: 'Systems Leadership Canvas',
    show: false,
    webPreferences: secureWebPreferences(join(__dirname, 'preload.cjs')),
  });
  lockDownNavigation(win.webContents, appOrigin, (url) => void shell.openExternal(url));
  Menu.setApplicationMenu(buildMenu(win));
  win.once('ready-to-show', () => win.show());
  await win.loadURL(`${relay.url}/`);

  app.on('window-all-closed', () => {
    relay.stop();
    app.quit();
  });
}

void main();

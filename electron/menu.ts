import { Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';

/** A plain application menu: the standard roles plus a way back to the start screen. */
export function buildMenu(win: BrowserWindow): Menu {
  const template: MenuItemConstructorOptions[] = [
    {
      label: 'File',
      submenu: [
        { label: 'All workshops', accelerator: 'CmdOrCtrl+Shift+H', click: () => void win.webContents.executeJavaScript("location.hash = '#/'") },
        { type: 'separator' },
        { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    { label: 'View', submenu: [{ role: 'reload' }, { role: 'togglefullscreen' }, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }] },
    { role: 'windowMenu' },
  ];
  return Menu.buildFromTemplate(template);
}

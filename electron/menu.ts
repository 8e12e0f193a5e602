// The application menu: File (New, Open…, Open Recent, Save, Save As…, join from a copied link,
// all workshops), the standard Edit, View and Window menus, and the app menu on macOS.
import { Menu, type MenuItemConstructorOptions } from 'electron';
import { basename } from 'node:path';
import type { MenuActions, MenuState } from './desktop-controller';

export function menuTemplate(actions: MenuActions, state: MenuState, platform: NodeJS.Platform = process.platform): MenuItemConstructorOptions[] {
  const recentItems: MenuItemConstructorOptions[] = state.recent.map((f) => ({
    label: `${f.title || 'Untitled workshop'} — ${basename(f.path)}`,
    toolTip: f.path,
    click: () => actions.openRecent(f.path),
  }));
  const openRecent: MenuItemConstructorOptions[] =
    recentItems.length === 0
      ? [{ label: 'No recent workshop files', enabled: false }]
      : [...recentItems, { type: 'separator' }, { label: 'Clear Recent', click: () => actions.clearRecent() }];

  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      { label: 'New Workshop', accelerator: 'CmdOrCtrl+N', click: () => actions.newWorkshop() },
      { label: 'Open…', accelerator: 'CmdOrCtrl+O', click: () => actions.open() },
      { label: 'Open Recent', submenu: openRecent },
      { type: 'separator' },
      { label: 'Save', accelerator: 'CmdOrCtrl+S', enabled: state.canSave, click: () => actions.save() },
      { label: 'Save As…', accelerator: 'CmdOrCtrl+Shift+S', enabled: state.canSave, click: () => actions.saveAs() },
      { type: 'separator' },
      { label: 'Join from Copied Link', accelerator: 'CmdOrCtrl+Shift+J', click: () => actions.joinFromClipboard() },
      { label: 'All Workshops', accelerator: 'CmdOrCtrl+Shift+H', click: () => actions.allWorkshops() },
      ...(platform === 'darwin' ? [] : [{ type: 'separator' } as const, { role: 'quit' } as const]),
    ],
  };
  return [
    ...(platform === 'darwin' ? [{ role: 'appMenu' } as const] : []),
    file,
    { role: 'editMenu' },
    { label: 'View', submenu: [{ role: 'reload' }, { role: 'togglefullscreen' }, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }] },
    { role: 'windowMenu' },
  ];
}

export function buildMenu(actions: MenuActions, state: MenuState, platform: NodeJS.Platform = process.platform): Menu {
  return Menu.buildFromTemplate(menuTemplate(actions, state, platform));
}

import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuActions, MenuState } from './desktop-controller';

const buildFromTemplate = vi.fn((template: MenuItemConstructorOptions[]) => ({ template }));
vi.mock('electron', () => ({ Menu: { buildFromTemplate } }));

const { buildMenu, menuTemplate } = await import('./menu');

function actions(): MenuActions & Record<string, ReturnType<typeof vi.fn>> {
  return {
    newWorkshop: vi.fn(),
    open: vi.fn(),
    openRecent: vi.fn(),
    clearRecent: vi.fn(),
    save: vi.fn(),
    saveAs: vi.fn(),
    joinFromClipboard: vi.fn(),
    allWorkshops: vi.fn(),
  };
}

const noFiles: MenuState = { recent: [], canSave: false };
const withFiles: MenuState = {
  recent: [
    { path: '/home/h/Winter plan.slcanvas', workshopId: 'a'.repeat(20), title: 'Winter plan', openedAt: 2 },
    { path: '/home/h/Discharge.slcanvas', workshopId: 'b'.repeat(20), title: 'Discharge', openedAt: 1 },
  ],
  canSave: true,
};

function fileMenu(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  const file = template.find((m) => m.label === 'File');
  return file!.submenu as MenuItemConstructorOptions[];
}
const item = (items: MenuItemConstructorOptions[], label: string) => items.find((i) => i.label === label)!;
const click = (i: MenuItemConstructorOptions) => (i.click as () => void)();

describe('the application menu', () => {
  it('has File with New, Open…, Open Recent, Save, Save As…, join from a copied link and All Workshops', () => {
    const labels = fileMenu(menuTemplate(actions(), noFiles, 'linux')).map((i) => i.label ?? i.role ?? i.type);
    expect(labels).toEqual([
      'New Workshop',
      'Open…',
      'Open Recent',
      'separator',
      'Save',
      'Save As…',
      'separator',
      'Join from Copied Link',
      'All Workshops',
      'separator',
      'quit',
    ]);
  });

  it('calls the matching action for each item, with the usual shortcuts', () => {
    const a = actions();
    const file = fileMenu(menuTemplate(a, withFiles, 'linux'));
    const expected: [string, keyof MenuActions, string | undefined][] = [
      ['New Workshop', 'newWorkshop', 'CmdOrCtrl+N'],
      ['Open…', 'open', 'CmdOrCtrl+O'],
      ['Save', 'save', 'CmdOrCtrl+S'],
      ['Save As…', 'saveAs', 'CmdOrCtrl+Shift+S'],
      ['Join from Copied Link', 'joinFromClipboard', 'CmdOrCtrl+Shift+J'],
      ['All Workshops', 'allWorkshops', 'CmdOrCtrl+Shift+H'],
    ];
    for (const [label, action, accelerator] of expected) {
      const i = item(file, label);
      expect(i.accelerator).toBe(accelerator);
      click(i);
      expect(a[action]).toHaveBeenCalledTimes(1);
    }
  });

  it('lists recent files by title and file name, opening the chosen path, with Clear Recent', () => {
    const a = actions();
    const recent = item(fileMenu(menuTemplate(a, withFiles, 'linux')), 'Open Recent').submenu as MenuItemConstructorOptions[];
    expect(recent.map((i) => i.label ?? i.type)).toEqual(['Winter plan — Winter plan.slcanvas', 'Discharge — Discharge.slcanvas', 'separator', 'Clear Recent']);
    click(recent[1]!);
    expect(a.openRecent).toHaveBeenCalledWith('/home/h/Discharge.slcanvas');
    click(item(recent, 'Clear Recent'));
    expect(a.clearRecent).toHaveBeenCalled();
  });

  it('shows an empty, disabled Open Recent when there are none', () => {
    const recent = item(fileMenu(menuTemplate(actions(), noFiles, 'linux')), 'Open Recent').submenu as MenuItemConstructorOptions[];
    expect(recent).toEqual([{ label: 'No recent workshop files', enabled: false }]);
  });

  it('enables Save and Save As… only when a workshop kept here is on screen', () => {
    const off = fileMenu(menuTemplate(actions(), noFiles, 'linux'));
    expect(item(off, 'Save').enabled).toBe(false);
    expect(item(off, 'Save As…').enabled).toBe(false);
    const on = fileMenu(menuTemplate(actions(), withFiles, 'linux'));
    expect(item(on, 'Save').enabled).toBe(true);
    expect(item(on, 'Save As…').enabled).toBe(true);
  });

  it('keeps the standard Edit, View and Window menus, and the app menu on macOS', () => {
    const linux = menuTemplate(actions(), noFiles, 'linux');
    expect(linux.map((m) => m.label ?? m.role)).toEqual(['File', 'editMenu', 'View', 'windowMenu']);
    const mac = menuTemplate(actions(), noFiles, 'darwin');
    expect(mac.map((m) => m.label ?? m.role)).toEqual(['appMenu', 'File', 'editMenu', 'View', 'windowMenu']);
    expect(fileMenu(mac).some((i) => i.role === 'quit')).toBe(false);
  });

  it('buildMenu hands the template to Electron', () => {
    buildMenu(actions(), noFiles, 'linux');
    expect(buildFromTemplate).toHaveBeenCalledTimes(1);
    expect(buildFromTemplate.mock.calls[0]![0][0]!.label).toBe('File');
  });
});

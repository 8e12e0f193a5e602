import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WorkshopFile } from '../server/workshop-file';
import { DesktopController, fileNameFor, type DesktopUi } from './desktop-controller';
import { RecentFiles } from './recent-files';
import { SessionMarker } from './session-marker';
import { WorkshopLibrary, type ConflictChoice } from './workshop-files';
import { addNotes, makeWorkshopFile, readNotes, removeTempDirs, tempDir } from './test-helpers';
import type { JoinLink } from './join-links';

const appOrigin = 'http://127.0.0.1:47123';

function fakeUi() {
  const shown: string[] = [];
  const joinWindows: JoinLink[] = [];
  const errors: { title: string; message: string }[] = [];
  const ui = {
    showInMainWindow: vi.fn((hash: string) => void shown.push(hash)),
    openJoinWindow: vi.fn((link: JoinLink) => void joinWindows.push(link)),
    chooseFileToOpen: vi.fn(async (): Promise<string | null> => null),
    chooseSavePath: vi.fn(async (_name: string): Promise<string | null> => null),
    askAboutConflict: vi.fn(async (): Promise<ConflictChoice> => 'cancel'),
    askToRecover: vi.fn(async (_title: string) => true),
    showError: vi.fn((title: string, message: string) => void errors.push({ title, message })),
    readClipboard: vi.fn(async () => ''),
    menuChanged: vi.fn(),
    focus: vi.fn(),
  } satisfies DesktopUi;
  return { ui, shown, joinWindows, errors };
}

let userData: string;
let elsewhere: string;
let library: WorkshopLibrary;
let recent: RecentFiles;
let marker: SessionMarker;
let fake: ReturnType<typeof fakeUi>;
let controller: DesktopController;
let clock: number;
let logged: string[];

beforeEach(() => {
  logged = [];
  userData = tempDir();
  elsewhere = tempDir();
  library = new WorkshopLibrary(join(userData, 'workshops'), join(userData, 'import-staging'));
  recent = new RecentFiles(userData);
  marker = new SessionMarker(userData);
  marker.begin();
  fake = fakeUi();
  clock = 1_700_000_000_000;
  controller = new DesktopController({
    library,
    recent,
    marker,
    appOrigin,
    ui: fake.ui,
    now: () => ++clock,
    localAddresses: () => ['127.0.0.1', '192.168.1.20'],
    log: (line) => void logged.push(line),
  });
});
afterEach(() => removeTempDirs());

function fileElsewhere(name = 'board.slcanvas', notes = ['Ward managers']) {
  const path = join(elsewhere, name);
  const { id, tokens } = makeWorkshopFile(path, { title: 'Discharge to assess', notes });
  return { path, id, tokens };
}

const hashOf = (id: string, token: string) => `#/w/${id}?t=${encodeURIComponent(token)}`;

describe('Open…', () => {
  it('opens the chosen file in the main window with the facilitator link and remembers it', async () => {
    const { path, id, tokens } = fileElsewhere();
    fake.ui.chooseFileToOpen.mockResolvedValueOnce(path);
    const opened = await controller.openFileDialog();
    expect(opened).toEqual({ workshopId: id, title: 'Discharge to assess', outcome: 'imported' });
    // An opened file gets links of its own, never the ones it carried.
    expect(library.facilitatorToken(id)).not.toBe(tokens.facilitator);
    expect(fake.shown).toEqual([hashOf(id, library.facilitatorToken(id))]);
    expect(fake.ui.focus).toHaveBeenCalled();
    expect(recent.list()).toEqual([{ path, workshopId: id, title: 'Discharge to assess', openedAt: expect.any(Number) }]);
    expect(fake.ui.menuChanged).toHaveBeenCalled();
  });

  it('resolves null when the person cancels the dialog', async () => {
    expect(await controller.openFileDialog()).toBeNull();
    expect(fake.shown).toEqual([]);
  });

  it('rejects with a clear message for a file that is not a workshop, opening nothing', async () => {
    const path = join(elsewhere, 'agenda.slcanvas');
    writeFileSync(path, 'agenda');
    fake.ui.chooseFileToOpen.mockResolvedValueOnce(path);
    await expect(controller.openFileDialog()).rejects.toThrow(
      /“agenda\.slcanvas” could not be opened\. This file is not a Systems Leadership Canvas workshop\./,
    );
    expect(fake.shown).toEqual([]);
    expect(recent.list()).toEqual([]);
  });

  it('does not tie the file to the workshop when the person kept the different version here', async () => {
    const { path, id } = fileElsewhere();
    await controller.openFile(path);
    recent.clear();
    addNotes(library.pathOf(id), 'here');
    addNotes(path, 'there');
    fake.ui.askAboutConflict.mockResolvedValueOnce('open-existing');
    const opened = await controller.openFile(path);
    expect(opened?.outcome).toBe('existing');
    expect(recent.list()).toEqual([]);
    // So autosave never overwrites what only the file holds.
    expect(controller.autosave(id)).toBeNull();
    expect(readNotes(path)).toEqual(['Ward managers', 'there']);
  });

  it('"keep both" opens the copy, and the file stays tied to nobody', async () => {
    const { path, id } = fileElsewhere();
    await controller.openFile(path);
    recent.clear();
    addNotes(library.pathOf(id), 'here');
    addNotes(path, 'there');
    fake.ui.askAboutConflict.mockResolvedValueOnce('keep-both');
    const opened = await controller.openFile(path);
    expect(opened?.outcome).toBe('copy');
    expect(opened?.workshopId).not.toBe(id);
    expect(fake.shown.at(-1)).toMatch(new RegExp(`^#/w/${opened!.workshopId}\\?t=`));
    expect(recent.list()).toEqual([]);
  });

  it('a cancelled conflict resolves null and shows nothing', async () => {
    const { path, id } = fileElsewhere();
    await controller.openFile(path);
    addNotes(library.pathOf(id), 'here');
    addNotes(path, 'there');
    fake.shown.length = 0;
    expect(await controller.openFile(path)).toBeNull();
    expect(fake.shown).toEqual([]);
  });
  it('opening a file from the app’s own folder just opens that workshop', async () => {
    const { path, id } = fileElsewhere();
    await controller.openFile(path);
    recent.clear();
    expect(await controller.openFile(library.pathOf(id))).toMatchObject({ workshopId: id, outcome: 'existing' });
    expect(recent.list()).toEqual([]);
  });
});

describe('Open Recent', () => {
  it('opens only files in the list', async () => {
    await expect(controller.openRecent('/etc/passwd')).rejects.toThrow(/not in the list of recent workshops/);
  });

  it('reopens a listed file', async () => {
    const { path, id } = fileElsewhere();
    await controller.openFile(path);
    fake.shown.length = 0;
    expect(await controller.openRecent(path)).toMatchObject({ workshopId: id, outcome: 'existing' });
    expect(fake.shown).toHaveLength(1);
  });

  it('opens the workshop kept here when its file has gone, and drops the entry', async () => {
    const { path, id } = fileElsewhere();
    await controller.openFile(path);
    rmSync(path);
    expect(await controller.openRecent(path)).toMatchObject({ workshopId: id, outcome: 'existing' });
    expect(recent.list()).toEqual([]);
  });

  it('says the file has gone when this computer does not have the workshop either', async () => {
    const { path, id } = fileElsewhere();
    await controller.openFile(path);
    rmSync(path);
    rmSync(library.pathOf(id));
    await expect(controller.openRecent(path)).rejects.toThrow(/“board\.slcanvas” is no longer there/);
    expect(recent.list()).toEqual([]);
  });
});

describe('Save, Save as… and autosave', () => {
  let id: string;
  let path: string;
  beforeEach(async () => {
    ({ id, path } = fileElsewhere());
    await controller.openFile(path);
    controller.onNavigated(`${appOrigin}/${hashOf(id, 'x')}`);
  });

  it('Save as… writes where the person chose, suggests a file name from the title, and remembers it', async () => {
    const dest = join(elsewhere, 'for the board.slcanvas');
    fake.ui.chooseSavePath.mockResolvedValueOnce(dest);
    expect(await controller.saveAs()).toBe(dest);
    expect(fake.ui.chooseSavePath).toHaveBeenCalledWith('Discharge to assess.slcanvas');
    expect(readNotes(dest)).toEqual(['Ward managers']);
    expect(recent.list()[0]).toMatchObject({ path: dest, workshopId: id });
    expect(recent.fileOf(id)?.path).toBe(dest);
  });

  it('Save as… resolves null when cancelled and writes nothing', async () => {
    expect(await controller.saveAs(id)).toBeNull();
    expect(recent.list()).toHaveLength(1);
  });

  it('Save as… rejects (never null) when the workshop cannot be written', async () => {
    fake.ui.chooseSavePath.mockResolvedValueOnce(join(elsewhere, 'missing-folder', 'x.slcanvas'));
    await expect(controller.saveAs(id)).rejects.toThrow(/could not be saved/);
    await expect(controller.saveAs('bbbbbbbbbbbbbbbbbbbb')).rejects.toThrow(/not on this computer/);
    controller.onNavigated(`${appOrigin}/#/`);
    await expect(controller.saveAs()).rejects.toThrow(/Open a workshop first/);
  });

  it('Save writes to the file the workshop came from', async () => {
    addNotes(library.pathOf(id), 'saved with Save');
    expect(await controller.save()).toBe(path);
    expect(readNotes(path)).toEqual(['Ward managers', 'saved with Save']);
    expect(fake.ui.chooseSavePath).not.toHaveBeenCalled();
  });

  it('Save falls back to Save as… when the file now holds something else', async () => {
    writeFileSync(path, 'replaced by someone');
    const dest = join(elsewhere, 'new.slcanvas');
    fake.ui.chooseSavePath.mockResolvedValueOnce(dest);
    expect(await controller.save()).toBe(dest);
    expect(readFileSync(path, 'utf8')).toBe('replaced by someone');
  });

  it('autosave brings the file up to date only when the workshop changed', () => {
    expect(controller.autosave()).toBeNull();
    addNotes(library.pathOf(id), 'autosaved');
    expect(controller.autosave()).toBe(path);
    expect(readNotes(path)).toEqual(['Ward managers', 'autosaved']);
    expect(controller.autosave()).toBeNull();
  });

  it('autosave leaves alone a file that is gone or holds something else, and says so (once) rather than failing silently', () => {
    addNotes(library.pathOf(id), 'more');
    writeFileSync(path, 'someone else’s');
    expect(controller.autosave()).toBeNull();
    expect(readFileSync(path, 'utf8')).toBe('someone else’s');
    expect(fake.errors).toEqual([
      {
        title: 'The workshop file could not be updated',
        message: expect.stringMatching(/^“board\.slcanvas” can no longer be read as a workshop[\s\S]*Save As/),
      },
    ]);
    rmSync(path);
    expect(controller.autosave()).toBeNull();
    expect(existsSync(path)).toBe(false);
    // Logged every time, shown once per file.
    expect(fake.errors).toHaveLength(1);
    expect(logged).toEqual([
      `Autosave of ${id} to ${path} failed: “board.slcanvas” can no longer be read as a workshop, so it was not overwritten.`,
      `Autosave of ${id} to ${path} failed: “board.slcanvas” is no longer there; it may have been moved or deleted.`,
    ]);
  });

  it('autosave says so when the file now holds another workshop', () => {
    addNotes(library.pathOf(id), 'more');
    rmSync(path);
    makeWorkshopFile(path, { title: 'Something else' });
    expect(controller.autosave()).toBeNull();
    expect(fake.errors[0]!.message).toMatch(/^“board\.slcanvas” now holds something else, so it was not overwritten\./);
    expect(readNotes(path)).toEqual([]);
  });

  it('knows when the workshop on screen has edits its file does not', async () => {
    expect(controller.unsavedFile()).toBeNull();
    addNotes(library.pathOf(id), 'not yet in the file');
    expect(controller.unsavedFile()).toEqual({ workshopId: id, title: 'Discharge to assess', path });
    expect(controller.autosave()).toBe(path);
    expect(controller.unsavedFile()).toBeNull();
    addNotes(library.pathOf(id), 'again');
    controller.onNavigated(`${appOrigin}/#/`);
    // Leaving the workshop autosaved it, and the start screen has no file.
    expect(controller.unsavedFile()).toBeNull();
    expect(readNotes(path)).toEqual(['Ward managers', 'again', 'not yet in the file']);
  });

  it('a failed Save is logged with what was being saved, and the menu shows it', async () => {
    addNotes(library.pathOf(id), 'more');
    const spy = vi.spyOn(library, 'exportTo').mockImplementation(() => {
      throw new Error('EROFS: read-only file system');
    });
    controller.menuActions().save();
    await vi.waitFor(() => expect(fake.errors).toHaveLength(1));
    expect(fake.errors[0]).toEqual({ title: 'The workshop could not be saved', message: 'EROFS: read-only file system' });
    expect(logged[0]).toBe(`Save of “Discharge to assess” (${id}) to ${path} failed: EROFS: read-only file system`);
    spy.mockRestore();
  });

  it('autosaves the workshop being left when the window moves on', () => {
    addNotes(library.pathOf(id), 'before leaving');
    controller.onNavigated(`${appOrigin}/#/`);
    expect(readNotes(path)).toEqual(['Ward managers', 'before leaving']);
  });

  it('says once, not on every tick, when autosave fails', () => {
    addNotes(library.pathOf(id), 'more');
    const spy = vi.spyOn(library, 'exportTo').mockImplementation(() => {
      throw new Error('disk full');
    });
    expect(controller.autosave()).toBeNull();
    expect(controller.autosave()).toBeNull();
    expect(fake.errors).toHaveLength(1);
    expect(fake.errors[0]!.message).toMatch(/disk full[\s\S]*Save As/);
    spy.mockRestore();
  });

  it('shutdown autosaves, and only a clean one clears the crash marker', () => {
    addNotes(library.pathOf(id), 'at quit');
    controller.shutdown(false);
    expect(readNotes(path)).toEqual(['Ward managers', 'at quit']);
    expect(existsSync(marker.path)).toBe(true);
    controller.shutdown(true);
    expect(existsSync(marker.path)).toBe(false);
  });

  it('after Don’t Save, shutdown leaves the file as it was', () => {
    addNotes(library.pathOf(id), 'not wanted in the file');
    controller.shutdown(true, { saveFile: false });
    expect(readNotes(path)).toEqual(['Ward managers']);
    expect(existsSync(marker.path)).toBe(false);
  });
});

describe('the workshop on screen', () => {
  it('is tracked from the main window’s address, recorded in the crash marker, and enables Save', async () => {
    const { path, id } = fileElsewhere();
    await controller.openFile(path);
    expect(controller.menuState().canSave).toBe(false);
    controller.onNavigated(`${appOrigin}/#/w/${id}?t=abc`);
    expect(controller.currentWorkshopId).toBe(id);
    expect(controller.menuState()).toMatchObject({ canSave: true, recent: [{ path }] });
    expect(JSON.parse(readFileSync(marker.path, 'utf8')).workshopId).toBe(id);
    controller.onNavigated(`${appOrigin}/#/`);
    expect(controller.currentWorkshopId).toBeNull();
    expect(JSON.parse(readFileSync(marker.path, 'utf8')).workshopId).toBeNull();
  });

  it('ignores other origins and a workshop this computer does not keep', () => {
    controller.onNavigated(`http://evil.example/#/w/${'a'.repeat(20)}?t=abc`);
    expect(controller.currentWorkshopId).toBeNull();
    controller.onNavigated(`${appOrigin}/#/w/${'a'.repeat(20)}?t=abc`);
    expect(controller.menuState().canSave).toBe(false);
    expect(JSON.parse(readFileSync(marker.path, 'utf8')).workshopId).toBeNull();
  });
});

describe('crash recovery', () => {
  it('offers to reopen the workshop that was open, and opens it if the person agrees', async () => {
    const { path, id } = fileElsewhere();
    await controller.openFile(path);
    fake.shown.length = 0;
    expect(await controller.offerRecovery({ version: 1, startedAt: 1, pid: 1, workshopId: id })).toBe(true);
    expect(fake.ui.askToRecover).toHaveBeenCalledWith('Discharge to assess');
    expect(fake.shown).toEqual([hashOf(id, library.facilitatorToken(id))]);
  });

  it('does nothing when the person declines, after a clean quit, or when nothing was open', async () => {
    const { path, id } = fileElsewhere();
    await controller.openFile(path);
    fake.shown.length = 0;
    fake.ui.askToRecover.mockResolvedValueOnce(false);
    expect(await controller.offerRecovery({ version: 1, startedAt: 1, pid: 1, workshopId: id })).toBe(false);
    expect(await controller.offerRecovery(null)).toBe(false);
    expect(await controller.offerRecovery({ version: 1, startedAt: 1, pid: 1, workshopId: null })).toBe(false);
    expect(await controller.offerRecovery({ version: 1, startedAt: 1, pid: 1, workshopId: 'c'.repeat(20) })).toBe(false);
    expect(fake.ui.askToRecover).toHaveBeenCalledTimes(1);
    expect(fake.shown).toEqual([]);
  });
});

describe('join links', () => {
  const id = 'k'.repeat(20);

  it('opens a workshop on another host in a window of its own', () => {
    controller.openJoinLink(`http://192.168.1.77:4000/#/w/${id}?t=tok_en-1`);
    expect(fake.joinWindows).toEqual([
      { url: `http://192.168.1.77:4000/#/w/${id}?t=tok_en-1`, origin: 'http://192.168.1.77:4000', workshopId: id, token: 'tok_en-1' },
    ]);
    expect(fake.shown).toEqual([]);
  });

  it('opens a link to this computer’s own relay in the main window', () => {
    controller.openJoinLink(`${appOrigin}/#/w/${id}?t=abc`);
    controller.openJoinLink(`slcanvas://192.168.1.20:47123/#/w/${id}?t=def`);
    expect(fake.shown).toEqual([`#/w/${id}?t=abc`, `#/w/${id}?t=def`]);
    expect(fake.joinWindows).toEqual([]);
  });

  it('rejects text that is not a join link', () => {
    expect(() => controller.openJoinLink('https://example.org/')).toThrow(/not a workshop link/);
    expect(controller.tryOpenJoinLink('https://example.org/')).toBe(false);
    expect(controller.tryOpenJoinLink(`https://host.example/#/w/${id}?t=abc`)).toBe(true);
  });

  it('joins from a copied link, or says the clipboard holds none', async () => {
    fake.ui.readClipboard.mockResolvedValueOnce(`  https://host.example/app/#/w/${id}?t=abc \n`);
    await controller.joinFromClipboard();
    expect(fake.joinWindows[0]?.url).toBe(`https://host.example/app/#/w/${id}?t=abc`);
    fake.ui.readClipboard.mockResolvedValueOnce('shopping list');
    await expect(controller.joinFromClipboard()).rejects.toThrow(/clipboard does not hold a workshop link/);
  });
});

describe('what the operating system asks to open', () => {
  it('opens files and links, and shows an error for a bad one instead of throwing', async () => {
    const { path, id } = fileElsewhere();
    await controller.openTarget({ kind: 'file', path });
    expect(fake.shown.at(-1)).toMatch(new RegExp(`^#/w/${id}`));
    await controller.openTarget({ kind: 'link', link: `slcanvas://10.0.0.5:4000/#/w/${id}?t=abc` });
    expect(fake.joinWindows.at(-1)?.origin).toBe('http://10.0.0.5:4000');
    writeFileSync(join(elsewhere, 'bad.slcanvas'), 'x');
    await controller.openTarget({ kind: 'file', path: join(elsewhere, 'bad.slcanvas') });
    await controller.openTarget({ kind: 'link', link: 'slcanvas://nonsense' });
    expect(fake.errors.map((e) => e.title)).toEqual(['The workshop file could not be opened', 'The link could not be opened']);
  });
});

describe('menu actions', () => {
  it('show errors to the person instead of rejecting', async () => {
    const actions = controller.menuActions();
    actions.save();
    actions.saveAs();
    await vi.waitFor(() => expect(fake.errors).toHaveLength(2));
    expect(fake.errors[0]).toEqual({ title: 'The workshop could not be saved', message: 'Open a workshop first.' });
  });

  it('New workshop and All workshops go to the start screen routes', () => {
    const actions = controller.menuActions();
    actions.newWorkshop();
    actions.allWorkshops();
    expect(fake.shown).toEqual(['#/new', '#/']);
  });

  it('Clear Recent empties the list', async () => {
    const { path } = fileElsewhere();
    await controller.openFile(path);
    controller.menuActions().clearRecent();
    await vi.waitFor(() => expect(recent.list()).toEqual([]));
  });
});

describe('fileNameFor', () => {
  it('makes a safe file name from a title', () => {
    expect(fileNameFor('Discharge to assess')).toBe('Discharge to assess.slcanvas');
    expect(fileNameFor('A/B: "winter" <plan>?')).toBe('A B winter plan.slcanvas');
    expect(fileNameFor('..\\..\\secret')).toBe('secret.slcanvas');
    expect(fileNameFor('  ')).toBe('Workshop.slcanvas');
    expect(fileNameFor('x'.repeat(300))).toHaveLength(100 + '.slcanvas'.length);
  });
});

// A file held open by the relay must not stop the controller reading it.
describe('with the relay holding the workshop open', () => {
  it('still opens, saves and autosaves', async () => {
    const { path, id } = fileElsewhere();
    await controller.openFile(path);
    const relayHandle = WorkshopFile.open(library.pathOf(id));
    addNotes(library.pathOf(id), 'live');
    controller.onNavigated(`${appOrigin}/#/w/${id}?t=x`);
    expect(controller.autosave()).toBe(path);
    relayHandle.close();
    expect(readNotes(path)).toEqual(['Ward managers', 'live']);
  });
});

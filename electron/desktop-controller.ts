// What the desktop app does with workshop files and join links, between the menu, the IPC
// handlers and the operating system. It knows nothing of Electron: windows and dialogs come in
// as a `DesktopUi`, so every path through it is unit-tested with real files.
//
// The model: the app's workshops live in its own folder, saved by the built-in relay as every
// edit is made. A workshop can also be linked to a .slcanvas file elsewhere (the file it was
// opened from, or last saved to): "Save" and autosave write it there, "Save as…" links a new file.
import { existsSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { basename, resolve } from 'node:path';
import type { OpenedWorkshop, RecentWorkshopFile } from '../shared/ipc-contract';
import { WORKSHOP_FILE_EXTENSION, isWorkshopId } from '../shared/protocol';
import { parseJoinLink, type JoinLink, type LaunchTarget } from './join-links';
import type { RecentFiles } from './recent-files';
import type { SessionMarker, SessionMarkerData } from './session-marker';
import { isAppUrl } from './window-security';
import { WorkshopFileProblem, peekWorkshop, type ConflictChoice, type ImportConflict, type WorkshopLibrary } from './workshop-files';
import type { UnsavedFile } from './quit-guard';

export interface DesktopUi {
  /** shows one of the app's routes in the main window, e.g. "#/w/<id>?t=<token>" */
  showInMainWindow(hash: string): void;
  /** opens a workshop on another host in a window of its own */
  openJoinWindow(link: JoinLink): void;
  chooseFileToOpen(): Promise<string | null>;
  chooseSavePath(defaultName: string): Promise<string | null>;
  askAboutConflict(conflict: ImportConflict): Promise<ConflictChoice>;
  askToRecover(title: string): Promise<boolean>;
  showError(title: string, message: string): void;
  readClipboard(): Promise<string>;
  /** the File menu shows state (recent files, whether Save applies): rebuild it */
  menuChanged(): void;
  focus(): void;
}

export interface ControllerOptions {
  library: WorkshopLibrary;
  recent: RecentFiles;
  marker: SessionMarker;
  /** the built-in relay's origin, e.g. http://127.0.0.1:47123 */
  appOrigin: string;
  ui: DesktopUi;
  now?: () => number;
  /** host names and addresses of this computer (a join link to them opens in the main window) */
  localAddresses?: () => string[];
  /** the error log: every failed save or autosave is written here */
  log?: (line: string) => void;
}

export interface MenuState {
  recent: RecentWorkshopFile[];
  /** a workshop kept on this computer is on screen */
  canSave: boolean;
}

export interface MenuActions {
  newWorkshop(): void;
  open(): void;
  openRecent(path: string): void;
  clearRecent(): void;
  save(): void;
  saveAs(): void;
  joinFromClipboard(): void;
  allWorkshops(): void;
}

export class DesktopController {
  private currentId: string | null = null;
  private readonly now: () => number;
  private readonly autosaveFailures = new Set<string>();

  constructor(private readonly o: ControllerOptions) {
    this.now = o.now ?? Date.now;
  }

  /** The workshop of this computer on screen in the main window, if any. */
  get currentWorkshopId(): string | null {
    return this.currentId;
  }

  /** Called whenever the main window's address changes. */
  onNavigated(url: string): void {
    const id = isAppUrl(url, this.o.appOrigin) ? workshopIdInUrl(url) : null;
    if (id === this.currentId) return;
    const previous = this.currentId;
    this.currentId = id;
    if (previous) this.autosave(previous);
    this.o.marker.setWorkshop(id && this.o.library.has(id) ? id : null);
    this.o.ui.menuChanged();
  }

  menuState(): MenuState {
    return { recent: this.o.recent.list(), canSave: !!this.currentId && this.o.library.has(this.currentId) };
  }

  recentFiles(): RecentWorkshopFile[] {
    return this.o.recent.list();
  }

  /** "New workshop": the start screen, with its New workshop form (route #/new). */
  newWorkshop(): void {
    this.o.ui.showInMainWindow('#/new');
    this.o.ui.focus();
  }

  showAllWorkshops(): void {
    this.o.ui.showInMainWindow('#/');
  }

  /** "Open…": null if the person cancelled. */
  async openFileDialog(): Promise<OpenedWorkshop | null> {
    const path = await this.o.ui.chooseFileToOpen();
    return path ? this.openFile(path) : null;
  }

  /** Opens a .slcanvas file from anywhere; rejects with a clear message if it is not a usable workshop. */
  async openFile(path: string): Promise<OpenedWorkshop | null> {
    const source = resolve(path);
    let chosen: ConflictChoice | null = null;
    const result = await this.o.library.importFile(source, async (conflict) => (chosen = await this.o.ui.askAboutConflict(conflict)));
    if (result.outcome === 'cancelled') return null;
    const { workshop } = result;
    // The file becomes this workshop's file (for Save and autosave) only if everything in it is
    // in the workshop now: never when the person kept the version here over a different one in
    // the file, nor for a copy (the file still holds the original).
    // Nor for a file in the app's own folder (opened from there by hand).
    const holdsAll = result.outcome === 'imported' || (result.outcome === 'existing' && chosen === null);
    if (holdsAll && !this.o.library.isAppFile(source)) {
      this.o.recent.add({ path: source, workshopId: workshop.workshopId, title: workshop.title, openedAt: this.now() });
    }
    this.showLocal(workshop.workshopId);
    this.o.ui.menuChanged();
    return { workshopId: workshop.workshopId, title: workshop.title, outcome: result.outcome };
  }

  /** Opens an entry of the recent list (and only those: a renderer cannot name any path it likes). */
  async openRecent(path: string): Promise<OpenedWorkshop | null> {
    const entry = this.o.recent.find(path);
    if (!entry) throw new WorkshopFileProblem('That file is not in the list of recent workshops.');
    if (!existsSync(entry.path)) {
      if (this.o.library.has(entry.workshopId)) {
        // The file was moved or deleted, but this computer still has the workshop.
        this.o.recent.remove(entry.path);
        this.showLocal(entry.workshopId);
        this.o.ui.menuChanged();
        return { workshopId: entry.workshopId, title: this.o.library.summary(entry.workshopId).title, outcome: 'existing' };
      }
      this.o.recent.remove(entry.path);
      this.o.ui.menuChanged();
      throw new WorkshopFileProblem(`“${basename(entry.path)}” is no longer there. It may have been moved or deleted.`);
    }
    return this.openFile(entry.path);
  }

  clearRecent(): void {
    this.o.recent.clear();
    this.o.ui.menuChanged();
  }

  /** "Save as…": a self-contained copy wherever the person chooses; null if they cancelled. */
  async saveAs(workshopId: string | null = this.currentId): Promise<string | null> {
    const id = this.requireLocal(workshopId);
    const { title } = this.o.library.summary(id);
    const path = await this.o.ui.chooseSavePath(fileNameFor(title));
    if (!path) return null;
    const written = this.logged(`Save As of “${title}” (${id}) to ${path}`, () => this.o.library.exportTo(id, path));
    this.o.recent.add({ path: written, workshopId: id, title, openedAt: this.now() });
    this.autosaveFailures.delete(written);
    this.o.ui.menuChanged();
    return written;
  }

  /** "Save": writes the workshop's own file if it has one still holding it, otherwise "Save as…". */
  async save(): Promise<string | null> {
    const id = this.requireLocal(this.currentId);
    const linked = this.o.recent.fileOf(id);
    if (!linked || peekWorkshop(linked.path)?.workshopId !== id) return this.saveAs(id);
    const { title } = this.o.library.summary(id);
    const written = this.logged(`Save of “${title}” (${id}) to ${linked.path}`, () => this.o.library.exportTo(id, linked.path, { onlyOverSameWorkshop: true }));
    this.o.recent.add({ ...linked, title, openedAt: this.now() });
    this.autosaveFailures.delete(written);
    this.o.ui.menuChanged();
    return written;
  }

  /**
   * Autosave: brings the workshop's own file up to date if the workshop changed since it was
   * written. Never writes over a file that is gone or now holds something else, and never fails
   * silently: each problem is logged, and said once per file in a dialog. Returns the path written.
   */
  autosave(workshopId: string | null = this.currentId): string | null {
    if (!workshopId || !this.o.library.has(workshopId)) return null;
    const linked = this.o.recent.fileOf(workshopId);
    if (!linked) return null;
    const name = basename(linked.path);
    const onDisk = peekWorkshop(linked.path);
    try {
      if (!onDisk)
        throw new WorkshopFileProblem(
          existsSync(linked.path)
            ? `“${name}” can no longer be read as a workshop, so it was not overwritten.`
            : `“${name}” is no longer there; it may have been moved or deleted.`,
        );
      if (onDisk.workshopId !== workshopId) throw new WorkshopFileProblem(`“${name}” now holds something else, so it was not overwritten.`);
      const local = this.o.library.summary(workshopId);
      if (local.updatedAt <= onDisk.updatedAt) return null;
      const written = this.o.library.exportTo(workshopId, linked.path, { onlyOverSameWorkshop: true });
      this.autosaveFailures.delete(written);
      return written;
    } catch (err) {
      this.o.log?.(`Autosave of ${workshopId} to ${linked.path} failed: ${(err as Error).message}`);
      // Say so once per file, not every few seconds.
      if (!this.autosaveFailures.has(linked.path)) {
        this.autosaveFailures.add(linked.path);
        this.o.ui.showError(
          'The workshop file could not be updated',
          `${(err as Error).message}\n\nYour work is safe in the app; use File › Save As… to save it somewhere else.`,
        );
      }
      return null;
    }
  }

  /**
   * The workshop on screen, if it was opened from (or saved to) a file that does not have its
   * latest edits: quitting asks about it.
   */
  unsavedFile(): UnsavedFile | null {
    const id = this.currentId;
    if (!id || !this.o.library.has(id)) return null;
    const linked = this.o.recent.fileOf(id);
    if (!linked) return null;
    const onDisk = peekWorkshop(linked.path);
    if (!onDisk || onDisk.workshopId !== id) return null;
    try {
      const local = this.o.library.summary(id);
      return local.updatedAt > onDisk.updatedAt ? { workshopId: id, title: local.title, path: linked.path } : null;
    } catch {
      return null;
    }
  }

  /**
   * Joins from a pasted or opened link. A workshop on this computer's own relay opens in the
   * main window; one on another host opens in a window of its own.
   */
  openJoinLink(text: string): void {
    const link = parseJoinLink(text);
    if (!link) throw new WorkshopFileProblem('That is not a workshop link. Paste the whole link you were sent: it contains “#/w/”.');
    const hash = `#/w/${link.workshopId}?t=${link.token}`;
    if (this.isOwnRelay(link.origin)) this.o.ui.showInMainWindow(hash);
    else this.o.ui.openJoinWindow(link);
    this.o.ui.focus();
  }

  /** For navigation handlers: true if `url` was a join link (and has been opened). */
  tryOpenJoinLink(url: string): boolean {
    if (!parseJoinLink(url)) return false;
    this.openJoinLink(url);
    return true;
  }

  async joinFromClipboard(): Promise<void> {
    const text = await this.o.ui.readClipboard();
    if (!parseJoinLink(text)) throw new WorkshopFileProblem('The clipboard does not hold a workshop link. Copy the whole link you were sent, then try again.');
    this.openJoinLink(text);
  }

  /** Something the operating system asked the app to open (a file, a slcanvas:// link). */
  async openTarget(target: LaunchTarget): Promise<void> {
    try {
      if (target.kind === 'link') this.openJoinLink(target.link);
      else await this.openFile(target.path);
    } catch (err) {
      this.o.ui.showError(target.kind === 'link' ? 'The link could not be opened' : 'The workshop file could not be opened', (err as Error).message);
    }
  }

  /** After a run that did not quit cleanly: offer to reopen the workshop that was on screen. */
  async offerRecovery(leftOver: SessionMarkerData | null): Promise<boolean> {
    const id = leftOver?.workshopId;
    if (!id || !this.o.library.has(id)) return false;
    let title: string;
    try {
      title = this.o.library.summary(id).title;
    } catch (err) {
      this.o.ui.showError('The last workshop could not be recovered', (err as Error).message);
      return false;
    }
    if (!(await this.o.ui.askToRecover(title))) return false;
    this.showLocal(id);
    return true;
  }

  /**
   * Before quitting: bring the workshop's file up to date (unless the person chose Don't Save);
   * a clean quit clears the crash marker.
   */
  shutdown(clean: boolean, options: { saveFile?: boolean } = {}): void {
    if (options.saveFile ?? true) this.autosave();
    if (clean) this.o.marker.end();
  }

  /** The File menu's actions: errors become a message to the person, never an unhandled rejection. */
  menuActions(): MenuActions {
    const run = (title: string, action: () => unknown) => {
      void (async () => {
        try {
          await action();
        } catch (err) {
          this.o.log?.(`${title}: ${(err as Error).message}`);
          this.o.ui.showError(title, (err as Error).message);
        }
      })();
    };
    return {
      newWorkshop: () => this.newWorkshop(),
      open: () => run('The workshop file could not be opened', () => this.openFileDialog()),
      openRecent: (path) => run('The workshop file could not be opened', () => this.openRecent(path)),
      clearRecent: () => run('The list could not be cleared', () => this.clearRecent()),
      save: () => run('The workshop could not be saved', () => this.save()),
      saveAs: () => run('The workshop could not be saved', () => this.saveAs()),
      joinFromClipboard: () => run('The link could not be opened', () => this.joinFromClipboard()),
      allWorkshops: () => this.showAllWorkshops(),
    };
  }

  /** Runs a save, writing its failure (with what was being saved) to the log before passing it on. */
  private logged<T>(what: string, save: () => T): T {
    try {
      return save();
    } catch (err) {
      this.o.log?.(`${what} failed: ${(err as Error).message}`);
      throw err;
    }
  }

  private showLocal(workshopId: string): void {
    const token = this.o.library.facilitatorToken(workshopId);
    this.o.ui.showInMainWindow(`#/w/${workshopId}?t=${encodeURIComponent(token)}`);
    this.o.ui.focus();
  }

  private requireLocal(workshopId: string | null): string {
    if (!workshopId) throw new WorkshopFileProblem('Open a workshop first.');
    if (!this.o.library.has(workshopId))
      throw new WorkshopFileProblem('This workshop is kept by the host you joined, not on this computer, so it cannot be saved as a file here.');
    return workshopId;
  }

  private isOwnRelay(origin: string): boolean {
    if (origin === this.o.appOrigin) return true;
    const own = new URL(this.o.appOrigin);
    const other = new URL(origin);
    if (other.protocol !== own.protocol || other.port !== own.port) return false;
    const host = other.hostname.replace(/^\[|\]$/g, '');
    return (this.o.localAddresses ?? thisComputersAddresses)().includes(host);
  }
}

function workshopIdInUrl(url: string): string | null {
  const m = /^#\/w\/([^?]+)/.exec(new URL(url).hash);
  return m && isWorkshopId(m[1]!) ? m[1]! : null;
}

/** A file name from a workshop title: no path separators or characters Windows refuses. */
export function fileNameFor(title: string): string {
  const name = [...title]
    .map((c) => (c.charCodeAt(0) < 32 || '\\/:*?"<>|'.includes(c) ? ' ' : c))
    .join('')
    .replace(/\s+/g, ' ')
    .replace(/^[.\s]+/, '')
    .slice(0, 100)
    .trim();
  return (name || 'Workshop') + WORKSHOP_FILE_EXTENSION;
}

function thisComputersAddresses(): string[] {
  const out = ['localhost', '127.0.0.1', '::1'];
  for (const list of Object.values(networkInterfaces())) for (const a of list ?? []) out.push(a.address);
  return out;
}

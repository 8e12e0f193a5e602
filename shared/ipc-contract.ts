// The one contract between the Electron main process and the renderer: `DesktopApi` says what
// each method takes and returns, `ipcContract` gives each its channel and argument count, once.
// The preload's functions (`desktopApiOver`) and the main process's handlers (electron/
// ipc-handlers.ts, with the argument schemas in electron/ipc-args.ts, typed against DesktopApi
// and keeping this file, and so the preload, free of zod) are both made from it, so adding a
// method means adding it here and to DesktopApi; the typecheck then asks for its schema and its
// implementation. Every argument is validated in the main process and a failure rejects with an
// Error; `null` only ever means "the person cancelled". The renderer imports the types only.

export interface AppInfo {
  version: string;
  platform: string;
  /** the relay this window talks to, e.g. http://127.0.0.1:53011 */
  relayUrl: string;
  /** the folder where this computer keeps its workshops */
  workshopsFolder: string;
}

/** A workshop file this computer opened or saved, newest first. */
export interface RecentWorkshopFile {
  /** where the file is on disk */
  path: string;
  workshopId: string;
  title: string;
  /** when it was last opened or saved here (ms since 1970) */
  openedAt: number;
}

/** What opening a workshop file did. The window shows the workshop afterwards. */
export interface OpenedWorkshop {
  workshopId: string;
  title: string;
  /**
   * imported: it was new here and has been added to this computer's workshops;
   * existing: this computer already had it (with everything the file holds, or the person chose the copy here);
   * copy: this computer had a different version, and the person chose to keep both.
   */
  outcome: 'imported' | 'existing' | 'copy';
}

/** A network interface other computers can reach this one at. */
export interface NetworkInterface {
  /** the operating system's name for it, e.g. "en0" or "Wi-Fi" */
  name: string;
  /** its IPv4 address */
  address: string;
}

/** Where people on the local network reach the built-in relay while hosting. */
export interface Hosting {
  address: string;
  port: number;
}

export interface HostingOptions {
  interfaces: NetworkInterface[];
  /** null when not hosting */
  hosting: Hosting | null;
}

export interface DesktopApi {
  appInfo(): Promise<AppInfo>;
  /** opens a web or mail link (an academy's site or email) in the system browser */
  openExternal(url: string): Promise<void>;
  /** "Save as…": asks where to save a copy of the workshop file; resolves with the path, or null if cancelled */
  saveWorkshopFile(workshopId: string): Promise<string | null>;
  /** "Open…": asks for a .slcanvas file and opens it in this window; null if cancelled; rejects with a clear message for a damaged or foreign file */
  openWorkshopFile(): Promise<OpenedWorkshop | null>;
  /** workshop files opened or saved on this computer, newest first */
  recentWorkshopFiles(): Promise<RecentWorkshopFile[]>;
  /** opens one of recentWorkshopFiles() by its path; null if the person cancelled */
  openRecentWorkshopFile(path: string): Promise<OpenedWorkshop | null>;
  /**
   * Joins a workshop from a pasted link (http(s)://…#/w/<id>?t=<token> or slcanvas://…): one on
   * this computer opens in this window, one on another host in a window of its own. Rejects when
   * the text is not a workshop link.
   */
  openJoinLink(link: string): Promise<void>;
  /**
   * Opens the audience view of a presentation full screen on another display (the projector),
   * given the workshop's address fragment (#/w/<id>?t=<token>&a=1). Resolves false when this
   * computer has only one display.
   */
  presentOnSecondScreen(hash: string): Promise<boolean>;
  /** this computer's network interfaces, and where it is hosting now (if it is) */
  hostingOptions(): Promise<HostingOptions>;
  /**
   * Opens the built-in relay to the local network on one of hostingOptions().interfaces'
   * addresses (null stops hosting); resolves with where others reach it. Rejects for an address
   * not in the list or one that cannot be listened on.
   */
  startHosting(address: string | null): Promise<Hosting | null>;
}

export type IpcMethod = keyof DesktopApi;

export interface IpcEntry<M extends IpcMethod> {
  /** the Electron IPC channel */
  channel: `slc:${string}`;
  /** how many arguments the method takes; the preload passes exactly these on */
  arity: Parameters<DesktopApi[M]>['length'];
}

export const ipcContract = {
  appInfo: { channel: 'slc:app-info', arity: 0 },
  openExternal: { channel: 'slc:open-external', arity: 1 },
  saveWorkshopFile: { channel: 'slc:save-workshop-file', arity: 1 },
  openWorkshopFile: { channel: 'slc:open-workshop-file', arity: 0 },
  recentWorkshopFiles: { channel: 'slc:recent-workshop-files', arity: 0 },
  openRecentWorkshopFile: { channel: 'slc:open-recent-workshop-file', arity: 1 },
  openJoinLink: { channel: 'slc:open-join-link', arity: 1 },
  presentOnSecondScreen: { channel: 'slc:present-on-second-screen', arity: 1 },
  hostingOptions: { channel: 'slc:hosting-options', arity: 0 },
  startHosting: { channel: 'slc:start-hosting', arity: 1 },
} as const satisfies { [M in IpcMethod]: IpcEntry<M> };

export const ipcMethods = Object.keys(ipcContract) as IpcMethod[];

/** Each method's channel, e.g. ipcChannels.appInfo === 'slc:app-info'. */
export const ipcChannels = Object.fromEntries(ipcMethods.map((m) => [m, ipcContract[m].channel])) as { [M in IpcMethod]: (typeof ipcContract)[M]['channel'] };

/**
 * The renderer's API made from the contract over one `invoke` (the preload passes Electron's
 * ipcRenderer.invoke): one function per method, each sending its own channel and exactly its
 * own number of arguments (extra ones are dropped; missing ones fail the main's validation).
 */
export function desktopApiOver(invoke: (channel: string, ...args: unknown[]) => Promise<unknown>): DesktopApi {
  const api: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
  for (const method of ipcMethods) {
    const { channel, arity } = ipcContract[method];
    api[method] = (...args) => invoke(channel, ...args.slice(0, arity));
  }
  return Object.freeze(api) as unknown as DesktopApi;
}

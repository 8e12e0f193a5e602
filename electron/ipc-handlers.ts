// The main-process side of the IPC contract: check the sender, validate every argument, and
// reject with an Error (never resolve with null for a failure; null means "cancelled"). Models
// stay out: only paths, links and small descriptions move here.
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import type { z } from 'zod';
import {
  ipcChannels,
  type AppInfo,
  type DesktopApi,
  type Hosting,
  type HostingOptions,
  type IpcMethod,
  type OpenedWorkshop,
  type RecentWorkshopFile,
} from '../shared/ipc-contract';
import { ipcArgs } from './ipc-args';

export interface MainServices {
  appInfo(): AppInfo;
  openExternal(url: string): Promise<void>;
  /** "Save as…": resolves with the path written, or null if the person cancelled */
  saveWorkshopFile(workshopId: string): Promise<string | null>;
  openWorkshopFile(): Promise<OpenedWorkshop | null>;
  recentWorkshopFiles(): RecentWorkshopFile[];
  openRecentWorkshopFile(path: string): Promise<OpenedWorkshop | null>;
  openJoinLink(link: string): void;
  /** opens the audience view on another display; false when there is only one */
  presentOnSecondScreen(hash: string): boolean;
  hostingOptions(): HostingOptions;
  /** starts (or with null stops) hosting on the local network; rejects for an address not among hostingOptions().interfaces */
  startHosting(address: string | null): Promise<Hosting | null>;
  /** only the app's own windows may call in */
  isTrustedSender(event: IpcMainInvokeEvent): boolean;
}

export function createDesktopApi(services: MainServices) {
  return {
    appInfo: async () => services.appInfo(),
    openExternal: (url: string) => services.openExternal(url),
    saveWorkshopFile: (workshopId: string) => services.saveWorkshopFile(workshopId),
    openWorkshopFile: () => services.openWorkshopFile(),
    recentWorkshopFiles: async () => services.recentWorkshopFiles(),
    openRecentWorkshopFile: (path: string) => services.openRecentWorkshopFile(path),
    openJoinLink: async (link: string) => services.openJoinLink(link),
    presentOnSecondScreen: async (hash: string) => services.presentOnSecondScreen(hash),
    hostingOptions: async () => services.hostingOptions(),
    startHosting: (address: string | null) => services.startHosting(address),
  } satisfies DesktopApi;
}

export function validated<A extends unknown[]>(schema: z.ZodType<A>, args: unknown[]): A {
  const r = schema.safeParse(args);
  if (!r.success)
    throw new Error(`Invalid arguments: ${r.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ')}`);
  return r.data;
}

/** Errors crossing to the renderer: always an Error with a message, whatever was thrown. */
function asError(err: unknown): Error {
  if (err instanceof Error) return err;
  return new Error(typeof err === 'string' && err ? err : 'Something went wrong in the desktop app.');
}

export function registerIpcHandlers(ipcMain: IpcMain, services: MainServices): void {
  const api = createDesktopApi(services);
  const methods = Object.keys(ipcChannels) as IpcMethod[];
  for (const method of methods) {
    const schema = ipcArgs[method] as z.ZodType<unknown[]>;
    const call = api[method] as (...args: unknown[]) => Promise<unknown>;
    ipcMain.handle(ipcChannels[method], async (event, ...args: unknown[]) => {
      if (!services.isTrustedSender(event)) throw new Error('IPC call from an untrusted frame');
      try {
        return await call(...validated(schema, args));
      } catch (err) {
        throw asError(err);
      }
    });
  }
}

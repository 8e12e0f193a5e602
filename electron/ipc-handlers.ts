// The main-process side of the IPC contract: validate every argument, reject with an Error
// (never resolve with null for a failure), and keep models out: only paths and bytes move here.
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import type { z } from 'zod';
import { ipcChannels, openExternalArgs, saveWorkshopFileArgs, type DesktopApi, type AppInfo } from '../shared/ipc-contract';

export interface MainServices {
  appInfo(): AppInfo;
  openExternal(url: string): Promise<void>;
  /** shows a save dialog; resolves with the chosen path or null if cancelled */
  chooseSavePath(defaultName: string): Promise<string | null>;
  /** copies a workshop's file to a path */
  exportWorkshop(workshopId: string, path: string): Promise<void>;
  /** only the app's own windows may call in */
  isTrustedSender(event: IpcMainInvokeEvent): boolean;
}

export function createDesktopApi(services: MainServices) {
  return {
    appInfo: async () => services.appInfo(),
    openExternal: (url: string) => services.openExternal(url),
    saveWorkshopFile: async (workshopId: string) => {
      const path = await services.chooseSavePath(`${workshopId}.slcanvas`);
      if (!path) return null;
      await services.exportWorkshop(workshopId, path);
      return path;
    },
  } satisfies DesktopApi;
}

function validated<A extends unknown[]>(schema: z.ZodType<A>, args: unknown[]): A {
  const r = schema.safeParse(args);
  if (!r.success) throw new Error(`Invalid arguments: ${r.error.issues.map((i) => i.message).join('; ')}`);
  return r.data;
}

export function registerIpcHandlers(ipcMain: IpcMain, services: MainServices): void {
  const api = createDesktopApi(services);
  const guard = (event: IpcMainInvokeEvent) => {
    if (!services.isTrustedSender(event)) throw new Error('IPC call from an untrusted frame');
  };
  ipcMain.handle(ipcChannels.appInfo, (event) => {
    guard(event);
    return api.appInfo();
  });
  ipcMain.handle(ipcChannels.openExternal, (event, ...args: unknown[]) => {
    guard(event);
    const [url] = validated(openExternalArgs, args);
    return api.openExternal(url);
  });
  ipcMain.handle(ipcChannels.saveWorkshopFile, (event, ...args: unknown[]) => {
    guard(event);
    const [id] = validated(saveWorkshopFileArgs, args);
    return api.saveWorkshopFile(id);
  });
}

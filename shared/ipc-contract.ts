// The one contract between the Electron main process and the renderer. The main process
// implements it (`satisfies DesktopApi`), the preload exposes one function per method, and the
// renderer imports these types only. Every argument is validated in the main process.
import { z } from 'zod';

export const ipcChannels = {
  appInfo: 'slc:app-info',
  openExternal: 'slc:open-external',
  saveWorkshopFile: 'slc:save-workshop-file',
} as const;

export interface AppInfo {
  version: string;
  platform: string;
  /** the relay this window talks to, e.g. http://127.0.0.1:53011 */
  relayUrl: string;
}

export const openExternalArgs = z.tuple([z.url().refine((u) => /^https?:|^mailto:/.test(u), 'only web and mail links can be opened')]);
export const saveWorkshopFileArgs = z.tuple([z.string().regex(/^[a-z0-9]{20}$/, 'not a workshop id')]);

export interface DesktopApi {
  appInfo(): Promise<AppInfo>;
  /** opens a web or mail link (an academy's site or email) in the system browser */
  openExternal(url: string): Promise<void>;
  /** asks where to save a copy of the workshop file; resolves with the path, or null if cancelled */
  saveWorkshopFile(workshopId: string): Promise<string | null>;
}

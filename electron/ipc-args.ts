// The argument schemas of every IPC method: the main process validates each call against these
// before doing anything. Each is typed against the contract's own parameters, so a schema that
// lets through something the method does not take fails the typecheck.
import { z } from 'zod';
import { WORKSHOP_ID_PATTERN } from '../shared/protocol';
import type { DesktopApi, IpcMethod } from '../shared/ipc-contract';
import { isExternalLink } from './window-security';

const workshopId = z.string().regex(WORKSHOP_ID_PATTERN, 'not a workshop id');
const filePath = z.string().min(1, 'a file path is needed').max(4096, 'the file path is too long');

export const ipcArgs = {
  appInfo: z.tuple([]),
  openExternal: z.tuple([z.string().max(4096, 'the link is too long').refine(isExternalLink, 'only secure web pages and plain email links can be opened')]),
  saveWorkshopFile: z.tuple([workshopId]),
  openWorkshopFile: z.tuple([]),
  recentWorkshopFiles: z.tuple([]),
  openRecentWorkshopFile: z.tuple([filePath]),
  openJoinLink: z.tuple([z.string().trim().min(1, 'a link is needed').max(4096, 'the link is too long')]),
  presentOnSecondScreen: z.tuple([z.string().regex(/^#\/w\/[a-z0-9]{20}\?t=[A-Za-z0-9_%-]{1,200}&a=1$/, 'not an audience view of a workshop')]),
  hostingOptions: z.tuple([]),
  // Only the shape here: the main process also checks it is one of this computer's addresses.
  startHosting: z.tuple([z.ipv4('not an IPv4 address').nullable()]),
} satisfies { [M in IpcMethod]: z.ZodType<Parameters<DesktopApi[M]>> };

// The main-process side of the IPC contract: check the sender, validate every argument, and
// reject with an Error (never resolve with null for a failure; null means "cancelled"). Models
// stay out: only paths, links and small descriptions move here.
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import type { z } from 'zod';
import { ipcContract, ipcMethods, type DesktopApi, type IpcMethod } from '../shared/ipc-contract';
import { ipcArgs } from './ipc-args';

/** What the main process does for one method: DesktopApi's, but it may answer without a promise. */
type Implementation<M extends IpcMethod> = (...args: Parameters<DesktopApi[M]>) => ReturnType<DesktopApi[M]> | Awaited<ReturnType<DesktopApi[M]>>;

/** The main process's side of every method in the contract (see DesktopApi for what each does). */
export type MainServices = { [M in IpcMethod]: Implementation<M> } & {
  /** only the app's own windows may call in */
  isTrustedSender(event: IpcMainInvokeEvent): boolean;
};

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

/** One handler per method of the contract, on its channel, validating its arguments. */
export function registerIpcHandlers(ipcMain: IpcMain, services: MainServices): void {
  for (const method of ipcMethods) {
    const schema = ipcArgs[method] as z.ZodType<unknown[]>;
    const implementation = services[method] as (...args: unknown[]) => unknown;
    ipcMain.handle(ipcContract[method].channel, async (event, ...args: unknown[]) => {
      if (!services.isTrustedSender(event)) throw new Error('IPC call from an untrusted frame');
      try {
        return await implementation.apply(services, validated(schema, args));
      } catch (err) {
        throw asError(err);
      }
    });
  }
}

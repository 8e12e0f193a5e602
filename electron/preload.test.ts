import { describe, expect, it, vi } from 'vitest';
import { ipcChannels } from '../shared/ipc-contract';

const stub = vi.hoisted(() => ({ exposed: [] as [string, Record<string, (...a: unknown[]) => Promise<unknown>>][], invoked: [] as unknown[][] }));
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (name: string, api: never) => stub.exposed.push([name, api]) },
  ipcRenderer: {
    invoke: async (...args: unknown[]) => stub.invoked.push(args),
    on: () => {
      throw new Error('the preload must not listen on raw channels');
    },
  },
}));

await import('./preload');

describe('preload', () => {
  it('exposes one function per IPC method as window.desktop, and nothing else', () => {
    expect(stub.exposed).toHaveLength(1);
    const [name, api] = stub.exposed[0]!;
    expect(name).toBe('desktop');
    expect(Object.keys(api).sort()).toEqual(Object.keys(ipcChannels).sort());
    for (const fn of Object.values(api)) expect(typeof fn).toBe('function');
  });

  it('each function invokes its own channel with its arguments only', async () => {
    const api = stub.exposed[0]![1];
    await api.appInfo!();
    await api.openExternal!('https://a.example/');
    await api.saveWorkshopFile!('abcdefghij0123456789');
    await api.openWorkshopFile!();
    await api.recentWorkshopFiles!();
    await api.openRecentWorkshopFile!('/a.slcanvas');
    await api.openJoinLink!('slcanvas://x');
    await api.hostingOptions!();
    await api.startHosting!('192.168.1.20');
    await api.startHosting!(null);
    expect(stub.invoked).toEqual([
      [ipcChannels.appInfo],
      [ipcChannels.openExternal, 'https://a.example/'],
      [ipcChannels.saveWorkshopFile, 'abcdefghij0123456789'],
      [ipcChannels.openWorkshopFile],
      [ipcChannels.recentWorkshopFiles],
      [ipcChannels.openRecentWorkshopFile, '/a.slcanvas'],
      [ipcChannels.openJoinLink, 'slcanvas://x'],
      [ipcChannels.hostingOptions],
      [ipcChannels.startHosting, '192.168.1.20'],
      [ipcChannels.startHosting, null],
    ]);
  });
});

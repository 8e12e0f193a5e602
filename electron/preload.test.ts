import { describe, expect, it, vi } from 'vitest';
import { ipcChannels, ipcContract, ipcMethods } from '../shared/ipc-contract';

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
  it('exposes exactly the contract’s methods as window.desktop, and nothing else', () => {
    expect(stub.exposed).toHaveLength(1);
    const [name, api] = stub.exposed[0]!;
    expect(name).toBe('desktop');
    expect(Object.keys(api).sort()).toEqual(Object.keys(ipcContract).sort());
    expect(Object.keys(api).sort()).toEqual([...ipcMethods].sort());
    for (const fn of Object.values(api)) expect(typeof fn).toBe('function');
    // the page cannot add to it or swap a function for its own
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('gives every method a channel of its own', () => {
    const channels = ipcMethods.map((m) => ipcContract[m].channel);
    expect(new Set(channels).size).toBe(channels.length);
    for (const m of ipcMethods) expect(ipcChannels[m]).toBe(ipcContract[m].channel);
  });

  it('passes on exactly the method’s own number of arguments', async () => {
    const api = stub.exposed[0]![1];
    stub.invoked.length = 0;
    await api.appInfo!('extra', { sneaky: true });
    await api.openExternal!('https://a.example/', 'extra');
    await api.startHosting!('192.168.1.20', 'extra');
    // a missing argument is not made up here; the main process refuses the call
    await api.saveWorkshopFile!();
    expect(stub.invoked).toEqual([
      [ipcChannels.appInfo],
      [ipcChannels.openExternal, 'https://a.example/'],
      [ipcChannels.startHosting, '192.168.1.20'],
      [ipcChannels.saveWorkshopFile],
    ]);
    stub.invoked.length = 0;
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

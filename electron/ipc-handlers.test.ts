import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { join } from 'node:path';
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { ipcChannels, type IpcMethod } from '../shared/ipc-contract';
import { registerIpcHandlers, type MainServices } from './ipc-handlers';
import { DesktopController, type DesktopUi } from './desktop-controller';
import { WorkshopLibrary } from './workshop-files';
import { RecentFiles } from './recent-files';
import { SessionMarker } from './session-marker';
import { makeWorkshopFile, removeTempDirs, tempDir } from './test-helpers';

vi.mock('electron', () => ({}));

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>;

function fakeIpcMain() {
  const handlers = new Map<string, Handler>();
  const ipcMain = { handle: vi.fn((channel: string, h: Handler) => void handlers.set(channel, h)) };
  return { ipcMain: ipcMain as unknown as IpcMain, handlers };
}

const trusted = { senderFrame: { url: 'http://127.0.0.1:5000/#/' } } as unknown as IpcMainInvokeEvent;
const untrusted = { senderFrame: { url: 'https://evil.example/' } } as unknown as IpcMainInvokeEvent;
const workshopId = 'abcdefghij0123456789';

function stubServices(overrides: Partial<MainServices> = {}): MainServices {
  return {
    appInfo: vi.fn(() => ({ version: '0.1.0', platform: 'linux', relayUrl: 'http://127.0.0.1:5000', workshopsFolder: '/data/workshops' })),
    openExternal: vi.fn(async () => {}),
    saveWorkshopFile: vi.fn(async () => '/home/h/plan.slcanvas'),
    openWorkshopFile: vi.fn(async () => ({ workshopId, title: 'Plan', outcome: 'imported' as const })),
    recentWorkshopFiles: vi.fn(() => []),
    openRecentWorkshopFile: vi.fn(async () => null),
    openJoinLink: vi.fn(),
    presentOnSecondScreen: vi.fn(() => true),
    hostingOptions: vi.fn(() => ({ interfaces: [{ name: 'en0', address: '192.168.1.20' }], hosting: null })),
    startHosting: vi.fn(async (address: string | null) => (address ? { address, port: 5000 } : null)),
    isTrustedSender: (e) => (e.senderFrame?.url ?? '').startsWith('http://127.0.0.1:5000/'),
    ...overrides,
  };
}

function setup(services = stubServices()) {
  const { ipcMain, handlers } = fakeIpcMain();
  registerIpcHandlers(ipcMain, services);
  const call = (method: IpcMethod, event: IpcMainInvokeEvent, ...args: unknown[]) => handlers.get(ipcChannels[method])!(event, ...args);
  return { services, handlers, call };
}

describe('IPC handlers', () => {
  it('handle every channel of the contract, and only those', () => {
    const { handlers } = setup();
    expect([...handlers.keys()].sort()).toEqual(Object.values(ipcChannels).sort());
  });

  it('reject calls from any frame but the app’s own, before doing anything', async () => {
    const { call, services } = setup();
    for (const method of Object.keys(ipcChannels) as IpcMethod[]) {
      await expect(call(method, untrusted, 'x'), method).rejects.toThrow('IPC call from an untrusted frame');
    }
    expect(services.openExternal).not.toHaveBeenCalled();
    expect(services.saveWorkshopFile).not.toHaveBeenCalled();
    expect(services.openJoinLink).not.toHaveBeenCalled();
  });

  it('pass valid arguments through and return the result', async () => {
    const { call, services } = setup();
    expect(await call('appInfo', trusted)).toMatchObject({ relayUrl: 'http://127.0.0.1:5000' });
    await call('openExternal', trusted, 'https://www.leadershipacademy.nhs.uk/');
    expect(services.openExternal).toHaveBeenCalledWith('https://www.leadershipacademy.nhs.uk/');
    await call('openExternal', trusted, 'mailto:academy@nhs.net');
    expect(await call('saveWorkshopFile', trusted, workshopId)).toBe('/home/h/plan.slcanvas');
    expect(await call('openWorkshopFile', trusted)).toMatchObject({ workshopId });
    expect(await call('recentWorkshopFiles', trusted)).toEqual([]);
    expect(await call('openRecentWorkshopFile', trusted, '/home/h/plan.slcanvas')).toBeNull();
    await call('openJoinLink', trusted, '  https://h.example/#/w/x?t=1 ');
    expect(services.openJoinLink).toHaveBeenCalledWith('https://h.example/#/w/x?t=1');
    expect(await call('hostingOptions', trusted)).toEqual({ interfaces: [{ name: 'en0', address: '192.168.1.20' }], hosting: null });
    expect(await call('startHosting', trusted, '192.168.1.20')).toEqual({ address: '192.168.1.20', port: 5000 });
    expect(await call('startHosting', trusted, null)).toBeNull();
    expect(services.startHosting).toHaveBeenCalledTimes(2);
  });

  it('reject bad arguments with an Error naming the problem', async () => {
    const { call, services } = setup();
    const bad: [IpcMethod, unknown[]][] = [
      ['appInfo', ['extra']],
      ['openExternal', []],
      ['openExternal', ['file:///etc/passwd']],
      ['openExternal', ['javascript:alert(1)']],
      ['openExternal', ['mailto:a@b.c?attach=/etc/passwd']],
      ['openExternal', ['smb://server/share']],
      ['openExternal', [42]],
      ['openExternal', ['https://a.example/', 'extra']],
      ['saveWorkshopFile', []],
      ['saveWorkshopFile', ['../../etc/passwd']],
      ['saveWorkshopFile', [{ id: workshopId }]],
      ['saveWorkshopFile', [workshopId.toUpperCase()]],
      ['openWorkshopFile', ['/etc/passwd']],
      ['recentWorkshopFiles', [1]],
      ['openRecentWorkshopFile', []],
      ['openRecentWorkshopFile', ['']],
      ['openRecentWorkshopFile', ['x'.repeat(5000)]],
      ['openRecentWorkshopFile', [null]],
      ['openJoinLink', ['   ']],
      ['openJoinLink', [['https://a.example/']]],
      ['presentOnSecondScreen', ['https://evil.example/']],
      ['presentOnSecondScreen', [`#/w/${workshopId}?t=abc`]],
      ['presentOnSecondScreen', [`#/w/${workshopId}?t=abc&a=1&x=<script>`]],
      ['hostingOptions', ['en0']],
      ['startHosting', []],
      ['startHosting', ['en0']],
      ['startHosting', ['192.168.1.20:80']],
      ['startHosting', ['::1']],
      ['startHosting', ['192.168.1.256']],
      ['startHosting', [{ address: '192.168.1.20' }]],
      ['startHosting', ['192.168.1.20', 'extra']],
    ];
    for (const [method, args] of bad) {
      const err = await call(method, trusted, ...args).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err, `${method}(${JSON.stringify(args)})`).toBeInstanceOf(Error);
      expect((err as Error).message).toMatch(/^Invalid arguments: /);
    }
    expect(services.openExternal).not.toHaveBeenCalled();
    expect(services.saveWorkshopFile).not.toHaveBeenCalled();
    expect(services.openRecentWorkshopFile).not.toHaveBeenCalled();
    expect(services.openJoinLink).not.toHaveBeenCalled();
    expect(services.startHosting).not.toHaveBeenCalled();
    expect(services.presentOnSecondScreen).not.toHaveBeenCalled();
  });

  it('pass an audience view of a workshop to the second screen', async () => {
    const { ipcMain, handlers } = fakeIpcMain();
    const services = stubServices();
    registerIpcHandlers(ipcMain, services);
    const h = handlers.get(ipcChannels.presentOnSecondScreen)!;
    expect(await h(trusted, `#/w/${workshopId}?t=tok_en-1&a=1`)).toBe(true);
    expect(services.presentOnSecondScreen).toHaveBeenCalledWith(`#/w/${workshopId}?t=tok_en-1&a=1`);
  });

  it('turn a failure into a rejection with an Error, never a null result', async () => {
    const { call } = setup(
      stubServices({
        openWorkshopFile: vi.fn(async () => {
          throw new Error('“x.slcanvas” could not be opened.');
        }),
        openJoinLink: vi.fn(() => {
          throw 'not a workshop link';
        }),
        openExternal: vi.fn(async () => Promise.reject(undefined)),
        startHosting: vi.fn(async () => {
          throw new Error("10.0.0.9 is not one of this computer's network addresses.");
        }),
      }),
    );
    await expect(call('startHosting', trusted, '10.0.0.9')).rejects.toThrow("10.0.0.9 is not one of this computer's network addresses.");
    await expect(call('openWorkshopFile', trusted)).rejects.toThrow('“x.slcanvas” could not be opened.');
    await expect(call('openJoinLink', trusted, 'x')).rejects.toThrow('not a workshop link');
    await expect(call('openExternal', trusted, 'https://a.example/')).rejects.toThrow(/Something went wrong/);
  });
});

describe('saveWorkshopFile through the real controller', () => {
  let userData: string;
  let chosen: string | null;
  let controller: DesktopController;
  beforeEach(() => {
    userData = tempDir();
    const library = new WorkshopLibrary(join(userData, 'workshops'), join(userData, 'staging'));
    makeWorkshopFile(library.pathOf(workshopId), { id: workshopId, title: 'Plan' });
    const ui = {
      showInMainWindow: vi.fn(),
      openJoinWindow: vi.fn(),
      chooseFileToOpen: vi.fn(async () => null),
      chooseSavePath: vi.fn(async () => chosen),
      askAboutConflict: vi.fn(async () => 'cancel' as const),
      askToRecover: vi.fn(async () => false),
      showError: vi.fn(),
      readClipboard: vi.fn(async () => ''),
      menuChanged: vi.fn(),
      focus: vi.fn(),
    } satisfies DesktopUi;
    controller = new DesktopController({
      library,
      recent: new RecentFiles(userData),
      marker: new SessionMarker(userData),
      appOrigin: 'http://127.0.0.1:5000',
      ui,
    });
  });
  afterEach(() => removeTempDirs());

  const servicesFor = () => stubServices({ saveWorkshopFile: (id) => controller.saveAs(id), openRecentWorkshopFile: (p) => controller.openRecent(p) });

  it('resolves null when the person cancels the save dialog', async () => {
    chosen = null;
    expect(await setup(servicesFor()).call('saveWorkshopFile', trusted, workshopId)).toBeNull();
  });

  it('resolves with the path written', async () => {
    chosen = join(userData, 'out.slcanvas');
    expect(await setup(servicesFor()).call('saveWorkshopFile', trusted, workshopId)).toBe(chosen);
  });

  it('rejects when the copy cannot be written', async () => {
    chosen = join(userData, 'no-such-folder', 'out.slcanvas');
    await expect(setup(servicesFor()).call('saveWorkshopFile', trusted, workshopId)).rejects.toThrow(/could not be saved to “out\.slcanvas”/);
  });

  it('rejects for a workshop this computer does not keep', async () => {
    chosen = join(userData, 'out.slcanvas');
    await expect(setup(servicesFor()).call('saveWorkshopFile', trusted, 'zzzzzzzzzzzzzzzzzzzz')).rejects.toThrow(/not on this computer/);
  });

  it('refuses to open a path that is not in the recent list', async () => {
    await expect(setup(servicesFor()).call('openRecentWorkshopFile', trusted, '/etc/passwd')).rejects.toThrow(/not in the list of recent workshops/);
  });
});

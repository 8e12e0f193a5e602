// Exposes exactly one function per IPC method; the renderer never sees ipcRenderer itself.
import { contextBridge, ipcRenderer } from 'electron';
import { ipcChannels, type DesktopApi } from '../shared/ipc-contract';

const api: DesktopApi = {
  appInfo: () => ipcRenderer.invoke(ipcChannels.appInfo),
  openExternal: (url) => ipcRenderer.invoke(ipcChannels.openExternal, url),
  saveWorkshopFile: (id) => ipcRenderer.invoke(ipcChannels.saveWorkshopFile, id),
};

contextBridge.exposeInMainWorld('desktop', api);

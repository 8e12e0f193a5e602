// Exposes exactly one function per IPC method; the renderer never sees ipcRenderer itself.
import { contextBridge, ipcRenderer } from 'electron';
import { ipcChannels, type DesktopApi } from '../shared/ipc-contract';

export const desktopApi: DesktopApi = {
  appInfo: () => ipcRenderer.invoke(ipcChannels.appInfo),
  openExternal: (url) => ipcRenderer.invoke(ipcChannels.openExternal, url),
  saveWorkshopFile: (workshopId) => ipcRenderer.invoke(ipcChannels.saveWorkshopFile, workshopId),
  openWorkshopFile: () => ipcRenderer.invoke(ipcChannels.openWorkshopFile),
  recentWorkshopFiles: () => ipcRenderer.invoke(ipcChannels.recentWorkshopFiles),
  openRecentWorkshopFile: (path) => ipcRenderer.invoke(ipcChannels.openRecentWorkshopFile, path),
  openJoinLink: (link) => ipcRenderer.invoke(ipcChannels.openJoinLink, link),
  presentOnSecondScreen: (hash) => ipcRenderer.invoke(ipcChannels.presentOnSecondScreen, hash),
  hostingOptions: () => ipcRenderer.invoke(ipcChannels.hostingOptions),
  startHosting: (address) => ipcRenderer.invoke(ipcChannels.startHosting, address),
};

contextBridge.exposeInMainWorld('desktop', desktopApi);

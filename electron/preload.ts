// Exposes exactly the contract's methods, made from shared/ipc-contract.ts; the renderer never
// sees ipcRenderer itself.
import { contextBridge, ipcRenderer } from 'electron';
import { desktopApiOver } from '../shared/ipc-contract';

export const desktopApi = desktopApiOver((channel, ...args) => ipcRenderer.invoke(channel, ...args));

contextBridge.exposeInMainWorld('desktop', desktopApi);

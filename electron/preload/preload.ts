import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_KEY, IPC_CHANNELS, type AkimatBridge } from '../../shared/ipc/channels';

// The only door between the page and the shell: named methods, never ipcRenderer itself.
const bridge: AkimatBridge = {
  appInfo: () => ipcRenderer.invoke(IPC_CHANNELS.appInfo),
  printToPdf: (request) => ipcRenderer.invoke(IPC_CHANNELS.printToPdf, request),
  setLanguage: (language) => ipcRenderer.invoke(IPC_CHANNELS.setLanguage, language),
  setHubLink: (link) => ipcRenderer.invoke(IPC_CHANNELS.setHubLink, link),
  saveBackup: (request) => ipcRenderer.invoke(IPC_CHANNELS.saveBackup, request),
  dataKey: () => ipcRenderer.invoke(IPC_CHANNELS.dataKey),
  checkForUpdate: (request) => ipcRenderer.invoke(IPC_CHANNELS.checkForUpdate, request),
  downloadUpdate: () => ipcRenderer.invoke(IPC_CHANNELS.downloadUpdate),
  installUpdate: () => ipcRenderer.invoke(IPC_CHANNELS.installUpdate),
};

contextBridge.exposeInMainWorld(BRIDGE_KEY, bridge);

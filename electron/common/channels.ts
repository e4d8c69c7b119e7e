// IPC channel names shared by the preload bridge and the main process. Nothing else crosses the process boundary.
export const IPC = {
  // renderer → main, request/response (ipcRenderer.invoke / ipcMain.handle)
  openFile: 'file:open',
  openPath: 'file:open-path',
  saveFile: 'file:save',
  recentFiles: 'file:recent',
  simulate: 'engine:simulate',
  cancelSimulation: 'engine:cancel',
  recoveryWrite: 'recovery:write',
  recoveryClear: 'recovery:clear',
  // renderer → main, one way (ipcRenderer.send / ipcMain.on)
  setTitle: 'window:set-title',
  // main → renderer
  command: 'app:command',
  openRequest: 'app:open-request',
} as const;

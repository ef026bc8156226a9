/**
 * The application menu: File › Open capture… beside the tray's entry (and drag and drop on the
 * window), with the standard Edit and View roles so copy, paste and reload work as everywhere.
 * A plain template, so it is tested without Electron; main.ts builds it with Menu.
 */
import type { MenuItemConstructorOptions } from 'electron';

export interface AppMenuActions {
  openCapture(): void;
  importCapture(): void;
  exportAll(): void;
}

export function appMenuTemplate(actions: AppMenuActions, platform: NodeJS.Platform = process.platform): MenuItemConstructorOptions[] {
  return [
    ...(platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'Open capture (read-only)…', accelerator: 'CmdOrCtrl+O', click: () => actions.openCapture() },
        { label: 'Import capture into the inbox…', click: () => actions.importCapture() },
        { label: 'Export all events…', accelerator: 'CmdOrCtrl+E', click: () => actions.exportAll() },
        { type: 'separator' },
        { role: platform === 'darwin' ? 'close' : 'quit' },
      ],
    },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
  ];
}

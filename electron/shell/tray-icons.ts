/**
 * Which PNG under build/icons/ shows a tray state. Electron picks the @2x sibling itself on
 * high-DPI screens. On macOS the idle icon is a template image so it follows the menu bar's
 * light/dark appearance; the coloured states stay coloured so they stand out.
 */
import type { TrayIcon } from './tray-model';

export const TRAY_SIZE = { darwin: 16, other: 32 } as const;

export function trayIconFile(icon: TrayIcon, platform: NodeJS.Platform): string {
  if (platform === 'darwin') return icon === 'idle' ? 'trayTemplate.png' : `tray-${icon}-16.png`;
  // Windows and Linux trays want ~16–32 px; 32 px downscales cleanly.
  return `tray-${icon}-32.png`;
}

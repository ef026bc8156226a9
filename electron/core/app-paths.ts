/**
 * Where Connector Inbox keeps its data by default: the per-user app-data folder Electron
 * uses for "Connector Inbox", so the desktop app and the CLI share one inbox.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

export const PRODUCT_NAME = 'Connector Inbox';

export function appDataRoot(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return env.APPDATA ?? join(homedir(), 'AppData', 'Roaming');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support');
  return env.XDG_CONFIG_HOME || join(homedir(), '.config');
}

/** `<app data>/Connector Inbox/data` */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  return join(appDataRoot(env, platform), PRODUCT_NAME, 'data');
}

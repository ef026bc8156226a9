/**
 * Core errors worded for the desktop app's dialogs: the remedy names what a desktop user can
 * change (the app's settings file, another running copy), never a command-line flag.
 */
import { CoreError } from '../core/errors';

export interface DesktopWording {
  /** the desktop settings file (settings.json), where receiverPort is set */
  settingsPath: string;
}

export function wordForDesktop(e: unknown, where: DesktopWording): string {
  if (!CoreError.is(e)) return (e as Error).message;
  switch (e.code) {
    case 'port_in_use': {
      const { port } = (e as CoreError<'port_in_use'>).details;
      return `Port ${port} is already in use by another program, so Connector Inbox cannot receive events on it. ` +
        `Quit that program, or set "receiverPort" to a free port in ${where.settingsPath} and start Connector Inbox again.`;
    }
    case 'data_dir_unusable':
      return `${e.message}. Check that this folder exists and that you may write to it.`;
    case 'data_dir_busy': {
      const { pid, raced } = (e as CoreError<'data_dir_busy'>).details;
      if (raced) return `${e.message}. Start Connector Inbox again.`;
      return `Another Connector Inbox${pid === null ? '' : ` (process ${pid})`} is using this app's data folder, ` +
        'for example a "connector-inbox serve" in a terminal. Stop it, then start Connector Inbox again.';
    }
    default:
      return e.message;
  }
}

/**
 * The tray as data: which icon, what tooltip, which menu, from the app's state. Pure, so every
 * state is tested without Electron; tray.ts turns it into a real Tray and Menu.
 */
import type { AppStatus } from '../../shared/api/contract';
import { failingSentence } from '../../shared/forward-rules';
import type { Pause } from './notification-policy';

export type TrayIcon = 'idle' | 'online' | 'activity' | 'error';

export type TrayAction =
  | 'copyUrl' | 'openInspector' | 'pause1h' | 'pauseUntilResumed' | 'resume'
  | 'startTunnel' | 'stopTunnel' | 'export' | 'import' | 'openCapture' | 'quit' | 'dtReenable';

export interface TrayMenuItem {
  label?: string;
  action?: TrayAction;
  enabled?: boolean;
  separator?: true;
  submenu?: TrayMenuItem[];
}

export interface TrayInput {
  /** null until the service has answered once */
  status: AppStatus | null;
  events: number;
  rejected: number;
  /** an event arrived in the last few seconds */
  activity: boolean;
  pause: Pause;
  now: number;
  /** the DT connector that follows the inbox, when there is one */
  dt?: DtTrayState | null;
}

export interface DtTrayState {
  connectorId?: string;
  /** DT disabled it after failed deliveries (queue dropped): shown as an error with a re-enable item */
  systemDisabled: boolean;
}

export interface TrayView {
  icon: TrayIcon;
  tooltip: string;
  menu: TrayMenuItem[];
}

/** Windows cuts tray tooltips at 127 characters. */
const TOOLTIP_MAX = 127;

export function trayView(input: TrayInput): TrayView {
  const { status } = input;
  const tunnel = status?.tunnel ?? { state: 'off' as const };
  const storageBroken = status ? !status.storage.ok : false;
  const dtDown = input.dt?.systemDisabled === true;
  const icon: TrayIcon =
    tunnel.state === 'error' || storageBroken || dtDown ? 'error' : input.activity ? 'activity' : tunnel.state === 'online' ? 'online' : 'idle';

  const counts = `${input.events} event${input.events === 1 ? '' : 's'}${input.rejected ? `, ${input.rejected} rejected` : ''}`;
  const tunnelText = tunnelLine(tunnel);
  // before the tunnel line: Windows cuts at 127 characters, and a failing receiver is the news
  const failing = status?.forward ? failingSentence(status.forward) : null;
  const forwardLine = failing ? `Forwarding: ${failing.charAt(0).toLowerCase()}${failing.slice(1)}\n` : '';
  const tooltip = clip(`Connector Inbox — ${counts}\n${forwardLine}${storageBroken ? 'Storage error! ' : ''}${dtDown ? 'DT connector SYSTEM_DISABLED! ' : ''}${tunnelText}`);

  const running = tunnel.state === 'online' || tunnel.state === 'connecting' || tunnel.state === 'reconnecting';
  const urlItem: TrayMenuItem =
    tunnel.state === 'online'
      ? { label: `${tunnel.url}  (click to copy)`, action: 'copyUrl' }
      : { label: `Public URL: ${tunnelText}`, enabled: false };

  return {
    icon,
    tooltip,
    menu: [
      urlItem,
      ...(dtDown ? [{ label: `DT disabled connector ${input.dt!.connectorId ?? ''} — re-enable`.replace('  ', ' '), action: 'dtReenable' as const }] : []),
      { separator: true },
      { label: 'Open inspector', action: 'openInspector' },
      { label: pauseLabel(input.pause, input.now), submenu: pauseMenu(input.pause, input.now) },
      running ? { label: 'Stop tunnel', action: 'stopTunnel' } : { label: 'Start tunnel', action: 'startTunnel', enabled: status !== null },
      { label: 'Export all events as JSON…', action: 'export', enabled: input.events > 0 },
      { label: 'Import capture…', action: 'import' },
      // read-only, in a window of its own: nothing is stored (electron/shell/capture-windows.ts)
      { label: 'Open capture…', action: 'openCapture' },
      { separator: true },
      { label: 'Quit Connector Inbox', action: 'quit' },
    ],
  };
}

function tunnelLine(t: AppStatus['tunnel']): string {
  switch (t.state) {
    case 'off': return 'tunnel off';
    case 'connecting': return 'tunnel connecting…';
    case 'online': return `tunnel online ${t.url}`;
    case 'reconnecting': return `tunnel reconnecting (${t.message})`;
    case 'error': return `tunnel error: ${t.message}`;
  }
}

function isPaused(pause: Pause, now: number): boolean {
  return pause !== null && (pause.until === 'resumed' || pause.until > now);
}

function pauseLabel(pause: Pause, now: number): string {
  if (!isPaused(pause, now)) return 'Pause notifications';
  if (pause!.until === 'resumed') return 'Notifications paused';
  const mins = Math.max(1, Math.ceil(((pause!.until as number) - now) / 60_000));
  return `Notifications paused (${mins} min left)`;
}

function pauseMenu(pause: Pause, now: number): TrayMenuItem[] {
  return isPaused(pause, now)
    ? [{ label: 'Resume notifications', action: 'resume' }]
    : [
        { label: 'For 1 hour', action: 'pause1h' },
        { label: 'Until resumed', action: 'pauseUntilResumed' },
      ];
}

function clip(s: string): string {
  return s.length <= TOOLTIP_MAX ? s : `${s.slice(0, TOOLTIP_MAX - 1)}…`;
}

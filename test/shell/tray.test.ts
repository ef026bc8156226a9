import { afterEach, describe, expect, it, vi } from 'vitest';
import { trayView, type TrayAction, type TrayInput, type TrayMenuItem } from '../../electron/shell/tray-model';
import { createTrayController, type TrayLike } from '../../electron/shell/tray';
import { trayIconFile } from '../../electron/shell/tray-icons';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { appStatus } from './fixtures';

const NOW = 1_700_000_000_000;
const input = (over: Partial<TrayInput> = {}): TrayInput => ({ status: appStatus(), events: 0, rejected: 0, activity: false, pause: null, now: NOW, ...over });
const labels = (menu: TrayMenuItem[]) => menu.map((m) => (m.separator ? '---' : m.label));
const find = (menu: TrayMenuItem[], action: TrayAction) => menu.flatMap((m) => [m, ...(m.submenu ?? [])]).find((m) => m.action === action);

describe('tray model', () => {
  it('picks the icon from tunnel, storage and activity', () => {
    expect(trayView(input()).icon).toBe('idle');
    expect(trayView(input({ status: appStatus({ state: 'online', url: 'https://a.ngrok.app' }) })).icon).toBe('online');
    expect(trayView(input({ activity: true })).icon).toBe('activity');
    expect(trayView(input({ activity: true, status: appStatus({ state: 'error', code: 'offline', message: 'x' }) })).icon).toBe('error');
    expect(trayView(input({ status: appStatus({ state: 'off' }, { storage: { ok: false, message: 'disk full', since: '' } }) })).icon).toBe('error');
  });

  it('tooltip has counts and the tunnel state, within Windows limits', () => {
    const v = trayView(input({ events: 1234, rejected: 3, status: appStatus({ state: 'online', url: 'https://a.ngrok.app' }) }));
    expect(v.tooltip).toBe('Connector Inbox — 1234 events, 3 rejected\ntunnel online https://a.ngrok.app');
    const long = trayView(input({ status: appStatus({ state: 'error', code: 'unknown', message: 'x'.repeat(500) }) }));
    expect(long.tooltip.length).toBeLessThanOrEqual(127);
  });

  it('tooltip says when forwarding keeps failing, and nothing while it delivers', () => {
    const f = { url: 'http://127.0.0.1:3000/dt', queueDepth: 3, inFlight: 0, delivered3h: 1, failed3h: 4, p99LatencyMs: 9, failingSince: new Date(2026, 0, 5, 14, 2).toISOString(), lastOutcome: 500 as const, lastErrors: [], givenUp: 0 };
    const online = { state: 'online' as const, url: 'https://a.ngrok.app' };
    expect(trayView(input({ events: 2, status: appStatus(online, { forward: f }) })).tooltip)
      .toBe('Connector Inbox — 2 events\nForwarding: your receiver answers 500 since 14:02\ntunnel online https://a.ngrok.app');
    expect(trayView(input({ status: appStatus(online, { forward: { ...f, lastOutcome: 'error' } }) })).tooltip).toContain('Forwarding: your receiver cannot be reached since 14:02');
    expect(trayView(input({ status: appStatus(online, { forward: { ...f, lastOutcome: 'timeout' } }) })).tooltip).toContain('Forwarding: your receiver does not answer since 14:02');
    expect(trayView(input({ status: appStatus(online, { forward: { ...f, failingSince: null, lastOutcome: 200 } }) })).tooltip).not.toContain('Forwarding');
    const long = trayView(input({ status: appStatus({ state: 'error', code: 'unknown', message: 'x'.repeat(500) }, { forward: f }) }));
    expect(long.tooltip.length).toBeLessThanOrEqual(127);
    expect(long.tooltip).toContain('Forwarding: your receiver answers 500 since 14:02');
  });

  it('menu: URL to copy, inspector, pause, tunnel toggle, export, import, quit', () => {
    const online = trayView(input({ events: 5, status: appStatus({ state: 'online', url: 'https://a.ngrok.app' }) }));
    expect(labels(online.menu)).toEqual([
      'https://a.ngrok.app  (click to copy)', '---', 'Open inspector', 'Pause notifications', 'Stop tunnel', 'Export all events as JSON…', 'Import capture…', 'Open capture…', '---', 'Quit Connector Inbox',
    ]);
    expect(find(online.menu, 'copyUrl')).toBeTruthy();
    expect(find(online.menu, 'pause1h')?.label).toBe('For 1 hour');
    expect(find(online.menu, 'pauseUntilResumed')?.label).toBe('Until resumed');
    const off = trayView(input());
    expect(off.menu[0]).toEqual({ label: 'Public URL: tunnel off', enabled: false });
    expect(find(off.menu, 'startTunnel')?.label).toBe('Start tunnel');
    expect(find(off.menu, 'export')?.enabled).toBe(false); // nothing to export yet
  });

  it('shows the pause and offers resume', () => {
    const v = trayView(input({ pause: { until: NOW + 30 * 60_000 } }));
    expect(v.menu.find((m) => m.submenu)?.label).toBe('Notifications paused (30 min left)');
    expect(find(v.menu, 'resume')).toBeTruthy();
    expect(trayView(input({ pause: { until: NOW - 1 } })).menu.find((m) => m.submenu)?.label).toBe('Pause notifications');
  });

  it('icon files exist for every state and platform', () => {
    for (const icon of ['idle', 'online', 'activity', 'error'] as const) {
      for (const platform of ['darwin', 'win32', 'linux'] as const) {
        const file = trayIconFile(icon, platform);
        expect(existsSync(join('build', 'icons', file)), file).toBe(true);
        expect(existsSync(join('build', 'icons', file.replace('.png', '@2x.png'))), `${file} @2x`).toBe(true);
      }
    }
  });
});

describe('tray controller', () => {
  afterEach(() => vi.useRealTimers());

  function fakeTray() {
    const calls: string[] = [];
    let menu: Array<{ label?: string; click?: () => void; submenu?: unknown }> = [];
    const tray: TrayLike = {
      setImage: (img) => calls.push(`image ${String(img)}`),
      setToolTip: (t) => calls.push(`tooltip ${t.split('\n')[0]}`),
      setContextMenu: (m) => {
        menu = m as typeof menu;
        calls.push('menu');
      },
      on: () => undefined,
      destroy: () => calls.push('destroy'),
    };
    return { tray, calls, menu: () => menu };
  }

  it('renders on change only, flashes activity, and wires menu clicks to actions', () => {
    vi.useFakeTimers();
    const f = fakeTray();
    const actions = Object.fromEntries(
      (['copyUrl', 'openInspector', 'pause1h', 'pauseUntilResumed', 'resume', 'startTunnel', 'stopTunnel', 'export', 'quit'] as const).map((a) => [a, vi.fn()]),
    ) as Record<TrayAction, ReturnType<typeof vi.fn>>;
    const c = createTrayController({ createTray: () => f.tray, buildMenu: (t) => t, image: (i) => i, actions: actions as unknown as Record<TrayAction, () => void>, activityMs: 3000, now: () => NOW });
    c.update({ status: appStatus({ state: 'online', url: 'https://a.ngrok.app' }), events: 2 });
    const before = f.calls.length;
    c.update({ events: 2 }); // nothing changed
    expect(f.calls.length).toBe(before);
    c.activity();
    expect(c.view().icon).toBe('activity');
    vi.advanceTimersByTime(3000);
    expect(c.view().icon).toBe('online');
    expect(f.calls.filter((x) => x.startsWith('image'))).toEqual(['image idle', 'image online', 'image activity', 'image online']);
    f.menu().find((m) => m.label === 'Open inspector')!.click!();
    f.menu()[0]!.click!();
    expect(actions.openInspector).toHaveBeenCalledOnce();
    expect(actions.copyUrl).toHaveBeenCalledOnce();
    c.dispose();
    expect(f.calls.at(-1)).toBe('destroy');
  });
});

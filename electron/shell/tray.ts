/**
 * The tray icon as one object with a lifecycle (create, update, dispose). Electron's Tray,
 * Menu and image loading are injected; the view itself comes from tray-model.ts.
 */
import type { MenuItemConstructorOptions } from 'electron';
import { trayView, type TrayAction, type TrayIcon, type TrayInput, type TrayMenuItem, type TrayView } from './tray-model';

/** The part of Electron's `Tray` we use. */
export interface TrayLike {
  setImage(image: unknown): void;
  setToolTip(tooltip: string): void;
  setContextMenu(menu: unknown): void;
  on(event: 'click', listener: () => void): unknown;
  destroy(): void;
}

export interface TrayDeps {
  createTray(image: unknown): TrayLike;
  /** `Menu.buildFromTemplate` */
  buildMenu(template: MenuItemConstructorOptions[]): unknown;
  /** the image for a state; on macOS the idle one is a template image */
  image(icon: TrayIcon): unknown;
  actions: Record<TrayAction, () => void>;
  /** click on the icon itself (Windows/Linux convention: open the window) */
  onClick?: () => void;
  /** how long the activity icon stays after an event */
  activityMs?: number;
  now?: () => number;
}

export interface TrayController {
  update(patch: Partial<Omit<TrayInput, 'now' | 'activity'>>): void;
  /** an event arrived: show the activity icon for a moment */
  activity(): void;
  view(): TrayView;
  dispose(): void;
}

export function createTrayController(deps: TrayDeps): TrayController {
  const now = deps.now ?? Date.now;
  let input: Omit<TrayInput, 'now'> = { status: null, events: 0, rejected: 0, activity: false, pause: null };
  let activityTimer: ReturnType<typeof setTimeout> | null = null;
  let shown: { icon?: TrayIcon; tooltip?: string; menu?: string } = {};
  let current = trayView({ ...input, now: now() });
  const tray = deps.createTray(deps.image(current.icon));
  if (deps.onClick) tray.on('click', deps.onClick);

  const render = () => {
    current = trayView({ ...input, now: now() });
    // Rebuilding menus and images on every event would flicker on some Linux trays: only on change.
    if (shown.icon !== current.icon) tray.setImage(deps.image(current.icon));
    if (shown.tooltip !== current.tooltip) tray.setToolTip(current.tooltip);
    const menuKey = JSON.stringify(current.menu);
    if (shown.menu !== menuKey) tray.setContextMenu(deps.buildMenu(current.menu.map((m) => toTemplate(m, deps.actions))));
    shown = { icon: current.icon, tooltip: current.tooltip, menu: menuKey };
  };
  render();

  return {
    update(patch) {
      input = { ...input, ...patch };
      render();
    },
    activity() {
      input = { ...input, activity: true };
      render();
      if (activityTimer) clearTimeout(activityTimer);
      activityTimer = setTimeout(() => {
        activityTimer = null;
        input = { ...input, activity: false };
        render();
      }, deps.activityMs ?? 3_000);
    },
    view: () => current,
    dispose() {
      if (activityTimer) clearTimeout(activityTimer);
      tray.destroy();
    },
  };
}

/** Model item → Electron menu template item. */
export function toTemplate(item: TrayMenuItem, actions: Record<TrayAction, () => void>): MenuItemConstructorOptions {
  if (item.separator) return { type: 'separator' };
  const t: MenuItemConstructorOptions = { label: item.label, enabled: item.enabled ?? true };
  if (item.action) {
    const action = actions[item.action];
    t.click = () => action();
  }
  if (item.submenu) t.submenu = item.submenu.map((s) => toTemplate(s, actions));
  return t;
}

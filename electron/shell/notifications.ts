/**
 * Shows what the policy decides with the native Notification (injected, so tests use a fake).
 * A click on an event notification opens the inspector on that event.
 */
import type { PushMessage } from '../../shared/api/contract';
import type { NotificationPolicy, NotificationSpec } from './notification-policy';

/** The part of Electron's `Notification` we use. */
export interface NotificationLike {
  on(event: 'click', listener: () => void): unknown;
  show(): void;
}
export interface NotificationCtor {
  new (options: { title: string; body: string; silent?: boolean }): NotificationLike;
  isSupported(): boolean;
}

export interface NotifierDeps {
  Notification: NotificationCtor;
  policy: NotificationPolicy;
  /** open the inspector, on `eventId` when given */
  open(eventId?: string): void;
  now?: () => number;
  /** how often held-back events are summarised */
  flushEveryMs?: number;
}

export interface Notifier {
  handle(message: PushMessage): void;
  /** show one message outside the policy (export finished, settings refused); a click runs `onClick`, else opens the inspector */
  info(title: string, body: string, onClick?: () => void): void;
  dispose(): void;
}

export function createNotifier(deps: NotifierDeps): Notifier {
  const now = deps.now ?? Date.now;
  // Notifications still hold a reference until clicked or GC'd; keep them reachable so the
  // click handler is not collected before the person clicks (an Electron pitfall).
  const live = new Set<NotificationLike>();
  const show = (spec: NotificationSpec, onClick?: () => void) => {
    if (!deps.Notification.isSupported()) return;
    const n = new deps.Notification({ title: spec.title, body: spec.body });
    live.add(n);
    if (live.size > 20) live.delete(live.values().next().value as NotificationLike);
    n.on('click', () => {
      live.delete(n);
      if (onClick) onClick();
      else deps.open(spec.eventId);
    });
    n.show();
  };
  const timer = setInterval(() => deps.policy.flush(now()).forEach((s) => show(s)), deps.flushEveryMs ?? 15_000);
  timer.unref?.();
  return {
    handle: (message) => deps.policy.offer(message, now()).forEach((s) => show(s)),
    info: (title, body, onClick) => show({ title, body }, onClick),
    dispose: () => {
      clearInterval(timer);
      live.clear();
    },
  };
}

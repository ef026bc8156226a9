/**
 * Whether this tab still talks to the inbox that opened it. Browser mode's token is per launch:
 * once `serve` stops or restarts, every call from an old tab fails ("unauthorized", or nothing
 * answers) and its views would wait on "Loading…" forever. The bridge reports what it sees
 * here and the shell says it in words (ConnectionBanner).
 *
 * - 'ok': the last call or push answered;
 * - 'unreachable': nothing answers on this origin (the inbox stopped, or is restarting);
 * - 'restarted': the inbox answers but refuses this tab's token: it is a later run than the
 *   one that opened the tab, and this tab can never reconnect (the token is not kept).
 */
export type Connection = 'ok' | 'unreachable' | 'restarted';

export interface ConnectionWatch {
  get(): Connection;
  set(c: Connection): void;
  subscribe(listener: (c: Connection) => void): () => void;
}

export function createConnectionWatch(): ConnectionWatch {
  let current: Connection = 'ok';
  const listeners = new Set<(c: Connection) => void>();
  return {
    get: () => current,
    set(c) {
      // A refused token does not become valid again: only a new tab (the new run's link) works.
      if (c === current || current === 'restarted') return;
      current = c;
      for (const l of [...listeners]) l(c);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

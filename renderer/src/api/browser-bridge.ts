/**
 * The InboxApi over the loopback UI server (electron/core/ui-server/): `POST /api/<method>`
 * with the argument array as JSON and the token as a Bearer header; pushes over one shared
 * EventSource opened while anybody listens.
 *
 * exportEvents: the count comes from a preceding `queryEvents` (limit 0) with the same
 * filter; a single-use ticket for that filter from `POST /api/export-ticket`; then an
 * `<a download>` pointing at `GET /api/export?ticket=…` starts the browser's own download
 * (streamed, no memory blow-up; the session token stays out of the download history).
 * It resolves without `path`.
 */
import { callsVia } from '../../../shared/api/calls';
import type { ApiMethod, InboxApi, PushMessage, Result } from '../../../shared/api/contract';
import type { EventFilter } from '../../../shared/filter';
import type { ConnectionWatch } from './connection';

export interface BridgeEnv {
  token: string;
  fetch: typeof fetch;
  /** new EventSource(url) */
  openEvents: (url: string) => Pick<EventSource, 'onmessage' | 'onerror' | 'onopen' | 'close'>;
  /** start a download of a same-origin URL */
  download: (url: string) => void;
  /** told what every call and the push stream see of the inbox (optional: tests of calls alone) */
  connection?: ConnectionWatch;
}

export function createBrowserBridge(env: BridgeEnv): InboxApi {
  const call = async (method: ApiMethod | 'export-ticket', args: unknown[]): Promise<Result<never>> => {
    try {
      const res = await env.fetch(`/api/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${env.token}` },
        body: JSON.stringify(args),
      });
      const text = await res.text();
      env.connection?.set(res.status === 401 ? 'restarted' : 'ok');
      try {
        const parsed = JSON.parse(text) as Result<never>;
        if (parsed && typeof parsed === 'object' && 'ok' in parsed) return parsed;
      } catch {
        /* fall through: not a Result */
      }
      return { ok: false, error: `HTTP ${res.status}${res.status === 401 ? ': the session token is missing or stale; reopen the URL printed by connector-inbox serve' : ''}` };
    } catch (e) {
      env.connection?.set('unreachable');
      return { ok: false, error: `cannot reach the inbox: ${(e as Error).message}` };
    }
  };

  const listeners = new Set<(m: PushMessage) => void>();
  let source: ReturnType<BridgeEnv['openEvents']> | null = null;
  let hadError = false;

  const open = (): void => {
    source = env.openEvents(`/api/push?token=${encodeURIComponent(env.token)}`);
    source.onmessage = (ev: MessageEvent) => {
      let message: PushMessage;
      try {
        message = JSON.parse(String(ev.data)) as PushMessage;
      } catch {
        return;
      }
      for (const l of [...listeners]) l(message);
    };
    source.onerror = () => {
      hadError = true;
      // EventSource retries by itself while nothing answers; a refused token closes it for good.
      // Either way one call tells which it is (401: a later run; no answer: stopped).
      void methods.getStatus();
    };
    source.onopen = () => {
      env.connection?.set('ok');
      // Pushes were lost while disconnected: a no-op 'events' makes every list refetch.
      if (hadError) for (const l of [...listeners]) l({ type: 'events', added: 0, latest: [] });
      hadError = false;
    };
  };

  const methods = callsVia(call);

  return {
    ...methods,
    async exportEvents(filter: EventFilter) {
      const counted = await methods.queryEvents({ filter, offset: 0, limit: 0 });
      if (!counted.ok) return counted;
      const ticket = (await call('export-ticket', [filter])) as Result<{ ticket: string }>;
      if (!ticket.ok) return ticket;
      env.download(`/api/export?${new URLSearchParams({ ticket: ticket.value.ticket }).toString()}`);
      return { ok: true, value: { count: counted.value.matched } };
    },
    subscribe(listener) {
      listeners.add(listener);
      if (!source) open();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && source) {
          source.close();
          source = null;
        }
      };
    },
  };
}

/** The real browser environment. */
export function browserEnv(token: string): BridgeEnv {
  return {
    token,
    fetch: (input, init) => window.fetch(input, init),
    openEvents: (url) => new EventSource(url),
    download: (url) => {
      const a = document.createElement('a');
      a.href = url;
      a.download = '';
      a.rel = 'noopener';
      document.body.appendChild(a);
      a.click();
      a.remove();
    },
  };
}

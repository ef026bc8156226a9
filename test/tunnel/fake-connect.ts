/** Scriptable stand-ins for ngrok.forward(): each call takes the next scripted behaviour. */
import type { ConnectOptions, TunnelConnect, TunnelListener } from '../../electron/core/tunnel';

export type Step =
  | { kind: 'ok'; url: string | null; delayMs?: number }
  | { kind: 'reject'; error: Error; delayMs?: number }
  | { kind: 'hang' }
  /** never answers until released by the test, then succeeds */
  | { kind: 'late'; url: string };

export interface FakeListener extends TunnelListener {
  closed: boolean;
  opts: ConnectOptions;
}

export function fakeConnect(steps: Step[]) {
  const calls: ConnectOptions[] = [];
  const listeners: FakeListener[] = [];
  const releases: Array<() => void> = [];
  const make = (url: string | null, opts: ConnectOptions): FakeListener => {
    const l: FakeListener = {
      closed: false,
      opts,
      url: () => (l.closed ? null : url),
      close: async () => {
        l.closed = true;
      },
    };
    listeners.push(l);
    return l;
  };
  const connect: TunnelConnect = (opts) => {
    calls.push(opts);
    const step = steps.shift() ?? { kind: 'hang' };
    return new Promise((resolve, reject) => {
      switch (step.kind) {
        case 'ok':
          setTimeout(() => resolve(make(step.url, opts)), step.delayMs ?? 0);
          break;
        case 'reject':
          setTimeout(() => reject(step.error), step.delayMs ?? 0);
          break;
        case 'late':
          releases.push(() => resolve(make(step.url, opts)));
          break;
        case 'hang':
          break;
      }
    });
  };
  return { connect, calls, listeners, releases };
}

/** An error shaped like the ones @ngrok/ngrok throws (message ends with the error code). */
export function ngrokError(text: string, code?: string): Error {
  const e = new Error(code ? `failed to connect session: ${text} error_code: ${code}` : text) as Error & { errorCode?: string };
  if (code) e.errorCode = code;
  return e;
}

/**
 * The public tunnel (ngrok) as a small state machine: off → connecting → online, with
 * reconnecting (backoff) and error (needs a person) on the side. Runs without Electron, so
 * `connector-inbox serve --tunnel` and the desktop app share it.
 *
 * Every asynchronous step carries the `run` number it was started under; stop() and each new
 * start() bump it, so a late answer from an abandoned attempt can only close what it opened.
 */
import type { TunnelStatus } from '../../../shared/api/contract';
import type { TunnelConfig, TunnelConnect, TunnelController, TunnelFailure, TunnelListener } from './tunnel-types';
import { classifyNgrokError, ngrokConnect, noAuthtokenFailure } from './ngrok-connect';
import type { Clock } from '../../../shared/clock';
import { backoffDelay } from '../backoff';
import { nodeClock } from '../node-clock';

export interface TunnelOptions {
  /** the receiver port: the only thing the tunnel ever exposes */
  port: number;
  authtoken?: string;
  /** a domain reserved in the ngrok account; empty = the account's default */
  domain?: string;
  /** default: `ngrokConnect` (the real @ngrok/ngrok) */
  connect?: TunnelConnect;
  /** default: `classifyNgrokError` */
  classifyError?: (err: unknown, domain?: string) => TunnelFailure;
  /** give up on one attempt after this long (default 15 s) */
  connectTimeoutMs?: number;
  /** first retry delay, doubled per attempt (default 1 s) */
  initialBackoffMs?: number;
  /** cap on the retry delay (default 60 s) */
  maxBackoffMs?: number;
  /** after this many failed attempts in a row go to 'error' (default 12, about 9 min) */
  maxAttempts?: number;
  /** after a drop, how long ngrok may take to restore its own session before we start over (default 10 s) */
  reconnectGraceMs?: number;
  /** bound on listener.close(), which talks to the network (default 5 s) */
  closeTimeoutMs?: number;
  /** one line per transition; never given the authtoken */
  log?: (line: string) => void;
  /** default: the process's (unref'd timers) */
  clock?: Clock;
}

type Outcome = { kind: 'ok'; listener: TunnelListener } | { kind: 'error'; error: unknown } | { kind: 'timeout' } | { kind: 'cancelled' };

/** Create the tunnel controller; nothing connects until start(). */
export function createTunnel(options: TunnelOptions): TunnelController {
  return new Tunnel(options);
}

class Tunnel implements TunnelController {
  private current: TunnelStatus = { state: 'off' };
  private config: TunnelConfig;
  private run = 0;
  private sessions = 0;
  private active = false;
  private listener: TunnelListener | null = null;
  private timer: unknown = null;
  private readonly clock: Clock;
  private cancelAttempt: (() => void) | null = null;
  private readonly subscribers = new Set<(s: TunnelStatus) => void>();
  private waiters: Array<(s: TunnelStatus) => void> = [];
  private readonly connect: TunnelConnect;
  private readonly classify: (err: unknown, domain?: string) => TunnelFailure;
  private readonly o: Required<Pick<TunnelOptions, 'connectTimeoutMs' | 'initialBackoffMs' | 'maxBackoffMs' | 'maxAttempts' | 'reconnectGraceMs' | 'closeTimeoutMs'>>;

  constructor(private readonly options: TunnelOptions) {
    this.config = { authtoken: options.authtoken, domain: options.domain };
    this.connect = options.connect ?? ngrokConnect;
    this.classify = options.classifyError ?? classifyNgrokError;
    this.clock = options.clock ?? nodeClock;
    this.o = {
      connectTimeoutMs: options.connectTimeoutMs ?? 15_000,
      initialBackoffMs: options.initialBackoffMs ?? 1_000,
      maxBackoffMs: options.maxBackoffMs ?? 60_000,
      maxAttempts: options.maxAttempts ?? 12,
      reconnectGraceMs: options.reconnectGraceMs ?? 10_000,
      closeTimeoutMs: options.closeTimeoutMs ?? 5_000,
    };
  }

  status(): TunnelStatus {
    return this.current;
  }

  isConfigured(): { authtoken: boolean; domain?: string } {
    return { authtoken: Boolean(this.config.authtoken), ...(this.config.domain ? { domain: this.config.domain } : {}) };
  }

  /** Takes effect on the next start(); clears a stale error so it does not outlive its cause. */
  configure(config: TunnelConfig): void {
    this.config = { ...this.config, ...config };
    if (this.current.state === 'error') this.set({ state: 'off' });
  }

  onStatus(listener: (status: TunnelStatus) => void): () => void {
    this.subscribers.add(listener);
    return () => this.subscribers.delete(listener);
  }

  /** Resolves once the first attempt has settled (online, retrying, or error). Idempotent while running. */
  start(): Promise<TunnelStatus> {
    if (this.active) return Promise.resolve(this.current);
    if (!this.config.authtoken) {
      const f = noAuthtokenFailure();
      this.set({ state: 'error', code: f.code, message: f.message });
      return Promise.resolve(this.current);
    }
    this.active = true;
    const run = ++this.run;
    const settled = new Promise<TunnelStatus>((resolve) => this.waiters.push(resolve));
    void this.attempt(run, 1);
    return settled;
  }

  /** Cancels timers and any attempt in flight, closes the listener (bounded). */
  async stop(): Promise<TunnelStatus> {
    this.run++;
    this.active = false;
    this.clearTimer();
    this.cancelAttempt?.();
    const l = this.listener;
    this.listener = null;
    this.set({ state: 'off' });
    if (l) await this.safeClose(l);
    return this.current;
  }

  private async attempt(run: number, n: number): Promise<void> {
    this.set({ state: 'connecting', attempt: n });
    let established = false;
    // Each attempt is its own ngrok session: a late event from a replaced session is ignored.
    const session = ++this.sessions;
    const onStatusChange = (s: string) => {
      if (established && run === this.run && session === this.sessions) this.onSessionStatus(run, s);
    };
    const pending = this.connect({ addr: this.options.port, authtoken: this.config.authtoken, domain: this.config.domain || undefined, onStatusChange });
    const outcome = await this.race(pending);
    if (outcome.kind !== 'ok') pending.then((late) => this.safeClose(late), () => undefined); // a listener that arrives after we gave up
    if (run !== this.run) {
      if (outcome.kind === 'ok') await this.safeClose(outcome.listener);
      return;
    }
    if (outcome.kind === 'cancelled') return;
    if (outcome.kind === 'timeout') {
      const secs = Math.round(this.o.connectTimeoutMs / 1000);
      return this.fail(run, n, { code: 'timeout', message: `ngrok did not answer within ${secs} s (a proxy or firewall may be holding the connection).`, retry: true });
    }
    if (outcome.kind === 'error') return this.fail(run, n, this.classify(outcome.error, this.config.domain));
    const url = safeUrl(outcome.listener);
    if (!url) {
      await this.safeClose(outcome.listener);
      if (run !== this.run) return;
      return this.fail(run, n, { code: 'unknown', message: 'ngrok connected but gave no public URL.', retry: true });
    }
    established = true;
    this.listener = outcome.listener;
    this.set({ state: 'online', url });
  }

  /** The agent session dropped or came back: ngrok restores sessions itself, so wait a grace period first. */
  private onSessionStatus(run: number, s: string): void {
    if (s === 'connected') {
      const url = this.listener ? safeUrl(this.listener) : null;
      if (url && this.current.state === 'reconnecting') {
        this.clearTimer();
        this.set({ state: 'online', url });
      }
      return;
    }
    if ((s !== 'closed' && s !== 'disconnected') || this.current.state !== 'online') return;
    const grace = this.o.reconnectGraceMs;
    this.set({ state: 'reconnecting', attempt: 1, message: 'The connection to ngrok dropped.', retryInMs: grace });
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      if (run !== this.run) return;
      const old = this.listener;
      this.listener = null;
      if (old) void this.safeClose(old);
      void this.attempt(run, 1);
    }, grace);
  }

  private fail(run: number, n: number, failure: TunnelFailure): void {
    // ngrok's own messages are passed on; never let one carry the authtoken to a log or the UI.
    const token = this.config.authtoken;
    const f = token ? { ...failure, message: failure.message.split(token).join('[authtoken]') } : failure;
    if (!f.retry || n >= this.o.maxAttempts) {
      this.active = false;
      const gaveUp = f.retry ? ` Gave up after ${n} attempt${n === 1 ? "" : "s"}; start the tunnel to try again.` : '';
      this.set({ state: 'error', code: f.code, message: f.message + gaveUp });
      return;
    }
    const delay = backoffDelay(n, { initialMs: this.o.initialBackoffMs, capMs: this.o.maxBackoffMs });
    this.set({ state: 'reconnecting', attempt: n + 1, message: f.message, retryInMs: delay });
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      if (run === this.run) void this.attempt(run, n + 1);
    }, delay);
  }

  private race(pending: Promise<TunnelListener>): Promise<Outcome> {
    return new Promise<Outcome>((resolve) => {
      const t = this.clock.setTimeout(() => done({ kind: 'timeout' }), this.o.connectTimeoutMs);
      const done = (o: Outcome) => {
        this.clock.clearTimeout(t);
        this.cancelAttempt = null;
        resolve(o);
      };
      this.cancelAttempt = () => done({ kind: 'cancelled' });
      pending.then((listener) => done({ kind: 'ok', listener }), (error: unknown) => done({ kind: 'error', error }));
    });
  }

  private async safeClose(l: TunnelListener): Promise<void> {
    let t: unknown;
    const bound = new Promise<void>((r) => (t = this.clock.setTimeout(r, this.o.closeTimeoutMs)));
    try {
      await Promise.race([Promise.resolve().then(() => l.close()).catch(() => undefined), bound]);
    } finally {
      this.clock.clearTimeout(t);
    }
  }

  private clearTimer(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private set(next: TunnelStatus): void {
    if (JSON.stringify(next) === JSON.stringify(this.current)) return;
    this.current = next;
    this.options.log?.(`tunnel: ${describe(next)}`);
    if (next.state !== 'connecting') {
      const waiters = this.waiters;
      this.waiters = [];
      for (const w of waiters) w(next);
    }
    for (const s of [...this.subscribers]) {
      try {
        s(next);
      } catch {
        // a faulty subscriber must not break the state machine
      }
    }
  }
}

function safeUrl(l: TunnelListener): string | null {
  try {
    const u = l.url();
    return typeof u === 'string' && u.length > 0 ? u : null;
  } catch {
    return null;
  }
}

/** One line for logs and the CLI. */
export function describe(s: TunnelStatus): string {
  switch (s.state) {
    case 'off': return 'off';
    case 'connecting': return `connecting (attempt ${s.attempt})`;
    case 'online': return `online at ${s.url}`;
    case 'reconnecting': return `reconnecting in ${Math.round(s.retryInMs / 1000)} s (attempt ${s.attempt}): ${s.message}`;
    case 'error': return `error (${s.code}): ${s.message}`;
  }
}

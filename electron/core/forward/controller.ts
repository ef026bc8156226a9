/**
 * Forwarding as the service runs it: at most one forwarder, replaced when the settings change,
 * reading from the store through StoreForwardSource, its cursor in <data dir>/forward.json.
 * What forwarding saw (attempts, 3 h figures) is the controller's ForwardHealth, not the
 * forwarder's: a settings save keeps it, and the health log keeps it across restarts.
 * Requests in flight are aborted on stop, so a slow target never holds a quit.
 */
import { join } from 'node:path';
import type { ForwardSettingsInput } from '../../../shared/api/forward';
import { ForwardCursorFile } from './cursor-file';
import { Forwarder } from './forwarder';
import { DeliveryPressure } from './delivery-pressure';
import { forwardPoster, type ForwardPoster } from './post';
import { StoreForwardSource, type ForwardableStore } from './store-source';
import type { ForwardAttempt, ForwardStatus } from './types';
import type { HealthLog } from '../health-log';
import { ForwardHealth } from './forward-health';

export interface ForwardControllerDeps {
  store: ForwardableStore;
  dataDir: string;
  /** after attempts and cursor moves; throttle before pushing anywhere */
  onChange?: () => void;
  /** where attempts and figures are kept across restarts (none: this run only) */
  health?: HealthLog;
}

export class ForwardController {
  private current: { forwarder: Forwarder; poster: ForwardPoster; settings: ForwardSettingsInput; unwatch: () => void } | null = null;
  private changing: Promise<void> = Promise.resolve();

  private readonly health: ForwardHealth;

  constructor(private readonly deps: ForwardControllerDeps) {
    this.health = new ForwardHealth(deps.health);
  }

  /** Starts forwarding with these settings (null: stops it). Resolves once the new one runs. */
  configure(settings: ForwardSettingsInput | null): Promise<void> {
    this.changing = this.changing.then(async () => {
      await this.stopCurrent(3_000);
      if (!settings) return;
      const poster = forwardPoster();
      const pressure = new DeliveryPressure();
      const forwarder = new Forwarder(settings, {
        source: new StoreForwardSource(this.deps.store),
        post: poster.post,
        cursorFile: new ForwardCursorFile(join(this.deps.dataDir, 'forward.json')),
        onChange: this.deps.onChange,
        saturated: () => pressure.busy(),
        health: this.health,
      });
      try {
        await forwarder.start();
      } catch (e) {
        await poster.close();
        throw e;
      }
      this.current = { forwarder, poster, settings, unwatch: pressure.watch(this.deps.store) };
    });
    return this.changing;
  }

  get settings(): ForwardSettingsInput | null {
    return this.current?.settings ?? null;
  }

  status(): ForwardStatus | null {
    return this.current?.forwarder.status() ?? null;
  }

  /** this run's attempts of one event, at once */
  attempts(eventId: string): ForwardAttempt[] {
    return this.health.attempts(eventId);
  }

  /** every kept attempt of one event, earlier runs included */
  history(eventId: string): Promise<ForwardAttempt[]> {
    return this.health.history(eventId);
  }

  /** Stops within `deadlineMs`: requests in flight are aborted once it has passed; the cursor is saved. */
  stop(deadlineMs = 3_000): Promise<void> {
    this.changing = this.changing.then(() => this.stopCurrent(deadlineMs));
    return this.changing;
  }

  private async stopCurrent(deadlineMs: number): Promise<void> {
    const c = this.current;
    if (!c) return;
    this.current = null;
    c.unwatch();
    const abortLater = setTimeout(() => c.poster.abort(), Math.max(0, deadlineMs - 500));
    await c.forwarder.stop(deadlineMs);
    clearTimeout(abortLater);
    await c.poster.close();
  }
}

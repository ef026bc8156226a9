/**
 * What forwarding has seen, kept apart from any one forwarder: the 3 h figures and each event's
 * attempts. The controller makes one for the service's life and hands it to every forwarder it
 * builds, so saving a setting no longer resets them; with a health log they survive a restart
 * and a crash too (changed minutes and new attempts are flushed every second).
 */
import { randomUUID } from 'node:crypto';
import type { HealthLog, HealthRecord } from '../health-log';
import { ForwardMetrics, WINDOW_MS, type ForwardMinute } from './metrics';
import type { ForwardAttempt } from './types';

const KEPT_EVENTS = 5_000;
const PER_EVENT = 10;
/** an attempt's answer as the log keeps it: the start says what the receiver answered */
const ANSWER_KEPT = 512;

function isMinute(r: HealthRecord): r is HealthRecord & ForwardMinute {
  return r.k === 'forward' && typeof r.ok === 'number' && typeof r.failed === 'number' && Array.isArray(r.lat);
}

function isAttempt(v: unknown): v is ForwardAttempt {
  const a = v as ForwardAttempt;
  return !!a && typeof a.at === 'string' && typeof a.eventId === 'string' && typeof a.latencyMs === 'number' && typeof a.next === 'string';
}

export class ForwardHealth {
  readonly metrics = new ForwardMetrics();
  private readonly recent = new Map<string, ForwardAttempt[]>();

  constructor(private readonly log?: HealthLog, now: () => number = Date.now) {
    if (!log) return;
    this.metrics.restore(log.read('forward', now() - WINDOW_MS).filter(isMinute), now());
    const run = randomUUID().slice(0, 8); // tells this run's minutes from an earlier run's
    // for the service's life, like the log (its close asks once more)
    log.onFlush(() => {
      for (const m of this.metrics.changed(run)) log.append(m);
    });
  }

  record(a: ForwardAttempt, now: number): void {
    this.metrics.record(a, now);
    if (a.next === 'given_up') this.metrics.gaveUp(now);
    let list = this.recent.get(a.eventId);
    if (!list) {
      list = [];
      this.recent.set(a.eventId, list);
      if (this.recent.size > KEPT_EVENTS) this.recent.delete(this.recent.keys().next().value!);
    }
    list.push(a);
    if (list.length > PER_EVENT) list.shift();
    this.log?.appendDetail(a.eventId, { ...a, answer: a.answer?.slice(0, ANSWER_KEPT) });
  }

  /** this run's attempts of one event (newest last), at once */
  attempts(eventId: string): ForwardAttempt[] {
    return this.recent.get(eventId) ?? [];
  }

  /** every kept attempt of one event, earlier runs included (newest last) */
  async history(eventId: string): Promise<ForwardAttempt[]> {
    if (!this.log) return this.attempts(eventId);
    const kept = (await this.log.detail(eventId)).filter(isAttempt);
    return kept.slice(-PER_EVENT);
  }
}

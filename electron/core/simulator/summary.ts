/** The run's tally and the JSON summary `send` prints. */
import type { AttemptResult } from '../outbound';
import { failureReason, isAck } from '../outbound';
import type { DeliverySummary } from '../../../shared/api/replay';

/** the summary `send` prints (and `replay`, and the inspector's replay shows) */
export type SendSummary = DeliverySummary;

/** Nearest-rank percentile of an ascending array; 0 for none. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

const r1 = (x: number) => Math.round(x * 10) / 10;

export class Tally {
  readonly statuses: Record<string, number> = {};
  readonly latencies: number[] = [];
  readonly ackedIds = new Set<string>();
  /** why attempts failed, in words ("connection refused (127.0.0.1:9)", "401 bad signature") */
  readonly reasons: Record<string, number> = {};
  constructor(private readonly target?: { url: URL; timeoutMs: number }) {}
  deliveries = 0;
  retries = 0;

  record(eventId: string, a: AttemptResult, attempt: number): void {
    this.deliveries++;
    if (attempt > 1) this.retries++;
    const key = String(a.outcome);
    this.statuses[key] = (this.statuses[key] ?? 0) + 1;
    if (typeof a.outcome === 'number') this.latencies.push(a.latencyMs);
    if (isAck(a.outcome)) this.ackedIds.add(eventId);
    const why = this.target && failureReason(a, this.target.url, this.target.timeoutMs);
    if (why) this.reasons[why] = (this.reasons[why] ?? 0) + 1;
  }

  summary(extra: { sent: number; stopped?: boolean; duplicatesSent: number; reorderedSent: number; durationMs: number; devices: number; seed: number }): SendSummary {
    const sorted = [...this.latencies].sort((a, b) => a - b);
    return {
      sent: extra.sent,
      deliveries: this.deliveries,
      statuses: this.statuses,
      ...(Object.keys(this.reasons).length ? { reasons: this.reasons } : {}),
      acked: this.ackedIds.size,
      failed: extra.sent - this.ackedIds.size,
      retries: this.retries,
      duplicatesSent: extra.duplicatesSent,
      reorderedSent: extra.reorderedSent,
      latencyMs: {
        p50: r1(percentile(sorted, 50)), p90: r1(percentile(sorted, 90)),
        p99: r1(percentile(sorted, 99)), max: r1(sorted.at(-1) ?? 0),
      },
      durationMs: Math.round(extra.durationMs),
      rate: extra.durationMs > 0 ? r1((this.deliveries * 1000) / extra.durationMs) : 0,
      devices: extra.devices,
      seed: extra.seed,
      ...(extra.stopped ? { stopped: true } : {}),
    };
  }
}

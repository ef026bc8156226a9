/** Overview figures and the ack-latency warning (DT counts a reply after 10 s as failed). */
import type { InboxStats } from '../../../shared/api/contract';

export const DT_ACK_LIMIT_MS = 10_000;
export const ACK_WARN_MS = 5_000;

export function ackWarning(stats: Pick<InboxStats, 'ackMsP99' | 'ackMsMax'>): string | null {
  const worst = Math.max(stats.ackMsP99 ?? 0, stats.ackMsMax ?? 0);
  if (worst >= DT_ACK_LIMIT_MS) {
    return `Some deliveries took ${Math.round(worst / 100) / 10} s to acknowledge: DT counts replies after 10 s as failed and will retry them.`;
  }
  if (worst > ACK_WARN_MS) {
    return `Acknowledgements are slow (up to ${Math.round(worst / 100) / 10} s); DT gives up after 10 s. Is the disk or the machine busy?`;
  }
  return null;
}

/**
 * byType as rows, most frequent first. `share` is the part of all events; `width` is the bar
 * length, relative to the most frequent type, so similar counts do not all draw as slivers.
 */
export function typeRows(byType: Record<string, number>): Array<{ type: string; count: number; share: number; width: number }> {
  const counts = Object.values(byType);
  const total = counts.reduce((a, b) => a + b, 0) || 1;
  const max = Math.max(1, ...counts);
  return Object.entries(byType)
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .map(([type, count]) => ({ type, count, share: count / total, width: count / max }));
}

/** Bar heights in percent of the busiest minute (at least a sliver for non-zero minutes). */
export function barHeights(perMinute: number[]): number[] {
  const max = Math.max(1, ...perMinute);
  return perMinute.map((n) => (n === 0 ? 0 : Math.max(3, Math.round((n / max) * 100))));
}

/** "42 %", or "<1 %" for a type that is there but rare (0 % would read as absent). */
export function formatShare(share: number): string {
  if (share > 0 && share < 0.005) return '<1 %';
  return `${Math.round(share * 100)} %`;
}

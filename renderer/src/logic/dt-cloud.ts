/** Wording for the DT Cloud view, kept out of the component so it is tested without React. */
import type { DtCloudInfo } from '../../../shared/api/contract';

type Follower = Extract<DtCloudInfo, { configured: true }>['follower'];

export function followerText(f: Follower): { tone: 'info' | 'warn' | 'error'; text: string } {
  const c = f.connectorId ? `Data connector ${f.connectorId}` : 'The data connector';
  if (f.systemDisabled) return { tone: 'error', text: `${c} was set SYSTEM_DISABLED by DT after failed deliveries; its queue was dropped.` };
  switch (f.state) {
    case 'active': return { tone: 'info', text: `${c} is ACTIVE and sends to ${f.url ?? '?'}.` };
    case 'retrying': return { tone: 'warn', text: `DT Cloud: ${f.lastError ?? 'failed'} — retrying in ${Math.round((f.nextRetryInMs ?? 0) / 1000)} s. The receiver keeps running.` };
    case 'disabled': return { tone: 'warn', text: `${c} is disabled: no public URL for 5 minutes. It is re-enabled when the tunnel is back.` };
    case 'waiting': return { tone: 'info', text: 'Waiting for the public URL (tunnel) before pointing the connector at it.' };
    case 'stopped': return { tone: 'info', text: `${c} is disabled while the inbox is stopped.` };
    default: return { tone: 'info', text: 'Updating the data connector…' };
  }
}

export const metricsText = (m: { successCount: number; errorCount: number; latency99p: string } | undefined): string =>
  m ? `${m.successCount} ok · ${m.errorCount} errors · p99 ${m.latency99p || '–'}` : '–';

/**
 * DT's success count beside the inbox's acknowledged deliveries over the same 3 h. DT counting
 * more successes than the inbox stored means 2xx answers DT saw for deliveries the inbox did
 * not keep (lost acks); the inbox counting more is normal when other connectors or senders
 * also post to it.
 */
export function ackComparison(dtSuccess: number, inboxDeliveries: number): { tone: 'info' | 'warn'; text: string } {
  const gap = dtSuccess - inboxDeliveries;
  if (gap > 0) return { tone: 'warn', text: `${gap} fewer than DT's ${dtSuccess} successes: acknowledged deliveries that the inbox did not keep (lost acks)` };
  return { tone: 'info', text: gap === 0 ? 'matches DT\'s success count' : `${-gap} more than DT counted (other senders or connectors post here too)` };
}

export function latencyText(ms: number | undefined): string {
  if (ms === undefined) return 'waiting…';
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** The filter editor's next selection: empty means all types. */
export function toggleType(selected: readonly string[], type: string): string[] {
  return selected.includes(type) ? selected.filter((t) => t !== type) : [...selected, type].sort();
}

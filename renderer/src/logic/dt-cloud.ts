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

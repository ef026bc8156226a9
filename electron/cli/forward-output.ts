/** What `serve --forward-to` prints: the setup once, then when the target starts or stops failing. */
import type { InboxApi } from '../../shared/api/contract';
import type { ForwardSettingsInput, ForwardStatusView } from '../../shared/api/forward';

const out = (line: string) => process.stdout.write(`${line}\n`);

export function printForwarding(f: ForwardSettingsInput): void {
  const signing = f.secret ? 're-signed with the forward secret' : 'with DT\'s own X-Dt-Signature';
  const types = f.types?.length ? `; only ${f.types.join(', ')}` : '';
  const faults = [f.duplicates && `${f.duplicates * 100}% duplicated`, f.reorder && `${f.reorder * 100}% reordered`, f.delayMs && `${f.delayMs} ms delay`].filter(Boolean);
  out(`Forwarding every acknowledged delivery to ${f.url} (${signing}${types})${faults.length ? `, DT-like faults: ${faults.join(', ')}` : ''}`);
}

function describeOutcome(o: ForwardStatusView['lastOutcome']): string {
  return typeof o === 'number' ? `answers ${o}` : o === 'timeout' ? 'does not answer within 10 s' : 'cannot be reached';
}

/** One line when the target starts failing and one when it delivers again (never per attempt). */
export function watchForwarding(api: InboxApi): void {
  let failing: string | null = null;
  api.subscribe((m) => {
    if (m.type !== 'status' || !m.status.forward) return;
    const f = m.status.forward;
    if (f.failingSince && !failing) out(`${new Date().toISOString().slice(11, 19)} forward   your receiver ${describeOutcome(f.lastOutcome)} since ${f.failingSince.slice(11, 19)}; retrying (${f.queueDepth} queued)`);
    if (!f.failingSince && failing) out(`${new Date().toISOString().slice(11, 19)} forward   your receiver takes deliveries again`);
    failing = f.failingSince;
  });
}

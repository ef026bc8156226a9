import type { ForwardStatusView } from '../../../../shared/api/forward';
import { failingSentence } from '../../../../shared/forward-rules';
import { formatCount, formatMs } from '../../logic/format';
import { Notice } from '../../components/Notice';
import { AttemptsTable } from './AttemptsTable';

/**
 * How forwarding goes, with the figures DT's connector metrics show for the last 3 h plus what
 * DT does not show: the queue and the last errors. Events and attempts are counted apart and
 * named so: a failed attempt that was retried and then delivered is not a failed event, and the
 * sentence above the figures says which of the two the tester is looking at.
 * Live: the status push carries it (at most once a second).
 */
export function ForwardingPanel({ forward }: { forward: ForwardStatusView }) {
  const failing = failingSentence(forward);
  return (
    <section className="panel forwarding-panel" aria-label="Forwarding status">
      <h3>Forwarding to <span className="mono">{forward.url}</span></h3>
      {failing
        ? <Notice tone="error">{failing}; retrying ({formatCount(forward.queueDepth)} queued).</Notice>
        : <p className="muted small">{healthySentence(forward)}</p>}
      <div className="cards">
        <Figure label="Queue" value={formatCount(forward.queueDepth)} hint={`${forward.inFlight} in flight`} />
        <Figure label="Events delivered (3 h)" value={formatCount(forward.delivered3h)} />
        <Figure label="Events given up (3 h)" value={formatCount(forward.givenUp)} hint="still failing when 12 h old" />
        <Figure label="Attempts (3 h)" value={formatCount(forward.delivered3h + forward.failed3h)} hint={`${formatCount(forward.failed3h)} failed`} />
        <Figure label="p99 latency" value={formatMs(forward.p99LatencyMs)} hint="DT waits 10 s at most" />
      </div>
      <h4>Last errors</h4>
      {forward.lastErrors.length === 0
        ? <p className="muted small">None.</p>
        : <AttemptsTable attempts={forward.lastErrors.slice(0, 10)} showEvent label="Last forwarding errors" />}
    </section>
  );
}

/** While the receiver takes deliveries: and whether earlier failures cost anything. */
export function healthySentence(f: ForwardStatusView): string {
  if (f.delivered3h === 0 && f.failed3h === 0) return 'Your receiver takes deliveries (none forwarded yet).';
  if (f.failed3h === 0) return 'Your receiver takes deliveries.';
  const attempts = `${formatCount(f.failed3h)} attempt${f.failed3h === 1 ? '' : 's'} failed in the last 3 h`;
  if (f.givenUp) return `Your receiver takes deliveries now; ${attempts}, and ${formatCount(f.givenUp)} event${f.givenUp === 1 ? ' was' : 's were'} given up (12 h old).`;
  return `Your receiver takes deliveries now; ${attempts} and ${f.failed3h === 1 ? 'was' : 'were'} retried, no event given up.`;
}

function Figure({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <div className="card" aria-label={label}>
      <div className="card-label">{label}</div>
      <div className="card-value">{value}</div>
      {hint && <div className="card-hint muted small">{hint}</div>}
    </div>
  );
}

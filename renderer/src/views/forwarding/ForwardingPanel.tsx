import type { ForwardStatusView } from '../../../../shared/api/forward';
import { failingSentence } from '../../../../shared/forward-rules';
import { formatCount, formatMs } from '../../logic/format';
import { Notice } from '../../components/Notice';
import { AttemptsTable } from './AttemptsTable';

/**
 * How forwarding goes, with the figures DT's connector metrics show for the last 3 h
 * (delivered, failed, p99 latency) plus what DT does not show: the queue and the last errors.
 * Live: the status push carries it (at most once a second).
 */
export function ForwardingPanel({ forward }: { forward: ForwardStatusView }) {
  const failing = failingSentence(forward);
  return (
    <section className="panel forwarding-panel" aria-label="Forwarding status">
      <h3>Forwarding to <span className="mono">{forward.url}</span></h3>
      {failing
        ? <Notice tone="error">{failing}; retrying ({formatCount(forward.queueDepth)} queued).</Notice>
        : <p className="muted small">Your receiver takes deliveries{forward.delivered3h === 0 ? ' (none forwarded yet)' : ''}.</p>}
      <div className="cards">
        <Figure label="Queue" value={formatCount(forward.queueDepth)} hint={`${forward.inFlight} in flight`} />
        <Figure label="Delivered (3 h)" value={formatCount(forward.delivered3h)} />
        <Figure label="Failed (3 h)" value={formatCount(forward.failed3h)} hint={forward.givenUp ? `${formatCount(forward.givenUp)} given up (12 h old)` : undefined} />
        <Figure label="p99 latency" value={formatMs(forward.p99LatencyMs)} hint="DT waits 10 s at most" />
      </div>
      <h4>Last errors</h4>
      {forward.lastErrors.length === 0
        ? <p className="muted small">None.</p>
        : <AttemptsTable attempts={forward.lastErrors.slice(0, 10)} showEvent label="Last forwarding errors" />}
    </section>
  );
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

import { useApiResult } from '../hooks/useApiResult';
import { ackWarning, barHeights, formatShare, typeRows } from '../logic/overview';
import { formatCount, formatMs } from '../logic/format';
import { Notice } from '../components/Notice';
import { TypeBadge } from '../components/TypeBadge';
import { useStatus } from '../hooks/useStatus';
import { ForwardingPanel } from './forwarding/ForwardingPanel';
import { CoveragePanel } from './overview/CoveragePanel';
import { SourcesPanel } from './overview/SourcesPanel';

/**
 * The numbers a tester checks first: rate, types, duplicates, out-of-order, rejects, ack
 * latency; then whether the inbox missed anything (coverage and its gaps) and how events arrive.
 */
export function OverviewView() {
  const { data: s, error } = useApiResult((api) => api.getStats(), [], (m) => m.type === 'events' || m.type === 'rejected', 1000);
  const status = useStatus().status;
  const forward = status?.forward;
  if (error && !s) return <Notice tone="error">{error}</Notice>;
  if (!s) return <p className="muted">Loading…</p>;
  const warning = ackWarning(s);
  const heights = barHeights(s.perMinute);
  const lastMinute = s.perMinute[s.perMinute.length - 1] ?? 0;
  return (
    <div className="scroll-area overview">
      {warning && <Notice tone="warn">{warning}</Notice>}
      <div className="cards">
        <Card label="Events" value={formatCount(s.events)} />
        <Card label="Deliveries" value={formatCount(s.deliveries)} />
        <Card label="Duplicates" value={formatCount(s.duplicates)} hint="same eventId delivered again" />
        <Card label="Out of order" value={formatCount(s.stale)} hint="older than the device's latest" />
        <Card label="Rejected" value={formatCount(s.rejected)} />
        <Card label="Ack p50 / p99" value={`${formatMs(s.ackMsP50)} / ${formatMs(s.ackMsP99)}`} hint={`max ${formatMs(s.ackMsMax)} · DT limit 10 s`} />
      </div>
      <CoveragePanel />
      {status && <SourcesPanel sources={status.sources} />}
      {forward && <ForwardingPanel forward={forward} />}
      <section className="panel">
        <h3>Events per minute <span className="muted small">last 60 min · {formatCount(lastMinute)} this minute</span></h3>
        <div className="bars" role="img" aria-label="Events per minute over the last hour">
          {heights.map((h, i) => (
            <span key={i} className="bar" style={{ height: `${h}%` }} title={`${60 - i} min ago: ${s.perMinute[i]}`} />
          ))}
        </div>
      </section>
      <section className="panel">
        <h3>By type</h3>
        {Object.keys(s.byType).length === 0 && <p className="muted">No events yet.</p>}
        <table className="table compact by-type">
          <tbody>
            {typeRows(s.byType).map((r) => (
              <tr key={r.type}>
                <td><TypeBadge type={r.type} /></td>
                <td className="num">{formatCount(r.count)}</td>
                <td className="share" title={`${formatShare(r.share)} of all events`}>
                  <span className="share-bar" style={{ width: `${Math.round(r.width * 1000) / 10}%` }} />
                </td>
                <td className="num muted small">{formatShare(r.share)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}

function Card({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <div className="card">
      <div className="card-label">{label}</div>
      <div className="card-value">{value}</div>
      {hint && <div className="card-hint muted small">{hint}</div>}
    </div>
  );
}

import { useApiResult } from '../hooks/useApiResult';
import { ackWarning, barHeights, formatShare, typeRows } from '../logic/overview';
import { formatCount, formatMs } from '../logic/format';
import { Notice } from '../components/Notice';
import { TypeBadge } from '../components/TypeBadge';
import { useStatus } from '../hooks/useStatus';
import { ForwardingPanel } from './forwarding/ForwardingPanel';
import { CoveragePanel } from './overview/CoveragePanel';
import { SourcesPanel } from './overview/SourcesPanel';
import { OUT_OF_ORDER } from '../logic/terms';
import type { FilterState } from '../logic/filter-state';
import { CAPTURE_UNKNOWN } from '../../../shared/api/capture';

/** where a card or a type row leads: the Events list with these filters, or the Rejected tab */
export type OverviewTarget = { events: Partial<FilterState> } | { rejected: true };

/**
 * The numbers a tester checks first: rate, types, duplicates, out-of-order, rejects, ack
 * latency; then whether the inbox missed anything (coverage and its gaps) and how events arrive.
 */
export function OverviewView({ onShow }: { onShow: (target: OverviewTarget) => void }) {
  const { data: s, error } = useApiResult((api) => api.getStats(), [], (m) => m.type === 'events' || m.type === 'rejected', 1000);
  const status = useStatus().status;
  const forward = status?.forward;
  // a capture (connector-inbox open): what its file does not say is unknown, not 0
  const unknown = (what: string) => status?.capture?.missing.includes(what) === true;
  if (error && !s) return <Notice tone="error">{error}</Notice>;
  if (!s) return <p className="muted">Loading…</p>;
  const warning = ackWarning(s);
  const heights = barHeights(s.perMinute);
  const lastMinute = s.perMinute[s.perMinute.length - 1] ?? 0;
  return (
    <div className="scroll-area overview">
      {warning && <Notice tone="warn">{warning}</Notice>}
      <div className="cards">
        <Card label="Events" value={formatCount(s.events)} onClick={() => onShow({ events: {} })} />
        <Card label="Deliveries" value={formatCount(s.deliveries)} />
        <Card label="Duplicates" value={formatCount(s.duplicates)} hint="same eventId delivered again" onClick={() => onShow({ events: { duplicatesOnly: true } })} />
        {unknown(CAPTURE_UNKNOWN.stale)
          ? <Card label={OUT_OF_ORDER.label} value="unknown" hint="not in this capture's file" title={OUT_OF_ORDER.title} />
          : <Card label={OUT_OF_ORDER.label} value={formatCount(s.stale)} hint="older than the device's latest" title={OUT_OF_ORDER.title} onClick={() => onShow({ events: { staleOnly: true } })} />}
        {unknown(CAPTURE_UNKNOWN.rejected)
          ? <Card label="Rejected" value="unknown" hint="exports do not carry them" />
          : <Card label="Rejected" value={formatCount(s.rejected)} onClick={() => onShow({ rejected: true })} />}
        {unknown(CAPTURE_UNKNOWN.deliveryDetails)
          ? <Card label="Ack p50 / p99" value="unknown" hint="exports do not carry ack times" />
          : <Card label="Ack p50 / p99" value={`${formatMs(s.ackMsP50)} / ${formatMs(s.ackMsP99)}`} hint={`max ${formatMs(s.ackMsMax)} · DT limit 10 s`} />}
      </div>
      {!status?.capture && <CoveragePanel />}
      {status && !status.capture && <SourcesPanel sources={status.sources} />}
      {forward && <ForwardingPanel forward={forward} />}
      {/* a capture ended when it was exported: "the last 60 min" of now would be empty (Charts shows its event times) */}
      {!status?.capture && <section className="panel">
        <h3>Events per minute <span className="muted small">last 60 min · {formatCount(lastMinute)} this minute</span></h3>
        {/* axes: the bars' scale (the busiest minute) and the hour they span */}
        <div className="bars-chart">
          <div className="bars-y muted small" aria-hidden="true"><span>{formatCount(Math.max(0, ...s.perMinute))}/min</span><span>0</span></div>
          <div className="bars" role="img" aria-label={`Events per minute over the last hour, busiest minute ${Math.max(0, ...s.perMinute)}`}>
            {heights.map((h, i) => (
              <span key={i} className="bar" style={{ height: `${h}%` }} title={`${60 - i} min ago: ${s.perMinute[i]}`} />
            ))}
          </div>
          <div className="bars-x muted small" aria-hidden="true"><span>60 min ago</span><span>30 min ago</span><span>now</span></div>
        </div>
      </section>}
      <section className="panel">
        <h3>By type</h3>
        {Object.keys(s.byType).length === 0 && <p className="muted">No events yet.</p>}
        <table className="table compact by-type">
          <tbody>
            {typeRows(s.byType).map((r) => (
              <tr key={r.type}>
                <td><button type="button" className="link-button" aria-label={`Show the ${r.type} events`} title={`Show the ${r.type} events`} onClick={() => onShow({ events: { types: [r.type] } })}><TypeBadge type={r.type} /></button></td>
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

/** A figure; with onClick it is a button to the events (or rejects) it counts. */
function Card({ label, value, hint, title, onClick }: { label: string; value: string; hint?: string; title?: string; onClick?: () => void }) {
  const body = (
    <>
      <div className="card-label">{label}</div>
      <div className="card-value">{value}</div>
      {hint && <div className="card-hint muted small">{hint}</div>}
    </>
  );
  if (!onClick) return <div className="card" title={title}>{body}</div>;
  return <button type="button" className="card card-link" title={title ?? `Show them`} onClick={onClick}>{body}</button>;
}

import { useApiResult } from '../hooks/useApiResult';
import { followerText, metricsText } from '../logic/dt-cloud';
import { EmptyState, Notice } from '../components/Notice';

/** DT Cloud as `serve --dt-project` sees it: the connector that follows the inbox, and the project's connectors. */
export function DtCloudView() {
  const { data, error, reload } = useApiResult((api) => api.getDtCloud(), [], (m) => m.type === 'events', 5000);
  if (error && !data) return <Notice tone="error">{error}</Notice>;
  if (!data) return <p className="muted">Loading…</p>;
  if (!data.configured) {
    return (
      <EmptyState title="Not connected to DT Cloud">
        <p>{data.hint}</p>
      </EmptyState>
    );
  }
  const f = followerText(data.follower);
  return (
    <div className="scroll-area">
      <h2>DT Cloud · project <span className="mono">{data.project}</span></h2>
      <Notice tone={f.tone}>{f.text}</Notice>
      {data.error && <Notice tone="warn">{data.error}</Notice>}
      <p><button type="button" onClick={reload}>Refresh</button></p>
      <table className="table dt-connectors">
        <thead>
          <tr><th>Connector</th><th>Type</th><th>Status</th><th>URL</th><th>Events</th><th>Labels</th><th>Last 3 h</th></tr>
        </thead>
        <tbody>
          {data.connectors.map((c) => (
            <tr key={c.id} data-connector-id={c.id}>
              <td><div>{c.displayName}{c.ours && <span className="badge outcome-accepted">this inbox</span>}</div><div className="muted small mono">{c.id}</div></td>
              <td className="mono">{c.type}</td>
              <td><span className={`badge ${c.status === 'ACTIVE' ? 'outcome-accepted' : 'reason'}`}>{c.status}</span></td>
              <td className="mono">{c.type === 'HTTP_PUSH' ? c.url : 'not HTTP push: left alone'}</td>
              <td>{c.events.length ? c.events.join(', ') : 'all'}</td>
              <td>{c.labels.join(', ') || '–'}</td>
              <td className="mono">{metricsText(c.metrics)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

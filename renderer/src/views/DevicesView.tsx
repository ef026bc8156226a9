import { useApiResult } from '../hooks/useApiResult';
import { OUT_OF_ORDER } from '../logic/terms';
import { isSilent, labelPairs, latestValues, sortDevices } from '../logic/devices';
import { formatAgo, formatCount, formatTime } from '../logic/format';
import { EmptyState, Notice } from '../components/Notice';
import { TypeBadge } from '../components/TypeBadge';

/** One row per device; clicking one shows its events. */
export function DevicesView({ onShowEvents }: { onShowEvents: (deviceId: string) => void }) {
  const { data, error } = useApiResult((api) => api.listDevices(), [], (m) => m.type === 'events', 1000);
  const now = Date.now();
  if (error && !data) return <Notice tone="error">{error}</Notice>;
  const devices = sortDevices(data ?? []);
  if (data && devices.length === 0) {
    return (
      <EmptyState title="No devices yet">
        <p>Devices appear here as soon as their first event arrives. Include the <span className="mono">name</span> label in the Data Connector so they show their names.</p>
      </EmptyState>
    );
  }
  return (
    <div className="scroll-area">
      <table className="table devices">
        <thead>
          <tr><th>Device</th><th>Type</th><th>Labels</th><th>Last seen</th><th>Latest values</th><th>Events</th><th title={OUT_OF_ORDER.title}>{OUT_OF_ORDER.label}</th></tr>
        </thead>
        <tbody>
          {devices.map((d) => {
            const silent = isSilent(d, now);
            return (
              <tr key={d.deviceId} className="clickable" onClick={() => onShowEvents(d.deviceId)} title="Show this device's events">
                <td>
                  <button type="button" className="btn link device-link" onClick={(e) => { e.stopPropagation(); onShowEvents(d.deviceId); }}>{d.name}</button>
                  {d.name !== d.deviceId && <div className="muted mono small">{d.deviceId}</div>}
                </td>
                <td>{d.deviceType ?? <span className="muted">unknown</span>}</td>
                <td>{labelPairs(d.labels).map((l) => <span key={l} className="chip">{l}</span>)}</td>
                <td>
                  <span title={d.lastSeen}>{formatAgo(d.lastSeen, now)}</span>
                  {silent && <span className="badge flag-silent" title="No event for more than 30 minutes; sensors send a heartbeat about every 15 minutes">silent</span>}
                </td>
                <td>
                  <ul className="latest">
                    {latestValues(d).map(([type, v]) => (
                      <li key={type}><TypeBadge type={type} /> <strong>{v.summary}</strong> <span className="muted small mono">{formatTime(v.timestamp)}</span></li>
                    ))}
                  </ul>
                </td>
                <td>{formatCount(d.eventCount)}</td>
                <td>{d.staleDeliveries > 0 ? <span className="badge flag-stale">{d.staleDeliveries}</span> : <span className="muted">0</span>}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

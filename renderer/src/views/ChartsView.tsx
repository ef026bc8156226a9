import { useMemo } from 'react';
import { useApiResult } from '../hooks/useApiResult';
import { sortDevices } from '../logic/devices';
import { seriesStats, toUplotData } from '../logic/series';
import { formatCount } from '../logic/format';
import { EmptyState, Notice } from '../components/Notice';
import { UPlotChart } from '../components/UPlotChart';

/** Pick a device → one uPlot chart per numeric series (temperature, humidity, co2, pressure, counters). */
export function ChartsView({ deviceId, onDevice }: { deviceId: string | null; onDevice: (id: string) => void }) {
  const devices = useApiResult((api) => api.listDevices(), [], (m) => m.type === 'events', 5000);
  const list = sortDevices(devices.data ?? []);
  const chosen = deviceId ?? list[0]?.deviceId ?? null;
  const series = useApiResult(
    (api) => (chosen ? api.getSeries(chosen) : Promise.resolve({ ok: true as const, value: [] })),
    [chosen],
    (m) => m.type === 'events' && m.latest.some((e) => e.deviceId === chosen),
    2000,
  );
  const charts = useMemo(() => (series.data ?? []).map((s) => ({ s, data: toUplotData(s), stats: seriesStats(s) })), [series.data]);

  if (devices.data && list.length === 0) {
    return <EmptyState title="Nothing to chart yet"><p>Charts appear once a device has sent temperature, humidity, CO₂, pressure or counter events.</p></EmptyState>;
  }
  return (
    <div className="scroll-area charts">
      <label className="field inline">
        Device
        <select value={chosen ?? ''} onChange={(e) => onDevice(e.target.value)} aria-label="Device">
          {list.map((d) => <option key={d.deviceId} value={d.deviceId}>{d.name === d.deviceId ? d.deviceId : `${d.name} (${d.deviceId})`}</option>)}
        </select>
      </label>
      {series.error && <Notice tone="error">{series.error}</Notice>}
      {series.data && charts.length === 0 && <p className="muted">This device has no numeric series (it sends states such as touch or contact only).</p>}
      {charts.map(({ s, data, stats }) => (
        <section key={s.name} className="panel">
          <h3>
            {s.name}{' '}
            {stats && <span className="muted small">{formatCount(s.points.length)} points · min {stats.min} · max {stats.max} · last {stats.last}</span>}
          </h3>
          <UPlotChart data={data} label={s.name} />
        </section>
      ))}
    </div>
  );
}

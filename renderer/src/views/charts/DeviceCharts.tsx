import { useMemo } from 'react';
import type { DeviceState } from '../../../../shared/records';
import { useApiResult } from '../../hooks/useApiResult';
import { seriesStats, toUplotData } from '../../logic/series';
import { formatCount } from '../../logic/format';
import { Notice } from '../../components/Notice';
import { UPlotChart } from '../../components/UPlotChart';

/** Pick a device → one uPlot chart per numeric series (temperature, humidity, co2, pressure, counters). */
export function DeviceCharts({ deviceId, chartable, onDevice }: { deviceId: string | null; chartable: DeviceState[]; onDevice: (id: string) => void }) {
  const series = useApiResult(
    (api) => (deviceId ? api.getSeries(deviceId) : Promise.resolve({ ok: true as const, value: [] })),
    [deviceId],
    (m) => m.type === 'events' && m.latest.some((e) => e.deviceId === deviceId),
    2000,
  );
  const charts = useMemo(() => (series.data ?? []).map((s) => ({ s, data: toUplotData(s), stats: seriesStats(s) })), [series.data]);
  return (
    <>
      <label className="field inline">
        Device
        <select value={deviceId ?? ''} onChange={(e) => onDevice(e.target.value)} aria-label="Device">
          {chartable.map((d) => <option key={d.deviceId} value={d.deviceId}>{d.name === d.deviceId ? d.deviceId : `${d.name} (${d.deviceId})`}</option>)}
        </select>
      </label>
      {series.error && <Notice tone="error">{series.error}</Notice>}
      {series.data && charts.length === 0 && <p className="muted">No numeric values stored for this device yet.</p>}
      {charts.map(({ s, data, stats }) => (
        <section key={s.name} className="panel">
          <h3>
            {s.name}{' '}
            {stats && <span className="muted small">{formatCount(s.points.length)} points · min {stats.min} · max {stats.max} · last {stats.last}</span>}
          </h3>
          <UPlotChart data={data} labels={[s.name]} yLabel={s.name} />
        </section>
      ))}
    </>
  );
}

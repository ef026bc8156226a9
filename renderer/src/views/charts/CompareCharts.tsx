import { useMemo } from 'react';
import type { InboxApi, Result, Series } from '../../../../shared/api/contract';
import type { DeviceState } from '../../../../shared/records';
import { useApiResult } from '../../hooks/useApiResult';
import { deviceKinds, legendNames, MAX_COMPARE, resolveCompare, resolveQuantity, toggleCompared, type ChartChoice } from '../../logic/chart-choice';
import { compareData } from '../../logic/series';
import { formatCount } from '../../logic/format';
import { Notice } from '../../components/Notice';
import { UPlotChart } from '../../components/UPlotChart';

type DeviceSeries = { deviceId: string; series: Series[] };

/** The contract serves one device's series per call; a comparison asks for each picked device. */
async function seriesOf(api: InboxApi, deviceIds: string[]): Promise<Result<DeviceSeries[]>> {
  const results = await Promise.all(deviceIds.map((id) => api.getSeries(id)));
  const failed = results.find((r) => !r.ok);
  if (failed && !failed.ok) return failed;
  return { ok: true, value: results.map((r, i) => ({ deviceId: deviceIds[i]!, series: r.ok ? r.value : [] })) };
}

/** Several devices of one kind, one quantity, one chart with a line and a legend entry per device. */
export function CompareCharts({ choice, chartable, onChoice }: { choice: ChartChoice; chartable: DeviceState[]; onChoice: (c: ChartChoice) => void }) {
  const kinds = useMemo(() => deviceKinds(chartable), [chartable]);
  const { kind, deviceIds } = resolveCompare(choice, chartable);
  const group = kinds.find((k) => k.kind === kind)?.devices ?? [];
  const names = legendNames(group);
  const idKey = deviceIds.join('\n');
  const loaded = useApiResult(
    (api) => seriesOf(api, deviceIds),
    [idKey],
    (m) => m.type === 'events' && m.latest.some((e) => deviceIds.includes(e.deviceId)),
    2000,
  );
  // An answer for the previous pick may still be showing: use only the devices picked now.
  const perDevice = deviceIds.map((id) => ({ id, series: loaded.data?.find((d) => d.deviceId === id)?.series ?? [] }));
  const pending = deviceIds.some((id) => !loaded.data?.some((d) => d.deviceId === id));
  const { quantities, quantity } = resolveQuantity(choice, perDevice.map((d) => d.series.map((s) => s.name)));
  const lines = deviceIds.map((id) => ({ id, label: names.get(id) ?? id }));
  const linesKey = JSON.stringify(lines);
  // Rebuilt only when the answer, the pick, the names or the quantity change: a new data array redraws uPlot.
  const chart = useMemo(() => {
    if (!quantity) return null;
    const series = (id: string) => loaded.data?.find((d) => d.deviceId === id)?.series ?? [];
    return compareData((JSON.parse(linesKey) as typeof lines).map((l) => ({ label: l.label, series: series(l.id) })), quantity);
  }, [loaded.data, linesKey, quantity]);
  const set = (patch: Partial<ChartChoice>) => onChoice({ ...choice, mode: 'compare', kind, compare: deviceIds, quantity, ...patch });

  return (
    <>
      <div className="chart-controls">
        <label className="field inline">
          Kind
          <select value={kind ?? ''} onChange={(e) => set({ kind: e.target.value, compare: null })} aria-label="Kind">
            {kinds.map((k) => <option key={k.kind} value={k.kind}>{k.kind} · {k.devices.length} {k.devices.length === 1 ? 'device' : 'devices'}</option>)}
          </select>
        </label>
        <label className="field inline">
          Quantity
          <select value={quantity ?? ''} onChange={(e) => set({ quantity: e.target.value })} aria-label="Quantity" disabled={quantities.length === 0}>
            {quantities.map((q) => <option key={q} value={q}>{q}</option>)}
          </select>
        </label>
      </div>
      <div className="field inline compare-devices" role="group" aria-label="Devices to compare">
        Devices
        <span className="toggles">
          {group.map((d) => {
            const on = deviceIds.includes(d.deviceId);
            return (
              <label key={d.deviceId} className={`toggle${on ? ' on' : ''}`} title={d.deviceId}>
                <input type="checkbox" checked={on} disabled={!on && deviceIds.length >= MAX_COMPARE} onChange={() => set({ compare: toggleCompared(deviceIds, d.deviceId) })} />
                {names.get(d.deviceId)}
              </label>
            );
          })}
        </span>
      </div>
      {group.length === 1 && <p className="muted small">Only one device of this kind so far; a comparison needs two or more.</p>}
      {deviceIds.length >= MAX_COMPARE && group.length > MAX_COMPARE && <p className="muted small">At most {MAX_COMPARE} devices in one chart.</p>}
      {loaded.error && <Notice tone="error">{loaded.error}</Notice>}
      {deviceIds.length === 0 && <p className="muted">Pick the devices to compare.</p>}
      {chart && quantity && chart.labels.length > 0 && (
        <section className="panel">
          <h3>
            {quantity}{' '}
            <span className="muted small">{chart.labels.length} {chart.labels.length === 1 ? 'device' : 'devices'} · {formatCount(chart.points)} points</span>
          </h3>
          <UPlotChart data={chart.data} labels={chart.labels} yLabel={quantity} height={320} />
          {chart.without.length > 0 && !pending && <p className="muted small">No {quantity} values from {chart.without.join(', ')}.</p>}
        </section>
      )}
    </>
  );
}

import { useMemo } from 'react';
import { useApiResult } from '../hooks/useApiResult';
import { chartableDevices, resolveDevice, type ChartChoice } from '../logic/chart-choice';
import { EmptyState, Notice } from '../components/Notice';
import { DeviceCharts } from './charts/DeviceCharts';
import { CompareCharts } from './charts/CompareCharts';

/**
 * One device's numeric series (a chart each), or one quantity of several devices of a kind in
 * one chart. Only devices with a numeric series are offered, so it never opens on a gateway.
 */
export function ChartsView({ choice, onChoice }: { choice: ChartChoice; onChoice: (c: ChartChoice) => void }) {
  const devices = useApiResult((api) => api.listDevices(), [], (m) => m.type === 'events', 5000);
  const chartable = useMemo(() => chartableDevices(devices.data ?? []), [devices.data]);

  if (devices.error && !devices.data) return <Notice tone="error">{devices.error}</Notice>;
  if (!devices.data) return <p className="muted">Loading…</p>;
  if (chartable.length === 0) {
    return <EmptyState title="Nothing to chart yet"><p>Charts appear once a device has sent temperature, humidity, CO₂, pressure or counter events.</p></EmptyState>;
  }
  const mode = (m: ChartChoice['mode'], text: string) => (
    <button type="button" className={`toggle${choice.mode === m ? ' on' : ''}`} aria-pressed={choice.mode === m} onClick={() => onChoice({ ...choice, mode: m })}>
      {text}
    </button>
  );
  return (
    <div className="scroll-area charts">
      <div className="chart-controls">
        <span className="toggles" role="group" aria-label="Chart mode">
          {mode('device', 'One device')}
          {mode('compare', 'Compare devices')}
        </span>
      </div>
      {choice.mode === 'device' ? (
        <DeviceCharts deviceId={resolveDevice(choice, chartable)} chartable={chartable} onDevice={(id) => onChoice({ ...choice, deviceId: id })} />
      ) : (
        <CompareCharts choice={choice} chartable={chartable} onChoice={onChoice} />
      )}
    </div>
  );
}

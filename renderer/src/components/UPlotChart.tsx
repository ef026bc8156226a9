import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { ChartData } from '../logic/series';
import { timeZone, zoneLabel } from '../logic/time-zone';

/** Canvas colours come from the theme's CSS variables, so dark mode charts stay readable. */
const cssVar = (name: string, fallback: string) =>
  getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;

/** The light theme's line colours (styles.css --series-N), used where the variables are missing. */
const PALETTE = ['#2563eb', '#dc2626', '#15803d', '#d97706', '#7c3aed', '#0891b2', '#db2777', '#4b5563'];
export const lineColor = (i: number) => cssVar(`--series-${(i % PALETTE.length) + 1}`, PALETTE[i % PALETTE.length]!);

/**
 * A thin React wrapper: uPlot owns its canvas; we create it once per data set and resize it.
 * `labels` names the lines (data columns 1…n) in the legend; `yLabel` names the y axis (quantity and unit).
 */
export function UPlotChart({ data, labels, yLabel, height = 260 }: { data: ChartData; labels: string[]; yLabel: string; height?: number }) {
  const box = useRef<HTMLDivElement>(null);
  // Callers pass a fresh array each render; the chart is rebuilt only when the names change.
  const labelKey = JSON.stringify(labels);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const axis = { stroke: cssVar('--muted', '#666'), grid: { stroke: cssVar('--grid', '#ddd'), width: 1 }, ticks: { stroke: cssVar('--grid', '#ddd') } };
    const showPoints = data[0].length < 200;
    const plot = new uPlot(
      {
        width: Math.max(300, el.clientWidth),
        height,
        series: [
          { label: 'Event time' },
          // Compared devices sample at different instants: join each line across the others' points.
          ...(JSON.parse(labelKey) as string[]).map((label, i) => ({ label, stroke: lineColor(i), width: 1.5, spanGaps: true, points: { show: showPoints } })),
        ],
        axes: [{ ...axis, label: `Event time (${zoneLabel()})` }, { ...axis, label: yLabel }],
        // the inspector's one time zone (logic/time-zone.ts): uPlot draws local time unless told
        ...(timeZone() === 'utc' ? { tzDate: (ts: number) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC') } : {}),
        cursor: { drag: { x: true, y: false } },
        legend: { show: true },
      },
      data,
      el,
    );
    const ro = new ResizeObserver(() => plot.setSize({ width: Math.max(300, el.clientWidth), height }));
    ro.observe(el);
    return () => {
      ro.disconnect();
      plot.destroy();
    };
  }, [data, labelKey, yLabel, height]);
  return <div className="chart" ref={box} />;
}

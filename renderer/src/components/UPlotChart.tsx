import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { AlignedData } from '../logic/series';

/** Canvas colours come from the theme's CSS variables, so dark mode charts stay readable. */
const cssVar = (name: string, fallback: string) =>
  getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;

/** A thin React wrapper: uPlot owns its canvas; we create it once per data set and resize it. */
export function UPlotChart({ data, label, height = 260 }: { data: AlignedData; label: string; height?: number }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const axis = { stroke: cssVar('--muted', '#666'), grid: { stroke: cssVar('--grid', '#ddd'), width: 1 }, ticks: { stroke: cssVar('--grid', '#ddd') } };
    const plot = new uPlot(
      {
        width: Math.max(300, el.clientWidth),
        height,
        series: [{}, { label, stroke: cssVar('--accent', '#2563eb'), width: 1.5, points: { show: data[0].length < 200 } }],
        axes: [axis, axis],
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
  }, [data, label, height]);
  return <div className="chart" ref={box} />;
}

/** Contract Series → uPlot's columnar data (seconds on x). One chart per unit. */
import type { Series } from '../../../shared/api/contract';

/** x (seconds) then one column per line; null where a line has no point at that x. */
export type ChartData = [number[], ...Array<Array<number | null>>];

export function toUplotData(s: Series): ChartData {
  const xs = new Array<number>(s.points.length);
  const ys = new Array<number>(s.points.length);
  const pts = sortedPoints(s.points);
  for (let i = 0; i < pts.length; i++) {
    xs[i] = pts[i]![0] / 1000;
    ys[i] = pts[i]![1];
  }
  return [xs, ys];
}

/**
 * Several devices' series of one quantity on one shared x axis. Devices sample at their own
 * instants, so each column is null where its device has no point (the chart spans the gaps).
 */
export function mergeSeries(lines: Array<Array<[number, number]>>): ChartData {
  const sorted = lines.map(sortedPoints);
  const times = [...new Set(sorted.flatMap((pts) => pts.map((p) => p[0])))].sort((a, b) => a - b);
  const columns = sorted.map((pts) => {
    const col = new Array<number | null>(times.length).fill(null);
    let j = 0;
    for (let i = 0; i < times.length && j < pts.length; i++) {
      if (pts[j]![0] !== times[i]) continue;
      col[i] = pts[j]![1];
      // one value per instant: a repeated timestamp keeps its last value
      while (j < pts.length && pts[j]![0] === times[i]) col[i] = pts[j++]![1];
    }
    return col;
  });
  return [times.map((t) => t / 1000), ...columns];
}

// uPlot needs ascending x; the service sorts, but do not trust it blindly.
function sortedPoints(points: Array<[number, number]>): Array<[number, number]> {
  for (let i = 1; i < points.length; i++) if (points[i]![0] < points[i - 1]![0]) return [...points].sort((a, b) => a[0] - b[0]);
  return points;
}

export function seriesStats(s: Series): { min: number; max: number; last: number } | null {
  if (!s.points.length) return null;
  let min = Infinity, max = -Infinity;
  for (const [, v] of s.points) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  // Sensor values carry at most two meaningful decimals; 21.449999 reads badly.
  const r = (v: number) => Math.round(v * 100) / 100;
  return { min: r(min), max: r(max), last: r(s.points[s.points.length - 1]![1]) };
}

/**
 * One quantity of several devices as one chart: a line per device that has that quantity,
 * and the names of those that have none (said under the chart rather than drawn empty).
 */
export function compareData(devices: Array<{ label: string; series: Series[] }>, quantity: string): { data: ChartData; labels: string[]; without: string[]; points: number } {
  const lines: Array<Array<[number, number]>> = [];
  const labels: string[] = [];
  const without: string[] = [];
  let points = 0;
  for (const d of devices) {
    const s = d.series.find((x) => x.name === quantity);
    if (!s || s.points.length === 0) {
      without.push(d.label);
      continue;
    }
    lines.push(s.points);
    labels.push(d.label);
    points += s.points.length;
  }
  return { data: mergeSeries(lines), labels, without, points };
}

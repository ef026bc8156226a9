/** Contract Series → uPlot's columnar data (seconds on x). One chart per unit. */
import type { Series } from '../../../shared/api/contract';

export type AlignedData = [number[], number[]];

export function toUplotData(s: Series): AlignedData {
  const xs = new Array<number>(s.points.length);
  const ys = new Array<number>(s.points.length);
  // uPlot needs ascending x; the service sorts, but do not trust it blindly.
  const pts = isSorted(s.points) ? s.points : [...s.points].sort((a, b) => a[0] - b[0]);
  for (let i = 0; i < pts.length; i++) {
    xs[i] = pts[i]![0] / 1000;
    ys[i] = pts[i]![1];
  }
  return [xs, ys];
}

function isSorted(points: Array<[number, number]>): boolean {
  for (let i = 1; i < points.length; i++) if (points[i]![0] < points[i - 1]![0]) return false;
  return true;
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

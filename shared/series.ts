/**
 * Numeric points for charts from one event body, samples included (a temperature event
 * can carry several samples taken before it was sent). Times are event time in ms.
 */
import { timestampToMillis } from './dt/timestamp';

export const CHARTED_TYPES = ['temperature', 'humidity', 'co2', 'pressure', 'touchCount', 'objectPresentCount'] as const;

export type SeriesPoints = Map<string, Array<[number, number]>>;

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function push(out: SeriesPoints, name: string, time: unknown, value: unknown): void {
  if (typeof time !== 'string' || !isNum(value)) return;
  const t = timestampToMillis(time);
  if (Number.isNaN(t)) return;
  let list = out.get(name);
  if (!list) out.set(name, (list = []));
  list.push([t, value]);
}

export function addEventPoints(out: SeriesPoints, eventType: string, body: unknown): void {
  const data = (body as { event?: { data?: Record<string, unknown> } })?.event?.data?.[eventType] as Record<string, unknown> | undefined;
  if (!data || typeof data !== 'object') return;
  const samples = Array.isArray(data.samples) ? (data.samples as Array<Record<string, unknown>>) : [];
  switch (eventType) {
    case 'temperature':
      if (samples.length) for (const s of samples) push(out, 'temperature °C', s?.sampleTime, s?.value);
      else push(out, 'temperature °C', data.updateTime, data.value);
      break;
    case 'humidity':
      if (samples.length) {
        for (const s of samples) {
          push(out, 'relative humidity %', s?.sampleTime, s?.relativeHumidity);
          push(out, 'temperature °C', s?.sampleTime, s?.temperature);
        }
      } else {
        push(out, 'relative humidity %', data.updateTime, data.relativeHumidity);
        push(out, 'temperature °C', data.updateTime, data.temperature);
      }
      break;
    case 'co2': push(out, 'CO2 ppm', data.updateTime, data.ppm); break;
    case 'pressure': push(out, 'pressure hPa', data.updateTime, isNum(data.pascal) ? data.pascal / 100 : undefined); break;
    case 'touchCount': push(out, 'touch count', data.updateTime, data.total); break;
    case 'objectPresentCount': push(out, 'object count', data.updateTime, data.total); break;
  }
}

/** Sorted by time, duplicates of the same instant (sample re-sent in a later event) removed. */
export function finishSeries(out: SeriesPoints): Array<{ name: string; points: Array<[number, number]> }> {
  return [...out].map(([name, points]) => {
    points.sort((a, b) => a[0] - b[0]);
    const unique = points.filter((p, i) => i === 0 || p[0] !== points[i - 1]![0]);
    return { name, points: unique };
  });
}

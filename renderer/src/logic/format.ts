/** Display formatting: counts, times, durations. Pure; the locale is fixed to keep output predictable. */
import { timestampToMillis } from '../../../shared/dt/timestamp';
import { fieldsOf, zoneName } from './time-zone';

const LOCALE = 'en-US';
const countFmt = new Intl.NumberFormat(LOCALE);

export function formatCount(n: number): string {
  return countFmt.format(n);
}

/** "1,234 of 100,000 events" (or "3 events" when nothing is filtered out). */
export function matchLine(matched: number, total: number): string {
  const noun = total === 1 ? 'event' : 'events';
  return matched === total ? `${formatCount(total)} ${noun}` : `${formatCount(matched)} of ${formatCount(total)} ${noun}`;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Wall-clock time with ms in the chosen zone (logic/time-zone.ts), e.g. "14:03:07.123"; the date is added when it is not today. */
export function formatTime(iso: string, now: Date = new Date()): string {
  const ms = timestampToMillis(iso);
  if (!Number.isFinite(ms)) return iso;
  const f = fieldsOf(new Date(ms));
  const n = fieldsOf(now);
  const time = `${pad(f.h)}:${pad(f.mi)}:${pad(f.s)}.${pad(f.ms, 3)}`;
  const sameDay = f.y === n.y && f.mo === n.mo && f.day === n.day;
  return sameDay ? time : `${f.y}-${pad(f.mo)}-${pad(f.day)} ${time}`;
}

/**
 * A full instant for the detail, in the chosen zone with the zone named: "2026-12-07 06:00:26.838000 UTC".
 * DT's microseconds are kept from the text (a Date holds only ms).
 */
export function formatInstant(iso: string): string {
  const ms = timestampToMillis(iso);
  if (!Number.isFinite(ms)) return iso;
  const d = new Date(ms);
  const f = fieldsOf(d);
  const frac = /\.(\d+)/.exec(iso)?.[1] ?? pad(f.ms, 3);
  return `${f.y}-${pad(f.mo)}-${pad(f.day)} ${pad(f.h)}:${pad(f.mi)}:${pad(f.s)}.${frac} ${zoneName(d)}`;
}

/** "450 ms", "3.2 s", "4 min", "2 h 5 min", "3 d". Negative durations keep their sign. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  const sign = ms < 0 ? '−' : '';
  const a = Math.abs(ms);
  if (a < 1000) return `${sign}${Math.round(a)} ms`;
  if (a < 60_000) return `${sign}${(a / 1000).toFixed(1)} s`;
  if (a < 3_600_000) return `${sign}${Math.floor(a / 60_000)} min`;
  if (a < 86_400_000) return `${sign}${Math.floor(a / 3_600_000)} h ${Math.floor((a % 3_600_000) / 60_000)} min`;
  return `${sign}${Math.floor(a / 86_400_000)} d`;
}

/** "5 min ago" from an ISO time. */
export function formatAgo(iso: string, now: number = Date.now()): string {
  const ms = timestampToMillis(iso);
  if (!Number.isFinite(ms)) return iso;
  const d = now - ms;
  return d < 1000 ? 'just now' : `${formatDuration(d)} ago`;
}

export function formatMs(ms: number | null): string {
  return ms === null ? '–' : formatDuration(ms);
}

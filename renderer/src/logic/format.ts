/** Display formatting: counts, times, durations. Pure; the locale is fixed to keep output predictable. */
import { timestampToMillis } from '../../../shared/dt/timestamp';

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

/** Local wall-clock time with ms, e.g. "14:03:07.123"; the date is added when it is not today. */
export function formatTime(iso: string, now: Date = new Date()): string {
  const ms = timestampToMillis(iso);
  if (!Number.isFinite(ms)) return iso;
  const d = new Date(ms);
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
  const sameDay = d.getFullYear() === now.getFullYear() && d.getMonth() === now.getMonth() && d.getDate() === now.getDate();
  return sameDay ? time : `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${time}`;
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

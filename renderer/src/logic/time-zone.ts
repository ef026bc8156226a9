/**
 * One time zone for every time the inspector shows (issue 20 #4): the list, the detail, the
 * charts and the panels all read this, local by default or UTC, and say which. Kept in
 * localStorage: it is how this tester reads times, not the inbox's state.
 */
export type TimeZoneChoice = 'local' | 'utc';

const KEY = 'connector-inbox.timeZone';
const listeners = new Set<() => void>();
/** the browser's localStorage when there is one (this file is also compiled for Node-side tests) */
const storage = (globalThis as { localStorage?: { getItem(k: string): string | null; setItem(k: string, v: string): void } }).localStorage;
let current: TimeZoneChoice = read();

function read(): TimeZoneChoice {
  try {
    return storage?.getItem(KEY) === 'utc' ? 'utc' : 'local';
  } catch {
    return 'local';
  }
}

export function timeZone(): TimeZoneChoice {
  return current;
}

export function setTimeZone(z: TimeZoneChoice): void {
  current = z;
  try { storage?.setItem(KEY, z); } catch { /* private mode: the choice lasts this session */ }
  for (const l of listeners) l();
}

export function onTimeZone(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** "UTC", or the local offset "UTC+01:00", at the instant given (offsets change with DST) */
export function zoneName(at: Date = new Date(), z: TimeZoneChoice = current): string {
  if (z === 'utc') return 'UTC';
  const off = -at.getTimezoneOffset();
  const sign = off >= 0 ? '+' : '−';
  const a = Math.abs(off);
  return `UTC${sign}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

/** the zone as headings and menus say it: "UTC" or "local, UTC+01:00" */
export function zoneLabel(at: Date = new Date(), z: TimeZoneChoice = current): string {
  return z === 'utc' ? 'UTC' : `local, ${zoneName(at, z)}`;
}

/** The calendar fields of an instant in the chosen zone. */
export function fieldsOf(d: Date, z: TimeZoneChoice = current) {
  return z === 'utc'
    ? { y: d.getUTCFullYear(), mo: d.getUTCMonth() + 1, day: d.getUTCDate(), h: d.getUTCHours(), mi: d.getUTCMinutes(), s: d.getUTCSeconds(), ms: d.getUTCMilliseconds() }
    : { y: d.getFullYear(), mo: d.getMonth() + 1, day: d.getDate(), h: d.getHours(), mi: d.getMinutes(), s: d.getSeconds(), ms: d.getMilliseconds() };
}

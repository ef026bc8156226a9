/**
 * Full-precision ordering of DT timestamps (RFC 3339, 6 or 9 fractional digits).
 * `Date` keeps only milliseconds, so two events 0.4 ms apart would compare equal or
 * swap: we compare a normalised string instead (UTC, fraction padded to 9 digits).
 */

const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?([Zz]|[+-]\d{2}:\d{2})$/;

/**
 * Recent results: device state compares each new event with the latest ones, the same few
 * timestamps over and over, and the regex is most of the cost of a comparison.
 */
const recent = new Map<string, string | null>();

/** Returns `YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ` in UTC, or null when not RFC 3339. */
export function normaliseTimestamp(ts: string): string | null {
  let n = recent.get(ts);
  if (n === undefined) {
    n = normalise(ts);
    if (recent.size >= 4096) recent.clear();
    recent.set(ts, n);
  }
  return n;
}

function normalise(ts: string): string | null {
  const m = RFC3339.exec(ts);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac = '', zone] = m;
  const month = Number(mo), day = Number(d), hour = Number(h), minute = Number(mi), second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return null;
  const fraction = frac.padEnd(9, '0');
  if (zone === 'Z' || zone === 'z' || zone === '+00:00' || zone === '-00:00') {
    return `${y}-${mo}-${d}T${h}:${mi}:${s}.${fraction}Z`;
  }
  // An offset: shift the whole seconds through Date (exact at second resolution), keep the fraction.
  const sign = zone![0] === '+' ? -1 : 1;
  const offsetMin = Number(zone!.slice(1, 3)) * 60 + Number(zone!.slice(4, 6));
  const utcMs = Date.UTC(Number(y), month - 1, day, hour, minute, second) + sign * offsetMin * 60_000;
  const iso = new Date(utcMs).toISOString(); // ...SS.000Z
  return `${iso.slice(0, 19)}.${fraction}Z`;
}

export function isRfc3339(ts: string): boolean {
  return normaliseTimestamp(ts) !== null;
}

/** Compare two timestamps at full precision; unparsable ones sort first. */
export function compareTimestamps(a: string, b: string): number {
  const na = normaliseTimestamp(a) ?? '';
  const nb = normaliseTimestamp(b) ?? '';
  return na < nb ? -1 : na > nb ? 1 : 0;
}

/** Milliseconds since the epoch, for display and durations only (never for ordering). */
export function timestampToMillis(ts: string): number {
  const n = normaliseTimestamp(ts);
  return n ? Date.parse(n.slice(0, 23) + 'Z') : NaN;
}

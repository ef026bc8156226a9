/**
 * One-line, sensor-aware summaries ("21.4 °C", "PRESENT", "87 % battery") for the tray,
 * notifications and the list. Defensive: the data may not match the type.
 */
import type { DtRequestBody } from './types';

type Fields = Record<string, unknown>;

const num = (v: unknown, digits = 1): string | undefined =>
  typeof v === 'number' && Number.isFinite(v) ? (Number.isInteger(v) ? String(v) : v.toFixed(digits)) : undefined;
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/**
 * The types whose summary is one number (after a prefix) and a unit: the value the list shows,
 * and the one a search compares (`temperature>20`, summaryNumber below). One table for both.
 */
const NUMBER_FORMS = {
  temperature: { unit: ' °C' },
  humidity: { unit: ' %RH' },
  objectPresentCount: { unit: ' objects' },
  touchCount: { unit: ' touches' },
  networkStatus: { prefix: 'signal ', unit: ' %' },
  batteryStatus: { unit: ' % battery' },
  cellularStatus: { unit: ' % signal' },
  co2: { unit: ' ppm' },
  pressure: { unit: ' hPa' },
} satisfies Record<string, { unit: string; prefix?: string }>;
type NumberForm = { unit: string; prefix?: string };
const unit = (type: keyof typeof NUMBER_FORMS) => NUMBER_FORMS[type].unit;

/** The event types with a numeric summary, in the table's order. */
export const NUMERIC_TYPES: readonly string[] = Object.keys(NUMBER_FORMS);

const byType: Record<string, (d: Fields) => string | undefined> = {
  touch: () => 'touch',
  temperature: (d) => withUnit(num(d.value), unit('temperature')),
  objectPresent: (d) => str(d.state),
  humidity: (d) => {
    const rh = num(d.relativeHumidity);
    const t = num(d.temperature);
    return rh === undefined && t === undefined ? undefined : [withUnit(rh, unit('humidity')), withUnit(t, unit('temperature'))].filter(Boolean).join(', ');
  },
  objectPresentCount: (d) => withUnit(num(d.total, 0), unit('objectPresentCount')),
  touchCount: (d) => withUnit(num(d.total, 0), unit('touchCount')),
  waterPresent: (d) => str(d.state),
  networkStatus: (d) => {
    const s = num(d.signalStrength, 0);
    const rssi = num(d.rssi, 0);
    return s === undefined ? undefined : `${NUMBER_FORMS.networkStatus.prefix}${s}${unit('networkStatus')}${rssi !== undefined ? ` (${rssi} dBm)` : ''}`;
  },
  batteryStatus: (d) => withUnit(num(d.percentage, 0), unit('batteryStatus')),
  connectionStatus: (d) => str(d.connection),
  ethernetStatus: (d) => str(d.ipAddress) ?? str(d.macAddress),
  cellularStatus: (d) => withUnit(num(d.signalStrength, 0), unit('cellularStatus')),
  co2: (d) => withUnit(num(d.ppm, 0), unit('co2')),
  pressure: (d) => {
    const pa = typeof d.pascal === 'number' ? d.pascal : undefined;
    return pa === undefined ? undefined : `${(pa / 100).toFixed(1)}${unit('pressure')}`;
  },
  motion: (d) => str(d.state),
  deskOccupancy: (d) => str(d.state),
  contact: (d) => str(d.state),
  probeWireStatus: (d) => str(d.state),
};

/**
 * The number a summary shows for its type ("21.4 °C" → 21.4, "45 %RH, 21.0 °C" → 45), and where
 * it stands in the summary; undefined for a type without one or a summary that fell back to the
 * type name. It is the value as listed (temperature to 0.1), so a search agrees with the list.
 */
export function summaryNumber(eventType: string, summary: string): { value: number; start: number; end: number } | undefined {
  if (!Object.prototype.hasOwnProperty.call(NUMBER_FORMS, eventType)) return undefined;
  const form: NumberForm = (NUMBER_FORMS as Record<string, NumberForm>)[eventType]!;
  const start = form.prefix?.length ?? 0;
  if (form.prefix && !summary.startsWith(form.prefix)) return undefined;
  const m = /^-?\d+(?:\.\d+)?/.exec(summary.slice(start));
  if (!m) return undefined;
  const end = start + m[0].length;
  return summary.startsWith(form.unit, end) ? { value: Number(m[0]), start, end } : undefined;
}

function withUnit(v: string | undefined, unit: string): string | undefined {
  return v === undefined ? undefined : v + unit;
}

function labelsChangedSummary(d: Fields): string {
  const parts: string[] = [];
  const count = (v: unknown) => (v && typeof v === 'object' ? Object.keys(v).length : 0);
  const a = count(d.added), m = count(d.modified), r = Array.isArray(d.removed) ? d.removed.length : 0;
  if (a) parts.push(`${a} added`);
  if (m) parts.push(`${m} modified`);
  if (r) parts.push(`${r} removed`);
  return parts.length ? `labels: ${parts.join(', ')}` : 'labels changed';
}

/** The sensor value in a few words; falls back to the type name when the data is odd. */
export function summarizeEvent(body: Pick<DtRequestBody, 'event'>): string {
  const { eventType, data } = body.event as { eventType: string; data: unknown };
  if (!data || typeof data !== 'object') return eventType;
  if (eventType === 'labelsChanged') return labelsChangedSummary(data as Fields);
  const inner = (data as Fields)[eventType];
  const fn = byType[eventType];
  if (!fn || !inner || typeof inner !== 'object') return eventType;
  return fn(inner as Fields) ?? eventType;
}

/** A device's display name: its `name` label, else its id. */
export function deviceDisplayName(labels: Record<string, unknown> | undefined, deviceId: string): string {
  const name = labels?.name;
  return typeof name === 'string' && name.trim() ? name : deviceId;
}

/** Headline for a notification, in sensor terms ("Water detected"). */
export function eventHeadline(eventType: string, summary: string): string {
  switch (eventType) {
    case 'touch': return 'Touched';
    case 'waterPresent': return summary === 'PRESENT' ? 'Water detected' : 'Water gone';
    case 'objectPresent': return summary === 'PRESENT' ? 'Object present' : 'Object removed';
    case 'motion': return summary === 'MOTION_DETECTED' ? 'Motion detected' : 'Motion stopped';
    case 'contact': return summary === 'OPEN' ? 'Opened' : summary === 'CLOSED' ? 'Closed' : 'Contact';
    case 'deskOccupancy': return summary === 'OCCUPIED' ? 'Desk occupied' : 'Desk free';
    default: return `${eventType}: ${summary}`;
  }
}

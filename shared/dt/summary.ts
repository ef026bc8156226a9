/**
 * One-line, sensor-aware summaries ("21.4 °C", "PRESENT", "87 % battery") for the tray,
 * notifications and the list. Defensive: the data may not match the type.
 */
import type { DtRequestBody } from './types';

type Fields = Record<string, unknown>;

const num = (v: unknown, digits = 1): string | undefined =>
  typeof v === 'number' && Number.isFinite(v) ? (Number.isInteger(v) ? String(v) : v.toFixed(digits)) : undefined;
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

const byType: Record<string, (d: Fields) => string | undefined> = {
  touch: () => 'touch',
  temperature: (d) => withUnit(num(d.value), ' °C'),
  objectPresent: (d) => str(d.state),
  humidity: (d) => {
    const rh = num(d.relativeHumidity);
    const t = num(d.temperature);
    return rh === undefined && t === undefined ? undefined : [withUnit(rh, ' %RH'), withUnit(t, ' °C')].filter(Boolean).join(', ');
  },
  objectPresentCount: (d) => withUnit(num(d.total, 0), ' objects'),
  touchCount: (d) => withUnit(num(d.total, 0), ' touches'),
  waterPresent: (d) => str(d.state),
  networkStatus: (d) => {
    const s = num(d.signalStrength, 0);
    const rssi = num(d.rssi, 0);
    return s === undefined ? undefined : `signal ${s} %${rssi !== undefined ? ` (${rssi} dBm)` : ''}`;
  },
  batteryStatus: (d) => withUnit(num(d.percentage, 0), ' % battery'),
  connectionStatus: (d) => str(d.connection),
  ethernetStatus: (d) => str(d.ipAddress) ?? str(d.macAddress),
  cellularStatus: (d) => withUnit(num(d.signalStrength, 0), ' % signal'),
  co2: (d) => withUnit(num(d.ppm, 0), ' ppm'),
  pressure: (d) => {
    const pa = typeof d.pascal === 'number' ? d.pascal : undefined;
    return pa === undefined ? undefined : `${(pa / 100).toFixed(1)} hPa`;
  },
  motion: (d) => str(d.state),
  deskOccupancy: (d) => str(d.state),
  contact: (d) => str(d.state),
  probeWireStatus: (d) => str(d.state),
};

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

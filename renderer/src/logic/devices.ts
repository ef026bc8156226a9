/** Device rows: silent detection and the latest value per event type, in a stable order. */
import type { DeviceState, LatestValue } from '../../../shared/records';
import { timestampToMillis } from '../../../shared/dt/timestamp';

/** Sensors send a heartbeat about every 15 minutes; two missed ones means something is off. */
export const SILENT_AFTER_MS = 30 * 60_000;

export function isSilent(d: Pick<DeviceState, 'lastSeen'>, now: number = Date.now()): boolean {
  const seen = timestampToMillis(d.lastSeen);
  return Number.isFinite(seen) && now - seen > SILENT_AFTER_MS;
}

/** Measurements first, then states, then health, each alphabetical. */
const ORDER = ['temperature', 'humidity', 'co2', 'pressure', 'touchCount', 'objectPresentCount'];
export function latestValues(d: Pick<DeviceState, 'latest'>): Array<[string, LatestValue]> {
  const rank = (t: string) => {
    const i = ORDER.indexOf(t);
    return i >= 0 ? i : t === 'networkStatus' || t === 'batteryStatus' ? 100 : 50;
  };
  return Object.entries(d.latest).sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b));
}

/** Newest activity first; ties by name. */
export function sortDevices(devices: DeviceState[]): DeviceState[] {
  return [...devices].sort((a, b) => (a.lastSeen < b.lastSeen ? 1 : a.lastSeen > b.lastSeen ? -1 : a.name.localeCompare(b.name)));
}

export function labelPairs(labels: Record<string, string>): string[] {
  return Object.entries(labels).map(([k, v]) => `${k}=${v}`);
}

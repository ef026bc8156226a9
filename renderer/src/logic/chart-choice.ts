/**
 * What the Charts view shows: one device's series, or one quantity of several devices of
 * the same kind. Resolved from the user's last choice and the devices the inbox knows, so
 * the view never opens on a device with nothing to chart (a gateway, a door contact).
 */
import type { DeviceState } from '../../../shared/records';
import { CHARTED_TYPES } from '../../../shared/series';
import { sortDevices } from './devices';

/** Enough lines to compare, few enough that each keeps a colour of its own. */
export const MAX_COMPARE = 8;
/** How many devices a comparison starts with when the user has not picked any. */
export const DEFAULT_COMPARE = 4;
/** The kind shown for devices whose events carried no metadata.deviceType. */
export const UNKNOWN_KIND = 'unknown kind';

export interface ChartChoice {
  mode: 'device' | 'compare';
  deviceId: string | null;
  kind: string | null;
  /** the devices picked for comparison; null until the user picks */
  compare: string[] | null;
  quantity: string | null;
}

export const INITIAL_CHOICE: ChartChoice = { mode: 'device', deviceId: null, kind: null, compare: null, quantity: null };

const charted = new Set<string>(CHARTED_TYPES);

/** A device has a numeric series once it has sent one of the charted event types. */
export function hasNumericSeries(d: Pick<DeviceState, 'latest'>): boolean {
  return Object.keys(d.latest).some((t) => charted.has(t));
}

/** Devices with something to chart, newest activity first. */
export function chartableDevices(devices: DeviceState[]): DeviceState[] {
  return sortDevices(devices).filter(hasNumericSeries);
}

export const kindOf = (d: Pick<DeviceState, 'deviceType'>): string => d.deviceType || UNKNOWN_KIND;

const byName = (a: DeviceState, b: DeviceState) => a.name.localeCompare(b.name) || a.deviceId.localeCompare(b.deviceId);

/** Kinds with chartable devices, alphabetical; devices in each by name, so pills and lines keep their places as events arrive. */
export function deviceKinds(chartable: DeviceState[]): Array<{ kind: string; devices: DeviceState[] }> {
  const byKind = new Map<string, DeviceState[]>();
  for (const d of chartable) {
    const list = byKind.get(kindOf(d)) ?? [];
    list.push(d);
    byKind.set(kindOf(d), list);
  }
  return [...byKind].map(([kind, list]) => ({ kind, devices: list.sort(byName) })).sort((a, b) => a.kind.localeCompare(b.kind));
}

/** The single device to show: the chosen one while it is chartable, else the newest chartable one. */
export function resolveDevice(choice: ChartChoice, chartable: DeviceState[]): string | null {
  if (choice.deviceId && chartable.some((d) => d.deviceId === choice.deviceId)) return choice.deviceId;
  return chartable[0]?.deviceId ?? null;
}

/**
 * The kind and devices to compare. Without a usable choice: the kind of the device shown in
 * single mode when it has company, else the kind with the most devices.
 */
export function resolveCompare(choice: ChartChoice, chartable: DeviceState[]): { kind: string | null; deviceIds: string[] } {
  const kinds = deviceKinds(chartable);
  if (kinds.length === 0) return { kind: null, deviceIds: [] };
  const current = chartable.find((d) => d.deviceId === resolveDevice(choice, chartable));
  const busiest = [...kinds].sort((a, b) => b.devices.length - a.devices.length)[0]!;
  const group =
    kinds.find((k) => k.kind === choice.kind) ??
    kinds.find((k) => current && k.kind === kindOf(current) && k.devices.length > 1) ??
    busiest;
  const inKind = new Set(group.devices.map((d) => d.deviceId));
  const picked = (choice.compare ?? []).filter((id) => inKind.has(id)).slice(0, MAX_COMPARE);
  if (choice.compare && choice.kind === group.kind) return { kind: group.kind, deviceIds: picked };
  // Unpicked: the most recently heard devices of the kind, listed by name (a colour each, in that order).
  const recent = new Set(chartable.filter((d) => inKind.has(d.deviceId)).slice(0, DEFAULT_COMPARE).map((d) => d.deviceId));
  return { kind: group.kind, deviceIds: group.devices.filter((d) => recent.has(d.deviceId)).map((d) => d.deviceId) };
}

/** Add or remove one device, never beyond MAX_COMPARE; the others keep their places (and colours). */
export function toggleCompared(ids: string[], deviceId: string): string[] {
  if (ids.includes(deviceId)) return ids.filter((id) => id !== deviceId);
  return ids.length >= MAX_COMPARE ? ids : [...ids, deviceId];
}

/**
 * Legend names: the `name` label, else the device id (DeviceState.name already falls back).
 * Two devices with the same name get their ids added, or the legend could not tell them apart.
 */
export function legendNames(devices: Array<Pick<DeviceState, 'deviceId' | 'name'>>): Map<string, string> {
  const count = new Map<string, number>();
  for (const d of devices) count.set(d.name, (count.get(d.name) ?? 0) + 1);
  return new Map(devices.map((d) => [d.deviceId, (count.get(d.name) ?? 0) > 1 && d.name !== d.deviceId ? `${d.name} (${d.deviceId})` : d.name]));
}

/** Quantities any of the compared devices has, in first-seen order; the chosen one if present, else the first. */
export function resolveQuantity(choice: ChartChoice, seriesNames: string[][]): { quantities: string[]; quantity: string | null } {
  const quantities = [...new Set(seriesNames.flat())];
  const quantity = choice.quantity && quantities.includes(choice.quantity) ? choice.quantity : (quantities[0] ?? null);
  return { quantities, quantity };
}

/**
 * Plausible `data` per event type. Each device keeps a little state so a stream reads
 * like a real one: temperatures drift instead of jumping, counters only grow, battery
 * only drains, state sensors toggle, and labelsChanged really changes the labels that
 * later events of the device carry.
 */
import type { EventDataByType, KnownEventType } from '../../../shared/dt/types';
import type { Device } from './fleet';
import type { Rng } from './prng';

export interface DeviceState {
  temperature: number;
  humidity: number;
  ppm: number;
  pascal: number;
  total: number;
  battery: number;
  toggled: boolean;
  rssi: number;
}

export function initialState(device: Device, rng: Rng): DeviceState {
  const cold = /Fridge|Freezer|Cold/.test(device.labels.name ?? '');
  return {
    temperature: cold ? rng.float(-20, 6) : rng.float(19, 24),
    humidity: rng.float(30, 60),
    ppm: rng.int(420, 900),
    pascal: rng.int(99000, 102500),
    total: rng.int(0, 5000),
    battery: rng.int(70, 100),
    toggled: rng.chance(0.5),
    rssi: rng.int(-100, -60),
  };
}

const round2 = (x: number) => Math.round(x * 100) / 100;
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
/** DT reports signal strength as a 0-100 percentage of the RSSI range (about -105..-55 dBm). */
const strength = (rssi: number) => clamp(Math.round(((rssi + 105) * 100) / 50), 0, 100);

const LABEL_KEYS = ['room', 'floor', 'zone', 'asset'];
const LABEL_VALUES = ['kitchen', 'lab', '2', '3', 'north', 'south', 'cold-chain', 'hvac'];

export interface DataContext {
  device: Device;
  state: DeviceState;
  rng: Rng;
  updateTime: string;
  /** Cloud Connector ids a sensor can be heard by (networkStatus) */
  cloudConnectors: readonly string[];
}

type DataOf<T extends KnownEventType> = EventDataByType[T];

/** The `data` object of the body: `{ <type>: {...} }`, or the labelsChanged fields directly. */
export function makeData(type: KnownEventType, ctx: DataContext): Record<string, unknown> {
  if (type === 'labelsChanged') return labelsChanged(ctx);
  return { [type]: makeInner(type, ctx) };
}

function toggle(ctx: DataContext): boolean {
  ctx.state.toggled = !ctx.state.toggled;
  return ctx.state.toggled;
}

function makeInner(type: Exclude<KnownEventType, 'labelsChanged'>, ctx: DataContext): object {
  const { state: s, rng, updateTime } = ctx;
  switch (type) {
    case 'touch':
      return { updateTime } satisfies DataOf<'touch'>;
    case 'temperature': {
      s.temperature += rng.float(-0.3, 0.3);
      const value = round2(s.temperature);
      return { value, updateTime, samples: [{ value, sampleTime: updateTime }], isBackfilled: false } satisfies DataOf<'temperature'>;
    }
    case 'humidity': {
      s.temperature += rng.float(-0.2, 0.2);
      s.humidity = clamp(s.humidity + rng.float(-1, 1), 5, 95);
      const temperature = round2(s.temperature), relativeHumidity = round2(s.humidity);
      return {
        temperature, relativeHumidity,
        samples: [{ temperature, relativeHumidity, sampleTime: updateTime }],
        isBackfilled: false, updateTime,
      } satisfies DataOf<'humidity'>;
    }
    case 'objectPresent':
      return { state: toggle(ctx) ? 'PRESENT' : 'NOT_PRESENT', updateTime } satisfies DataOf<'objectPresent'>;
    case 'objectPresentCount':
    case 'touchCount':
      s.total += rng.int(1, 5);
      return { total: s.total, updateTime } satisfies DataOf<'touchCount'>;
    case 'waterPresent':
      // Leaks are rare: mostly dry, a short wet spell now and then.
      s.toggled = s.toggled ? rng.chance(0.5) : rng.chance(0.15);
      return { state: s.toggled ? 'PRESENT' : 'NOT_PRESENT', updateTime } satisfies DataOf<'waterPresent'>;
    case 'networkStatus': {
      s.rssi = clamp(s.rssi + rng.int(-4, 4), -105, -50);
      const heardBy = rng.shuffle(ctx.cloudConnectors).slice(0, rng.int(1, Math.min(2, ctx.cloudConnectors.length)));
      const cloudConnectors = heardBy.map((id, i) => {
        const rssi = s.rssi - i * rng.int(3, 12); // the strongest connector first, as DT lists them
        return { id, signalStrength: strength(rssi), rssi };
      });
      return {
        signalStrength: strength(s.rssi), rssi: s.rssi, updateTime, cloudConnectors,
        transmissionMode: rng.chance(0.9) ? 'LOW_POWER_STANDARD_MODE' : 'HIGH_POWER_BOOST_MODE',
      } satisfies DataOf<'networkStatus'>;
    }
    case 'batteryStatus':
      if (rng.chance(0.2)) s.battery = Math.max(0, s.battery - 1);
      return { percentage: s.battery, updateTime } satisfies DataOf<'batteryStatus'>;
    case 'connectionStatus': {
      const connection = rng.chance(0.85) ? 'ETHERNET' : 'CELLULAR';
      return { connection, available: ['CELLULAR', 'ETHERNET'], updateTime } satisfies DataOf<'connectionStatus'>;
    }
    case 'ethernetStatus': {
      const hex = (n: number) => n.toString(16).padStart(2, '0');
      const id = ctx.device.deviceId;
      const mac = `f0:b5:b7:${hex(id.charCodeAt(5))}:${hex(id.charCodeAt(8))}:${hex(id.charCodeAt(11))}`;
      return { macAddress: mac, ipAddress: `10.0.${id.charCodeAt(6) % 16}.${(id.charCodeAt(9) % 250) + 2}`, errors: [], updateTime } satisfies DataOf<'ethernetStatus'>;
    }
    case 'cellularStatus':
      return { signalStrength: rng.int(40, 100), errors: [], updateTime } satisfies DataOf<'cellularStatus'>;
    case 'co2':
      s.ppm = clamp(s.ppm + rng.int(-40, 60), 400, 2500);
      return { ppm: s.ppm, updateTime } satisfies DataOf<'co2'>;
    case 'pressure':
      s.pascal = clamp(s.pascal + rng.int(-30, 30), 95000, 105000);
      return { pascal: s.pascal, updateTime } satisfies DataOf<'pressure'>;
    case 'motion':
      return { state: toggle(ctx) ? 'MOTION_DETECTED' : 'NO_MOTION_DETECTED', updateTime } satisfies DataOf<'motion'>;
    case 'deskOccupancy':
      return { state: toggle(ctx) ? 'OCCUPIED' : 'NOT_OCCUPIED', remarks: [], updateTime } satisfies DataOf<'deskOccupancy'>;
    case 'contact':
      return { state: toggle(ctx) ? 'OPEN' : 'CLOSED', updateTime } satisfies DataOf<'contact'>;
    case 'probeWireStatus': {
      // A probe keeps its wiring; an invalid configuration shows up rarely.
      const state = rng.chance(0.05) ? rng.pick(['INVALID_WIRE_CONFIGURATION', 'INVALID_COEFFICIENT_CONFIGURATION'] as const)
        : rng.pick(['TWO_WIRE', 'THREE_WIRE', 'FOUR_WIRE'] as const);
      return { state, updateTime } satisfies DataOf<'probeWireStatus'>;
    }
  }
}

/** Changes the device's labels for real, so later bodies carry the new `name`. */
function labelsChanged(ctx: DataContext): Record<string, unknown> {
  const { device, rng } = ctx;
  const labels = device.labels;
  const added: Record<string, string> = {}, modified: Record<string, string> = {}, removed: string[] = [];
  const extra = Object.keys(labels).filter((k) => k !== 'name');
  const free = LABEL_KEYS.filter((k) => !(k in labels));
  const roll = rng.next();
  if (roll < 0.4 && free.length) added[rng.pick(free)] = rng.pick(LABEL_VALUES);
  else if (roll < 0.7 && extra.length) removed.push(rng.pick(extra));
  else {
    const base = (labels.name ?? 'Sensor').replace(/ \(renamed( \d+)?\)$/, '');
    modified.name = `${base} (renamed ${rng.int(1, 99)})`;
  }
  for (const k of removed) delete labels[k];
  Object.assign(labels, added, modified);
  return { added, modified, removed } satisfies DataOf<'labelsChanged'>;
}

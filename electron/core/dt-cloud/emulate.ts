/**
 * `dt emulate`: realistic events of one type from an emulated device in DT Cloud. The
 * device kind and the data come from the simulator (fleet.ts, payloads.ts), so an emulated
 * stream reads like the `send` simulator's: values drift, counters grow, states toggle.
 * Our device carries the label `connector-inbox: emulator` so later runs reuse it.
 */
import { randomInt } from 'node:crypto';
import type { KnownEventType } from '../../../shared/dt/types';
import { EMITTERS, type Device as SimDevice, type DeviceKind } from '../simulator/fleet';
import { formatMicros } from '../simulator/ids';
import { initialState, makeData, type DeviceState } from '../simulator/payloads';
import { Rng } from '../simulator/prng';
import { listAll, type DtClient } from './client';
import { DtCloudError } from './errors';
import { idOf, type Device } from './types';

export const EMULATOR_LABEL = { key: 'connector-inbox', value: 'emulator' } as const;

export type PublishableType = Exclude<KnownEventType, 'labelsChanged'>;

/** The device kind we create for a type: the first kind that emits it. */
export const kindFor = (type: PublishableType): DeviceKind => EMITTERS[type][0]!;

/** Our emulated device for the type (by id, else the first labelled one of the kind), else a new one. */
export async function emulatedDevice(client: DtClient, project: string, type: PublishableType, deviceId?: string, kindWanted?: DeviceKind): Promise<{ device: Device; created: boolean }> {
  if (kindWanted && !EMITTERS[type].includes(kindWanted)) {
    throw new DtCloudError('bad_request', `a ${kindWanted} device cannot publish ${type} (kinds that can: ${EMITTERS[type].join(', ')})`);
  }
  const devices = await listAll(`the emulated devices of project ${project}`, (page) => client.listEmulatedDevices(project, page));
  if (deviceId) {
    const d = devices.find((x) => idOf(x.name) === deviceId);
    if (!d) throw new DtCloudError('not_found', `no emulated device ${deviceId} in project ${project}`);
    if (!EMITTERS[type].includes(d.type as DeviceKind)) {
      throw new DtCloudError('bad_request', `emulated device ${deviceId} is a ${d.type} device, which cannot publish ${type} (kinds that can: ${EMITTERS[type].join(', ')})`);
    }
    return { device: d, created: false };
  }
  const kind = kindWanted ?? kindFor(type);
  const ours = devices.find((d) => d.type === kind && d.labels?.[EMULATOR_LABEL.key] === EMULATOR_LABEL.value);
  if (ours) return { device: ours, created: false };
  const device = await client.createEmulatedDevice(project, kind, { name: `Connector Inbox emulated ${kind}`, [EMULATOR_LABEL.key]: EMULATOR_LABEL.value });
  return { device, created: true };
}

/** Makes successive `{ <type>: {...} }` publish bodies for one device, each stamped with `now()`. */
export function eventSource(device: Device, type: PublishableType, now: () => number = Date.now, seed = randomInt(0, 2 ** 31)) {
  const rng = new Rng(seed);
  const sim: SimDevice = { deviceId: idOf(device.name), kind: device.type as DeviceKind, labels: { ...device.labels }, emits: [type] };
  const state: DeviceState = initialState(sim, rng);
  // networkStatus names the Cloud Connectors that heard the sensor; emulated ones are made up.
  const cloudConnectors = [`emu${idOf(device.name).slice(3, 13)}cc01`, `emu${idOf(device.name).slice(3, 13)}cc02`];
  return (): Record<string, unknown> => makeData(type, { device: sim, state, rng, updateTime: formatMicros(now() * 1000), cloudConnectors });
}

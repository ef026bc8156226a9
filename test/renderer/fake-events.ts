/**
 * Request bodies shaped like DT's, for the fake API, component tests and the e2e harness.
 */
import type { DtRequestBody } from '../../shared/dt/types';

export interface FakeEventInput {
  eventId?: string;
  eventType?: string;
  deviceId?: string;
  projectId?: string;
  labels?: Record<string, string>;
  deviceType?: string;
  timestamp?: string;
  /** The measurement for numeric types; the state for state types. */
  value?: number | string;
}

let counter = 0;

function dataFor(type: string, value: number | string | undefined, ts: string): unknown {
  switch (type) {
    case 'temperature': return { temperature: { value: value ?? 21.5, updateTime: ts, samples: [{ value: value ?? 21.5, sampleTime: ts }], isBackfilled: false } };
    case 'humidity': return { humidity: { temperature: 22, relativeHumidity: value ?? 40, updateTime: ts } };
    case 'co2': return { co2: { ppm: value ?? 600, updateTime: ts } };
    case 'pressure': return { pressure: { pascal: value ?? 101325, updateTime: ts } };
    case 'touchCount': return { touchCount: { total: value ?? 1, updateTime: ts } };
    case 'objectPresentCount': return { objectPresentCount: { total: value ?? 1, updateTime: ts } };
    case 'networkStatus': return { networkStatus: { signalStrength: value ?? 80, rssi: -60, updateTime: ts, cloudConnectors: [], transmissionMode: 'LOW_POWER_STANDARD_MODE' } };
    case 'batteryStatus': return { batteryStatus: { percentage: value ?? 90, updateTime: ts } };
    case 'touch': return { touch: { updateTime: ts } };
    case 'labelsChanged': return { added: { room: 'lab' }, modified: {}, removed: [] };
    case 'contact': return { contact: { state: value ?? 'OPEN', updateTime: ts } };
    case 'waterPresent': return { waterPresent: { state: value ?? 'PRESENT', updateTime: ts } };
    default: return { [type]: { state: value, updateTime: ts } };
  }
}

export function makeBody(input: FakeEventInput = {}): DtRequestBody {
  counter += 1;
  const type = input.eventType ?? 'temperature';
  const deviceId = input.deviceId ?? 'emudev0000000000000001';
  const projectId = input.projectId ?? 'prj0000000000000000001';
  const ts = input.timestamp ?? new Date().toISOString().replace('Z', '000Z');
  return {
    event: {
      eventId: input.eventId ?? `evt${String(counter).padStart(17, '0')}`,
      targetName: `projects/${projectId}/devices/${deviceId}`,
      eventType: type,
      data: dataFor(type, input.value, ts),
      timestamp: ts,
    } as DtRequestBody['event'],
    labels: input.labels ?? {},
    metadata: { deviceId, projectId, deviceType: input.deviceType ?? type, productNumber: '' },
  };
}

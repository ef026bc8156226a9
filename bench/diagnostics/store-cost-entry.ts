/**
 * The store alone (no HTTP, no signature, no validation): ingests N arrivals from 10 concurrent
 * writers into a copy of a 100k-event directory, as the receiver's 10 connections would, and
 * prints CPU per stored event. Bundled and run by store-cost.mjs.
 */
import { EventStore, type Arrival } from '../../electron/core/store';

const [dir, count] = [process.argv[2]!, Number(process.argv[3] ?? 20_000)];
let i = 0;
function arrival(): Arrival {
  const k = i++;
  const eventId = `storecost${String(k).padStart(12, '0')}`;
  const deviceId = `dev${k % 50}`;
  const timestamp = new Date(1735689600000 + k * 1000).toISOString().replace('Z', '000Z');
  const raw = JSON.stringify({
    event: { eventId, targetName: `projects/p1/devices/${deviceId}`, eventType: 'temperature', data: { temperature: { value: 21.5, updateTime: timestamp } }, timestamp },
    labels: { name: 'Fridge' }, metadata: { deviceId, projectId: 'p1', deviceType: 'temperature', productNumber: '' },
  });
  const receivedAt = new Date().toISOString();
  return {
    eventId, eventType: 'temperature', projectId: 'p1', deviceId, deviceType: 'temperature', deviceName: 'Fridge', labels: { name: 'Fridge' },
    timestamp, receivedAt, signature: 'valid', warnings: [], knownType: true, summary: '21.5 °C', raw,
    delivery: { receivedAt, path: '/', remoteAddress: '127.0.0.1', status: 200, headers: { host: '127.0.0.1', 'content-type': 'application/json', 'x-dt-signature': 'x'.repeat(330), 'content-length': String(raw.length) } },
  };
}

const store = await EventStore.open(dir, {});
const c0 = process.cpuUsage(), t0 = performance.now();
await Promise.all(Array.from({ length: 10 }, async () => {
  while (i < count) {
    (await store.ingest(arrival())).ack(1.5);
  }
}));
const wall = performance.now() - t0, cpu = process.cpuUsage(c0);
console.log(JSON.stringify({ events: count, eventsPerSec: Math.round((count / wall) * 1000), cpuUsPerEvent: Math.round(((cpu.user + cpu.system) / count) * 10) / 10 }));
await store.close();

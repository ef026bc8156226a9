/**
 * The fake DT Cloud delivers like DT: an emulated event goes to every ACTIVE HTTP_PUSH
 * connector whose filter takes it, with the connector's label keys and an X-Dt-Signature
 * that the app's verifier accepts; non-2xx is retried; disabled connectors get nothing;
 * :sync re-sends the latest event of each type. Driven through the app's client.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDtClient, endpointsFromEnv, idOf, serviceAccountFromEnv, type DtClient } from '../../electron/core/dt-cloud';
import { verifySignature } from '../../electron/core/signature';
import { startFakeDtCloud, type FakeDtCloud } from '../fake-dt-cloud';

interface Received { path: string; raw: Buffer; signature?: string }
let fake: FakeDtCloud;
let dt: DtClient;
let receiver: Server;
let base = '';
const received: Received[] = [];
/** answers with the next status in this list, then 200 */
const script: number[] = [];

beforeAll(async () => {
  fake = await startFakeDtCloud({ delivery: { backoffMs: 10 } });
  dt = createDtClient({ account: serviceAccountFromEnv(fake.env), endpoints: endpointsFromEnv(fake.env) });
  receiver = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c)).on('end', () => {
      received.push({ path: req.url ?? '', raw: Buffer.concat(chunks), signature: req.headers['x-dt-signature'] as string | undefined });
      res.writeHead(script.shift() ?? 200).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await fake.close();
  receiver.close();
});

it('publish reaches active HTTP_PUSH connectors, signed, with their label keys; others get nothing', async () => {
  const mk = (path: string, extra: object) => dt.createConnector('prj-dev', { type: 'HTTP_PUSH', displayName: path, labels: ['name'], httpConfig: { url: `${base}/${path}`, signatureSecret: `secret-${path}` }, ...extra });
  await mk('all', {});
  await mk('co2only', { events: ['co2'] });
  await mk('off', { status: 'USER_DISABLED' });
  const dev = await dt.createEmulatedDevice('prj-dev', 'temperature', { name: 'Fridge 1', room: 'lab' });
  expect(idOf(dev.name)).toMatch(/^emu/);
  await dt.publish('prj-dev', idOf(dev.name), { temperature: { value: 4.5, samples: [], isBackfilled: false } });
  await fake.idle();
  expect(received.map((r) => r.path)).toEqual(['/all']);
  const body = JSON.parse(received[0]!.raw.toString());
  expect(body.event).toMatchObject({ eventType: 'temperature', targetName: `projects/prj-dev/devices/${idOf(dev.name)}`, data: { temperature: { value: 4.5 } } });
  expect(body.labels).toEqual({ name: 'Fridge 1' });
  expect(body.metadata).toMatchObject({ deviceType: 'temperature', productNumber: '' });
  expect(verifySignature(received[0]!.raw, received[0]!.signature, { secrets: ['secret-all'], allowExpired: false })).toMatchObject({ ok: true });
  expect(verifySignature(received[0]!.raw, received[0]!.signature, { secrets: ['secret-co2only'], allowExpired: false })).toMatchObject({ ok: false });
});

it('a non-2xx answer is retried until acknowledged; metrics count both', async () => {
  received.length = 0;
  const [all] = fake.connectorsOf('prj-dev');
  const dev = await dt.createEmulatedDevice('prj-dev', 'touch', { name: 'Button' });
  script.push(500, 503);
  await dt.publish('prj-dev', idOf(dev.name), { touch: {} });
  await fake.idle();
  const ids = received.map((r) => JSON.parse(r.raw.toString()).event.eventId);
  expect(ids).toHaveLength(3);
  expect(new Set(ids).size).toBe(1);
  const m = await dt.connectorMetrics('prj-dev', idOf(all!.name));
  expect(m.errorCount).toBe(2);
  expect(m.successCount).toBe(2);
  expect(m.latency99p).toMatch(/^\d+\.\d{3}s$/);
});

it('a device kind cannot publish a type it does not have (DT refuses)', async () => {
  const dev = await dt.createEmulatedDevice('prj-dev', 'touch', { name: 'Button 2' });
  await expect(dt.publish('prj-dev', idOf(dev.name), { co2: { ppm: 500 } })).rejects.toThrow(/400.*cannot publish co2/);
});

it(':sync re-sends the latest event of each type of every device to that connector only', async () => {
  received.length = 0;
  const [all, co2only] = fake.connectorsOf('prj-dev');
  await dt.syncConnector('prj-dev', idOf(co2only!.name));
  await fake.idle();
  expect(received).toHaveLength(0); // nothing co2 was published
  await dt.syncConnector('prj-dev', idOf(all!.name));
  await fake.idle();
  expect(received.map((r) => JSON.parse(r.raw.toString()).event.eventType).sort()).toEqual(['temperature', 'touch']);
});

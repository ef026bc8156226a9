/**
 * runReplay against a receiver written for the test (its own HS256 check, jose): the bytes
 * sent are the export's body bytes, re-signed as DT signs; the filters pick exactly the
 * chosen events; duplicates and reordering happen as asked; the summary counts it all.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { exportFileChunks, readExport, runReplay, type ReplayOptions } from '../../electron/core/replay';
import { generateEvents, type SimEvent } from '../../electron/core/simulator/generate';
import { startReceiver, type TestReceiver } from '../check/receiver';

const SECRET = 'replay-secret';
const dir = mkdtempSync(join(tmpdir(), 'ci-replay-'));
const open: TestReceiver[] = [];
afterEach(async () => { await Promise.all(open.splice(0).map((r) => r.close())); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const { events } = generateEvents({ seed: 42, count: 120, devices: 14, startMs: Date.parse('2025-06-01T12:00:00Z'), spacingMs: 1000 });

/** An export file as export.ts writes it (stored raw bodies spliced in). */
function writeExportFile(list: readonly SimEvent[]): string {
  const file = join(dir, `export-${Math.random().toString(36).slice(2)}.json`);
  const body = list.map((e) => `\n${JSON.stringify({ eventId: e.eventId, eventType: e.eventType, projectId: 'p', deviceId: e.deviceId, timestamp: e.timestamp, receivedAt: e.timestamp, deliveries: 1, signature: 'valid', warnings: [] }).slice(0, -1)},"body":${e.body}}`);
  writeFileSync(file, `{"format":"connector-inbox-export/1","exportedAt":"2025-06-02T00:00:00.000Z","filter":{},"count":${list.length},"events":[${body.join(',')}\n],"devices":[]}\n`);
  return file;
}
const file = writeExportFile(events);

async function replay(r: TestReceiver, o: Partial<ReplayOptions> = {}) {
  return runReplay({
    url: new URL(r.url), source: readExport(exportFileChunks(file)), filter: {}, rate: 0, concurrency: 1, duplicates: 0, reorder: 0,
    timeoutMs: 5_000, retry: { maxAttempts: 3, backoffMs: () => 0 }, ...o,
  });
}
async function receiver(o: Parameters<typeof startReceiver>[0] = {}) {
  const r = await startReceiver(o);
  open.push(r);
  return r;
}

describe('replay', () => {
  it('sends each stored body byte for byte, re-signed as DT signs, and summarises like send', async () => {
    const r = await receiver({ secret: SECRET });
    const summary = await replay(r, { secret: SECRET, seed: 5 });
    expect(r.received.map((x) => x.raw.toString('utf8'))).toEqual(events.map((e) => e.body));
    expect(r.received.every((x) => x.verdict === 'valid' && x.claims!.exp! - x.claims!.iat! === 3600)).toBe(true);
    expect(summary).toMatchObject({
      sent: 120, deliveries: 120, statuses: { 200: 120 }, acked: 120, failed: 0, retries: 0, duplicatesSent: 0, reorderedSent: 0,
      devices: new Set(events.map((e) => e.deviceId)).size, seed: 5,
    });
    expect(Object.keys(summary)).toEqual(['sent', 'deliveries', 'statuses', 'acked', 'failed', 'retries', 'duplicatesSent', 'reorderedSent', 'latencyMs', 'durationMs', 'rate', 'devices', 'seed']);
  });

  it('without a secret sends the bodies unsigned', async () => {
    const r = await receiver();
    await replay(r, { concurrency: 8 });
    expect(r.received).toHaveLength(120);
    expect(r.received.every((x) => x.token === undefined)).toBe(true);
  });

  it('replays only the events the filters pick', async () => {
    const r = await receiver({ secret: SECRET });
    const types = ['temperature', 'touch'];
    const devices = [...new Set(events.filter((e) => types.includes(e.eventType)).map((e) => e.deviceId))].slice(0, 3);
    const since = events[20]!.timestamp, until = events[100]!.timestamp;
    const summary = await replay(r, { secret: SECRET, filter: { types, devices, since, until } });
    const want = events.filter((e) => types.includes(e.eventType) && devices.includes(e.deviceId) && e.timestamp >= since && e.timestamp <= until);
    expect(want.length).toBeGreaterThan(2);
    expect(r.received.map((x) => x.body.event.eventId)).toEqual(want.map((e) => e.eventId));
    expect(summary.sent).toBe(want.length);
  });

  it('--duplicates 1 delivers every event twice with the same bytes and token', async () => {
    const r = await receiver({ secret: SECRET });
    const summary = await replay(r, { secret: SECRET, duplicates: 1 });
    expect(summary).toMatchObject({ sent: 120, deliveries: 240, duplicatesSent: 120, acked: 120 });
    const byId = new Map<string, Array<{ raw: string; token?: string }>>();
    for (const x of r.received) byId.set(x.body.event.eventId, [...(byId.get(x.body.event.eventId) ?? []), { raw: x.raw.toString(), token: x.token }]);
    expect(byId.size).toBe(120);
    for (const [a, b] of byId.values()) expect(b).toEqual(a);
  });

  it('--reorder 1 delivers older events after newer ones of the same device and type, as counted', async () => {
    const r = await receiver({ secret: SECRET });
    const summary = await replay(r, { secret: SECRET, reorder: 1 });
    const newest = new Map<string, string>();
    let seen = 0;
    for (const x of r.received) {
      const k = `${x.body.metadata.deviceId}/${x.body.event.eventType}`;
      const t = x.body.event.timestamp;
      if ((newest.get(k) ?? '') > t) seen++;
      else newest.set(k, t);
    }
    expect(summary.reorderedSent).toBeGreaterThan(10);
    expect(seen).toBe(summary.reorderedSent);
    expect(summary.acked).toBe(120);
  });

  it('an event the receiver keeps refusing is retried, then counted as failed', async () => {
    const r = await receiver({ secret: SECRET, refuseEventId: events[7]!.eventId });
    const summary = await replay(r, { secret: SECRET });
    expect(summary).toMatchObject({ sent: 120, acked: 119, failed: 1, retries: 2, deliveries: 122, statuses: { 200: 119, 503: 3 } });
  });
});

/**
 * The simulator against the real receiver, both as the user runs them (`send` → `serve`),
 * then `export`: every event acknowledged is stored once, duplicates are counted as
 * deliveries, and each device's latest value per type is its newest by timestamp.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { compareTimestamps } from '../../shared/dt/timestamp';
import type { SendSummary } from '../../electron/core/simulator/summary';
import { buildCli, cleanupTempDirs, killAllServes, runCli, startServe, tempDir } from './helpers';

const SECRET = 'roundtrip-secret';
let cli = '';
let removeCli = () => {};
beforeAll(async () => {
  ({ cli, remove: removeCli } = await buildCli());
});
afterEach(() => killAllServes());
afterAll(() => {
  removeCli();
  cleanupTempDirs();
});

interface Export {
  count: number;
  events: Array<{ eventId: string; eventType: string; deviceId: string; projectId: string; timestamp: string; deliveries: number; signature: string; body: { event: { eventId: string } } }>;
  devices: Array<{ projectId: string; deviceId: string; latest: Record<string, { eventId: string; timestamp: string }>; staleDeliveries: number }>;
}

async function roundtrip(extra: string[]) {
  const dir = tempDir();
  const ids = join(tempDir(), 'ids.txt');
  const serve = await startServe(cli, dir, ['--secret', SECRET]);
  const sent = await runCli(cli, ['send', '--to', serve.url, '--secret', SECRET, '--count', '300', '--duplicates', '0.1', '--reorder', '0.1', '--seed', '7', '--out-ids', ids, ...extra], 30_000);
  expect(sent.code, sent.stderr).toBe(0);
  const summary = JSON.parse(sent.stdout) as SendSummary;
  // export while serve still runs
  const out = await runCli(cli, ['export', '--data-dir', dir]);
  expect(out.code, out.stderr).toBe(0);
  await serve.kill();
  return { summary, exp: JSON.parse(out.stdout) as Export, acked: readFileSync(ids, 'utf8').trim().split('\n') };
}

function checkLatest(exp: Export): void {
  for (const d of exp.devices) {
    const mine = exp.events.filter((e) => e.deviceId === d.deviceId && e.projectId === d.projectId);
    const types = new Set(mine.map((e) => e.eventType));
    expect(Object.keys(d.latest).sort()).toEqual([...types].sort());
    for (const type of types) {
      const newest = mine.filter((e) => e.eventType === type).reduce((a, b) => (compareTimestamps(b.timestamp, a.timestamp) > 0 ? b : a));
      expect(d.latest[type], `${d.deviceId} ${type}`).toEqual({ eventId: newest.eventId, timestamp: newest.timestamp });
    }
  }
}

describe('send → serve → export', () => {
  it('300 events with duplicates and reordering: all acked, stored once, latest = newest by timestamp', async () => {
    const { summary, exp, acked } = await roundtrip([]);
    expect(summary).toMatchObject({ sent: 300, acked: 300, failed: 0, seed: 7 });
    expect(summary.duplicatesSent).toBeGreaterThan(0);
    expect(summary.reorderedSent).toBeGreaterThan(0);
    expect(summary.statuses).toEqual({ 200: summary.deliveries });

    expect(exp.count).toBe(300);
    expect(exp.events).toHaveLength(300);
    const ids = exp.events.map((e) => e.eventId);
    expect(new Set(ids).size).toBe(300);
    expect(new Set(ids)).toEqual(new Set(acked));
    for (const e of exp.events) {
      expect(e.signature).toBe('valid');
      expect(e.body.event.eventId).toBe(e.eventId);
    }
    // every request is one stored delivery: first deliveries + duplicates
    expect(exp.events.reduce((n, e) => n + e.deliveries, 0)).toBe(summary.deliveries);
    expect(summary.deliveries).toBe(300 + summary.duplicatesSent + summary.retries);
    const doubled = exp.events.filter((e) => e.deliveries >= 2);
    expect(doubled.length).toBeGreaterThan(0);
    expect(doubled.length).toBe(summary.duplicatesSent);

    expect(exp.devices.length).toBe(summary.devices);
    checkLatest(exp);
    // events are oldest first at full precision
    for (let i = 1; i < exp.events.length; i++) expect(compareTimestamps(exp.events[i - 1]!.timestamp, exp.events[i]!.timestamp)).toBeLessThanOrEqual(0);
  });

  it('delivered one at a time, every reordered event is counted as a stale delivery, exactly', async () => {
    const { summary, exp } = await roundtrip(['--concurrency', '1']);
    expect(summary.acked).toBe(300);
    expect(exp.events).toHaveLength(300);
    checkLatest(exp);
    expect(exp.devices.reduce((n, d) => n + d.staleDeliveries, 0)).toBe(summary.reorderedSent);
  });
});

/**
 * `connector-inbox export` against a data directory filled through the service (which
 * keeps running and holding the directory): the connector-inbox-export/1 format, the
 * filters, and the errors a user meets.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInboxService, type InboxService } from '../../electron/core/inbox-service';
import { signLikeDt } from '../../electron/core/signature';
import { compareTimestamps } from '../../shared/dt/timestamp';
import { buildCli, cleanupTempDirs, dtBody, post, runCli, tempDir } from './helpers';

const SECRET = 'export-secret';
let cli = '';
let removeCli = () => {};
let service: InboxService;
let dataDir = '';

interface Sent { eventId: string; type: string; deviceId: string; projectId: string; timestamp: string; raw: string; deliveries: number; stale: boolean }
const sent: Sent[] = [];

const T = (s: string) => `2025-03-14T09:${s}Z`;
// arrival order; several arrive after a newer event of their device and type (stale)
const PLAN: Array<{ type: string; deviceId: string; ts: string; labels?: Record<string, string> }> = [
  { type: 'temperature', deviceId: 'tcdevexpA', ts: T('30:00.000000300') },
  { type: 'temperature', deviceId: 'tcdevexpA', ts: T('30:00.000000200') }, // stale by 100 ns
  { type: 'temperature', deviceId: 'tcdevexpA', ts: T('10:00.000000') }, // stale
  { type: 'networkStatus', deviceId: 'tcdevexpA', ts: T('20:00.5') },
  { type: 'batteryStatus', deviceId: 'tcdevexpA', ts: T('05:00.000001') },
  { type: 'humidity', deviceId: 'tcdevexpB', ts: T('15:00.123456') },
  { type: 'humidity', deviceId: 'tcdevexpB', ts: T('15:00.123456789') },
  { type: 'networkStatus', deviceId: 'tcdevexpB', ts: T('01:00.000000') },
  { type: 'touch', deviceId: 'tcdevexpC', ts: T('40:00.000000'), labels: { name: 'Button', floor: '2' } },
  { type: 'touch', deviceId: 'tcdevexpC', ts: T('00:00.000000') }, // stale, earliest of all
  { type: 'labelsChanged', deviceId: 'tcdevexpC', ts: T('41:00.000000'), labels: { name: 'Button (renamed)', floor: '2' } },
  { type: 'humidity', deviceId: 'tcdevexpB', ts: T('15:00.123456788') }, // stale by 1 ns
];

async function deliver(raw: string) {
  return post(service.receiverUrl, raw, { 'X-Dt-Signature': await signLikeDt(Buffer.from(raw), SECRET) });
}

beforeAll(async () => {
  ({ cli, remove: removeCli } = await buildCli());
  dataDir = tempDir();
  service = await createInboxService({ dataDir, port: 0, host: '127.0.0.1', secrets: [SECRET], mode: 'browser', segmentSize: 5 });
  const latest = new Map<string, string>();
  for (const p of PLAN) {
    const b = dtBody({ type: p.type, deviceId: p.deviceId, timestamp: p.ts, ...(p.labels && { labels: p.labels }) });
    const key = `${p.deviceId}/${p.type}`;
    const current = latest.get(key);
    const stale = current !== undefined && compareTimestamps(p.ts, current) < 0;
    if (!stale) latest.set(key, p.ts);
    const r = await deliver(b.raw);
    if (r.json?.status !== 'accepted') throw new Error(`setup: ${r.text}`);
    sent.push({ eventId: b.eventId, type: p.type, deviceId: p.deviceId, projectId: b.projectId, timestamp: p.ts, raw: b.raw, deliveries: 1, stale });
  }
  // two events delivered again (DT's at-least-once), one of them twice
  for (const i of [0, 5, 5]) {
    const r = await deliver(sent[i]!.raw);
    if (r.json?.status !== 'duplicate') throw new Error(`setup: ${r.text}`);
    sent[i]!.deliveries++;
  }
});
afterAll(async () => {
  await service?.stop(2_000);
  removeCli();
  cleanupTempDirs();
});

interface Export {
  format: string; exportedAt: string; filter: Record<string, unknown>; count: number;
  events: Array<Record<string, unknown> & { eventId: string; timestamp: string; body: unknown }>;
  devices: Array<Record<string, unknown> & { deviceId: string; latest: Record<string, { eventId: string; timestamp: string }>; staleDeliveries: number }>;
}

async function exportJson(args: string[] = []): Promise<Export> {
  const r = await runCli(cli, ['export', '--data-dir', dataDir, ...args]);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Export;
}

/** the expected events for a predicate, oldest first by full-precision timestamp */
const expected = (pred: (s: Sent) => boolean) => sent.filter(pred).sort((a, b) => compareTimestamps(a.timestamp, b.timestamp)).map((s) => s.eventId);

describe('connector-inbox export', () => {
  it('writes connector-inbox-export/1 exactly as specified, while serve holds the directory', async () => {
    expect(existsSync(join(dataDir, 'serve.lock'))).toBe(true);
    const before = Date.now();
    const e = await exportJson();
    expect(Object.keys(e)).toEqual(['format', 'exportedAt', 'filter', 'count', 'events', 'devices']);
    expect(e.format).toBe('connector-inbox-export/1');
    expect(Date.parse(e.exportedAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(e.exportedAt)).toBeLessThanOrEqual(Date.now());
    expect(e.filter).toEqual({});
    expect(e.count).toBe(sent.length);
    expect(e.events).toHaveLength(sent.length);

    // oldest first by event time at full precision (not arrival order, not Date's milliseconds)
    expect(e.events.map((x) => x.eventId)).toEqual(expected(() => true));
    expect(e.events.map((x) => x.eventId)).not.toEqual(sent.map((s) => s.eventId));

    for (const x of e.events) {
      const s = sent.find((y) => y.eventId === x.eventId)!;
      expect(Object.keys(x)).toEqual(['eventId', 'eventType', 'projectId', 'deviceId', 'timestamp', 'receivedAt', 'deliveries', 'signature', 'warnings', 'source', 'stale', 'body']);
      expect(x).toMatchObject({ eventType: s.type, projectId: s.projectId, deviceId: s.deviceId, timestamp: s.timestamp, deliveries: s.deliveries, signature: 'valid', source: 'connector', stale: s.stale });
      expect(Array.isArray(x.warnings)).toBe(true);
      expect(Number.isNaN(Date.parse(x.receivedAt as string))).toBe(false);
      expect(x.body).toEqual(JSON.parse(s.raw));
    }

    expect(e.devices.map((d) => d.deviceId).sort()).toEqual(['tcdevexpA', 'tcdevexpB', 'tcdevexpC']);
    for (const d of e.devices) {
      expect(Object.keys(d).sort()).toEqual(['deviceId', 'deviceType', 'labels', 'latest', 'projectId', 'staleDeliveries']);
      const mine = sent.filter((s) => s.deviceId === d.deviceId);
      expect(d.projectId).toBe(mine[0]!.projectId);
      // latest per type = the newest event of that type by timestamp, whatever the arrival order
      const want: Record<string, { eventId: string; timestamp: string }> = {};
      for (const s of mine) {
        const cur = want[s.type];
        if (!cur || compareTimestamps(s.timestamp, cur.timestamp) > 0) want[s.type] = { eventId: s.eventId, timestamp: s.timestamp };
      }
      expect(d.latest).toEqual(want);
      expect(d.staleDeliveries).toBe(mine.filter((s) => s.stale).length);
    }
    const a = e.devices.find((d) => d.deviceId === 'tcdevexpA')!;
    expect(a.deviceType).toBe('temperature');
    expect(a.staleDeliveries).toBe(2);
    // labels follow the device's newest event
    expect(e.devices.find((d) => d.deviceId === 'tcdevexpC')!.labels).toEqual({ name: 'Button (renamed)', floor: '2' });
  });

  it('--type, --device, --since and --until narrow the events (inclusive, full precision) and the devices', async () => {
    const byType = await exportJson(['--type', 'humidity']);
    expect(byType.filter).toEqual({ types: ['humidity'] });
    expect(byType.events.map((x) => x.eventId)).toEqual(expected((s) => s.type === 'humidity'));
    expect(byType.count).toBe(3);
    expect(byType.devices.map((d) => d.deviceId)).toEqual(['tcdevexpB']);

    const twoTypes = await exportJson(['--type', 'touch', '--type', 'batteryStatus']);
    expect(twoTypes.events.map((x) => x.eventId)).toEqual(expected((s) => s.type === 'touch' || s.type === 'batteryStatus'));

    const byDevice = await exportJson(['--device', 'tcdevexpA']);
    expect(byDevice.filter).toEqual({ devices: ['tcdevexpA'] });
    expect(byDevice.events.map((x) => x.eventId)).toEqual(expected((s) => s.deviceId === 'tcdevexpA'));
    expect(byDevice.devices.map((d) => d.deviceId)).toEqual(['tcdevexpA']);

    // bounds at the nanosecond: 15:00.123456788 is in, …787 would not be; 30:00.000000200 is in, …300 is out
    const since = T('15:00.123456788'), until = T('30:00.000000200');
    const window = await exportJson(['--since', since, '--until', until]);
    expect(window.filter).toEqual({ since, until });
    const want = expected((s) => compareTimestamps(s.timestamp, since) >= 0 && compareTimestamps(s.timestamp, until) <= 0);
    expect(window.events.map((x) => x.eventId)).toEqual(want);
    expect(want).toHaveLength(4); // humidity …788 and …789 (not …123456), networkStatus A, temperature …200
    expect(window.count).toBe(4);

    const combined = await exportJson(['--device', 'tcdevexpA', '--type', 'temperature', '--since', T('10:00.000001')]);
    expect(combined.events.map((x) => x.eventId)).toEqual(expected((s) => s.deviceId === 'tcdevexpA' && s.type === 'temperature' && s.timestamp > T('10:00.000001')));
    expect(combined.count).toBe(2);

    const none = await exportJson(['--device', 'no-such-device']);
    expect(none).toMatchObject({ count: 0, events: [], devices: [] });
  });

  it('--out writes a file and refuses to overwrite an existing one', async () => {
    const dir = tempDir();
    const out = join(dir, 'export.json');
    const r = await runCli(cli, ['export', '--data-dir', dataDir, '--type', 'touch', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/exported 2 events to .*export\.json/);
    const written = JSON.parse(readFileSync(out, 'utf8')) as Export;
    expect(written.events.map((x) => x.eventId)).toEqual(expected((s) => s.type === 'touch'));

    const keep = join(dir, 'precious.json');
    writeFileSync(keep, 'do not touch');
    const again = await runCli(cli, ['export', '--data-dir', dataDir, '--out', keep]);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toMatch(/precious\.json already exists; choose another --out/);
    expect(readFileSync(keep, 'utf8')).toBe('do not touch');
  });

  it('a missing data directory or a bad time gives a clear error and a non-zero exit', async () => {
    const missing = join(tempDir(), 'nope');
    const r = await runCli(cli, ['export', '--data-dir', missing]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(`no data directory at ${missing}`);
    expect(r.stdout).toBe('');
    expect(existsSync(missing)).toBe(false); // and it did not create one

    const bad = await runCli(cli, ['export', '--data-dir', dataDir, '--since', 'last tuesday']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/--since.*RFC 3339/s);
  });
});

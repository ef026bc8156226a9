/**
 * The open segment's journal: a commit appends its lines (and nothing else), a full segment
 * becomes a plain JSON file, and whatever a crash leaves behind — a torn last line, a journal
 * already folded into its segment, an unreadable line — restarts with every acknowledged
 * event exactly once. A store is left open (not closed) to stand for a process that died:
 * what a second store reads is exactly what was on disk.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EventStore, openReadOnly, type Arrival } from '../../electron/core/store';
import { paths } from '../../electron/core/store/disk-format';
import { cleanupTempDirs, tempDir, until } from './helpers';

afterAll(() => cleanupTempDirs());

let counter = 0;
function arrival(deviceId = 'tcdevjournal'): Arrival {
  const eventId = `tcjournal${process.pid}x${String(++counter).padStart(6, '0')}`;
  const timestamp = new Date(Date.UTC(2025, 2, 14, 10, 0, counter % 60)).toISOString().replace('Z', '000Z');
  const raw = JSON.stringify({
    event: { eventId, targetName: `projects/tcprj/devices/${deviceId}`, eventType: 'temperature', data: { temperature: { value: 20 + counter % 5, updateTime: timestamp } }, timestamp },
    labels: { name: 'Fridge «3»' }, metadata: { deviceId, projectId: 'tcprj', deviceType: 'temperature', productNumber: '' },
  });
  const receivedAt = new Date().toISOString();
  return {
    eventId, eventType: 'temperature', projectId: 'tcprj', deviceId, deviceType: 'temperature', deviceName: 'Fridge «3»',
    labels: { name: 'Fridge «3»' }, timestamp, receivedAt, signature: 'valid', warnings: [], knownType: true, summary: '20 °C', raw, source: 'connector',
    delivery: { receivedAt, path: '/', headers: { 'content-type': 'application/json' }, remoteAddress: '127.0.0.1', status: 200 },
  };
}

const open = (dir: string, segmentSize = 4) => EventStore.open(dir, { segmentSize });
const ids = (s: EventStore) => s.summaries.map((e) => e.eventId);
const segmentFiles = (dir: string) => readdirSync(paths(dir).segments).sort();

describe('the open segment journal', () => {
  it('a commit appends only its own lines; a full segment becomes a JSON file and its journal goes', async () => {
    const dir = tempDir();
    const s = await open(dir);
    const sizes: number[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await s.ingest(arrival());
      expect(r.outcome).toBe('accepted');
      sizes.push(statSync(paths(dir).journal(1)).size);
    }
    // acknowledged = on disk: the journal holds it when ingest resolves; no segment file rewritten
    expect(segmentFiles(dir)).toEqual(['segment-000001.jsonl']);
    const growth = sizes.map((n, i) => n - (sizes[i - 1] ?? 0));
    expect(Math.max(...growth) - Math.min(...growth), 'each commit costs one record, whatever came before').toBeLessThan(64);
    for (let i = 0; i < 2; i++) await s.ingest(arrival());
    // the 5th record went to segment 2 at once: segment 1 is written whole behind it, its journal removed
    expect(segmentFiles(dir)).toContain('segment-000002.jsonl');
    await until(() => (segmentFiles(dir).join() === 'segment-000001.json,segment-000002.jsonl' ? true : undefined), 'segment 1 written whole');
    const seg1 = JSON.parse(readFileSync(paths(dir).segment(1), 'utf8')) as { events: Array<{ eventId: string }> };
    expect(seg1.events.map((e) => e.eventId)).toEqual(ids(s).slice(0, 4));
    await s.close();
    // closed, the open segment is a plain JSON file too
    expect(segmentFiles(dir)).toEqual(['segment-000001.json', 'segment-000002.json']);
    const again = await open(dir);
    expect(ids(again)).toEqual(ids(s));
    expect(again.warnings).toEqual([]);
    await again.close();
  });

  it('a full segment whose whole write is pending or failing is still read from memory, kept by its journal across a crash, and written at close', async () => {
    const dir = tempDir();
    const s = await open(dir);
    // A directory where the whole write puts its temporary file: writing segment 1 fails.
    const blocker = join(paths(dir).segments, `.segment-000001.json.${process.pid}.tmp`);
    mkdirSync(blocker);
    const sent: Arrival[] = [];
    for (let i = 0; i < 6; i++) {
      sent.push(arrival());
      expect((await s.ingest(sent[i]!)).outcome).toBe('accepted');
    }
    await new Promise((r) => setTimeout(r, 100)); // the failed write is behind us
    expect(segmentFiles(dir)).toEqual([`.segment-000001.json.${process.pid}.tmp`, 'segment-000001.jsonl', 'segment-000002.jsonl']);
    // the detail of an event of segment 1 comes from memory
    expect((await s.getEvent(sent[1]!.eventId))?.raw).toBe(sent[1]!.raw);
    // a crash now: a reader (an export) finds segment 1 in its journal
    const reader = await openReadOnly(dir);
    expect(reader.summaries.map((e) => e.eventId)).toEqual(sent.map((a) => a.eventId));
    expect((await reader.getEvent(sent[1]!.eventId))?.raw).toBe(sent[1]!.raw);
    // the disk is writable again: close writes segment 1 whole
    rmdirSync(blocker);
    await s.close();
    expect(segmentFiles(dir)).toEqual(['segment-000001.json', 'segment-000002.json']);
    const seg1 = JSON.parse(readFileSync(paths(dir).segment(1), 'utf8')) as { events: Array<{ eventId: string }> };
    expect(seg1.events.map((e) => e.eventId)).toEqual(sent.slice(0, 4).map((a) => a.eventId));
  });

  it('after a crash the journal alone restores every acknowledged event, duplicate and ack latency', async () => {
    const dir = tempDir();
    const s = await open(dir, 256);
    const first = arrival();
    const r1 = await s.ingest(first);
    r1.ack(12.34);
    const dup = await s.ingest({ ...first, delivery: { ...first.delivery, path: '/retry' } });
    expect(dup.outcome).toBe('duplicate');
    dup.ack(3.21);
    const last = await s.ingest(arrival('tcdevjournal2')); // carries the ack latencies recorded since
    // no close(): what a second store reads is what a crash leaves
    const after = await open(dir, 256);
    expect(after.warnings).toEqual([]);
    expect(ids(after)).toEqual([first.eventId, last.summary.eventId]);
    const detail = await after.getEvent(first.eventId);
    expect(detail?.deliveries).toBe(2);
    expect(detail?.deliveryLog.map((d) => [d.outcome, d.path, d.ackMs])).toEqual([['accepted', '/', 12.3], ['duplicate', '/retry', 3.2]]);
    expect(detail?.raw).toBe(first.raw);
    expect(after.devices.map((d) => d.deviceId).sort()).toEqual(['tcdevjournal', 'tcdevjournal2']);
    // and it goes on from there: a redelivery is a duplicate, new events get new seqs
    expect((await after.ingest(first)).outcome).toBe('duplicate');
    const next = await after.ingest(arrival());
    expect(next.summary.seq).toBe(3);
    await after.close();
    await s.close();
  });

  it('two deliveries of one event in the same group commit: stored once, the second a duplicate', async () => {
    const dir = tempDir();
    const s = await open(dir, 256);
    const other = arrival(), x = arrival();
    // Not awaited one by one: whether the commit starts at the first call or a tick later, x and
    // its redelivery are committed together, before either is in the store's index.
    const [, first, again] = await Promise.all([s.ingest(other), s.ingest(x), s.ingest({ ...x, delivery: { ...x.delivery, path: '/again' } })]);
    expect([first!.outcome, again!.outcome]).toEqual(['accepted', 'duplicate']);
    expect(ids(s)).toEqual([other.eventId, x.eventId]);
    const after = await open(dir, 256);
    expect(ids(after)).toEqual([other.eventId, x.eventId]);
    const detail = await after.getEvent(x.eventId);
    expect(detail?.deliveryLog.map((d) => [d.outcome, d.path])).toEqual([['accepted', '/'], ['duplicate', '/again']]);
    await after.close();
    await s.close();
  });

  it('a torn last line (a crash during an append) is dropped without a warning and cut before the next append', async () => {
    const dir = tempDir();
    const s = await open(dir, 256);
    const kept = [await s.ingest(arrival()), await s.ingest(arrival())].map((r) => r.summary.eventId);
    const torn = `{"e":{"seq":3,"eventId":"never-acknowledged","raw":"{\\"ev`;
    appendFileSync(paths(dir).journal(1), torn);
    const after = await open(dir, 256);
    expect(after.warnings).toEqual([]);
    expect(ids(after)).toEqual(kept);
    const more = await after.ingest(arrival());
    const text = readFileSync(paths(dir).journal(1), 'utf8');
    expect(text).not.toContain('never-acknowledged');
    for (const line of text.trimEnd().split('\n')) expect(() => JSON.parse(line)).not.toThrow();
    const third = await open(dir, 256);
    expect(ids(third)).toEqual([...kept, more.summary.eventId]);
    expect(third.warnings).toEqual([]);
    await Promise.all([s.close(), after.close(), third.close()]);
  });

  it('a journal already folded into its segment (crash before it was removed) adds nothing twice', async () => {
    const dir = tempDir();
    const s = await open(dir);
    for (let i = 0; i < 3; i++) await s.ingest(arrival());
    const journal1 = readFileSync(paths(dir).journal(1));
    for (let i = 0; i < 3; i++) await s.ingest(arrival()); // rotation: segment 1 written whole behind it, journal 1 removed
    await until(() => (existsSync(paths(dir).journal(1)) ? undefined : true), 'journal 1 removed');
    writeFileSync(paths(dir).journal(1), journal1); // …as if the removal had not reached the disk
    const journal2 = readFileSync(paths(dir).journal(2));
    await s.close(); // folds journal 2 into segment 2
    writeFileSync(paths(dir).journal(2), journal2);
    const after = await open(dir);
    expect(after.warnings).toEqual([]);
    expect(ids(after)).toEqual(ids(s));
    expect(after.deliveries).toBe(6);
    // the stale journals are gone or empty, and new events still land once
    const r = await after.ingest(arrival());
    const again = await open(dir);
    expect(ids(again)).toEqual([...ids(s), r.summary.eventId]);
    expect(new Set(ids(again)).size).toBe(7);
    await Promise.all([s.close(), after.close(), again.close()]);
  });

  it('an unreadable line in the middle: the other records are kept, the journal kept aside byte for byte, the loss reported once', async () => {
    const dir = tempDir();
    const s = await open(dir, 256);
    const sent = [];
    for (let i = 0; i < 4; i++) sent.push((await s.ingest(arrival())).summary.eventId);
    const lines = readFileSync(paths(dir).journal(1), 'utf8').split('\n');
    lines[1] = lines[1]!.slice(0, Math.floor(lines[1]!.length / 2)); // half a record: never valid JSON
    const damaged = lines.join('\n');
    writeFileSync(paths(dir).journal(1), damaged);
    const after = await open(dir, 256);
    expect(after.warnings.join('\n')).toMatch(/segment-000001\.jsonl: line 2 could not be read \(those records are lost; 3 others kept\)/);
    expect(ids(after)).toEqual([sent[0], sent[2], sent[3]]);
    const aside = readdirSync(paths(dir).corrupt);
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(paths(dir).corrupt, aside[0]!), 'utf8')).toBe(damaged);
    // the kept records are in the segment file now; DT's retry of the lost one is accepted
    expect((await after.ingest({ ...arrival(), eventId: sent[1]! })).outcome).toBe('accepted');
    await after.close();
    const again = await open(dir, 256);
    expect(again.warnings).toEqual([]);
    expect(ids(again).sort()).toEqual([...sent].sort());
    await Promise.all([s.close(), again.close()]);
  });
  it('a segment file that cannot be read while its journal can: the events in the journal are kept, and the warning counts only what the file alone held', async () => {
    const dir = tempDir();
    const first = await open(dir);
    for (let i = 0; i < 6; i++) await first.ingest(arrival()); // seq 1–4 in segment 1, 5–6 in segment 2's journal
    await first.close(); // segment 2 written whole: seq 5–6 now only in its JSON file
    const second = await open(dir);
    for (let i = 0; i < 2; i++) await second.ingest(arrival()); // seq 7–8 in its journal; the process dies here
    writeFileSync(paths(dir).segment(2), '{"format":"connector-inbox-segment/1","segm');
    const third = await open(dir);
    expect(third.summaries.map((e) => e.seq)).toEqual([1, 2, 3, 4, 7, 8]);
    expect(ids(third)).toEqual([...ids(first).slice(0, 4), ...ids(second).slice(6)]);
    expect(third.warnings.join('\n')).toContain('2 events received between seq 4 and 7 are lost; the 2 events in its journal were kept');
    expect(third.warnings.join('\n')).not.toContain('its events are lost');
    await third.close();
  });
});

/**
 * What the store promises across restarts and crashes: dedupe and timestamp versioning
 * survive a restart; an acknowledged event survives kill -9; corrupt files are set aside
 * (never deleted) and start-up goes on; retention keeps dedupe; one serve per directory;
 * SIGTERM stops promptly.
 */
import { connect } from 'node:net';
import { Writable } from 'node:stream';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createInboxService, type InboxService } from '../../electron/core/inbox-service';
import { signLikeDt } from '../../electron/core/signature';
import { paths } from '../../electron/core/store/disk-format';
import type { DeviceState } from '../../shared/records';
import { findSegment } from '../../electron/core/store/segment-reader';
import type { SegmentMeta } from '../../electron/core/store/load-state';
import { dtBody, post, runCli, startServe, stopAfterEach, tempDir, until, useBuiltCli, type BodyOptions } from './helpers';

const SECRET = 'durability-secret';
const built = useBuiltCli();
const services = stopAfterEach();

async function open(dataDir: string, o: { maxEvents?: number; segmentSize?: number } = {}) {
  const s = await createInboxService({ dataDir, port: 0, host: '127.0.0.1', secrets: [SECRET], mode: 'browser', ...o });
  services.push(s);
  return s;
}
async function close(s: InboxService) {
  services.splice(services.indexOf(s), 1);
  await s.stop(2_000);
}
async function send(url: string, o: BodyOptions | ReturnType<typeof dtBody> = {}) {
  const b = 'raw' in o ? o : dtBody(o);
  const r = await post(url, b.raw, { 'X-Dt-Signature': await signLikeDt(Buffer.from(b.raw), SECRET) });
  return { ...b, status: r.status, answer: r.json as { status?: string; error?: string } };
}
async function device(s: InboxService, deviceId: string): Promise<DeviceState> {
  const r = await s.api.listDevices();
  const d = r.ok ? r.value.find((x) => x.deviceId === deviceId) : undefined;
  if (!d) throw new Error(`no device ${deviceId}`);
  return d;
}
async function summary(s: InboxService, eventId: string) {
  const r = await s.api.getEvent(eventId);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

describe('dedupe and timestamp versioning across a restart', () => {
  it('a redelivery after restart is "duplicate"; an older event never replaces latest, is stale and counted', async () => {
    const dir = tempDir();
    const dev = 'tcdevversioning01';
    // Differ below the millisecond: Date would call these equal.
    const T = '2025-03-14T09:26:53.589793';
    let s = await open(dir);
    const newer = await send(s.receiverUrl, { deviceId: dev, timestamp: `${T}500Z` });
    const older = await send(s.receiverUrl, { deviceId: dev, timestamp: `${T}Z` }); // = …793000
    const battery = await send(s.receiverUrl, { deviceId: dev, type: 'batteryStatus', timestamp: `${T}000Z` });
    expect([newer.answer.status, older.answer.status, battery.answer.status]).toEqual(['accepted', 'accepted', 'accepted']);
    let d = await device(s, dev);
    expect(d.latest.temperature?.eventId).toBe(newer.eventId);
    expect(d.latest.batteryStatus?.eventId).toBe(battery.eventId); // another type has its own version
    expect(d.staleDeliveries).toBe(1);
    expect((await summary(s, older.eventId)).stale).toBe(true);
    expect((await summary(s, newer.eventId)).stale).toBe(false);

    await close(s);
    s = await open(dir);
    const again = await send(s.receiverUrl, newer);
    expect(again.status).toBe(200);
    expect(again.answer).toEqual({ status: 'duplicate', eventId: newer.eventId });
    expect((await summary(s, newer.eventId)).deliveries).toBe(2);
    expect(s.store.summaries.filter((e) => e.eventId === newer.eventId)).toHaveLength(1);

    d = await device(s, dev);
    expect(d.latest.temperature?.eventId).toBe(newer.eventId);
    expect(d.staleDeliveries).toBe(1);
    expect((await summary(s, older.eventId)).stale).toBe(true);

    const evenOlder = await send(s.receiverUrl, { deviceId: dev, timestamp: '2025-03-14T09:26:53.589792999Z' });
    expect(evenOlder.answer.status).toBe('accepted');
    d = await device(s, dev);
    expect(d.latest.temperature?.eventId).toBe(newer.eventId);
    expect(d.staleDeliveries).toBe(2);
    const stats = await s.api.getStats();
    expect(stats.ok && stats.value.stale).toBe(2);

    const newest = await send(s.receiverUrl, { deviceId: dev, timestamp: `${T}501Z` });
    expect((await device(s, dev)).latest.temperature?.eventId).toBe(newest.eventId);

    // once more, without a clean checkpoint of devices.json: replay must give the same state
    await close(s);
    s = await open(dir);
    d = await device(s, dev);
    expect(d.latest.temperature?.eventId).toBe(newest.eventId);
    expect(d.staleDeliveries).toBe(2);
    expect((await send(s.receiverUrl, older)).answer.status).toBe('duplicate');
    expect((await device(s, dev)).staleDeliveries).toBe(2); // a duplicate is not a new stale delivery
  });
});

describe('crash safety', () => {
  it('every acknowledged event survives kill -9 of serve, exactly once', async () => {
    const dir = tempDir();
    const serve = await startServe(built.path, dir, ['--secret', SECRET]);
    const bodies = Array.from({ length: 60 }, (_, i) => dtBody({ deviceId: `tcdevcrash${i % 5}`, timestamp: `2025-03-14T09:27:${String(i).padStart(2, '0')}.000001Z` }));
    const acked: string[] = [];
    let next = 0;
    const worker = async () => {
      while (next < bodies.length) {
        const b = bodies[next++]!;
        const r = await send(serve.url, b);
        if (r.status === 200) acked.push(b.eventId);
      }
    };
    await Promise.all(Array.from({ length: 6 }, worker));
    // some duplicates too, right before the kill
    for (const b of bodies.slice(0, 5)) expect((await send(serve.url, b)).answer.status).toBe('duplicate');
    serve.child.kill('SIGKILL');
    expect((await serve.exited).signal).toBe('SIGKILL');
    expect(acked).toHaveLength(60);
    expect(existsSync(paths(dir).lock)).toBe(true); // the dead process's lock is left behind…

    const again = await startServe(built.path, dir, ['--secret', SECRET]); // …and taken over at once
    expect(again.stdout()).toMatch(/\(60 events stored\)/);
    const out = await runCli(built.path, ['export', '--data-dir', dir]);
    expect(out.code, out.stderr).toBe(0);
    const exp = JSON.parse(out.stdout) as { count: number; events: Array<{ eventId: string; deliveries: number }> };
    const ids = exp.events.map((e) => e.eventId);
    expect(ids.length).toBe(60);
    expect(new Set(ids).size).toBe(60);
    expect(new Set(ids)).toEqual(new Set(acked));
    for (const e of exp.events) expect(e.deliveries).toBe(bodies.slice(0, 5).some((b) => b.eventId === e.eventId) ? 2 : 1);
    await again.kill();
  });
});

describe('corrupt store files', () => {
  it('sets garbage, truncated and wrong-shape files aside in corrupt/, starts with the rest, and says so', async () => {
    const dir = tempDir();
    let s = await open(dir, { segmentSize: 4 });
    const sent = [];
    for (let i = 0; i < 10; i++) sent.push(await send(s.receiverUrl, { deviceId: `tcdevcorrupt${i % 2}`, timestamp: `2025-03-14T10:00:0${i}.000000Z` }));
    await s.api.listRejected();
    await post(s.receiverUrl, 'x', {}); // one rejection, so rejected.json exists
    await close(s);
    const p = paths(dir);
    expect(readdirSync(p.segments).filter((f) => f.endsWith('.json')).sort()).toEqual(['segment-000001.json', 'segment-000002.json', 'segment-000003.json']);

    const garbage = '\u0000\u0001 this is not json';
    writeFileSync(p.segment(2), garbage);
    const devicesText = readFileSync(p.devices, 'utf8');
    writeFileSync(p.devices, devicesText.slice(0, Math.floor(devicesText.length / 2)));
    const wrongShape = JSON.stringify({ format: 'connector-inbox-rejected/1', entries: 'nope' });
    writeFileSync(p.rejected, wrongShape);

    s = await open(dir, { segmentSize: 4 });
    const warnings = s.store.warnings.join('\n');
    expect(warnings).toMatch(/segment-000002\.json/);
    expect(warnings).toMatch(/devices\.json/);
    expect(warnings).toMatch(/rejected\.json/);
    expect(warnings).toMatch(/corrupt/);
    const st = await s.api.getStatus();
    expect(st.ok && st.value.startupWarnings.length).toBeGreaterThanOrEqual(3);

    // kept aside byte for byte, never deleted
    const kept = readdirSync(p.corrupt);
    expect(kept).toHaveLength(3);
    const keptText = kept.map((f) => readFileSync(join(p.corrupt, f), 'utf8'));
    expect(keptText).toContain(garbage);
    expect(keptText).toContain(wrongShape);
    expect(keptText).toContain(devicesText.slice(0, Math.floor(devicesText.length / 2)));

    // the rest is there: segments 1 and 3 (events 1-4 and 9-10), and device state rebuilt from them
    const have = s.store.summaries.map((e) => e.eventId);
    expect(have).toEqual([...sent.slice(0, 4), ...sent.slice(8)].map((e) => e.eventId));
    expect((await device(s, 'tcdevcorrupt1')).latest.temperature?.eventId).toBe(sent[9]!.eventId);
    expect((await summary(s, sent[9]!.eventId)).raw).toBe(sent[9]!.raw);

    // and it keeps working: a lost event redelivered by DT is accepted again, new ones too
    expect((await send(s.receiverUrl, sent[5]!)).answer.status).toBe('accepted');
    expect((await send(s.receiverUrl, sent[0]!)).answer.status).toBe('duplicate');
    const fresh = await send(s.receiverUrl, { deviceId: 'tcdevcorrupt0' });
    expect((await summary(s, fresh.eventId)).raw).toBe(fresh.raw);
    await close(s);
    s = await open(dir, { segmentSize: 4 });
    expect(s.store.warnings).toEqual([]);
    expect(readdirSync(p.corrupt)).toHaveLength(3);
    expect(s.store.summaries.map((e) => e.eventId)).toEqual(expect.arrayContaining([sent[5]!.eventId, fresh.eventId]));
  });

  it('a corrupt newest segment is set aside and new events are stored and readable in a fresh one', async () => {
    for (const content of ['{"format":"connector-inbox-segment/1","segment":2,"events":[{"eventId":7}],"duplicates":[]}', '{"format":"connector-inbox-seg']) {
      const dir = tempDir();
      let s = await open(dir, { segmentSize: 3 });
      const first = [];
      for (let i = 0; i < 5; i++) first.push(await send(s.receiverUrl));
      await close(s);
      writeFileSync(paths(dir).segment(2), content); // segment 2 held events 4 and 5

      s = await open(dir, { segmentSize: 3 });
      expect(s.store.warnings.join('\n')).toMatch(/segment-000002\.json/);
      expect(readdirSync(paths(dir).corrupt).map((f) => readFileSync(join(paths(dir).corrupt, f), 'utf8'))).toEqual([content]);
      const later = [];
      for (let i = 0; i < 4; i++) {
        const r = await send(s.receiverUrl);
        expect(r.status, JSON.stringify(r.answer)).toBe(200);
        later.push(r);
      }
      for (const e of later) expect((await summary(s, e.eventId)).raw, 'readable right away').toBe(e.raw);
      const exported: string[] = [];
      const { Writable } = await import('node:stream');
      let text = '';
      await s.exportToStream({}, new Writable({ write(c, _e, cb) { text += String(c); cb(); } }));
      for (const e of (JSON.parse(text) as { events: Array<{ eventId: string }> }).events) exported.push(e.eventId);
      expect(exported).toEqual([...first.slice(0, 3), ...later].map((e) => e.eventId));
      await close(s);
      s = await open(dir, { segmentSize: 3 });
      expect(s.store.summaries.map((e) => e.eventId)).toEqual([...first.slice(0, 3), ...later].map((e) => e.eventId));
      for (const e of later) expect((await summary(s, e.eventId)).raw).toBe(e.raw);
      await close(s);
    }
  });

  it('a corrupt only segment: start-up continues and the next delivery is answered', async () => {
    const dir = tempDir();
    let s = await open(dir);
    const before = await send(s.receiverUrl);
    await close(s);
    writeFileSync(paths(dir).segment(1), 'garbage');
    s = await open(dir);
    expect(s.store.summaries).toHaveLength(0);
    const r = await send(s.receiverUrl);
    expect(r.status).toBe(200);
    expect((await summary(s, r.eventId)).raw).toBe(r.raw);
    // DT redelivers the lost one: stored again
    expect((await send(s.receiverUrl, before)).answer.status).toBe('accepted');
  });
});

describe('retention', () => {
  it('drops the oldest segments past maxEvents, stays within cap + one segment, and still dedupes dropped ids (also after restart)', async () => {
    const dir = tempDir();
    const cap = 10, seg = 4;
    let s = await open(dir, { maxEvents: cap, segmentSize: seg });
    const sent = [];
    for (let i = 0; i < 30; i++) {
      const r = await send(s.receiverUrl, { deviceId: 'tcdevretention', timestamp: `2025-03-14T11:00:${String(i).padStart(2, '0')}.000000Z` });
      expect(r.answer.status).toBe('accepted');
      sent.push(r);
      expect(s.store.summaries.length).toBeLessThanOrEqual(cap + seg);
    }
    const kept = s.store.summaries.map((e) => e.eventId);
    expect(kept.length).toBeGreaterThanOrEqual(cap);
    // the newest, in order: only the oldest went
    expect(kept).toEqual(sent.slice(-kept.length).map((e) => e.eventId));
    const files = readdirSync(paths(dir).segments).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeLessThanOrEqual(Math.ceil((cap + seg) / seg) + 1);
    expect(files).not.toContain('segment-000001.json');

    const dropped = sent[0]!;
    expect(s.store.find(dropped.eventId)).toBeUndefined();
    const r = await send(s.receiverUrl, dropped);
    expect(r.status).toBe(200);
    expect(r.answer).toEqual({ status: 'duplicate', eventId: dropped.eventId });
    expect(s.store.find(dropped.eventId)).toBeUndefined(); // not stored again

    // device state outlives the dropped events
    expect((await device(s, 'tcdevretention')).latest.temperature?.eventId).toBe(sent[29]!.eventId);

    await close(s);
    s = await open(dir, { maxEvents: cap, segmentSize: seg });
    expect(s.store.summaries.length).toBeLessThanOrEqual(cap + seg);
    expect((await send(s.receiverUrl, sent[1]!)).answer.status).toBe('duplicate');
    expect(s.store.find(sent[1]!.eventId)).toBeUndefined();
    expect((await device(s, 'tcdevretention')).latest.temperature?.eventId).toBe(sent[29]!.eventId);
  });
});

describe('the headless service', () => {
  it('has no desktop notifications: reading or setting their choices is refused with the reason', async () => {
    const s = await open(tempDir());
    expect(await s.api.getNotificationPrefs()).toEqual({ ok: false, error: expect.stringMatching(/desktop app only/) });
    expect(await s.api.setNotificationPrefs({ types: {}, maxPerMinute: 5, rejectedEveryMinutes: 5 })).toEqual({ ok: false, error: expect.stringMatching(/desktop app only/) });
  });
});

describe('retention during an export', () => {
  it('waits for the export: every event it listed is written, the count matches, and the cap is restored after', async () => {
    const dir = tempDir();
    const cap = 10, seg = 4;
    const s = await open(dir, { maxEvents: cap, segmentSize: seg });
    for (let i = 0; i < 12; i++) expect((await send(s.receiverUrl, { deviceId: 'tcdevexport' })).answer.status).toBe('accepted');
    const listed = s.store.summaries.map((e) => e.eventId);
    // An output that holds the export at its first write until the test lets it go.
    const chunks: Buffer[] = [];
    let letGo: () => void = () => {};
    const held = new Promise<void>((r) => (letGo = r));
    const out = new Writable({
      highWaterMark: 1,
      write(c: Buffer, _e, cb) {
        chunks.push(c);
        if (chunks.length === 1) void held.then(() => cb());
        else cb();
      },
    });
    const exporting = s.exportToStream({}, out);
    await until(() => (chunks.length === 1 ? true : undefined), 'the export to start writing');
    // enough events to drop the oldest segments, the ones the export has yet to read
    for (let i = 0; i < 12; i++) expect((await send(s.receiverUrl, { deviceId: 'tcdevexport' })).answer.status).toBe('accepted');
    expect(s.store.summaries.length).toBeGreaterThan(cap + seg); // retention is waiting
    letGo();
    const result = await exporting;
    await new Promise<void>((r) => out.end(r));
    const doc = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { count: number; events: Array<{ eventId: string; body: { event: { eventId: string } } }> };
    expect(result).toEqual({ count: listed.length, missing: 0 });
    expect(doc.count).toBe(listed.length);
    expect(doc.events.map((e) => e.eventId).sort()).toEqual([...listed].sort());
    for (const e of doc.events) expect(e.body.event.eventId).toBe(e.eventId);
    // released: the oldest segments go now, without waiting for the next delivery
    await until(() => (s.store.summaries.length <= cap + seg ? true : undefined), 'retention after the export');
    expect(readdirSync(paths(dir).segments)).not.toContain('segment-000001.json');
  });
});

describe('one serve per data directory, and a prompt stop', () => {
  it('a second serve on the same data dir fails with a clear message; the first keeps serving', async () => {
    const dir = tempDir();
    const first = await startServe(built.path, dir);
    const second = await runCli(built.path, ['serve', '--port', '0', '--data-dir', dir, '--quiet'], 10_000);
    expect(second.code).not.toBe(0);
    expect(second.stderr).toMatch(new RegExp(`data directory is in use by another Connector Inbox \\(pid ${first.child.pid}\\)`));
    expect(second.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
    const b = dtBody();
    expect((await post(first.url, b.raw)).json).toEqual({ status: 'accepted', eventId: b.eventId });
    await first.kill();
  });

  it('in one process too: a second service on the same data dir is refused until the first stops', async () => {
    const dir = tempDir();
    const a = await open(dir);
    const attempts = await Promise.allSettled([open(dir), open(dir)]);
    for (const r of attempts) {
      expect(r.status).toBe('rejected');
      expect(String((r as PromiseRejectedResult).reason)).toMatch(/data directory is already in use/);
    }
    const b = dtBody();
    expect((await send(a.receiverUrl, b)).answer.status).toBe('accepted');
    expect(existsSync(paths(dir).lock)).toBe(true); // the refused ones did not remove the first's lock
    await close(a);
    const again = await open(dir);
    expect(again.store.find(b.eventId)).toBeDefined();
  });

  it('a lock file still being written is respected; one left empty by a crash is taken over', async () => {
    const { acquireLock } = await import('../../electron/core/store/dir-lock');
    const dir = tempDir();
    const lock = paths(dir).lock;
    // another start created the file and writes its pid a moment later: waited for (a grace far
    // longer than the moment, so a slow timer on a loaded machine cannot turn this into a takeover)
    writeFileSync(lock, '');
    setTimeout(() => writeFileSync(lock, String(process.ppid)), 150);
    await expect(acquireLock(lock, 60_000)).rejects.toThrow(`in use by another Connector Inbox (pid ${process.ppid})`);
    // a crash right after creating it: empty for good, taken over once the grace has passed
    writeFileSync(lock, '');
    const release = await acquireLock(lock, 50);
    expect(readFileSync(lock, 'utf8')).toBe(String(process.pid));
    await release();
    expect(existsSync(lock)).toBe(false);
  });

  it('SIGTERM stops within 5 s even with an idle keep-alive and a stalled client, and frees the directory', async () => {
    const dir = tempDir();
    const serve = await startServe(built.path, dir);
    const port = Number(new URL(serve.url).port);
    // a keep-alive connection with one finished request, and one that never finishes its headers
    const idle = connect(port, '127.0.0.1');
    const stalled = connect(port, '127.0.0.1');
    const idleAnswered = new Promise<void>((r) => idle.once('data', () => r()));
    idle.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n');
    stalled.write('POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    for (const sock of [idle, stalled]) sock.on('error', () => {});
    await idleAnswered;
    const b = dtBody();
    expect((await post(serve.url, b.raw)).status).toBe(200);

    const t0 = Date.now();
    serve.child.kill('SIGTERM');
    const { code } = await serve.exited;
    const took = Date.now() - t0;
    idle.destroy();
    stalled.destroy();
    expect(took).toBeLessThan(5_000); // the documented quit deadline (README: within 5 s), not a speed figure
    expect(code).toBe(0);
    expect(serve.stderr()).toMatch(/stopped cleanly/);
    expect(existsSync(paths(dir).lock)).toBe(false);
    const again = await startServe(built.path, dir);
    expect(again.stdout()).toMatch(/\(1 events? stored\)/);
    await until(() => (again.child.exitCode === null ? true : undefined), 'serve running');
    await again.kill();
  });
});

describe('corrupt segment, then a crash', () => {
  it('events stored after a corrupt newest segment still reach the device state when serve is killed before its checkpoint', async () => {
    const dir = tempDir();
    let s = await open(dir, { segmentSize: 3 });
    for (let i = 0; i < 5; i++) await send(s.receiverUrl, { deviceId: 'tcdevbefore' });
    await close(s); // devices.json now covers seq 1..5
    writeFileSync(paths(dir).segment(2), 'garbage'); // seq 4..5 are gone

    const serve = await startServe(built.path, dir, ['--secret', SECRET]);
    const after = [];
    for (let i = 0; i < 2; i++) after.push(await send(serve.url, { deviceId: 'tcdevafter', timestamp: `2025-03-14T12:00:0${i}.000000Z` }));
    expect(after.map((a) => a.answer.status)).toEqual(['accepted', 'accepted']);
    serve.child.kill('SIGKILL'); // well before the 10 s devices.json checkpoint
    await serve.exited;

    s = await open(dir, { segmentSize: 3 });
    expect(s.store.summaries.map((e) => e.eventId)).toEqual(expect.arrayContaining(after.map((a) => a.eventId)));
    expect((await device(s, 'tcdevafter')).latest.temperature?.eventId).toBe(after[1]!.eventId);
  });
});

describe('a segment holding only duplicate deliveries', () => {
  it('does not hide the events stored before it (detail, export, deliveries), before and after a restart', async () => {
    const dir = tempDir();
    let s = await open(dir, { segmentSize: 3 });
    const first: Array<Awaited<ReturnType<typeof send>>> = [];
    for (let i = 0; i < 3; i++) first.push(await send(s.receiverUrl)); // segment 1: three events
    for (const b of first) expect((await send(s.receiverUrl, b)).answer.status).toBe('duplicate'); // segment 2: three duplicates
    const later = await send(s.receiverUrl); // segment 3
    const check = async () => {
      for (const b of [...first, later]) {
        const d = await summary(s, b.eventId);
        expect(d.raw).toBe(b.raw);
        expect(d.deliveryLog).toHaveLength(b === later ? 1 : 2);
      }
      let text = '';
      const { Writable } = await import('node:stream');
      const r = await s.exportToStream({}, new Writable({ write(c, _e, cb) { text += String(c); cb(); } }));
      expect(r.missing).toBe(0);
      expect((JSON.parse(text) as { events: Array<{ eventId: string; deliveries: number }> }).events.map((e) => [e.eventId, e.deliveries]).sort())
        .toEqual([...first.map((b) => [b.eventId, 2]), [later.eventId, 1]].sort());
    };
    await check();
    await close(s);
    s = await open(dir, { segmentSize: 3 });
    await check();
  });

  it('findSegment finds every seq whatever the empty segments around it', () => {
    for (let pattern = 0; pattern < 1 << 7; pattern++) {
      // 7 segments; bit set = the segment has 2 events, else none
      const segs: SegmentMeta[] = [];
      let seq = 0;
      for (let i = 0; i < 7; i++) {
        if (pattern & (1 << i)) segs.push({ n: i + 1, firstSeq: seq + 1, lastSeq: seq + 2, count: 2 }), (seq += 2);
        else segs.push({ n: i + 1, firstSeq: 0, lastSeq: 0, count: 0 });
      }
      for (let q = 1; q <= seq; q++) expect(findSegment(segs, q)?.n, `pattern ${pattern} seq ${q}`).toBe(segs.find((x) => x.count && q >= x.firstSeq && q <= x.lastSeq)!.n);
      expect(findSegment(segs, seq + 1)).toBeUndefined();
    }
  });
});

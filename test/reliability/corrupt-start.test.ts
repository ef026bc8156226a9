/**
 * Corrupt data files at start-up, one kind at a time and in every position (first, middle,
 * newest segment), plus a segment missing from the middle: start-up keeps the bad file aside
 * (byte for byte), loads the rest, says what was lost (file and number of events), keeps
 * accepting; a second start is clean (no warnings, nothing more set aside: no crash loop).
 * One case goes through the `serve` process twice to show the same at the process level.
 * test/core/store-durability covers garbage/truncated devices.json and rejected.json.
 */
import { existsSync, readFileSync, readdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createInboxService, type InboxService } from '../../electron/core/inbox-service';
import { signLikeDt } from '../../electron/core/signature';
import { paths } from '../../electron/core/store/disk-format';
import { dtBody, post, startServe, stopAfterEach, tempDir, until, useBuiltCli } from '../core/helpers';
import { recordReliability, type ReliabilityRow } from './report';

const SECRET = 'corrupt-start-secret';
const SEGMENT_SIZE = 4;
const rows: ReliabilityRow[] = [];
const built = useBuiltCli();
const services = stopAfterEach();
afterAll(() => recordReliability('corrupt', rows));

async function open(dataDir: string) {
  const s = await createInboxService({ dataDir, port: 0, host: '127.0.0.1', secrets: [SECRET], segmentSize: SEGMENT_SIZE, mode: 'browser' });
  services.push(s);
  return s;
}
async function close(s: InboxService) {
  services.splice(services.indexOf(s), 1);
  await s.stop(2_000);
}
async function send(url: string, b = dtBody()) {
  const r = await post(url, b.raw, { 'X-Dt-Signature': await signLikeDt(Buffer.from(b.raw), SECRET) });
  return { ...b, status: r.status, outcome: r.json?.status as string | undefined };
}

/** 16 events in segments 1–4 (4 each), in order. */
async function populated(): Promise<{ dir: string; sent: Array<ReturnType<typeof dtBody>> }> {
  const dir = tempDir('ci-rel-corrupt-');
  const s = await open(dir);
  const sent = [];
  for (let i = 0; i < 16; i++) {
    const r = await send(s.receiverUrl, dtBody({ deviceId: `tcdevcs${i % 3}`, timestamp: `2025-04-01T10:00:${String(i).padStart(2, '0')}.000000Z` }));
    expect(r.outcome).toBe('accepted');
    sent.push(r);
  }
  await close(s);
  expect(readdirSync(paths(dir).segments).filter((f) => f.endsWith('.json'))).toHaveLength(4);
  return { dir, sent };
}

const segText = (dir: string, n: number) => readFileSync(paths(dir).segment(n), 'utf8');

type Damage = { name: string; segment: 1 | 2 | 4; apply: (dir: string) => string | null };
const damages: Damage[] = [
  { name: 'truncated (half the file)', segment: 2, apply: (d) => { const t = segText(d, 2).slice(0, 700); writeFileSync(paths(d).segment(2), t); return t; } },
  { name: 'truncated to 0 bytes', segment: 4, apply: (d) => { writeFileSync(paths(d).segment(4), ''); return ''; } },
  { name: 'garbage bytes', segment: 1, apply: (d) => { const t = '\u0000\u00ff\u0013garbage{{{'; writeFileSync(paths(d).segment(1), t); return t; } },
  { name: 'valid JSON, wrong shape (array)', segment: 2, apply: (d) => { writeFileSync(paths(d).segment(2), '[1,2,3]'); return '[1,2,3]'; } },
  { name: 'valid JSON, wrong shape (null)', segment: 4, apply: (d) => { writeFileSync(paths(d).segment(4), 'null'); return 'null'; } },
  {
    name: 'valid JSON, an event record without its body', segment: 2,
    apply: (d) => {
      const seg = JSON.parse(segText(d, 2)) as { events: Array<Record<string, unknown>> };
      delete seg.events[1]!.raw;
      const t = JSON.stringify(seg);
      writeFileSync(paths(d).segment(2), t);
      return t;
    },
  },
  {
    name: 'valid JSON, fields of the wrong type', segment: 1,
    apply: (d) => { const t = JSON.stringify({ format: 'connector-inbox-segment/1', segment: '1', events: {}, duplicates: null }); writeFileSync(paths(d).segment(1), t); return t; },
  },
  { name: 'missing from the middle (deleted)', segment: 2, apply: (d) => { unlinkSync(paths(d).segment(2)); return null; } },
];

describe('corrupt segments at start-up', () => {
  it.each(damages)('$name (segment $segment): set aside, the rest loaded, the loss reported; a second start is clean', async (damage) => {
    const { dir, sent } = await populated();
    const original = damage.apply(dir);
    const lost = sent.slice((damage.segment - 1) * SEGMENT_SIZE, damage.segment * SEGMENT_SIZE);
    const kept = sent.filter((b) => !lost.includes(b));
    const name = `segment-00000${damage.segment}.json`;

    let s = await open(dir);
    const warnings = s.store.warnings.join('\n');
    expect(warnings).toContain(name);
    if (damage.segment === 2) expect(warnings, 'how many events were lost').toMatch(/4 events received between seq 4 and 9 are lost/);
    else expect(warnings).toMatch(/lost/);
    const st = await s.api.getStatus();
    expect(st.ok && st.value.startupWarnings).toEqual([...s.store.warnings]);
    if (original !== null) {
      const aside = readdirSync(paths(dir).corrupt).filter((f) => f.startsWith(name));
      expect(aside).toHaveLength(1);
      expect(readFileSync(join(paths(dir).corrupt, aside[0]!), 'utf8'), 'kept byte for byte').toBe(original);
    }
    expect(s.store.summaries.map((e) => e.eventId)).toEqual(kept.map((b) => b.eventId));
    for (const b of kept.slice(-2)) expect((await s.api.getEvent(b.eventId)).ok).toBe(true);

    // still receiving: a new event, a lost one redelivered (accepted again), a kept one (duplicate)
    const fresh = await send(s.receiverUrl);
    expect(fresh.outcome).toBe('accepted');
    expect((await send(s.receiverUrl, lost[0]!)).outcome).toBe('accepted');
    expect((await send(s.receiverUrl, kept[0]!)).outcome).toBe('duplicate');
    await close(s);
    const asideAfterFirst = readdirSync(paths(dir).corrupt).sort();

    s = await open(dir);
    expect(s.store.warnings, 'second start is clean').toEqual([]);
    expect(readdirSync(paths(dir).corrupt).sort(), 'nothing more set aside').toEqual(asideAfterFirst);
    expect(s.store.summaries.map((e) => e.eventId).sort()).toEqual([...kept, fresh, lost[0]!].map((b) => b.eventId).sort());
    const again = await send(s.receiverUrl);
    expect(again.outcome).toBe('accepted');
    expect((await s.api.getEvent(again.eventId)).ok).toBe(true);
    rows.push({
      fault: `segment ${damage.name}`, tried: 2, acknowledged: sent.length, stored: kept.length,
      result: `${original === null ? 'reported' : 'set aside and reported'}: "${warnings.match(/\d+ events received between seq \d+ and \d+ are lost|its events are lost/)?.[0]}"; the other ${kept.length} loaded; second start clean`,
    });
  });

  it('every file corrupt at once (segments, devices, rejected, tombstones): starts, loads what is left, second start clean', async () => {
    const { dir, sent } = await populated();
    const p = paths(dir);
    writeFileSync(p.segment(1), '{"format":"connector-inbox-segment/1","segment":1,"events":[');
    unlinkSync(p.segment(3));
    writeFileSync(p.devices, '{"format":"connector-inbox-devices/1","throughSeq":"x","devices":{}}');
    writeFileSync(p.rejected, '\u0000');
    writeFileSync(p.tombstones, '{"format":"connector-inbox-tombstones/1","ids":[]}');
    let s = await open(dir);
    const w = s.store.warnings.join('\n');
    for (const f of ['segment-000001.json', 'segment-000003.json', 'devices.json', 'rejected.json', 'tombstones.json']) expect(w).toContain(f);
    expect(w).toMatch(/segment-000003\.json is missing.*4 events received between seq 8 and 13 are lost/);
    const kept = [...sent.slice(4, 8), ...sent.slice(12)];
    expect(s.store.summaries.map((e) => e.eventId)).toEqual(kept.map((b) => b.eventId));
    const devices = await s.api.listDevices();
    expect(devices.ok && devices.value.length).toBe(3); // rebuilt from what is left
    expect((await send(s.receiverUrl)).outcome).toBe('accepted');
    await close(s);
    s = await open(dir);
    expect(s.store.warnings).toEqual([]);
    rows.push({
      fault: 'every data file corrupt or missing at once', tried: 2, acknowledged: sent.length, stored: kept.length,
      result: 'started, 5 files reported, device state rebuilt from the 8 events left; second start clean',
    });
  });

  it('through `serve`: a corrupt segment does not stop the process, and the next start prints no warning', async () => {
    const { dir, sent } = await populated();
    writeFileSync(paths(dir).segment(3), 'not json');
    for (const round of [1, 2]) {
      const serve = await startServe(built.path, dir, ['--secret', SECRET]);
      if (round === 1) await until(() => (/WARNING: .*segment-000003\.json/.test(serve.stderr()) ? true : undefined), 'the start-up warning');
      const b = dtBody();
      expect((await send(serve.url, b)).outcome).toBe('accepted');
      serve.child.kill('SIGTERM');
      const exit = await until(async () => (serve.child.exitCode !== null ? serve.child.exitCode : undefined), 'serve to stop', 8_000);
      expect(exit).toBe(0);
      if (round === 2) expect(serve.stderr()).not.toMatch(/WARNING: .*(segment|corrupt|lost)/i);
    }
    expect(existsSync(paths(dir).lock)).toBe(false);
    expect(sent).toHaveLength(16);
  });
});

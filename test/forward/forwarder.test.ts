/**
 * The forwarder against a real receiver on 127.0.0.1: the exact bytes, DT's signature (checked
 * here with an HS256 check of the test's own, not the inbox's verifier), DT's retry rules, and
 * at-least-once across a restart.
 */
import { createHash, createHmac } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { Forwarder, ForwardCursorFile, forwardPoster, type ForwardSettings } from '../../electron/core/forward';
import { cleanupTempDirs, dtBody, tempDir, until } from '../core/helpers';
import { MemorySource } from './memory-source';
import { startTarget, type Target } from './target';

// DT's 10 s cut, shortened to keep the suite quick (the cut itself: test/outbound)
const poster = forwardPoster(2_000);
const post = poster.post;
const fast = { initialMs: 20, capMs: 100 };

let targets: Target[] = [];
let forwarders: Forwarder[] = [];
afterAll(() => poster.close());
afterEach(async () => {
  for (const f of forwarders) await f.stop(500);
  for (const t of targets) await t.close();
  forwarders = [];
  targets = [];
  cleanupTempDirs();
});

async function target(answer?: Parameters<typeof startTarget>[0]): Promise<Target> {
  const t = await startTarget(answer);
  targets.push(t);
  return t;
}

function event(source: MemorySource, o: { type?: string; timestamp?: string; signature?: string } = {}) {
  // DT delivers fresh events: a fixture's fixed date would be past the 12 h max age
  const b = dtBody({ type: o.type, timestamp: o.timestamp ?? new Date().toISOString() });
  return source.add({ eventId: b.eventId, eventType: b.type, raw: b.raw, timestamp: b.timestamp, signature: o.signature });
}

async function forwarder(source: MemorySource, settings: ForwardSettings, dir = tempDir('ci-fwd-')) {
  const f = new Forwarder(settings, { source, post, cursorFile: new ForwardCursorFile(join(dir, 'forward.json')), backoff: fast });
  forwarders.push(f);
  await f.start();
  return { f, dir };
}

/** HS256 verification written for this test: the JWT's HMAC and its claims. */
function verifyHs256(token: string, secret: string): Record<string, unknown> {
  const [h, p, sig] = token.split('.');
  const expected = createHmac('sha256', secret).update(`${h}.${p}`).digest('base64url');
  expect(sig, 'HMAC-SHA256 over header.payload with the forward secret').toBe(expected);
  expect(JSON.parse(Buffer.from(h!, 'base64url').toString())).toMatchObject({ alg: 'HS256', typ: 'JWT' });
  return JSON.parse(Buffer.from(p!, 'base64url').toString()) as Record<string, unknown>;
}

describe('forwarding acknowledged deliveries', () => {
  it('sends the exact bytes DT sent, re-signed with the forward secret like DT signs', async () => {
    const t = await target();
    const source = new MemorySource();
    await forwarder(source, { url: t.url, secret: 'forward-secret' });
    // an odd but valid body: unicode, extra spaces; not re-serialised on the way
    const odd = source.add({ eventId: 'evt-odd', eventType: 'touch', raw: '{ "event" : {"eventId":"evt-odd","data":{"touch":{}}}, "labels":{"name":"Kjøleskap «1»"} }', timestamp: new Date().toISOString(), signature: 'dt-original' });
    const items = [odd, event(source), event(source)];
    await until(() => t.received.length === 3 || undefined, 'three deliveries');
    for (const [i, r] of t.received.entries()) {
      expect(r.body.equals(Buffer.from(items[i]!.raw, 'utf8'))).toBe(true);
      expect(r.headers['content-type']).toBe('application/json');
      const claims = verifyHs256(String(r.headers['x-dt-signature']), 'forward-secret');
      expect(claims.checksum_sha256).toBe(createHash('sha256').update(r.body).digest('hex'));
      expect(claims.exp).toBe((claims.iat as number) + 3600);
      expect(Math.abs((claims.iat as number) - Date.now() / 1000)).toBeLessThan(60);
    }
  });

  it('without a forward secret passes DT\'s own signature on unchanged, and sends only the chosen types', async () => {
    const t = await target();
    const source = new MemorySource();
    await forwarder(source, { url: t.url, types: ['touch'], headers: { Authorization: 'Bearer tester' } });
    event(source, { type: 'temperature', signature: 'sig-temp' });
    const touch = event(source, { type: 'touch', signature: 'sig-touch' });
    await until(() => t.received.length === 1 || undefined, 'the touch event');
    expect(t.received[0]!.eventId).toBe(touch.eventId);
    expect(t.received[0]!.headers['x-dt-signature']).toBe('sig-touch');
    expect(t.received[0]!.headers.authorization).toBe('Bearer tester');
  });

  it('a failing target is probed one request at a time, then gets every event at up to 4 in flight', async () => {
    let failing = true;
    const t = await target(() => (failing ? 500 : 200));
    const source = new MemorySource();
    const { f } = await forwarder(source, { url: t.url });
    const sent = Array.from({ length: 30 }, () => event(source));
    await until(() => t.received.length >= 4 || undefined, 'probes while failing');
    // not every queued delivery retrying on its own: one probe at a time, at the backoff's pace
    expect(t.inFlightMax).toBe(1);
    expect(t.received.length).toBeLessThan(30);
    const during = f.status();
    expect(during.failingSince).not.toBeNull();
    expect(during.lastOutcome).toBe(500);
    expect(during.queueDepth).toBe(30);
    expect(during.lastErrors[0]!.answer).toContain('answer 500');
    failing = false;
    await until(() => f.status().queueDepth === 0 || undefined, 'the backlog delivered', 10_000);
    const delivered = new Set(t.received.filter((r) => r.at > 0).map((r) => r.eventId));
    for (const s of sent) expect(delivered.has(s.eventId), s.eventId).toBe(true);
    expect(t.inFlightMax).toBeLessThanOrEqual(4);
    const after = f.status();
    expect(after.failingSince).toBeNull();
    expect(after.delivered3h).toBe(30);
    expect(after.failed3h).toBeGreaterThanOrEqual(4);
    expect(f.attempts(sent[0]!.eventId).at(-1)).toMatchObject({ outcome: 200, next: 'delivered' });
    expect(f.attempts(sent[0]!.eventId)[0]).toMatchObject({ outcome: 500, next: 'retry' });
  });

  it('resets, redirects and hangs are failures, retried; redirects are not followed', async () => {
    const seen = new Map<string, number>();
    const t = await target((r) => {
      const n = (seen.get(r.eventId) ?? 0) + 1;
      seen.set(r.eventId, n);
      return n === 1 ? 'reset' : n === 2 ? 302 : n === 3 ? 'hang' : 204;
    });
    const source = new MemorySource();
    const { f } = await forwarder(source, { url: t.url });
    const e = event(source);
    await until(() => f.status().queueDepth === 0 || undefined, 'delivered on the 4th try', 10_000);
    expect(f.attempts(e.eventId).map((a) => a.outcome)).toEqual(['error', 302, 'timeout', 204]);
    expect(t.received.every((r) => r.eventId === e.eventId)).toBe(true);
  });

  it('gives up on an event once it is older than the max age, and moves on', async () => {
    const t = await target((r) => (r.eventId === old.eventId ? 500 : 200));
    const source = new MemorySource();
    const { f } = await forwarder(source, { url: t.url, maxAgeMs: 60_000 });
    const old = event(source, { timestamp: new Date(Date.now() - 120_000).toISOString() });
    const fresh = event(source);
    await until(() => f.status().queueDepth === 0 || undefined, 'queue drained');
    expect(f.attempts(old.eventId)).toHaveLength(1);
    expect(f.attempts(old.eventId)[0]!.next).toBe('given_up');
    expect(f.attempts(fresh.eventId)[0]!.next).toBe('delivered');
    expect(f.status().givenUp).toBe(1);
  });

  it('after a stop with a non-empty queue, a restart delivers every event (at least once), pinning what is left', async () => {
    let up = false;
    const t = await target(() => (up ? 200 : 503));
    const source = new MemorySource();
    const first = await forwarder(source, { url: t.url });
    const early = event(source);
    await until(() => first.f.attempts(early.eventId)[0] ? true : undefined, 'a first try');
    up = true;
    await until(() => first.f.status().queueDepth === 0 || undefined, 'early delivered');
    up = false;
    const sent = Array.from({ length: 5 }, () => event(source));
    await until(() => t.received.length >= 6 || undefined, 'tries of the rest');
    await first.f.stop(500);
    forwarders.splice(forwarders.indexOf(first.f), 1);
    expect(source.pinned).toBeNull();
    up = true;
    t.received.length = 0;
    const again = await forwarder(source, { url: t.url }, first.dir);
    await until(() => again.f.status().queueDepth === 0 || undefined, 'the rest delivered after the restart', 10_000);
    const got = new Set(t.received.map((r) => r.eventId));
    for (const s of sent) expect(got.has(s.eventId), s.eventId).toBe(true);
    expect(got.has(early.eventId), 'delivered before the stop: not sent again').toBe(false);
  });

  it('a new target starts with what arrives next, not the whole history', async () => {
    const t = await target();
    const source = new MemorySource();
    event(source);
    event(source);
    const { f } = await forwarder(source, { url: t.url });
    const next = event(source);
    await until(() => t.received.length === 1 || undefined, 'the next event');
    expect(t.received[0]!.eventId).toBe(next.eventId);
    expect(f.status().queueDepth).toBe(0);
  });

  it('DT-like faults: duplicates send deliveries twice, reordering sends some late', async () => {
    const t = await target();
    const source = new MemorySource();
    await forwarder(source, { url: t.url, duplicates: 1, reorder: 0 });
    const e = event(source);
    await until(() => t.received.length === 2 || undefined, 'the delivery and its duplicate', 5_000);
    expect(t.received.map((r) => r.eventId)).toEqual([e.eventId, e.eventId]);
  });
});

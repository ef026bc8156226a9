/**
 * Forwarding in the running inbox: DT → inbox (ack) → the tester's receiver, on 127.0.0.1.
 * The target is a real HTTP server; signatures are checked with the test's own HS256 check.
 */
import { createHash, createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createInboxService } from '../../electron/core/inbox-service';
import { signLikeDt } from '../../electron/core/signature';
import { dtBody, post, startServe, stopAfterEach, tempDir, until, useBuiltCli } from '../core/helpers';
import { startTarget, type Target } from './target';

const SECRET = 'dt-connector-secret';
const FORWARD_SECRET = 'forward-secret';
const built = useBuiltCli();
const services = stopAfterEach();
let targets: Target[] = [];
afterEach(async () => {
  for (const t of targets) await t.close();
  targets = [];
});

async function target(answer?: Parameters<typeof startTarget>[0]) {
  const t = await startTarget(answer);
  targets.push(t);
  return t;
}

const fresh = () => dtBody({ timestamp: new Date().toISOString() });
const sign = (raw: string, secret = SECRET) => signLikeDt(Buffer.from(raw), secret);

function hs256Claims(token: string, secret: string): Record<string, unknown> {
  const [h, p, sig] = token.split('.');
  expect(sig).toBe(createHmac('sha256', secret).update(`${h}.${p}`).digest('base64url'));
  return JSON.parse(Buffer.from(p!, 'base64url').toString()) as Record<string, unknown>;
}

describe('serve forwards what it acknowledged', () => {
  it('new events and DT\'s duplicates, exact bytes, re-signed; rejected deliveries never; status shows the queue', async () => {
    const t = await target();
    const s = await createInboxService({ dataDir: tempDir('ci-fwd-'), port: 0, secrets: [SECRET], mode: 'browser', forward: { url: t.url, secret: FORWARD_SECRET } });
    services.push(s);
    const a = fresh(), b = fresh();
    for (const x of [a, b, a]) expect((await post(s.receiverUrl, x.raw, { 'X-Dt-Signature': await sign(x.raw) })).status).toBe(200);
    const forged = fresh();
    expect((await post(s.receiverUrl, forged.raw, { 'X-Dt-Signature': await sign(forged.raw, 'wrong') })).status).toBe(401);
    await until(() => t.received.length >= 3 || undefined, 'three forwarded deliveries');
    expect(t.received.map((r) => r.eventId)).toEqual([a.eventId, b.eventId, a.eventId]);
    for (const r of t.received) {
      expect(r.body.toString('utf8')).toBe(r.eventId === a.eventId ? a.raw : b.raw);
      const claims = hs256Claims(String(r.headers['x-dt-signature']), FORWARD_SECRET);
      expect(claims.checksum_sha256).toBe(createHash('sha256').update(r.body).digest('hex'));
      expect(claims.exp).toBe((claims.iat as number) + 3600);
    }
    const st = await s.api.getStatus();
    if (!st.ok) throw new Error(st.error);
    expect(st.value.forward).toMatchObject({ url: t.url, queueDepth: 0, delivered3h: 3, failed3h: 0, failingSince: null });
    expect(t.received.some((r) => r.eventId === forged.eventId)).toBe(false);
  });

  it('a dead target changes nothing on the receiver side; its backlog is delivered when it comes back', async () => {
    let up = false;
    const t = await target(() => (up ? 200 : 500));
    const s = await createInboxService({ dataDir: tempDir('ci-fwd-'), port: 0, secrets: [SECRET], mode: 'browser', forward: { url: t.url } });
    services.push(s);
    const sent = Array.from({ length: 20 }, fresh);
    for (const x of sent) {
      const r = await post(s.receiverUrl, x.raw, { 'X-Dt-Signature': await sign(x.raw) });
      expect(r.json).toEqual({ status: 'accepted', eventId: x.eventId });
    }
    await until(async () => {
      const st = await s.api.getStatus();
      return st.ok && st.value.forward?.failingSince ? st.value.forward : undefined;
    }, 'the target reported failing');
    const st = await s.api.getStatus();
    expect(st.ok && st.value.forward?.queueDepth).toBe(20);
    expect(st.ok && st.value.forward?.lastOutcome).toBe(500);
    up = true;
    // retries back off up to a minute; a minute is the bound here
    await until(() => new Set(t.received.filter((r) => r.answered === 200).map((r) => r.eventId)).size === 20 || undefined, 'the backlog after recovery', 70_000, 200);
  }, 90_000);

  it('kill -9 with a non-empty queue: after a restart every acknowledged event reaches the target', async () => {
    let up = false;
    const t = await target(() => (up ? 200 : 503));
    const dir = tempDir('ci-fwd-');
    const args = ['--secret', SECRET, '--forward-to', t.url, '--forward-secret', FORWARD_SECRET];
    const first = await startServe(built.path, dir, args);
    // the line after the banner may come in a later chunk than the one startServe waited for
    await until(() => first.stdout().includes(`Forwarding every acknowledged delivery to ${t.url} (re-signed with the forward secret)`) || undefined, 'the forwarding line');
    const sent = Array.from({ length: 12 }, fresh);
    for (const x of sent) expect((await post(first.url, x.raw, { 'X-Dt-Signature': await sign(x.raw) })).status).toBe(200);
    await until(() => t.received.length >= 12 || undefined, 'first tries, all refused');
    await first.kill();
    up = true;
    const again = await startServe(built.path, dir, args);
    const taken = () => new Set(t.received.filter((r) => r.answered === 200).map((r) => r.eventId));
    await until(() => sent.every((x) => taken().has(x.eventId)) || undefined, 'every event taken after the restart', 15_000);
    expect(taken()).toEqual(new Set(sent.map((x) => x.eventId)));
    await again.kill();
  }, 40_000);

  it('a target that never answers is cut at 10 s and retried', async () => {
    let n = 0;
    const t = await target(() => (++n === 1 ? 'hang' : 200));
    const s = await createInboxService({ dataDir: tempDir('ci-fwd-'), port: 0, secrets: [SECRET], mode: 'browser', forward: { url: t.url } });
    services.push(s);
    const x = fresh();
    const started = Date.now();
    expect((await post(s.receiverUrl, x.raw, { 'X-Dt-Signature': await sign(x.raw) })).status).toBe(200);
    await until(() => t.received.length >= 2 || undefined, 'the retry', 20_000, 100);
    // DT's 10 s, then a backoff of about a second: not before 10 s, and the first try was a timeout
    expect(Date.now() - started).toBeGreaterThanOrEqual(10_000);
    await until(async () => ((await s.api.getStatus()) as { value: { forward: { delivered3h: number } } }).value.forward.delivered3h === 1 || undefined, 'delivered');
    expect(s.forwarding.attempts(x.eventId).map((a) => a.outcome)).toEqual(['timeout', 200]);
  }, 30_000);
});

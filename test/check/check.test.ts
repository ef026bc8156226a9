/**
 * "Check my receiver" against receivers written here: the well-behaved one passes every
 * check; each misbehaving one fails exactly the check named for its fault (plus, for a
 * request cut at 10 s, the check whose request it was).
 */
import { afterEach, describe, expect, it } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CHECK_IDS, checkReceiver, runCheck, UnreachableError, type CheckReport } from '../../electron/core/check';
import { KNOWN_EVENT_TYPES } from '../../shared/dt/types';
import { startReceiver, type TestReceiver } from './receiver';

const SECRET = 'check-test-secret';
const open: TestReceiver[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((r) => r.close()));
});
async function receiver(opts: Parameters<typeof startReceiver>[0]) {
  const r = await startReceiver(opts);
  open.push(r);
  return r;
}

const statusOf = (report: CheckReport) => Object.fromEntries(report.results.map((r) => [r.id, r.status]));
const only = (failing: Record<string, 'fail' | 'warn'>) => Object.fromEntries(CHECK_IDS.map((id) => [id, failing[id] ?? 'pass']));

describe('check against a well-behaved receiver', () => {
  it('passes every check, in the documented order, with DT-signed realistic events', async () => {
    const r = await receiver({ secret: SECRET });
    const report = await runCheck({ url: new URL(r.url), secret: SECRET });
    expect(report.format).toBe('connector-inbox-check/1');
    expect(report.target).toBe(r.url);
    expect(report.results.map((x) => x.id)).toEqual([...CHECK_IDS]);
    expect(report.results.filter((x) => x.status !== 'pass')).toEqual([]);
    expect(report.summary).toEqual({ pass: 10, fail: 0, warn: 0 });
    expect(JSON.stringify(report)).not.toContain(SECRET);

    // What the receiver saw: the 19 types, an unknown one, the burst, and the forged ones.
    const verdicts = r.received.map((x) => x.verdict);
    expect(r.received).toHaveLength(19 + 1 + 200 + 2 + 2 + 4);
    expect(new Set(r.received.slice(0, 19).map((x) => x.body.event.eventType))).toEqual(new Set(KNOWN_EVENT_TYPES));
    expect(KNOWN_EVENT_TYPES).not.toContain(r.received[19]!.body.event.eventType);
    expect(verdicts.slice(0, 224).every((v) => v === 'valid')).toBe(true);
    expect(verdicts.slice(224)).toEqual(['ERR_JWS_SIGNATURE_VERIFICATION_FAILED', 'none', 'checksum_mismatch', 'ERR_JWT_EXPIRED']);
    for (const x of r.received.slice(0, 224)) expect(x.claims!.exp! - x.claims!.iat!, JSON.stringify(x.claims)).toBe(3600);
    // the duplicate: same bytes twice, each with its own token
    const [a, b] = r.received.slice(220, 222);
    expect(a!.raw.equals(b!.raw)).toBe(true);
    expect(a!.token).not.toBe(b!.token);
    // out of order: the newer event first, then the older one of the same device and type
    const [newer, older] = r.received.slice(222, 224).map((x) => x.body);
    expect(newer!.metadata.deviceId).toBe(older!.metadata.deviceId);
    expect(newer!.event.eventType).toBe(older!.event.eventType);
    expect(older!.event.timestamp < newer!.event.timestamp).toBe(true);
  });

  it('without --secret, warns that signatures were not checked and sends nothing forged', async () => {
    const r = await receiver({});
    const report = await runCheck({ url: new URL(r.url) });
    expect(statusOf(report)).toEqual(only({
      rejects_bad_signature: 'warn', rejects_missing_signature: 'warn', rejects_tampered_body: 'warn', rejects_expired_signature: 'warn',
    }));
    expect(report.results.find((x) => x.id === 'rejects_bad_signature')!.detail).toContain('signatures not checked');
    expect(r.received).toHaveLength(224);
    expect(r.received.every((x) => x.token === undefined)).toBe(true);
  });

  it('reads at most 2 KB of an answer and does not wait for one that never ends', async () => {
    const r = await receiver({ secret: SECRET, fault: 'endless_answer' });
    const report = await runCheck({ url: new URL(r.url), secret: SECRET });
    expect(report.summary.fail).toBe(0);
  });
});

describe('check against misbehaving receivers', () => {
  it('accepts_any_signature: the signature checks fail (expired only warns)', async () => {
    const r = await receiver({ secret: SECRET, fault: 'accepts_any_signature' });
    const report = await runCheck({ url: new URL(r.url), secret: SECRET });
    expect(statusOf(report)).toEqual(only({
      rejects_bad_signature: 'fail', rejects_missing_signature: 'fail', rejects_tampered_body: 'fail', rejects_expired_signature: 'warn',
    }));
    const bad = report.results.find((x) => x.id === 'rejects_bad_signature')!;
    expect(bad.detail).toContain('accepted (HTTP 200)');
    expect(bad.advice).toMatch(/HS256/);
  });

  it('errors_on_repeat: duplicate_delivery fails and shows the answer', async () => {
    const r = await receiver({ secret: SECRET, fault: 'errors_on_repeat' });
    const report = await runCheck({ url: new URL(r.url), secret: SECRET });
    expect(statusOf(report)).toEqual(only({ duplicate_delivery: 'fail' }));
    expect(report.results.find((x) => x.id === 'duplicate_delivery')!.detail)
      .toBe('first delivery: HTTP 200; repeat: HTTP 500 "duplicate key value violates unique constraint"');
  });

  it('refuses_unknown_type: unknown_type fails', async () => {
    const r = await receiver({ secret: SECRET, fault: 'refuses_unknown_type' });
    const report = await runCheck({ url: new URL(r.url), secret: SECRET });
    expect(statusOf(report)).toEqual(only({ unknown_type: 'fail' }));
    expect(report.results.find((x) => x.id === 'unknown_type')!.detail).toContain('HTTP 400');
  });

  it('redirects: a 3xx is not followed and not an acknowledgement', async () => {
    const r = await receiver({ secret: SECRET, fault: 'redirects' });
    const report = await runCheck({ url: new URL(r.url), secret: SECRET });
    expect(report.results.find((x) => x.id === 'accepts_all_types')).toMatchObject({ status: 'fail' });
    expect(report.results.find((x) => x.id === 'accepts_all_types')!.detail).toMatch(/^19 of 19 event types not acknowledged: \w+ \(HTTP 307\)/);
  });

  it('slow_once (11 s on one request): the request is cut at 10 s, responds_within_10s fails and the run finishes', async () => {
    const r = await receiver({ secret: SECRET, fault: 'slow_once', slowType: 'probeWireStatus', slowMs: 11_000 });
    const report = await runCheck({ url: new URL(r.url), secret: SECRET });
    // the cut request was the probeWireStatus event of accepts_all_types
    expect(statusOf(report)).toEqual(only({ responds_within_10s: 'fail', accepts_all_types: 'fail' }));
    expect(report.results.find((x) => x.id === 'responds_within_10s')!.detail).toBe('1 of 228 requests got no answer: probeWireStatus (no answer within 10 s)');
  }, 40_000);

  it('a request slower than 1 s but within 10 s is a warning', async () => {
    const r = await receiver({ secret: SECRET, fault: 'slow_once', slowType: 'co2', slowMs: 1_300 });
    const report = await runCheck({ url: new URL(r.url), secret: SECRET });
    expect(statusOf(report)).toEqual(only({ responds_within_10s: 'warn' }));
    expect(report.results.find((x) => x.id === 'responds_within_10s')!.detail).toMatch(/1 took over 1 s; slowest \d+ ms \(co2\)/);
  });

  it('silent: after 3 unanswered requests in a row the run stops, every check failing, instead of waiting 230 timeouts', async () => {
    const r = await receiver({ secret: SECRET, fault: 'silent' });
    // a shorter cut than DT's 10 s keeps this test quick; the rule is the same
    const report = await runCheck({ url: new URL(r.url), secret: SECRET, timeoutMs: 300 });
    expect(report.summary).toEqual({ pass: 0, fail: 10, warn: 0 });
    expect(r.received).toHaveLength(3);
    expect(report.results.find((x) => x.id === 'responds_within_10s')!.detail).toMatch(/^3 of 3 requests got no answer/);
    expect(report.results.find((x) => x.id === 'burst')!.detail).toBe('not run: the receiver stopped answering (3 requests in a row got no answer within 0.3 s)');
  });

  it('an unreachable target is a clear error, not a report', async () => {
    const server = http.createServer();
    await new Promise<void>((res) => server.listen(0, '127.0.0.1', res));
    const port = (server.address() as AddressInfo).port;
    await new Promise<void>((res) => server.close(() => res()));
    const run = runCheck({ url: new URL(`http://127.0.0.1:${port}/dt`), secret: SECRET });
    await expect(run).rejects.toBeInstanceOf(UnreachableError);
    await expect(run).rejects.toThrow(/cannot reach http:\/\/127\.0\.0\.1:\d+\/dt: ECONNREFUSED/);
  });
});

describe('checkReceiver (the contract method)', () => {
  it('answers the report as a Result, and a bad or unreachable URL as an error', async () => {
    const r = await receiver({ secret: SECRET, fault: 'refuses_unknown_type' });
    const good = await checkReceiver({ url: ` ${r.url} `, secret: SECRET });
    expect(good.ok && good.value.summary).toEqual({ pass: 9, fail: 1, warn: 0 });
    expect(await checkReceiver({ url: 'not a url' })).toEqual({ ok: false, error: '"not a url" is not a URL (expected e.g. https://example.com/dt)' });
    expect(await checkReceiver({ url: 'file:///etc/passwd' })).toEqual({ ok: false, error: 'expected an http:// or https:// URL, got file://' });
    await r.close();
    const down = await checkReceiver({ url: r.url });
    expect(down.ok ? 'ok' : down.error).toMatch(/^cannot reach http:\/\/127\.0\.0\.1:\d+\/dt: ECONNREFUSED/);
  });
});

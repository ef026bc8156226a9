/**
 * The receiver's contract (the table), over real HTTP on 127.0.0.1 against the
 * whole inbox service: signature first, then JSON, then the DT event shape; 2xx only once
 * the event is on disk; rejections land in the bounded rejected log with a diagnosis.
 */
import { mkdirSync, readFileSync, readdirSync, renameSync, rmdirSync } from 'node:fs';
import { join } from 'node:path';
import { CompactSign } from 'jose';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createInboxService, type InboxService } from '../../electron/core/inbox-service';
import { signLikeDt } from '../../electron/core/signature';
import { RejectedLog } from '../../electron/core/store/rejected-log';
import { paths } from '../../electron/core/store/disk-format';
import type { RejectedDelivery } from '../../shared/records';
import { eventFixtures, realRequests, signatureVectors } from '../fixtures';
import { cleanupTempDirs, dtBody, post, tempDir } from './helpers';

const SECRET = 'contract-secret';
const services: InboxService[] = [];

async function service(o: { secrets?: string[]; allowExpired?: boolean; maxBody?: string; dataDir?: string } = {}) {
  const s = await createInboxService({
    dataDir: o.dataDir ?? tempDir(), port: 0, host: '127.0.0.1', secrets: o.secrets ?? [SECRET],
    allowExpired: o.allowExpired, maxBody: o.maxBody, mode: 'browser',
  });
  services.push(s);
  return s;
}

afterEach(async () => {
  await Promise.all(services.splice(0).map((s) => s.stop(2_000)));
});
afterAll(() => cleanupTempDirs());

const sign = (raw: string, secret = SECRET, iat?: number) => signLikeDt(Buffer.from(raw), secret, iat === undefined ? {} : { iat });
const enc = new TextEncoder();
const b64url = (s: string) => Buffer.from(s).toString('base64url');

async function rejectedFor(s: InboxService, error: string): Promise<RejectedDelivery[]> {
  const r = await s.api.listRejected();
  if (!r.ok) throw new Error(r.error);
  return r.value.filter((e) => e.error === error);
}

/** The stored segment files' and journals' text (what survives a crash), read straight from disk. */
function onDisk(s: InboxService): string {
  const dir = paths(s.store.dir).segments;
  return readdirSync(dir, { withFileTypes: true }).filter((f) => f.isFile()).map((f) => readFileSync(join(dir, f.name), 'utf8')).join('\n');
}

describe('valid events', () => {
  it('accepts a freshly signed body of every fixture type, on any path, and has it on disk when it answers', async () => {
    const s = await service();
    const types = [...eventFixtures().keys()];
    expect(types.length).toBe(19);
    for (const [i, type] of types.entries()) {
      const b = dtBody({ type, deviceId: `tcdev${type}` });
      const path = i % 2 ? `dt/hook/${type}?q=${i}` : '';
      // Content-Type is not documented: JSON, a form type, or none at all must not matter
      const contentType: Record<string, string> = [{ 'Content-Type': 'application/json' }, {}, { 'Content-Type': 'application/x-www-form-urlencoded' }][i % 3]!;
      const r = await post(s.receiverUrl + path, i % 3 === 1 ? Buffer.from(b.raw) : b.raw, { 'X-Dt-Signature': await sign(b.raw), ...contentType });
      expect(r.status, `${type}: ${r.text}`).toBe(200);
      expect(r.json).toEqual({ status: 'accepted', eventId: b.eventId });
      // acknowledged means written: the raw body is in a segment file already
      expect(onDisk(s)).toContain(JSON.stringify(b.raw).slice(1, -1));
      const detail = await s.api.getEvent(b.eventId);
      expect(detail.ok && detail.value.raw).toBe(b.raw);
      expect(detail.ok && detail.value.signature).toBe('valid');
      expect(detail.ok && detail.value.eventType).toBe(type);
    }
    const page = await s.api.queryEvents({ filter: {}, offset: 0, limit: 100 });
    expect(page.ok && page.value.total).toBe(19);
  });

  it('answers a redelivered eventId "duplicate", counts the delivery and stores the event once', async () => {
    const s = await service();
    const b = dtBody();
    const token = await sign(b.raw);
    expect((await post(s.receiverUrl, b.raw, { 'X-Dt-Signature': token })).json).toEqual({ status: 'accepted', eventId: b.eventId });
    for (let i = 0; i < 2; i++) {
      const r = await post(s.receiverUrl + 'retry', b.raw, { 'X-Dt-Signature': await sign(b.raw) });
      expect(r.status).toBe(200);
      expect(r.json).toEqual({ status: 'duplicate', eventId: b.eventId });
    }
    const page = await s.api.queryEvents({ filter: {}, offset: 0, limit: 10 });
    expect(page.ok && page.value.total).toBe(1);
    expect(page.ok && page.value.rows[0]!.deliveries).toBe(3);
    const detail = await s.api.getEvent(b.eventId);
    expect(detail.ok && detail.value.deliveryLog.map((d) => d.outcome)).toEqual(['accepted', 'duplicate', 'duplicate']);
    const stats = await s.api.getStats();
    expect(stats.ok && [stats.value.events, stats.value.deliveries, stats.value.duplicates]).toEqual([1, 3, 2]);
  });

  it('with no secret configured, accepts unsigned events and marks them unverified', async () => {
    const s = await service({ secrets: [] });
    const b = dtBody();
    const r = await post(s.receiverUrl, b.raw);
    expect(r.json).toEqual({ status: 'accepted', eventId: b.eventId });
    const d = await s.api.getEvent(b.eventId);
    expect(d.ok && d.value.signature).toBe('unverified');
  });

  it('accepts tokens of every configured secret (rotation) and the header in any case', async () => {
    const s = await service({ secrets: ['old-secret', 'new-secret'] });
    const names = ['X-Dt-Signature', 'x-dt-signature', 'X-DT-SIGNATURE'];
    for (const [i, secret] of ['old-secret', 'new-secret', 'new-secret'].entries()) {
      const b = dtBody();
      const r = await post(s.receiverUrl, b.raw, { [names[i]!]: await sign(b.raw, secret) });
      expect(r.json, r.text).toEqual({ status: 'accepted', eventId: b.eventId });
    }
    const b = dtBody();
    const r = await post(s.receiverUrl, b.raw, { 'X-Dt-Signature': await sign(b.raw, 'retired-secret') });
    expect(r.status).toBe(401);
    expect(r.json.error).toBe('invalid_signature');
  });
});

describe('signature failures (a secret is configured)', () => {
  it('refuses each failure with its reason code, a message, and a diagnosis in the rejected log', async () => {
    const s = await service();
    const b = dtBody();
    const now = Math.floor(Date.now() / 1000);
    const hmac = async (alg: 'HS256' | 'HS512', claims: object) =>
      new CompactSign(enc.encode(JSON.stringify(claims))).setProtectedHeader({ alg, typ: 'JWT' }).sign(enc.encode(SECRET));
    const validClaims = JSON.parse(Buffer.from((await sign(b.raw)).split('.')[1]!, 'base64url').toString()) as object;
    const cases: Array<{ name: string; headers: Record<string, string>; body?: string; error: string; message?: RegExp }> = [
      { name: 'no header', headers: {}, error: 'missing_signature' },
      { name: 'empty header', headers: { 'X-Dt-Signature': ' ' }, error: 'missing_signature' },
      { name: 'not a JWT', headers: { 'X-Dt-Signature': 'hello' }, error: 'malformed_signature' },
      { name: 'bad base64 header', headers: { 'X-Dt-Signature': '%%%.%%%.%%%' }, error: 'malformed_signature' },
      { name: 'header not JSON', headers: { 'X-Dt-Signature': `${b64url('not json')}.${b64url('{}')}.AAAA` }, error: 'malformed_signature' },
      { name: 'alg none', headers: { 'X-Dt-Signature': `${b64url('{"alg":"none","typ":"JWT"}')}.${b64url(JSON.stringify(validClaims))}.` }, error: 'malformed_signature', message: /"none"/ },
      { name: 'HS512', headers: { 'X-Dt-Signature': await hmac('HS512', validClaims) }, error: 'malformed_signature', message: /HS512/ },
      { name: 'wrong secret', headers: { 'X-Dt-Signature': await sign(b.raw, 'someone-else') }, error: 'invalid_signature' },
      { name: 'expired', headers: { 'X-Dt-Signature': await sign(b.raw, SECRET, now - 3600 - 2 * 3600) }, error: 'expired_signature', message: /expired 2 h ago/ },
      { name: 'other body', headers: { 'X-Dt-Signature': await sign(b.raw) }, body: b.raw.replace('21.45', '21.46'), error: 'checksum_mismatch' },
    ];
    for (const c of cases) {
      const r = await post(s.receiverUrl + 'hook', c.body ?? b.raw, c.headers);
      expect(r.status, c.name).toBe(401);
      expect(r.json.error, `${c.name}: ${r.text}`).toBe(c.error);
      expect(typeof r.json.message, c.name).toBe('string');
      if (c.message) expect(r.json.message, c.name).toMatch(c.message);
    }
    // none of them was stored
    expect((await s.api.getEvent(b.eventId)).ok).toBe(false);

    const mismatch = (await rejectedFor(s, 'checksum_mismatch'))[0]!;
    const sent = b.raw.replace('21.45', '21.46');
    const { createHash } = await import('node:crypto');
    // expected vs computed: the diagnosis names both hashes
    expect(mismatch.diagnosis).toContain(createHash('sha256').update(b.raw).digest('hex'));
    expect(mismatch.diagnosis).toContain(createHash('sha256').update(sent).digest('hex'));

    const r = await s.api.listRejected();
    const log = r.ok ? r.value : [];
    expect(log).toHaveLength(cases.length);
    // newest first, each with its status, reason, diagnosis, path and the eventId it claimed
    expect(log.map((e) => e.error)).toEqual(cases.map((c) => c.error).reverse());
    for (const e of log) {
      expect(e.status).toBe(401);
      expect(e.diagnosis.length).toBeGreaterThan(20);
      expect(e.path).toBe('/hook');
      expect(e.eventId).toBe(b.eventId);
      expect(e.bodyBytes).toBeGreaterThan(0);
    }
    const stats = await s.api.getStats();
    expect(stats.ok && stats.value.rejected).toBe(cases.length);
  });

  it('signature vectors: valid ones verify when expired tokens are allowed; wrong secret and tampered body do not', async () => {
    // each vector states the secret the receiver is configured with, and the outcome
    const vectors = signatureVectors();
    const want: Record<string, string> = { 'signature invalid': 'invalid_signature', 'checksum mismatch': 'checksum_mismatch' };
    for (const v of vectors) {
      const lax = await service({ secrets: [v.secret], allowExpired: true });
      const strict = await service({ secrets: [v.secret] });
      const r = await post(lax.receiverUrl, v.rawBody, v.headers);
      if (v.expect === 'valid') {
        expect(r.status, `${v.name}: ${r.text}`).toBe(200);
        expect(r.json.status).toBe('accepted');
        const s = await post(strict.receiverUrl, v.rawBody, v.headers);
        expect(s.status).toBe(401);
        expect(s.json.error).toBe('expired_signature');
      } else {
        expect(want[v.expect!], `unknown expectation ${v.expect}`).toBeDefined();
        expect(r.status, v.name).toBe(401);
        expect(r.json.error, v.name).toBe(want[v.expect!]);
      }
    }
    expect(vectors.filter((v) => v.expect === 'valid').length).toBeGreaterThan(0);
  });

  it('real DT requests verify with test-secret when expired tokens are allowed, and are expired_signature otherwise', async () => {
    const lax = await service({ secrets: ['test-secret'], allowExpired: true });
    const strict = await service({ secrets: ['test-secret'] });
    for (const v of realRequests()) {
      expect(v.secret).toBe('test-secret');
      const eventId = (JSON.parse(v.rawBody) as { event: { eventId: string } }).event.eventId;
      const r = await post(lax.receiverUrl, v.rawBody, v.headers);
      expect(r.status, `${v.name}: ${r.text}`).toBe(200);
      expect(r.json).toEqual({ status: 'accepted', eventId });
      const d = await lax.api.getEvent(eventId);
      expect(d.ok && d.value.signature).toBe('valid');
      expect(d.ok && d.value.raw).toBe(v.rawBody);
      expect(d.ok && d.value.warnings.join(' ')).toMatch(/expired/);

      const s = await post(strict.receiverUrl, v.rawBody, v.headers);
      expect(s.status).toBe(401);
      expect(s.json.error).toBe('expired_signature');
      // "by how long": the 2022 token expired more than a year ago, in days
      expect(s.json.message).toMatch(/expired \d+ d( \d+ h)?( \d+ min)? ago/);
    }
    expect(strict.store.summaries.length).toBe(0);
  });
});

describe('bodies', () => {
  it('400 invalid_json for a body that is not JSON (even when correctly signed)', async () => {
    const s = await service();
    for (const body of ['not json', '{"event":', '', '\u00ff\u00fe']) {
      const r = await post(s.receiverUrl, body, { 'X-Dt-Signature': await sign(body) });
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.json.error).toBe('invalid_json');
      expect(typeof r.json.message).toBe('string');
    }
    const bad = Buffer.from([0x7b, 0xff, 0xfe, 0x7d]); // not UTF-8
    const r = await post(s.receiverUrl, bad, { 'X-Dt-Signature': await signLikeDt(bad, SECRET) });
    expect(r.status).toBe(400);
    expect(r.json.error).toBe('invalid_json');
    expect((await rejectedFor(s, 'invalid_json')).length).toBe(5);
  });

  it('422 invalid_event with problems (path + message) for JSON that is not a DT event', async () => {
    const s = await service();
    const ok = JSON.parse(dtBody().raw) as { event: Record<string, unknown> };
    const noTarget = structuredClone(ok);
    delete noTarget.event.targetName;
    const badTime = structuredClone(ok);
    badTime.event.timestamp = 'yesterday';
    const cases: Array<[string, RegExp]> = [
      ['[1,2,3]', /.*/],
      ['{"hello":"world"}', /event/],
      [JSON.stringify(noTarget), /targetName/],
      [JSON.stringify(badTime), /timestamp/],
    ];
    for (const [body, path] of cases) {
      const r = await post(s.receiverUrl, body, { 'X-Dt-Signature': await sign(body) });
      expect(r.status, body).toBe(422);
      expect(r.json.error).toBe('invalid_event');
      expect(Array.isArray(r.json.problems) && r.json.problems.length).toBeGreaterThan(0);
      for (const p of r.json.problems) {
        expect(typeof p.path).toBe('string');
        expect(typeof p.message).toBe('string');
      }
      expect(r.json.problems.map((p: { path: string }) => p.path).join(' ')).toMatch(path);
    }
    expect((await rejectedFor(s, 'invalid_event')).length).toBe(cases.length);
  });

  it('an unknown event type is stored, not refused', async () => {
    const s = await service();
    const b = JSON.parse(dtBody().raw) as { event: Record<string, unknown> };
    b.event.eventType = 'brandNewType';
    b.event.data = { brandNewType: { updateTime: b.event.timestamp } };
    const raw = JSON.stringify(b);
    const r = await post(s.receiverUrl, raw, { 'X-Dt-Signature': await sign(raw) });
    expect(r.json).toEqual({ status: 'accepted', eventId: b.event.eventId });
  });

  it('413 payload_too_large past 1 MiB by default, and past the configured limit', async () => {
    const s = await service();
    // just under 1 MiB: a valid event with a long label is accepted
    const big = dtBody({ labels: { name: 'x', note: '' } });
    const pad = 1024 * 1024 - Buffer.byteLength(big.raw) - 16;
    const under = big.raw.replace('"note":""', `"note":"${'n'.repeat(pad)}"`);
    expect(Buffer.byteLength(under)).toBeLessThan(1024 * 1024);
    const r1 = await post(s.receiverUrl, under, { 'X-Dt-Signature': await sign(under) });
    expect(r1.status, r1.text.slice(0, 200)).toBe(200);
    const over = 'x'.repeat(1024 * 1024 + 1);
    const r2 = await post(s.receiverUrl, over, { 'X-Dt-Signature': await sign(over) });
    expect(r2.status).toBe(413);
    expect(r2.json.error).toBe('payload_too_large');
    expect((await rejectedFor(s, 'payload_too_large')).length).toBe(1);

    const small = await service({ maxBody: '2kb' });
    const ok = dtBody();
    expect((await post(small.receiverUrl, ok.raw, { 'X-Dt-Signature': await sign(ok.raw) })).status).toBe(200);
    const r3 = await post(small.receiverUrl, under.slice(0, 4096), { 'X-Dt-Signature': 'x' });
    expect(r3.status).toBe(413);
    expect(r3.json.error).toBe('payload_too_large');
  });
});

describe('methods', () => {
  it('GET and HEAD answer 200 with a short plain-text line and no data; other methods 405', async () => {
    const s = await service();
    const b = dtBody({ labels: { name: 'Secret room' } });
    await post(s.receiverUrl, b.raw, { 'X-Dt-Signature': await sign(b.raw) });
    for (const path of ['', 'events', 'api/events?all=1']) {
      const g = await post(s.receiverUrl + path, '', {}, 'GET');
      expect(g.status).toBe(200);
      expect(g.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(g.text.trim().split('\n')).toHaveLength(1);
      expect(g.text.length).toBeLessThan(200);
      expect(g.text).not.toContain(b.eventId);
      expect(g.text).not.toContain('Secret room');
      const h = await post(s.receiverUrl + path, '', {}, 'HEAD');
      expect(h.status).toBe(200);
      expect(h.text).toBe('');
    }
    for (const method of ['PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
      const r = await post(s.receiverUrl, b.raw, { 'X-Dt-Signature': await sign(b.raw) }, method);
      expect(r.status, method).toBe(405);
    }
    // a PUT of a new event stores nothing
    const n = dtBody();
    await post(s.receiverUrl, n.raw, { 'X-Dt-Signature': await sign(n.raw) }, 'PUT');
    expect((await s.api.getEvent(n.eventId)).ok).toBe(false);
  });
});

describe('storage unavailable', () => {
  it('503 storage_unavailable while the segment cannot be written; accepted without restart once it can', async () => {
    const dataDir = tempDir();
    const s = await service({ dataDir });
    const first = dtBody();
    expect((await post(s.receiverUrl, first.raw, { 'X-Dt-Signature': await sign(first.raw) })).status).toBe(200);

    // Root ignores permissions: put a directory where the open segment's journal is (EISDIR),
    // the journal itself moved out of the way and back afterwards.
    const blocker = paths(dataDir).journal(1);
    renameSync(blocker, `${blocker}.away`);
    mkdirSync(blocker);
    const b = dtBody();
    for (let i = 0; i < 2; i++) {
      const r = await post(s.receiverUrl, b.raw, { 'X-Dt-Signature': await sign(b.raw) });
      expect(r.status, r.text).toBe(503);
      expect(r.json.error).toBe('storage_unavailable');
    }
    // concurrent deliveries in one group commit all fail too: no 2xx for anything not on disk
    const others = [dtBody(), dtBody(), dtBody()];
    const answers = await Promise.all(others.map(async (o) => post(s.receiverUrl, o.raw, { 'X-Dt-Signature': await sign(o.raw) })));
    expect(answers.map((a) => a.status)).toEqual([503, 503, 503]);
    expect((await s.api.getEvent(b.eventId)).ok).toBe(false);
    expect(s.store.summaries.length).toBe(1);
    expect(onDisk(s)).not.toContain(b.eventId);
    const st = await s.api.getStatus();
    if (!st.ok) throw new Error(`getStatus failed: ${st.error}`);
    expect(st.value.storage.ok).toBe(false);

    rmdirSync(blocker);
    renameSync(`${blocker}.away`, blocker);
    // DT retries: the same event is now accepted (not "duplicate": it was never stored)
    const r = await post(s.receiverUrl, b.raw, { 'X-Dt-Signature': await sign(b.raw) });
    expect(r.status, r.text).toBe(200);
    expect(r.json).toEqual({ status: 'accepted', eventId: b.eventId });
    for (const o of others) expect((await post(s.receiverUrl, o.raw, { 'X-Dt-Signature': await sign(o.raw) })).json.status).toBe('accepted');
    expect(onDisk(s)).toContain(b.eventId);
    const st2 = await s.api.getStatus();
    expect(st2.ok && st2.value.storage.ok).toBe(true);
    const d = await s.api.getEvent(b.eventId);
    expect(d.ok && d.value.deliveries).toBe(1);

    // and after a restart it is there exactly once, with the others
    await s.stop(2_000);
    const again = await service({ dataDir });
    expect(again.store.summaries.map((e) => e.eventId).sort()).toEqual([first, b, ...others].map((x) => x.eventId).sort());
  });
});

describe('storage unavailable at a segment rotation', () => {
  it('503 while the next segment cannot be created, then accepted, and nothing lost or doubled after a restart', async () => {
    const dataDir = tempDir();
    const open = () => createInboxService({ dataDir, port: 0, host: '127.0.0.1', secrets: [SECRET], mode: 'browser', segmentSize: 2 });
    const s = await open();
    services.push(s);
    const sent = [dtBody(), dtBody()];
    for (const b of sent) expect((await post(s.receiverUrl, b.raw, { 'X-Dt-Signature': await sign(b.raw) })).status).toBe(200);
    // the full segment 1 is written whole, but segment 2's journal cannot be created (EISDIR)
    const blocker = paths(dataDir).journal(2);
    mkdirSync(blocker);
    const b = dtBody();
    const r = await post(s.receiverUrl, b.raw, { 'X-Dt-Signature': await sign(b.raw) });
    expect(r.status).toBe(503);
    expect(r.json.error).toBe('storage_unavailable');
    // a duplicate of a stored event cannot be recorded either (503, so DT retries it), but must
    // never be lost or stored twice
    const dupWhileFull = await post(s.receiverUrl, sent[0]!.raw, { 'X-Dt-Signature': await sign(sent[0]!.raw) });
    expect(dupWhileFull.status).toBe(503);
    expect(dupWhileFull.json.error).toBe('storage_unavailable');
    rmdirSync(blocker);
    const ok = await post(s.receiverUrl, b.raw, { 'X-Dt-Signature': await sign(b.raw) });
    expect(ok.json).toEqual({ status: 'accepted', eventId: b.eventId });
    const more = dtBody();
    expect((await post(s.receiverUrl, more.raw, { 'X-Dt-Signature': await sign(more.raw) })).json.status).toBe('accepted');
    for (const x of [...sent, b, more]) expect((await s.api.getEvent(x.eventId)).ok, x.eventId).toBe(true);
    await s.stop(2_000);
    services.splice(services.indexOf(s), 1);
    const again = await open();
    services.push(again);
    expect(again.store.summaries.map((e) => e.eventId)).toEqual([...sent, b, more].map((x) => x.eventId));
    for (const x of [...sent, b, more]) {
      const d = await again.api.getEvent(x.eventId);
      expect(d.ok && d.value.raw).toBe(x.raw);
      // the duplicate answered 503 was not recorded: DT will deliver it again
      expect(d.ok && d.value.deliveries, x.eventId).toBe(1);
    }
  });
});

describe('rejected log is bounded', () => {
  it('through the service: 1000 entries kept (newest first) after 1010 bad requests; the total still counts all', async () => {
    const s = await service();
    let next = 0;
    const statuses = new Map<number, number>();
    const worker = async () => {
      while (next < 1010) {
        const i = next++;
        const r = await fetch(s.receiverUrl + `bad/${i}`, { method: 'POST', body: `{"n":${i}}` });
        await r.arrayBuffer();
        statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    expect([...statuses]).toEqual([[401, 1010]]);
    const r = await s.api.listRejected();
    const log = r.ok ? r.value : [];
    expect(log).toHaveLength(1000);
    const ids = log.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(ids[0]).toBe(1010);
    expect(ids[999]).toBe(11);
    const stats = await s.api.getStats();
    expect(stats.ok && stats.value.rejected).toBe(1010);
  });

  it('RejectedLog keeps only its limit, in memory and on disk across a reopen', async () => {
    const dir = tempDir();
    const log = await RejectedLog.open(dir, [], 5);
    for (let i = 1; i <= 12; i++) {
      log.add({ receivedAt: new Date().toISOString(), path: `/${i}`, remoteAddress: '127.0.0.1', status: 401, error: 'missing_signature', message: 'm', diagnosis: 'd', headers: {}, bodyPreview: '', bodyBytes: 0 });
    }
    expect(log.list().map((e) => e.path)).toEqual(['/12', '/11', '/10', '/9', '/8']);
    expect(log.total).toBe(12);
    await log.close();
    const onFile = JSON.parse(readFileSync(paths(dir).rejected, 'utf8')) as { entries: unknown[] };
    expect(onFile.entries).toHaveLength(5);
    const reopened = await RejectedLog.open(dir, [], 5);
    expect(reopened.total).toBe(12);
    expect(reopened.list()[0]!.path).toBe('/12');
    await reopened.close();
  });
});

/**
 * Property-based fuzzing of the public receiver over real HTTP (fast-check): mutated DT bodies
 * (wrong types anywhere, huge strings, 10k-deep nesting, `__proto__`/`constructor` keys,
 * duplicate keys, invalid UTF-8, truncation), a wrong type in every field of three event types,
 * odd Content-Types, encodings and chunked bodies over the limit, and forged or malformed JWTs.
 *
 * Every answer is checked against an independent oracle: 400 invalid_json when the bytes are not
 * UTF-8 JSON, 422 invalid_event naming the bad path when a required field is wrong, 2xx (and the
 * exact bytes stored) otherwise, 401 with the precise reason for a bad signature. At the end the
 * server still answers, the heap after GC is bounded, the rejected log is bounded, every segment
 * parses and the data directory reloads without a warning. Replay with RELIABILITY_SEED=<seed>.
 */
import http from 'node:http';
import { createHash, createHmac } from 'node:crypto';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInboxService, type InboxService } from '../../electron/core/inbox-service';
import { signLikeDt } from '../../electron/core/signature';
import { isRfc3339 } from '../../shared/dt/timestamp';
import { eventFixtures } from '../fixtures';
import { cleanupTempDirs, dtBody, tempDir } from '../core/helpers';
import { readSegments } from './disk';
import { recordReliability, seedFrom } from './report';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const SECRET = 'fuzz-secret-0123456789';
const TYPES = [...eventFixtures().keys()];
const seed = seedFrom('fuzz-receiver');
let s: InboxService;
let dataDir: string;
let heapBefore = 0;
const tally = { requests: 0, accepted: 0, duplicate: 0, byStatus: new Map<number, number>() };
/** eventId → raw of the first accepted delivery */
const stored = new Map<string, string>();

beforeAll(async () => {
  dataDir = tempDir('ci-rel-fuzz-');
  s = await createInboxService({ dataDir, port: 0, host: '127.0.0.1', secrets: [SECRET], mode: 'browser' });
  gc();
  heapBefore = process.memoryUsage().heapUsed;
});
afterAll(async () => {
  await s?.stop(2_000);
  cleanupTempDirs();
});

interface Answer { status: number; json: any; text: string }

/** Raw HTTP: any header, Content-Type or none, chunked or not. */
function send(body: Buffer | Buffer[], headers: Record<string, string> = {}, path = '/'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const chunked = Array.isArray(body);
    const h: Record<string, string | number> = { ...headers };
    if (!chunked) h['Content-Length'] = body.length;
    const req = http.request({ host: '127.0.0.1', port: s.port, method: 'POST', path, headers: h, agent: false }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => {
        const text = Buffer.concat(parts).toString('utf8');
        let json: any;
        try { json = JSON.parse(text); } catch { /* not JSON */ }
        tally.requests++;
        tally.byStatus.set(res.statusCode ?? 0, (tally.byStatus.get(res.statusCode ?? 0) ?? 0) + 1);
        resolve({ status: res.statusCode ?? 0, json, text });
      });
    });
    req.setTimeout(15_000, () => req.destroy(new Error('no answer within 15 s')));
    req.on('error', reject);
    if (chunked) {
      for (const c of body) req.write(c);
      req.end();
    } else req.end(body);
  });
}
const signed = async (raw: Buffer, extra: Record<string, string> = {}) => send(raw, { 'X-Dt-Signature': await signLikeDt(raw, SECRET), ...extra });

const TARGET = /^projects\/([^/]+)\/devices\/([^/]+)$/;
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The contract, written independently of the receiver: what a body must get. */
function oracle(raw: Buffer): { status: 400 } | { status: 422; paths: string[] } | { status: 200; eventId: string } {
  let text: string;
  try { text = new TextDecoder('utf-8', { fatal: true }).decode(raw); } catch { return { status: 400 }; }
  let body: unknown;
  try { body = JSON.parse(text); } catch { return { status: 400 }; }
  if (!isObj(body)) return { status: 422, paths: [''] };
  const ev = Object.hasOwn(body, 'event') ? body.event : undefined;
  if (!isObj(ev)) return { status: 422, paths: ['event'] };
  const bad: string[] = [];
  if (typeof ev.eventId !== 'string' || ev.eventId.length === 0) bad.push('event.eventId');
  if (typeof ev.eventType !== 'string') bad.push('event.eventType');
  if (typeof ev.targetName !== 'string' || !TARGET.test(ev.targetName)) bad.push('event.targetName');
  if (typeof ev.timestamp !== 'string' || !isRfc3339(ev.timestamp)) bad.push('event.timestamp');
  return bad.length ? { status: 422, paths: bad } : { status: 200, eventId: ev.eventId as string };
}

/** Sends a correctly signed body and checks the answer against the oracle. */
async function checkBody(raw: Buffer, headers: Record<string, string> = {}): Promise<Answer> {
  const want = oracle(raw);
  const r = await signed(raw, headers);
  const ctx = `${r.status} ${r.text.slice(0, 300)} for ${raw.subarray(0, 200).toString('utf8')}`;
  expect(r.status, ctx).toBe(want.status);
  if (want.status === 400) {
    expect(r.json?.error, ctx).toBe('invalid_json');
    expect(r.json.message, ctx).toMatch(/not valid UTF-8|not JSON|empty body|nested too deeply/);
  } else if (want.status === 422) {
    expect(r.json?.error, ctx).toBe('invalid_event');
    const paths = (r.json.problems as Array<{ path: string; message: string }>).map((p) => {
      expect(typeof p.message).toBe('string');
      return p.path;
    });
    // precise: the problems name exactly the required fields that are wrong
    expect([...new Set(paths)].sort(), ctx).toEqual([...new Set(want.paths)].sort());
  } else {
    expect(r.json, ctx).toEqual({ status: stored.has(want.eventId) ? 'duplicate' : 'accepted', eventId: want.eventId });
    if (r.json.status === 'accepted') {
      stored.set(want.eventId, new TextDecoder().decode(raw)); // a leading BOM is dropped, as the receiver decodes
      tally.accepted++;
    } else tally.duplicate++;
  }
  return r;
}

// ---------- generators ----------

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
const DEEP = '"__DEEP__"';
const HUGE = 'h'.repeat(200_000);
const specialValue = fc.oneof(
  fc.jsonValue() as fc.Arbitrary<Json>,
  fc.constantFrom<Json>(null, '', 0, -0.5, 1e308, true, [], {}, HUGE, '__DEEP__', '2025-13-45T99:99:99Z', 'projects//devices/', '\u0000\ud800x'),
);
const trickyKey = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'eventId', ''), fc.string({ maxLength: 12 }));

function allPaths(v: Json, prefix: Array<string | number> = [], out: Array<Array<string | number>> = []): Array<Array<string | number>> {
  out.push(prefix);
  if (prefix.length >= 6) return out;
  if (Array.isArray(v)) v.forEach((x, i) => allPaths(x, [...prefix, i], out));
  else if (v && typeof v === 'object') for (const k of Object.keys(v)) allPaths(v[k]!, [...prefix, k], out);
  return out;
}
/** Sets or deletes at a path; own properties only (a `__proto__` key stays data). */
function edit(root: Json, path: Array<string | number>, op: { kind: 'set'; value: Json } | { kind: 'delete' } | { kind: 'addKey'; key: string; value: Json }): Json {
  if (path.length === 0) {
    if (op.kind === 'set') return op.value;
    if (op.kind === 'addKey' && isObj(root)) Object.defineProperty(root, op.key, { value: op.value, enumerable: true, writable: true, configurable: true });
    return root;
  }
  let parent: any = root;
  for (const k of path.slice(0, -1)) parent = parent[k];
  const last = path[path.length - 1]!;
  if (op.kind === 'delete') {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else if (op.kind === 'set') Object.defineProperty(parent, last, { value: op.value, enumerable: true, writable: true, configurable: true });
  else if (isObj(parent[last])) Object.defineProperty(parent[last], op.key, { value: op.value, enumerable: true, writable: true, configurable: true });
  return root;
}
const deep = (n: number, arrays: boolean) => (arrays ? '['.repeat(n) + ']'.repeat(n) : '{"a":'.repeat(n) + '1' + '}'.repeat(n));

const mutationArb = fc.record({
  type: fc.constantFrom(...TYPES),
  edits: fc.array(fc.record({
    at: fc.nat(),
    op: fc.oneof(
      fc.record({ kind: fc.constant('set' as const), value: specialValue }),
      fc.record({ kind: fc.constant('delete' as const) }),
      fc.record({ kind: fc.constant('addKey' as const), key: trickyKey, value: specialValue }),
    ),
  }), { minLength: 0, maxLength: 3 }),
  deepArrays: fc.boolean(),
  raw: fc.constantFrom('none', 'none', 'none', 'dupKey', 'flip', 'truncate', 'badUtf8', 'bom', 'whitespace'),
  at: fc.nat(),
});

// ---------- the properties ----------

describe('receiver fuzzing', () => {
  it('mutated bodies: the oracle\'s answer every time (400 / 422 with the bad paths / 2xx and stored)', async () => {
    await fc.assert(fc.asyncProperty(mutationArb, async (m) => {
      let body = JSON.parse(dtBody({ type: m.type }).raw) as Json;
      for (const e of m.edits) {
        const paths = allPaths(body);
        body = edit(body, paths[e.at % paths.length]!, e.op);
      }
      let text = JSON.stringify(body).replace(DEEP, deep(10_000, m.deepArrays));
      let raw = Buffer.from(text);
      switch (m.raw) {
        case 'dupKey': text = text.replace(/"eventId":("[^"]*")/, '"eventId":$1,"eventId":"tcdupkey' + (m.at % 1000) + '"'); raw = Buffer.from(text); break;
        case 'flip': raw[m.at % raw.length] = (raw[m.at % raw.length]! + 1 + (m.at % 250)) & 0xff; break;
        case 'truncate': raw = raw.subarray(0, m.at % raw.length); break;
        case 'badUtf8': raw = Buffer.concat([raw.subarray(0, m.at % raw.length), Buffer.from([0xc3, 0x28, 0xff]), raw.subarray(m.at % raw.length)]); break;
        case 'bom': raw = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), raw]); break;
        case 'whitespace': raw = Buffer.from(` \n\t${text}\r\n `); break;
      }
      await checkBody(raw);
    }), { numRuns: 300, seed, verbose: 1 });
    expect(tally.accepted).toBeGreaterThan(20); // the generator reaches valid events too
    expect(Object.getPrototypeOf({}).polluted, 'no prototype pollution').toBeUndefined();
    expect(({} as Record<string, unknown>).eventId).toBeUndefined();
  }, 60_000);

  it('the known-nasty bodies, every time: 10k-deep nesting everywhere, __proto__ keys, 200k bad samples', async () => {
    const base = () => JSON.parse(dtBody().raw) as any;
    const withDeep = (at: (b: any) => void, arrays: boolean) => {
      const b = base();
      at(b);
      return Buffer.from(JSON.stringify(b).replace(DEEP, deep(10_000, arrays)));
    };
    for (const arrays of [true, false]) {
      await checkBody(Buffer.from(deep(10_000, arrays)));
      await checkBody(withDeep((b) => { b.labels.name = '__DEEP__'; }, arrays));
      await checkBody(withDeep((b) => { b.event.data.temperature = '__DEEP__'; }, arrays));
      await checkBody(withDeep((b) => { b.metadata = '__DEEP__'; }, arrays));
      await checkBody(withDeep((b) => { b.event.eventId = '__DEEP__'; }, arrays));
    }
    const proto = base();
    await checkBody(Buffer.from(`{"__proto__":${JSON.stringify({ event: proto.event })}}`));
    await checkBody(Buffer.from(JSON.stringify(base()).replace('{', '{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}},')));
    const labels = base();
    const r = await checkBody(Buffer.from(JSON.stringify(labels).replace('"labels":{', '"labels":{"__proto__":"x","constructor":"y",')));
    expect(s.store.find(r.json.eventId)!.labels).toMatchObject({ constructor: 'y' });
    expect(Object.getPrototypeOf(s.store.find(r.json.eventId)!.labels)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // one body, 200k samples of the wrong shape: answered fast, a bounded list of warnings
    const many = base();
    many.event.data.temperature.samples = Array.from({ length: 200_000 }, () => ({}));
    const t0 = performance.now();
    const m = await checkBody(Buffer.from(JSON.stringify(many)));
    // Bounded work shows in the bounded warnings below; the time only has to meet DT's deadline.
    expect(performance.now() - t0, '200k bad samples answered within DT\'s 10 s (ms)').toBeLessThan(10_000);
    const w = s.store.find(m.json.eventId)!.warnings;
    expect(w.length).toBeLessThanOrEqual(52);
    expect(w.join('\n')).toMatch(/more warnings|only the first/);
  });

  it('a wrong type in every field of three event types: 422 naming the field when it is required, else 2xx with warnings', async () => {
    const wrong: Json[] = [null, 0, -1.5, true, '', 'x', [], {}, [1, 'a'], 'w'.repeat(50_000)];
    let cases = 0;
    for (const type of ['temperature', 'labelsChanged', 'networkStatus']) {
      const template = JSON.parse(dtBody({ type }).raw) as Json;
      for (const path of allPaths(template).filter((p) => p.length > 0)) {
        for (const value of wrong) {
          const body = structuredClone(template) as any;
          if (path.join('.') !== 'event.eventId') body.event.eventId = dtBody().eventId; // a new event each time
          const r = await checkBody(Buffer.from(JSON.stringify(edit(body, path, { kind: 'set', value }))));
          cases++;
          const p = path.join('.');
          if (r.status === 200 && r.json.status === 'accepted' && /^(event\.data|labels|metadata)\./.test(p) && typeof value !== typeof (path.reduce((o: any, k) => o[k], template))) {
            const e = s.store.find(r.json.eventId)!;
            expect(e.warnings.length, `${p} = ${JSON.stringify(value).slice(0, 30)} gives a warning`).toBeGreaterThan(0);
          }
        }
      }
    }
    expect(cases).toBeGreaterThan(300);
  }, 60_000);

  it('Content-Type, Content-Encoding and chunked bodies: the bytes count, the limit holds', async () => {
    for (const ct of [undefined, 'application/json', 'text/plain', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', 'application/json; charset=utf-16', 'application/octet-stream', '!!!/??']) {
      const b = dtBody();
      await checkBody(Buffer.from(b.raw), ct === undefined ? {} : { 'Content-Type': ct });
      expect(stored.get(b.eventId)).toBe(b.raw);
    }
    // chunked in tiny pieces: same bytes, same signature
    const b = dtBody();
    const raw = Buffer.from(b.raw);
    const pieces = Array.from({ length: Math.ceil(raw.length / 7) }, (_, i) => raw.subarray(i * 7, i * 7 + 7));
    const r = await send(pieces, { 'X-Dt-Signature': await signLikeDt(raw, SECRET) });
    expect(r.json).toEqual({ status: 'accepted', eventId: b.eventId });
    stored.set(b.eventId, b.raw);
    // over the 1 MiB limit: chunked, or announced by Content-Length
    const big = Buffer.alloc(1024 * 1024 + 10, 0x20);
    const chunks = Array.from({ length: 17 }, (_, i) => big.subarray(i * 65_536, (i + 1) * 65_536));
    for (const over of [await send(chunks, { 'X-Dt-Signature': 'x' }), await send(big, { 'X-Dt-Signature': 'x' })]) {
      expect(over.status).toBe(413);
      expect(over.json.error).toBe('payload_too_large');
    }
    // encodings: garbage "gzip", unknown codings
    for (const enc of ['gzip', 'deflate', 'br', 'x-unknown']) {
      const x = await send(Buffer.from('garbage'), { 'Content-Encoding': enc, 'X-Dt-Signature': 'x' });
      expect(x.status, enc).toBeGreaterThanOrEqual(400);
      expect(x.status, enc).toBeLessThan(500);
      expect(typeof x.json.message).toBe('string');
    }
  });

  it('forged and malformed signatures: 401 with the precise reason, never stored', async () => {
    const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const claimsFor = (raw: Buffer, over: Record<string, unknown> = {}) => {
      const now = Math.floor(Date.now() / 1000);
      return { checksum: createHash('sha1').update(raw).digest('hex'), checksum_sha256: createHash('sha256').update(raw).digest('hex'), iat: now, exp: now + 3600, jti: 'j'.repeat(20), ...over };
    };
    const hmac = (alg: 'sha256' | 'sha512', input: string, key = SECRET) => createHmac(alg, key).update(input).digest('base64url');
    const jws = (header: unknown, payload: unknown, sig: (input: string) => string) => {
      const input = `${enc(header)}.${typeof payload === 'string' ? Buffer.from(payload).toString('base64url') : enc(payload)}`;
      return `${input}.${sig(input)}`;
    };
    const kinds = {
      algNone: (raw: Buffer) => [jws({ alg: 'none', typ: 'JWT' }, claimsFor(raw), () => ''), 'malformed_signature'],
      algNoneCase: (raw: Buffer) => [jws({ alg: 'NONE' }, claimsFor(raw), () => ''), 'malformed_signature'],
      hs512: (raw: Buffer) => [jws({ alg: 'HS512', typ: 'JWT' }, claimsFor(raw), (i) => hmac('sha512', i)), 'malformed_signature'],
      rs256WithSecret: (raw: Buffer) => [jws({ alg: 'RS256', typ: 'JWT' }, claimsFor(raw), (i) => hmac('sha256', i)), 'malformed_signature'],
      emptySignature: (raw: Buffer) => [jws({ alg: 'HS256', typ: 'JWT' }, claimsFor(raw), () => ''), 'invalid_signature'],
      wrongSecret: (raw: Buffer) => [jws({ alg: 'HS256', typ: 'JWT' }, claimsFor(raw), (i) => hmac('sha256', i, 'not-the-secret')), 'invalid_signature'],
      truncatedSignature: (raw: Buffer) => [jws({ alg: 'HS256' }, claimsFor(raw), (i) => hmac('sha256', i).slice(0, 20)), 'invalid_signature'],
      otherBody: (raw: Buffer) => [jws({ alg: 'HS256' }, claimsFor(Buffer.concat([raw, Buffer.from(' ')])), (i) => hmac('sha256', i)), 'checksum_mismatch'],
      expired: (raw: Buffer) => [jws({ alg: 'HS256' }, claimsFor(raw, { exp: 1_600_000_000, iat: 1_599_996_400 }), (i) => hmac('sha256', i)), 'expired_signature'],
      noExp: (raw: Buffer) => [jws({ alg: 'HS256' }, claimsFor(raw, { exp: undefined }), (i) => hmac('sha256', i)), 'malformed_signature'],
      expAsString: (raw: Buffer) => [jws({ alg: 'HS256' }, claimsFor(raw, { exp: '9999999999' }), (i) => hmac('sha256', i)), 'malformed_signature'],
      noChecksum: (raw: Buffer) => [jws({ alg: 'HS256' }, claimsFor(raw, { checksum: undefined, checksum_sha256: undefined }), (i) => hmac('sha256', i)), 'malformed_signature'],
      claimsArray: (raw: Buffer) => [jws({ alg: 'HS256' }, [claimsFor(raw)], (i) => hmac('sha256', i)), 'malformed_signature'],
      claimsNotJson: (raw: Buffer) => [jws({ alg: 'HS256' }, 'not json', (i) => hmac('sha256', i)), 'malformed_signature'],
      headerNotJson: () => [`${Buffer.from('{alg').toString('base64url')}.e30.abc`, 'malformed_signature'],
      fourParts: (raw: Buffer) => [`${jws({ alg: 'HS256' }, claimsFor(raw), (i) => hmac('sha256', i))}.extra`, 'malformed_signature'],
      protoHeader: (raw: Buffer) => [jws(JSON.parse('{"__proto__":{"alg":"HS256"}}'), claimsFor(raw), (i) => hmac('sha256', i)), 'malformed_signature'],
    } satisfies Record<string, (raw: Buffer) => [string, string]>;
    const arb = fc.record({
      kind: fc.constantFrom(...(Object.keys(kinds) as Array<keyof typeof kinds>)),
      junk: fc.oneof(fc.string({ maxLength: 300 }), fc.base64String({ maxLength: 300 }), fc.constantFrom('a.b.c', '..', 'Bearer x.y.z', 'e30.e30.', ' ')),
      useJunk: fc.boolean(),
    });
    const seenReasons = new Set<string>();
    await fc.assert(fc.asyncProperty(arb, async ({ kind, junk, useJunk }) => {
      const b = dtBody();
      const raw = Buffer.from(b.raw);
      // node refuses header values with control characters before sending: keep it printable
      const junkToken = junk.replace(/[^\x20-\x7e]/g, 'x');
      const [token, reason] = useJunk ? [junkToken, junkToken.trim() === '' ? 'missing_signature' : 'malformed_signature'] : kinds[kind](raw);
      const r = await send(raw, { 'X-Dt-Signature': token });
      expect(r.status, `${kind} ${token.slice(0, 80)}: ${r.text}`).toBe(401);
      // a random string can be a well-formed HS256 JWT only by a miracle: still one of the two reasons
      if (useJunk) expect(['malformed_signature', 'invalid_signature', 'missing_signature']).toContain(r.json.error);
      else expect(r.json.error, `${kind}: ${r.json.message}`).toBe(reason);
      expect(r.json.message.length).toBeGreaterThan(0);
      expect(r.json.diagnosis.length).toBeGreaterThan(0);
      seenReasons.add(r.json.error);
      expect(s.store.find(b.eventId), 'a forged delivery is never stored').toBeUndefined();
    }), { numRuns: 200, seed });
    expect(seenReasons).toEqual(new Set(['malformed_signature', 'invalid_signature', 'checksum_mismatch', 'expired_signature', 'missing_signature']));
  }, 60_000);

  it('afterwards: still serving, heap bounded, rejected log bounded, every segment parses and reloads cleanly', async () => {
    const b = dtBody();
    expect((await checkBody(Buffer.from(b.raw))).status).toBe(200);
    gc();
    const growth = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
    console.log(`[fuzz-receiver] ${tally.requests} requests, ${JSON.stringify(Object.fromEntries(tally.byStatus))}, heap growth after GC ${growth.toFixed(1)} MiB`);
    // Memory, not speed: ~1,200 requests incl. 200k-element and 10k-deep bodies must not be
    // retained; 96 MiB is far below what keeping them would take and above GC noise.
    expect(growth, 'heap growth after GC (MiB)').toBeLessThan(96);
    const rejected = await s.api.listRejected();
    if (!rejected.ok) throw new Error(rejected.error);
    expect(rejected.value.length).toBeLessThanOrEqual(1000);
    for (const e of rejected.value) expect(Buffer.byteLength(e.bodyPreview)).toBeLessThanOrEqual(2048 * 3);
    expect(JSON.stringify(rejected.value).length, 'rejected log size').toBeLessThan(8 * 2 ** 20);
    expect([...tally.byStatus.keys()].filter((k) => k >= 500)).toEqual([]);

    const disk = readSegments(dataDir);
    expect(disk.bad).toEqual([]);
    for (const [id, n] of disk.stored) expect(n, id).toBe(1);
    expect(new Set(disk.stored.keys())).toEqual(new Set(stored.keys()));
    await s.stop(2_000);
    s = await createInboxService({ dataDir, port: 0, host: '127.0.0.1', secrets: [SECRET], mode: 'browser' });
    expect(s.store.warnings).toEqual([]);
    expect(s.store.summaries.length).toBe(stored.size);
    for (const [id, raw] of [...stored].slice(-20)) {
      const d = await s.api.getEvent(id);
      expect(d.ok && d.value.raw, id).toBe(raw);
    }
    const bad = [...tally.byStatus].filter(([k]) => k !== 200).reduce((a, [, n]) => a + n, 0);
    recordReliability('fuzz', [{
      fault: 'fuzzed deliveries (fast-check): mutated bodies, a wrong type in every field, huge strings, 10k-deep nesting, __proto__/constructor keys, duplicate keys, invalid UTF-8, odd Content-Types/encodings, chunked over the limit, forged JWTs',
      tried: tally.requests, acknowledged: stored.size, stored: s.store.summaries.length,
      result: `every answer as the oracle said (${Object.entries(Object.fromEntries(tally.byStatus)).map(([k, v]) => `${v}× ${k}`).join(', ')}); ${bad} refused with a precise error, no 5xx; ${tally.duplicate} redeliveries answered "duplicate"; heap +${growth.toFixed(0)} MiB after GC; every segment parsed and reloaded`,
      details: { seed, accepted: tally.accepted, duplicates: tally.duplicate },
    }]);
  });
});

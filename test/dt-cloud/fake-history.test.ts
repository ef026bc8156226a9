/**
 * The fake DT Cloud's device list, event history and stream, spoken to over raw HTTP on
 * 127.0.0.1 so the fake itself is checked (the app's client is tested against it in
 * history-client.test.ts): newest-first pages, filters, the time window, history kept while
 * connectors are disabled with the same eventId connectors get, and the NDJSON stream.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAssertion } from '../../electron/core/dt-cloud';
import { nowTimestamp } from '../fake-dt-cloud/deliver';
import { startFakeDtCloud, type FakeDtCloud } from '../fake-dt-cloud';

let fake: FakeDtCloud;
let token = '';
let receiver: Server;
let hook = '';
const received: { eventId: string; eventType: string }[] = [];
const MIN = 60_000;
const ago = (ms: number) => nowTimestamp(Date.now() - ms);

beforeAll(async () => {
  fake = await startFakeDtCloud({ projects: [{ id: 'p1', displayName: 'One', role: 'developer' }, { id: 'p2', displayName: 'Two', role: 'developer' }] });
  const account = { keyId: fake.account.keyId, secret: fake.account.secret, email: fake.account.email };
  const form = new URLSearchParams({ assertion: makeAssertion(account, fake.env.DT_IDENTITY_URL!, Date.now()), grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer' });
  token = ((await (await fetch(fake.env.DT_IDENTITY_URL!, { method: 'POST', body: form, signal: AbortSignal.timeout(5000) })).json()) as { access_token: string }).access_token;
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; }).on('end', () => { received.push(JSON.parse(body).event); res.writeHead(200).end(); });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
  hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
});
afterAll(async () => {
  await fake.close();
  receiver.close();
});

async function get(path: string): Promise<{ status: number; json: any; headers: Headers }> {
  const res = await fetch(`${fake.env.DT_API_URL}${path}`, { headers: { Authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(5000) });
  return { status: res.status, json: await res.json(), headers: res.headers };
}

/** every event of a device's history for a query, following nextPageToken */
async function allPages(path: string, query: string): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let pageToken = '', pages = 0;
  do {
    const r = await get(`${path}?${query}${pageToken ? `&pageToken=${pageToken}` : ''}`);
    expect(r.status).toBe(200);
    ids.push(...r.json.events.map((e: { eventId: string }) => e.eventId));
    pageToken = r.json.nextPageToken;
    pages++;
  } while (pageToken && pages < 50);
  return { ids, pages };
}

/** an open stream and a line reader with a bound on each wait */
async function openStream(query: string) {
  const ctl = new AbortController();
  const res = await fetch(`${fake.env.DT_API_URL}/projects/p1/devices:stream?${query}`, { headers: { Authorization: `Bearer ${token}` }, signal: ctl.signal });
  const reader = res.body!.getReader();
  const dec = new TextDecoder();
  let buf = '';
  const next = async (ms = 2000): Promise<any | 'end'> => {
    const t = setTimeout(() => ctl.abort(), ms);
    try {
      for (;;) {
        const nl = buf.indexOf('\n');
        if (nl >= 0) {
          const line = buf.slice(0, nl);
          buf = buf.slice(nl + 1);
          return JSON.parse(line).result.event;
        }
        const { done, value } = await reader.read();
        if (done) return 'end';
        buf += dec.decode(value, { stream: true });
      }
    } finally { clearTimeout(t); }
  };
  /** the next event that is not a ping */
  const nextEvent = async () => { for (;;) { const e = await next(); if (e === 'end' || e.eventType !== 'ping') return e; } };
  return { res, next, nextEvent, close: () => ctl.abort() };
}

describe('the device list', () => {
  it('pages, filters by ids and types, `-` spans projects, and reports the latest data per type', async () => {
    const a = fake.addDevice('p1', 'temperature', { name: 'A' }, { id: 'devA', productNumber: '102058' });
    fake.addDevice('p1', 'touch', {}, { id: 'devB' });
    fake.addDevice('p1', 'co2', {}, { id: 'devC' });
    fake.addDevice('p2', 'touch', {}, { id: 'devD' });
    fake.publishEvent(a.id, 'temperature', { value: 3.5 });
    const first = await get('/projects/p1/devices?pageSize=2');
    const second = await get(`/projects/p1/devices?pageSize=2&pageToken=${first.json.nextPageToken}`);
    expect([...first.json.devices, ...second.json.devices].map((d: { name: string }) => d.name)).toEqual(['projects/p1/devices/devA', 'projects/p1/devices/devB', 'projects/p1/devices/devC']);
    expect(second.json.nextPageToken).toBe('');
    expect(first.json.devices[0]).toMatchObject({ type: 'temperature', productNumber: '102058', labels: { name: 'A' }, reported: { temperature: { value: 3.5 } } });
    const ids = (r: { json: { devices: { name: string }[] } }) => r.json.devices.map((d) => d.name.split('/').pop());
    expect(ids(await get('/projects/p1/devices?device_ids=devA,devC'))).toEqual(['devA', 'devC']);
    expect(ids(await get('/projects/p1/devices?device_ids=devA&device_ids=devB'))).toEqual(['devA', 'devB']);
    expect(ids(await get('/projects/-/devices?device_types=touch'))).toEqual(['devB', 'devD']);
    expect((await get('/projects/p1/devices/devA')).json.name).toBe('projects/p1/devices/devA');
    expect((await get('/projects/p1/devices/devD')).status).toBe(404);
    expect((await get('/projects/nope/devices')).status).toBe(404);
    expect((await get('/projects/p1/devices?pageSize=101')).status).toBe(400);
  });
});

describe('the event history', () => {
  const path = '/projects/p1/devices/hist/events';
  beforeAll(() => {
    fake.addDevice('p1', 'temperature', {}, { id: 'hist' });
    // 250 events a minute apart over the last ~4 h, seeded out of order
    const seed = Array.from({ length: 250 }, (_, i) => ({ type: i % 5 === 0 ? 'touch' : 'temperature', inner: { value: i }, timestamp: ago((i + 1) * MIN) }));
    fake.seedHistory('hist', [...seed.slice(100), ...seed.slice(0, 100)]);
  });

  it('pages newest first; the pages together are the whole history once, in order', async () => {
    const { ids, pages } = await allPages(path, 'pageSize=100');
    expect(pages).toBe(3);
    expect(ids).toEqual(fake.history('hist').map((e) => e.eventId).reverse());
    const first = await get(`${path}?pageSize=3`);
    const ts = first.json.events.map((e: { timestamp: string }) => e.timestamp);
    expect([...ts].sort().reverse()).toEqual(ts);
    expect(first.json.events[0]).toMatchObject({ targetName: 'projects/p1/devices/hist', eventType: 'touch', data: { touch: { value: 0, updateTime: ts[0] } } });
  });

  it('filters by type (repeated or comma), and 1000 is the largest page', async () => {
    expect((await allPages(path, 'eventTypes=touch&pageSize=20')).ids).toHaveLength(50);
    expect((await allPages(path, 'eventTypes=touch&eventTypes=temperature')).ids).toHaveLength(250);
    expect((await allPages(path, 'eventTypes=touch,temperature&pageSize=1000')).pages).toBe(1);
    expect((await get(`${path}?pageSize=1001`)).status).toBe(400);
  });

  it('startTime is inclusive, endTime exclusive; a time that is not RFC 3339 is refused', async () => {
    const h = fake.history('hist');
    const start = h[10]!.timestamp, end = h[20]!.timestamp;
    const { ids } = await allPages(path, `startTime=${start}&endTime=${end}`);
    expect(ids).toEqual(h.slice(10, 20).map((e) => e.eventId).reverse());
    // the same instant with an offset and fewer digits is the same bound
    const local = new Date(Date.parse(h[10]!.timestamp)).toISOString().replace('Z', '+00:00');
    expect((await allPages(path, `startTime=${encodeURIComponent(local)}&endTime=${end}`)).ids).toHaveLength(10);
    expect((await get(`${path}?startTime=yesterday`)).status).toBe(400);
    expect((await get(`${path}?endTime=2024-01-01`)).status).toBe(400);
  });

  it('without times serves the last 24 h; nothing older than historySince', async () => {
    fake.addDevice('p1', 'touch', {}, { id: 'old' });
    fake.seedHistory('old', [25, 23, 2, 1].map((h) => ({ type: 'touch', inner: {}, timestamp: ago(h * 60 * MIN) })));
    expect((await allPages('/projects/p1/devices/old/events', '')).ids).toHaveLength(3);
    expect((await allPages('/projects/p1/devices/old/events', `startTime=${ago(30 * 60 * MIN)}`)).ids).toHaveLength(4);
    fake.historySince = ago(3 * 60 * MIN);
    try {
      expect((await allPages('/projects/p1/devices/old/events', `startTime=${ago(30 * 60 * MIN)}`)).ids).toHaveLength(2);
      expect(fake.history('old')).toHaveLength(4);
    } finally { fake.historySince = undefined; }
  });

  it('is kept while the connector is USER_DISABLED (which gets nothing), with the eventId an ACTIVE one gets', async () => {
    const dev = fake.addDevice('p2', 'touch', {}, { id: 'dis' });
    const c = fake.addConnector('p2', { status: 'USER_DISABLED', httpConfig: { url: hook } });
    received.length = 0;
    const res = await fetch(`${fake.env.DT_EMULATOR_URL}/projects/p2/devices/dis:publish`, {
      method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ touch: {} }), signal: AbortSignal.timeout(5000),
    });
    expect(res.status).toBe(200);
    await fake.idle();
    expect(received).toEqual([]);
    expect(fake.history(dev.id)).toHaveLength(1);
    c.status = 'ACTIVE';
    const ev = fake.publishEvent(dev.id, 'touch', {}, { timestamp: '2030-01-01T00:00:00.123456789Z' });
    await fake.idle();
    expect(received.map((e) => e.eventId)).toEqual([ev.eventId]); // the disabled-time event never comes later
    expect(fake.history(dev.id).map((e) => e.eventId)).toContain(ev.eventId);
    expect(received[0]).toEqual(ev);
    expect(ev.data).toEqual({ touch: { updateTime: '2030-01-01T00:00:00.123456789Z' } });
  });

  it('answers 429 with Retry-After while rate limited', async () => {
    fake.rateLimit = { remaining: 1, retryAfterS: 4 };
    const r = await get(path);
    expect(r.status).toBe(429);
    expect(r.headers.get('retry-after')).toBe('4');
    expect((await get(path)).status).toBe(200);
  });
});

describe('the event stream', () => {
  it('sends events published after it opened, as NDJSON lines, with pings', async () => {
    fake.addDevice('p1', 'touch', {}, { id: 's1' });
    fake.publishEvent('s1', 'touch', {}); // before the stream: never replayed
    const s = await openStream('ping_interval=0.1s');
    expect(s.res.status).toBe(200);
    expect(s.res.headers.get('content-type')).toMatch(/application\/x-ndjson/);
    const ping = await s.next();
    expect(ping).toMatchObject({ targetName: 'projects/p1', eventType: 'ping', data: null });
    expect(ping.eventId).toEqual(expect.any(String));
    const ev = fake.publishEvent('s1', 'touch', {});
    expect(await s.nextEvent()).toEqual(ev);
    expect(fake.openStreams).toBe(1);
    s.close();
    await expect.poll(() => fake.openStreams).toBe(0);
  });

  it('filters by device ids and event types; not other projects', async () => {
    fake.addDevice('p1', 'temperature', {}, { id: 's2' });
    fake.addDevice('p2', 'temperature', {}, { id: 's3' });
    const s = await openStream('device_ids=s2,s1&event_types=temperature&event_types=batteryStatus&ping_interval=500ms');
    fake.publishEvent('s1', 'touch', {});
    fake.publishEvent('s2', 'touch', {});
    fake.publishEvent('s3', 'temperature', { value: 1 });
    const want = fake.publishEvent('s2', 'temperature', { value: 2 });
    expect((await s.nextEvent()).eventId).toBe(want.eventId);
    s.close();
  });

  it('dropStreams cuts it; silenced streams get nothing; a bad ping_interval is refused; 429 applies', async () => {
    const s = await openStream('ping_interval=0.1s');
    fake.silenceStreams(true);
    fake.publishEvent('s1', 'touch', {});
    try {
      await expect(s.next(400)).rejects.toThrow(); // nothing within 0.4 s: the reader is aborted
    } finally { fake.silenceStreams(false); }
    const t = await openStream('ping_interval=0.1s');
    await t.next();
    fake.dropStreams();
    expect(fake.openStreams).toBe(0);
    await expect(t.next()).rejects.toThrow(/terminated/);
    expect((await get('/projects/p1/devices:stream?ping_interval=soon')).status).toBe(400);
    fake.rateLimit = { remaining: 1, retryAfterS: 2 };
    expect((await get('/projects/p1/devices:stream')).status).toBe(429);
    expect(fake.requests.filter((r) => r.path.endsWith('/devices:stream')).length).toBeGreaterThanOrEqual(5);
  });

  it('close() does not hang on an open stream', async () => {
    const other = await startFakeDtCloud();
    const form = new URLSearchParams({ assertion: makeAssertion(other.account, other.env.DT_IDENTITY_URL!, Date.now()), grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer' });
    const tok = ((await (await fetch(other.env.DT_IDENTITY_URL!, { method: 'POST', body: form, signal: AbortSignal.timeout(5000) })).json()) as { access_token: string }).access_token;
    const res = await fetch(`${other.env.DT_API_URL}/projects/prj-dev/devices:stream`, { headers: { Authorization: `Bearer ${tok}` }, signal: AbortSignal.timeout(5000) });
    expect(other.openStreams).toBe(1);
    const started = Date.now();
    await other.close();
    expect(Date.now() - started).toBeLessThan(1000);
    await res.body!.cancel().catch(() => undefined);
  });
});

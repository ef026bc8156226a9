/**
 * The app's DT client reading devices, event history and the event stream, against the fake
 * DT Cloud on 127.0.0.1 (and, for answers the fake never gives, small local servers): page
 * tokens through `pages`, filters and windows on the wire, 429 Retry-After, and the stream's
 * endings: DT closing it, a cut, silence past two ping intervals, the caller's abort.
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDtClient, DtCloudError, endpointsFromEnv, listAll, pages, serviceAccountFromEnv, type DtHistoryEvent } from '../../electron/core/dt-cloud';
import { nowTimestamp } from '../fake-dt-cloud/deliver';
import { startFakeDtCloud, type FakeDtCloud } from '../fake-dt-cloud';

let fake: FakeDtCloud;
const P = 'prj-h';
beforeAll(async () => {
  fake = await startFakeDtCloud({ projects: [{ id: P, displayName: 'History', role: 'viewer' }] });
});
afterAll(() => fake.close());

function client(over: { env?: Record<string, string>; timeoutMs?: number } = {}) {
  const waits: number[] = [];
  const env = { ...fake.env, ...over.env };
  const c = createDtClient({ account: serviceAccountFromEnv(env), endpoints: endpointsFromEnv(env), sleep: async (ms) => { waits.push(ms); }, timeoutMs: over.timeoutMs });
  return { c, waits };
}

async function failure(p: Promise<unknown>): Promise<DtCloudError> {
  const e = await p.then(() => undefined, (x: unknown) => x);
  expect(e).toBeInstanceOf(DtCloudError);
  return e as DtCloudError;
}

/** iterates until `stop` says so or the stream ends; the test's own bound is vitest's timeout */
async function drain(it: AsyncIterable<DtHistoryEvent>, stop: (seen: DtHistoryEvent[]) => boolean = () => false): Promise<DtHistoryEvent[]> {
  const seen: DtHistoryEvent[] = [];
  for await (const e of it) {
    seen.push(e);
    if (stop(seen)) break;
  }
  return seen;
}

/** a local stand-in for DT's API that answers the stream with `answer` */
async function localApi(answer: (res: ServerResponse) => void): Promise<{ env: Record<string, string>; server: Server }> {
  const server = createServer((_req, res) => answer(res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { server, env: { DT_API_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v2` } };
}

describe('devices', () => {
  it('listDevices walks every page, with productNumber and reported', async () => {
    for (let i = 0; i < 130; i++) fake.addDevice(P, 'temperature', { name: `T${i}` }, { id: `t${String(i).padStart(3, '0')}`, productNumber: '102058' });
    fake.publishEvent('t000', 'temperature', { value: 21.5 });
    const { c } = client();
    const before = fake.requests.length;
    const all = await listAll(`the devices of project ${P}`, (page) => c.listDevices(P, page));
    expect(all).toHaveLength(130);
    expect(fake.requests.length - before).toBe(2);
    expect(all[0]).toMatchObject({ name: `projects/${P}/devices/t000`, type: 'temperature', productNumber: '102058', labels: { name: 'T0' }, reported: { temperature: { value: 21.5 } } });
  });
});

describe('history', () => {
  const MIN = 60_000;
  const ts = (minutesAgo: number) => nowTimestamp(Date.now() - minutesAgo * MIN);
  beforeAll(() => {
    fake.addDevice(P, 'temperature', {}, { id: 'h1' });
    fake.seedHistory('h1', Array.from({ length: 1200 }, (_, i) => ({ type: i % 4 === 0 ? 'networkStatus' : 'temperature', inner: { value: i }, timestamp: ts(1 + i) })));
  });

  it('pages() follows the tokens newest first; 1000 a page', async () => {
    const { c } = client();
    const got: DtHistoryEvent[][] = [];
    for await (const items of pages((page) => c.deviceEvents(P, 'h1', {}, page), 1000)) got.push(items);
    expect(got.map((p) => p.length)).toEqual([1000, 200]);
    const all = got.flat();
    expect(all.map((e) => e.eventId)).toEqual(fake.history('h1').map((e) => e.eventId).reverse());
    expect(all[0]).toEqual(fake.history('h1').at(-1));
  });

  it('sends types as repeated parameters and the window as given', async () => {
    const { c } = client();
    const h = fake.history('h1');
    const query = { eventTypes: ['networkStatus', 'batteryStatus'], startTime: h[0]!.timestamp, endTime: h[400]!.timestamp };
    const before = fake.requests.length;
    const all: DtHistoryEvent[] = [];
    for await (const items of pages((page) => c.deviceEvents(P, 'h1', query, page), 30)) all.push(...items);
    expect(all.map((e) => e.eventId)).toEqual(h.slice(0, 400).filter((e) => e.eventType === 'networkStatus').map((e) => e.eventId).reverse());
    const sent = fake.requests.slice(before);
    expect(sent).toHaveLength(Math.ceil(all.length / 30));
    expect(sent[0]!.query).toMatchObject({ eventTypes: ['networkStatus', 'batteryStatus'], startTime: query.startTime, endTime: query.endTime, pageSize: '30' });
    expect(sent[0]!.query.pageToken).toBeUndefined();
    expect(sent[1]!.query.pageToken).toEqual(expect.any(String));
  });

  it('429: waits Retry-After and retries', async () => {
    const { c, waits } = client();
    fake.rateLimit = { remaining: 2, retryAfterS: 3 };
    const page = await c.deviceEvents(P, 'h1', {}, { pageSize: 5 });
    expect(page.items).toHaveLength(5);
    expect(waits).toEqual([3000, 3000]);
  });

  it('pages() stops a server that never stops handing out tokens', async () => {
    const e = await failure((async () => { for await (const _ of pages(async () => ({ items: [1], nextPageToken: String(Math.random()) }), 10, 3)) { /* drain */ } })());
    expect(e.kind).toBe('bad_response');
    expect(e.message).toMatch(/after 3 pages/);
  });

  it('a device that is not there: not_found', async () => {
    expect((await failure(client().c.deviceEvents(P, 'nope', {}))).kind).toBe('not_found');
  });
});

describe('the event stream', () => {
  beforeAll(() => { fake.addDevice(P, 'touch', {}, { id: 's1' }); fake.addDevice(P, 'touch', {}, { id: 's2' }); });
  const opened = () => expect.poll(() => fake.openStreams, { timeout: 2000 }).toBe(1);

  it('yields published events and pings; asks for the filters and the interval', async () => {
    const { c } = client();
    const before = fake.requests.length;
    const seen = drain(c.openEventStream(P, { deviceIds: ['s1'], eventTypes: ['touch'], pingIntervalS: 0.2 }), (s) => s.some((e) => e.eventType === 'touch') && s.some((e) => e.eventType === 'ping'));
    await opened();
    fake.publishEvent('s2', 'touch', {});
    const ev = fake.publishEvent('s1', 'touch', {});
    const got = await seen;
    expect(got.filter((e) => e.eventType !== 'ping')).toEqual([ev]);
    expect(got.find((e) => e.eventType === 'ping')).toMatchObject({ targetName: `projects/${P}`, data: null });
    expect(fake.requests.slice(before).at(-1)!.query).toEqual({ device_ids: 's1', event_types: 'touch', ping_interval: '0.2s' });
    await expect.poll(() => fake.openStreams).toBe(0); // breaking out of the loop freed the socket
  });

  it('throws unreachable when nothing (not even a ping) comes for two ping intervals', async () => {
    const { c } = client();
    fake.silenceStreams(true);
    try {
      const started = Date.now();
      const e = await failure(drain(c.openEventStream(P, { pingIntervalS: 0.2 })));
      expect(e.kind).toBe('unreachable');
      expect(e.message).toMatch(/went silent for 0\.4 s/);
      expect(Date.now() - started).toBeLessThan(2000);
    } finally { fake.silenceStreams(false); }
    await expect.poll(() => fake.openStreams).toBe(0);
  });

  it('a cut stream throws unreachable; a stream DT ends returns normally', async () => {
    const { c } = client();
    const cut = drain(c.openEventStream(P, { pingIntervalS: 5 }));
    await opened();
    fake.dropStreams();
    const e = await failure(cut);
    expect(e.kind).toBe('unreachable');
    expect(e.message).toMatch(/cut off/);
    const ended = drain(c.openEventStream(P, { pingIntervalS: 5 }));
    await opened();
    fake.endStreams();
    await expect(ended).resolves.toEqual([]);
  });

  it('aborting the signal ends the iteration at once, without error, and closes the socket', async () => {
    const { c } = client();
    const ctl = new AbortController();
    const seen = drain(c.openEventStream(P, { pingIntervalS: 30, signal: ctl.signal }));
    await opened();
    const started = Date.now();
    ctl.abort();
    await expect(seen).resolves.toEqual([]);
    expect(Date.now() - started).toBeLessThan(500);
    await expect.poll(() => fake.openStreams).toBe(0);
    await expect(drain(c.openEventStream(P, { signal: ctl.signal }))).resolves.toEqual([]); // aborted before it opens
  });

  it('at open: 429 waits Retry-After; an unknown project is not_found', async () => {
    const { c, waits } = client();
    fake.rateLimit = { remaining: 1, retryAfterS: 2 };
    const seen = drain(c.openEventStream(P, { pingIntervalS: 0.2 }), (s) => s.length === 1);
    expect((await seen)[0]!.eventType).toBe('ping');
    expect(waits).toEqual([2000]);
    expect((await failure(drain(c.openEventStream('nope', {})))).kind).toBe('not_found');
  });

  it('a line that is not an event is a bad_response, masked of the secret', async () => {
    const { server, env } = await localApi((res) => {
      res.writeHead(200, { 'Content-Type': 'application/x-ndjson' });
      res.write(`{"result":{"event":{"eventId":"a","targetName":"projects/x","eventType":"ping","data":null,"timestamp":"${nowTimestamp()}"}}}\n`);
      res.write(`not json ${fake.account.secret}\n`);
    });
    try {
      const { c } = client({ env });
      const got: DtHistoryEvent[] = [];
      const e = await failure((async () => { for await (const x of c.openEventStream(P, {})) got.push(x); })());
      expect(got.map((x) => x.eventId)).toEqual(['a']);
      expect(e.kind).toBe('bad_response');
      expect(e.message).toMatch(/not JSON: not json \*\*\*/);
    } finally { server.closeAllConnections(); server.close(); }
  });

  it('a server that never answers the open: a timeout after the client\'s timeoutMs', async () => {
    const { server, env } = await localApi(() => { /* silent */ });
    try {
      const e = await failure(drain(client({ env, timeoutMs: 300 }).c.openEventStream(P, {})));
      expect(e.kind).toBe('timeout');
      expect(e.message).toMatch(/within 300 ms to open the event stream/);
    } finally { server.closeAllConnections(); server.close(); }
  });
});

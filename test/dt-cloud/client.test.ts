/**
 * The DT Cloud client against the fake DT Cloud (test/fake-dt-cloud) on 127.0.0.1:
 * the JWT bearer assertion, token caching and renewal, 429 handling, the wording of each
 * error, pagination, and that the service account secret never shows in an error.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDtClient, DtCloudError, endpointsFromEnv, listAll, serviceAccountFromEnv, type DtClient } from '../../electron/core/dt-cloud';
import { startFakeDtCloud, type FakeDtCloud, HELP } from '../fake-dt-cloud';

let fake: FakeDtCloud;
beforeAll(async () => {
  fake = await startFakeDtCloud({
    projects: [
      ...Array.from({ length: 5 }, (_, i) => ({ id: `prj${i}`, displayName: `Project ${i}`, role: 'developer' as const })),
      { id: 'prj-viewer', displayName: 'Read only', role: 'viewer' },
    ],
  });
});
afterAll(() => fake.close());

/** a client on the fake with a settable clock and recorded (not slept) waits */
function client(over: { env?: Record<string, string>; timeoutMs?: number } = {}) {
  const clock = { ms: Date.now() }; // the fake checks exp against real time
  const waits: number[] = [];
  const env = { ...fake.env, ...over.env };
  const c = createDtClient({
    account: serviceAccountFromEnv(env), endpoints: endpointsFromEnv(env), now: () => clock.ms,
    sleep: async (ms) => { waits.push(ms); }, timeoutMs: over.timeoutMs,
  });
  return { c, clock, waits };
}

async function failure(p: Promise<unknown>): Promise<DtCloudError> {
  const e = await p.then(() => undefined, (x: unknown) => x);
  expect(e).toBeInstanceOf(DtCloudError);
  return e as DtCloudError;
}

describe('the OAuth2 JWT bearer assertion', () => {
  it('is HS256 with kid, iss = email, aud = token URL, exp - iat ≤ 1 h, iat from the injected clock', async () => {
    const before = fake.identity.seen.length;
    const { c, clock } = client();
    await c.listProjects();
    const { header, claims } = fake.identity.seen[before]!;
    expect(header).toMatchObject({ alg: 'HS256', kid: fake.account.keyId });
    expect(claims.iss).toBe(fake.account.email);
    expect(claims.aud).toBe(fake.env.DT_IDENTITY_URL);
    expect(claims.iat).toBe(Math.floor(clock.ms / 1000));
    expect((claims.exp as number) - (claims.iat as number)).toBeLessThanOrEqual(3600);
    expect((claims.exp as number)).toBeGreaterThan(claims.iat as number);
  });

  it('a wrong secret is refused with a message naming the three variables, never the secret', async () => {
    const wrong = 'not-the-right-secret-1234';
    const { c } = client({ env: { DT_SERVICE_ACCOUNT_SECRET: wrong } });
    const e = await failure(c.listProjects());
    expect(e.kind).toBe('auth');
    expect(e.message).toMatch(/DT_SERVICE_ACCOUNT_KEY_ID.*DT_SERVICE_ACCOUNT_SECRET.*DT_SERVICE_ACCOUNT_EMAIL/);
    expect(e.message).not.toContain(wrong);
    expect(e.help).toBe(HELP);
  });

  it('a missing variable is named before any request', () => {
    expect(() => serviceAccountFromEnv({ DT_SERVICE_ACCOUNT_KEY_ID: 'k', DT_SERVICE_ACCOUNT_EMAIL: 'e@x' })).toThrow(/set DT_SERVICE_ACCOUNT_SECRET\b/);
  });
});

describe('the access token', () => {
  it('is reused until shortly before it expires, then renewed', async () => {
    const { c, clock } = client();
    const before = fake.identity.issued;
    await c.listProjects();
    await c.listConnectors('prj0');
    clock.ms += 50 * 60_000; // well inside the fake's 1 h
    await c.listProjects();
    expect(fake.identity.issued - before).toBe(1);
    clock.ms += 9 * 60_000 + 30_000; // 59.5 min: inside the renewal margin
    await c.listProjects();
    expect(fake.identity.issued - before).toBe(2);
  });

  it('is renewed once when DT answers 401 to it (revoked), and the call succeeds', async () => {
    const { c } = client();
    await c.listProjects();
    const before = fake.identity.issued;
    fake.identity.revokeAll();
    const page = await c.listProjects();
    expect(page.items.length).toBeGreaterThan(0);
    expect(fake.identity.issued - before).toBe(1);
  });

  it('a 401 that persists after one renewal is an auth error about the key', async () => {
    const { c } = client();
    fake.identity.tokenLifetimeS = 0; // every token is already expired at the API
    try {
      const before = fake.requests.length;
      const e = await failure(c.listProjects());
      expect(e.kind).toBe('auth');
      expect(e.status).toBe(401);
      expect(e.message).toMatch(/check the service account key/);
      expect(fake.requests.length - before).toBe(2);
    } finally {
      fake.identity.tokenLifetimeS = 3600;
    }
  });
});

describe('429 Too Many Requests', () => {
  it('waits Retry-After and retries, up to 3 attempts in all', async () => {
    const { c, waits } = client();
    fake.rateLimit = { remaining: 2, retryAfterS: 7 };
    const page = await c.listProjects();
    expect(page.items.length).toBeGreaterThan(0);
    expect(waits).toEqual([7000, 7000]);
  });

  it('still limited on the third attempt: a rate-limit error', async () => {
    const { c, waits } = client();
    fake.rateLimit = { remaining: 3, retryAfterS: 2 };
    const e = await failure(c.listProjects());
    expect(e.kind).toBe('rate_limited');
    expect(e.message).toMatch(/429.*too many requests/i);
    expect(waits).toEqual([2000, 2000]);
    expect(fake.rateLimit.remaining).toBe(0);
  });
});

describe('errors a user can act on', () => {
  it('403: the service account needs the Project Developer role; DT\'s help link is kept', async () => {
    const { c } = client();
    const e = await failure(c.createConnector('prj-viewer', { type: 'HTTP_PUSH', displayName: 'x', httpConfig: { url: 'https://example.invalid/' } }));
    expect(e.kind).toBe('forbidden');
    expect(e.message).toMatch(/Project Developer role/);
    expect(e.message).toContain(HELP);
  });

  it('404: the project or connector was not found', async () => {
    const { c } = client();
    expect((await failure(c.getConnector('prj0', 'nope'))).message).toMatch(/404.*data connector nope.*not found/);
    expect((await failure(c.listConnectors('no-such-project'))).kind).toBe('not_found');
  });

  it('connection refused: says DT Cloud is unreachable', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', () => r()));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const { c } = client({ env: { DT_IDENTITY_URL: `http://127.0.0.1:${port}/oauth2/token` } });
    const e = await failure(c.listProjects());
    expect(e.kind).toBe('unreachable');
    expect(e.message).toMatch(/unreachable at 127\.0\.0\.1:\d+.*connection refused/);
  });

  it('a silent peer: times out with the bound in the message', async () => {
    const silent: Server = createServer(() => { /* never answers */ });
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
    try {
      const { c } = client({ env: { DT_IDENTITY_URL: `http://127.0.0.1:${(silent.address() as AddressInfo).port}/oauth2/token` }, timeoutMs: 300 });
      const e = await failure(c.listProjects());
      expect(e.kind).toBe('timeout');
      expect(e.message).toMatch(/did not answer within 300 ms/);
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  });

  it('an error body that echoes the secret is masked', async () => {
    const echo = createServer((req, res) => {
      let body = '';
      req.on('data', (d) => { body += d; }).on('end', () => {
        res.writeHead(400, { 'Content-Type': 'application/json' }).end(JSON.stringify({ error: `bad request with ${fake.account.secret} in ${body.length} bytes`, code: 400 }));
      });
    });
    await new Promise<void>((r) => echo.listen(0, '127.0.0.1', () => r()));
    try {
      const { c } = client({ env: { DT_IDENTITY_URL: `http://127.0.0.1:${(echo.address() as AddressInfo).port}/oauth2/token` } });
      const e = await failure(c.listProjects());
      expect(e.message).toContain('***');
      expect(e.message).not.toContain(fake.account.secret);
      expect(JSON.stringify(e)).not.toContain(fake.account.secret);
    } finally {
      echo.close();
    }
  });
});

describe('pagination', () => {
  let c: DtClient;
  beforeAll(() => { c = client().c; });

  it('pageSize and pageToken walk the projects; the last page has an empty token', async () => {
    const first = await c.listProjects({ pageSize: 4 });
    expect(first.items.map((p) => p.name)).toEqual(['projects/prj0', 'projects/prj1', 'projects/prj2', 'projects/prj3']);
    expect(first.nextPageToken).not.toBe('');
    const second = await c.listProjects({ pageSize: 4, pageToken: first.nextPageToken });
    expect(second.items.map((p) => p.name)).toEqual(['projects/prj4', 'projects/prj-viewer']);
    expect(second.nextPageToken).toBe('');
  });

  it('listAll gathers every page of connectors', async () => {
    for (let i = 0; i < 103; i++) fake.addConnector('prj1', { displayName: `c${i}`, httpConfig: { url: 'https://example.invalid/' } });
    const all = await listAll('the data connectors of project prj1', (page) => c.listConnectors('prj1', page));
    expect(all).toHaveLength(103);
    expect(new Set(all.map((x) => x.name)).size).toBe(103);
    expect(fake.requests.filter((r) => r.path.endsWith('/prj1/dataconnectors')).map((r) => r.query.pageSize)).toEqual(['100', '100']);
  });

  it('a pageSize DT refuses is a clear bad-request error', async () => {
    const e = await failure(c.listProjects({ pageSize: 101 }));
    expect(e.kind).toBe('bad_request');
    expect(e.message).toMatch(/400.*pageSize must be 1\.\.100/);
  });
});

/**
 * A fake DT Cloud on 127.0.0.1 for tests: the identity token endpoint, the REST API for
 * projects and data connectors (pagination, DT's `{error, code, help}` bodies, 401/403/404,
 * switchable 429 with Retry-After) and the emulator, whose published events (and `:sync`)
 * are delivered to every ACTIVE HTTP_PUSH connector like DT does (deliver.ts).
 *
 *   /oauth2/token            identity  (DT_IDENTITY_URL)
 *   /api/v2/...              REST      (DT_API_URL)
 *   /emulator/v2/...         emulator  (DT_EMULATOR_URL)
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express, { type Request, type Response } from 'express';
import { Identity, type FakeAccount } from './identity';
import { bodyFor, deliver, eventId, nowTimestamp, type DeliveryAttempt, type DeliveryPolicy, type FakeConnector, type FakeDevice } from './deliver';
import { PUBLISHABLE } from './kinds';

export type { FakeConnector, FakeDevice, DeliveryAttempt } from './deliver';

export interface FakeProject {
  id: string;
  displayName: string;
  /** the service account's role: a viewer may read but not change connectors */
  role: 'developer' | 'viewer';
}

export interface FakeDtCloudOptions {
  projects?: FakeProject[];
  account?: FakeAccount;
  delivery?: Partial<DeliveryPolicy>;
}

export const HELP = 'https://developer.disruptive-technologies.com/docs/';

export class FakeDtCloud {
  readonly account: FakeAccount;
  readonly projects: FakeProject[];
  readonly connectors = new Map<string, FakeConnector>(); // by full name
  readonly devices = new Map<string, FakeDevice>(); // by device id
  readonly attempts: DeliveryAttempt[] = [];
  readonly requests: { method: string; path: string; query: Record<string, unknown>; body: unknown }[] = [];
  readonly identity: Identity;
  /** the next N REST/emulator requests get 429 with this Retry-After */
  rateLimit = { remaining: 0, retryAfterS: 1 };
  /** the next N REST/emulator requests fail with this status (DT having a bad minute) */
  failing = { remaining: 0, status: 503 };
  private readonly policy: DeliveryPolicy;
  private readonly pending = new Set<Promise<unknown>>();
  private server?: Server;
  private nextId = 1;
  url = '';

  constructor(opts: FakeDtCloudOptions = {}) {
    this.account = opts.account ?? { keyId: 'fakekey0000000000001', secret: 'fake-sa-secret-d41d8cd98f00b204', email: 'inbox-test@fakeorg.serviceaccount.d21s.com' };
    this.projects = opts.projects ?? [{ id: 'prj-dev', displayName: 'Dev project', role: 'developer' }];
    this.policy = { maxAttempts: 5, backoffMs: 100, timeoutMs: 10_000, ...opts.delivery };
    this.identity = new Identity([this.account], () => `${this.url}/oauth2/token`);
  }

  /** The environment the app reads: the three service-account variables and the three URLs. */
  get env(): Record<string, string> {
    return {
      DT_SERVICE_ACCOUNT_KEY_ID: this.account.keyId, DT_SERVICE_ACCOUNT_SECRET: this.account.secret, DT_SERVICE_ACCOUNT_EMAIL: this.account.email,
      DT_API_URL: `${this.url}/api/v2`, DT_EMULATOR_URL: `${this.url}/emulator/v2`, DT_IDENTITY_URL: `${this.url}/oauth2/token`,
    };
  }

  async start(): Promise<this> {
    const app = express();
    app.use(express.urlencoded({ extended: false }), express.json());
    app.post('/oauth2/token', (req, res) => void this.token(req, res));
    app.use('/api/v2', (req, res) => this.guarded(req, res, () => this.rest(req, res)));
    app.use('/emulator/v2', (req, res) => this.guarded(req, res, () => this.emulator(req, res)));
    app.use((_req, res) => this.error(res, 404, 'not found'));
    await new Promise<void>((resolve) => { this.server = app.listen(0, '127.0.0.1', () => resolve()); });
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    await this.idle();
    this.server?.closeAllConnections();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }

  /** resolves when every delivery started so far has finished (acknowledged or given up) */
  async idle(): Promise<void> {
    while (this.pending.size) await Promise.all([...this.pending]);
  }

  connectorsOf(project: string): FakeConnector[] {
    return [...this.connectors.values()].filter((c) => c.name.startsWith(`projects/${project}/`));
  }

  addConnector(project: string, fields: Partial<FakeConnector>): FakeConnector {
    const c: FakeConnector = {
      name: `projects/${project}/dataconnectors/${fields.name ?? `dc${String(this.nextId++).padStart(18, '0')}`}`,
      displayName: '', type: 'HTTP_PUSH', status: 'ACTIVE', events: [], labels: [], ...fields,
    };
    if (fields.name) c.name = `projects/${project}/dataconnectors/${fields.name}`;
    this.connectors.set(c.name, c);
    return c;
  }

  private error(res: Response, status: number, error: string, extra: Record<string, string> = {}): void {
    res.status(status).set(extra).json({ error, code: status, help: HELP });
  }

  private async token(req: Request, res: Response): Promise<void> {
    const r = await this.identity.exchange(req.body ?? {});
    if ('refused' in r) return this.error(res, 401, r.refused);
    res.json({ access_token: r.token, token_type: 'bearer', expires_in: r.expiresIn });
  }

  private guarded(req: Request, res: Response, next: () => void): void {
    this.requests.push({ method: req.method, path: req.originalUrl.split('?')[0]!, query: { ...req.query }, body: req.body });
    if (!this.identity.valid(req.headers.authorization)) return this.error(res, 401, 'missing or invalid access token');
    if (this.rateLimit.remaining > 0) {
      this.rateLimit.remaining--;
      return this.error(res, 429, 'too many requests', { 'Retry-After': String(this.rateLimit.retryAfterS) });
    }
    if (this.failing.remaining > 0) {
      this.failing.remaining--;
      return this.error(res, this.failing.status, 'the service is unavailable');
    }
    try { next(); } catch (e) { this.error(res, 500, (e as Error).message); }
  }

  private page<T>(req: Request, res: Response, items: T[], key: string): void {
    const size = req.query.pageSize === undefined ? 100 : Number(req.query.pageSize);
    if (!Number.isInteger(size) || size < 1 || size > 100) return this.error(res, 400, 'pageSize must be 1..100');
    const offset = req.query.pageToken ? Number(Buffer.from(String(req.query.pageToken), 'base64url').toString()) : 0;
    if (!Number.isInteger(offset) || offset < 0) return this.error(res, 400, 'invalid pageToken');
    const end = offset + size;
    res.json({ [key]: items.slice(offset, end), nextPageToken: end < items.length ? Buffer.from(String(end)).toString('base64url') : '' });
  }

  /** the project, or an answer already sent */
  private project(res: Response, id: string, write: boolean): FakeProject | undefined {
    const p = this.projects.find((x) => x.id === id);
    if (!p) return void this.error(res, 404, `project ${id} not found`);
    if (write && p.role !== 'developer') return void this.error(res, 403, 'the caller lacks the permission for this operation');
    return p;
  }

  private rest(req: Request, res: Response): void {
    const path = req.path;
    if (path === '/projects' && req.method === 'GET') {
      return this.page(req, res, this.projects.map((p) => ({ name: `projects/${p.id}`, displayName: p.displayName, organization: 'organizations/fakeorg', organizationDisplayName: 'Fake org', sensorCount: 0, cloudConnectorCount: 0, inventory: false })), 'projects');
    }
    const m = /^\/projects\/([^/]+)\/dataconnectors(?:\/([^/:]+)(?::(metrics|sync))?)?$/.exec(path);
    if (!m) return this.error(res, 404, 'not found');
    const [, pid, id, verb] = m;
    const write = req.method !== 'GET';
    if (!this.project(res, pid!, write)) return;
    if (!id) {
      if (req.method === 'GET') return this.page(req, res, this.connectorsOf(pid!), 'dataConnectors');
      if (req.method === 'POST') {
        const b = req.body ?? {};
        if (b.type !== 'HTTP_PUSH' || typeof b.httpConfig?.url !== 'string') return this.error(res, 400, 'type HTTP_PUSH with httpConfig.url is required');
        return void res.json(this.addConnector(pid!, { displayName: b.displayName ?? '', status: b.status ?? 'ACTIVE', events: b.events ?? [], labels: b.labels ?? [], httpConfig: b.httpConfig }));
      }
      return this.error(res, 405, 'method not allowed');
    }
    const c = this.connectors.get(`projects/${pid}/dataconnectors/${id}`);
    if (!c) return this.error(res, 404, `data connector ${id} not found`);
    if (verb === 'metrics' && req.method === 'GET') return void res.json({ metrics: this.metrics(c) });
    if (verb === 'sync' && req.method === 'POST') {
      for (const d of this.devices.values()) if (d.project === pid) for (const [type, l] of d.latest) this.fanOut(d, type, l.data, l.timestamp, [c]);
      return void res.json({});
    }
    if (verb) return this.error(res, 405, 'method not allowed');
    if (req.method === 'GET') return void res.json(c);
    if (req.method === 'DELETE') {
      this.connectors.delete(c.name);
      return void res.json({});
    }
    if (req.method === 'PATCH') {
      const b = req.body ?? {};
      for (const k of ['displayName', 'status', 'events', 'labels'] as const) if (k in b) (c as unknown as Record<string, unknown>)[k] = b[k];
      if (b.httpConfig) c.httpConfig = { ...c.httpConfig, ...b.httpConfig };
      return void res.json(c);
    }
    this.error(res, 405, 'method not allowed');
  }

  private metrics(c: FakeConnector) {
    const mine = this.attempts.filter((a) => a.connector === c.name);
    const ok = mine.filter((a) => typeof a.outcome === 'number' && a.outcome >= 200 && a.outcome < 300);
    const lat = mine.map((a) => a.latencyMs).sort((x, y) => x - y);
    const p99 = lat.length ? lat[Math.min(lat.length - 1, Math.ceil(lat.length * 0.99) - 1)]! : 0;
    return { successCount: ok.length, errorCount: mine.length - ok.length, latency99p: `${(p99 / 1000).toFixed(3)}s` };
  }

  private emulator(req: Request, res: Response): void {
    const m = /^\/projects\/([^/]+)\/devices(?:\/([^/:]+):publish)?$/.exec(req.path);
    if (!m) return this.error(res, 404, 'not found');
    const [, pid, did] = m;
    if (!this.project(res, pid!, req.method !== 'GET')) return;
    if (!did && req.method === 'GET') {
      return this.page(req, res, [...this.devices.values()].filter((d) => d.project === pid).map((d) => ({ name: `projects/${pid}/devices/${d.id}`, type: d.type, labels: d.labels })), 'devices');
    }
    if (!did && req.method === 'POST') {
      const b = req.body ?? {};
      if (!(b.type in PUBLISHABLE)) return this.error(res, 400, `unknown device type ${b.type}`);
      const d: FakeDevice = { id: `emu${eventId()}`, project: pid!, type: b.type, labels: { ...(b.labels ?? {}) }, latest: new Map() };
      this.devices.set(d.id, d);
      return void res.json({ name: `projects/${pid}/devices/${d.id}`, type: d.type, labels: d.labels });
    }
    if (did && req.method === 'POST') {
      const d = this.devices.get(did);
      if (!d || d.project !== pid) return this.error(res, 404, `device ${did} not found`);
      const keys = Object.keys(req.body ?? {});
      if (keys.length !== 1) return this.error(res, 400, 'publish exactly one event type');
      const type = keys[0]!;
      if (!PUBLISHABLE[d.type]!.includes(type)) return this.error(res, 400, `a ${d.type} device cannot publish ${type}`);
      const inner = { ...(req.body[type] as Record<string, unknown>) };
      const timestamp = typeof inner.updateTime === 'string' ? inner.updateTime : nowTimestamp();
      inner.updateTime = timestamp;
      d.latest.set(type, { data: inner, timestamp });
      this.fanOut(d, type, inner, timestamp, this.connectorsOf(pid!));
      return void res.json({});
    }
    this.error(res, 405, 'method not allowed');
  }

  private fanOut(d: FakeDevice, type: string, inner: Record<string, unknown>, timestamp: string, targets: FakeConnector[]): void {
    const id = eventId();
    for (const c of targets) {
      if (c.type !== 'HTTP_PUSH' || c.status !== 'ACTIVE' || !c.httpConfig?.url) continue;
      if (c.events.length && !c.events.includes(type)) continue;
      const raw = bodyFor(d, c, type, inner, timestamp, id);
      const p = deliver(c, raw, { eventId: id, eventType: type }, this.policy, (a) => this.attempts.push(a));
      this.pending.add(p);
      void p.finally(() => this.pending.delete(p));
    }
  }
}

export async function startFakeDtCloud(opts: FakeDtCloudOptions = {}): Promise<FakeDtCloud> {
  return new FakeDtCloud(opts).start();
}

/**
 * A fake DT Cloud on 127.0.0.1 for tests: the identity token endpoint, the REST API for
 * projects and data connectors (pagination, DT's `{error, code, help}` bodies, 401/403/404,
 * switchable 429 with Retry-After), the device list, event history and stream
 * (devices-routes.ts, history.ts, stream.ts) and the emulator. Every published event is made
 * once, kept in its device's history whatever the connectors' status (DT keeps history while
 * connectors are disabled), sent to open streams, and delivered to every ACTIVE HTTP_PUSH
 * connector with the same eventId (deliver.ts). `:sync` re-sends latest data under new ids.
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
import { connectorRoutes, type ConnectorWorld } from './connector-routes';
import { deviceRoutes, type DeviceWorld } from './devices-routes';
import { HistoryStore, type HistoryEvent } from './history';
import { PUBLISHABLE } from './kinds';
import { sendError, sendPage } from './respond';
import { StreamHub } from './stream';

export type { FakeConnector, FakeDevice, DeliveryAttempt } from './deliver';
export type { HistoryEvent } from './history';
export { HELP } from './respond';

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

/** One event for `seedHistory`: history only, never delivered nor streamed. */
export interface SeedEvent {
  type: string;
  inner: Record<string, unknown>;
  /** RFC 3339 */
  timestamp: string;
}

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
  /** RFC 3339: history older than this is no longer served (DT's history does not reach back forever) */
  historySince?: string;
  private readonly store = new HistoryStore();
  private readonly streams = new StreamHub();
  private readonly world: DeviceWorld;
  private readonly connectorWorld: ConnectorWorld;
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
    this.world = {
      devices: this.devices, history: this.store, streams: this.streams,
      hasProject: (id) => this.projects.some((p) => p.id === id), historySince: () => this.historySince,
    };
    this.connectorWorld = {
      connectors: this.connectors, attempts: this.attempts, project: (res, id, write) => this.project(res, id, write) !== undefined,
      connectorsOf: (p) => this.connectorsOf(p), addConnector: (p, f) => this.addConnector(p, f),
      // :sync is not an event: it re-sends latest data under fresh ids, outside history and streams.
      sync: (p, c) => {
        for (const d of this.devices.values()) if (d.project === p) for (const [type, l] of d.latest) this.fanOut(d, this.eventOf(d, type, l.data, l.timestamp), [c]);
      },
    };
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
    app.use((_req, res) => sendError(res, 404, 'not found'));
    await new Promise<void>((resolve) => { this.server = app.listen(0, '127.0.0.1', () => resolve()); });
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    this.streams.drop(); // an open stream would hold server.close() forever
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

  /** A device, as the emulator's create makes it (id `emu…` unless given). */
  addDevice(project: string, type: string, labels: Record<string, string> = {}, opts: { id?: string; productNumber?: string } = {}): FakeDevice {
    if (!this.projects.some((p) => p.id === project)) throw new Error(`no project ${project}`);
    if (!(type in PUBLISHABLE)) throw new Error(`unknown device type ${type}`);
    const id = opts.id ?? `emu${eventId()}`;
    if (this.devices.has(id)) throw new Error(`device ${id} exists`);
    const d: FakeDevice = { id, project, type, labels: { ...labels }, productNumber: opts.productNumber ?? '', latest: new Map() };
    this.devices.set(id, d);
    return d;
  }

  /**
   * Publishes like the emulator (history, streams, ACTIVE connectors); `updateTime` is set to
   * the timestamp, which is `opts.timestamp`, else the given updateTime, else now.
   */
  publishEvent(deviceId: string, type: string, inner: Record<string, unknown>, opts: { timestamp?: string } = {}): HistoryEvent {
    const d = this.devices.get(deviceId);
    if (!d) throw new Error(`no device ${deviceId}`);
    const data = { ...inner };
    const timestamp = opts.timestamp ?? (typeof data.updateTime === 'string' ? data.updateTime : nowTimestamp());
    data.updateTime = timestamp;
    d.latest.set(type, { data, timestamp });
    const event = this.eventOf(d, type, data, timestamp);
    this.store.add(d.id, event);
    this.streams.publish(event);
    this.fanOut(d, event, this.connectorsOf(d.project));
    return event;
  }

  /** History only: no delivery, no stream, `reported` and :sync untouched; `updateTime` set to the timestamp. */
  seedHistory(deviceId: string, events: SeedEvent[]): void {
    const d = this.devices.get(deviceId);
    if (!d) throw new Error(`no device ${deviceId}`);
    this.store.addMany(d.id, events.map((e) => this.eventOf(d, e.type, { ...e.inner, updateTime: e.timestamp }, e.timestamp)));
  }

  /** the device's stored history, oldest first, whatever historySince says */
  history(deviceId: string): HistoryEvent[] {
    return this.store.all(deviceId);
  }

  /** cuts every open stream abruptly (socket destroyed) */
  dropStreams(): void {
    this.streams.drop();
  }

  /** ends every open stream properly (the response ends, as when DT closes a stream) */
  endStreams(): void {
    this.streams.end();
  }

  /** while on, open streams stay open but get neither pings nor events */
  silenceStreams(on: boolean): void {
    this.streams.silence(on);
  }

  get openStreams(): number {
    return this.streams.count;
  }

  private async token(req: Request, res: Response): Promise<void> {
    const r = await this.identity.exchange(req.body ?? {});
    if ('refused' in r) return sendError(res, 401, r.refused);
    res.json({ access_token: r.token, token_type: 'bearer', expires_in: r.expiresIn });
  }

  private guarded(req: Request, res: Response, next: () => void): void {
    this.requests.push({ method: req.method, path: req.originalUrl.split('?')[0]!, query: { ...req.query }, body: req.body });
    if (!this.identity.valid(req.headers.authorization)) return sendError(res, 401, 'missing or invalid access token');
    if (this.rateLimit.remaining > 0) {
      this.rateLimit.remaining--;
      return sendError(res, 429, 'too many requests', { 'Retry-After': String(this.rateLimit.retryAfterS) });
    }
    if (this.failing.remaining > 0) {
      this.failing.remaining--;
      return sendError(res, this.failing.status, 'the service is unavailable');
    }
    try { next(); } catch (e) { sendError(res, 500, (e as Error).message); }
  }

  /** the project, or an answer already sent */
  private project(res: Response, id: string, write: boolean): FakeProject | undefined {
    const p = this.projects.find((x) => x.id === id);
    if (!p) return void sendError(res, 404, `project ${id} not found`);
    if (write && p.role !== 'developer') return void sendError(res, 403, 'the caller lacks the permission for this operation');
    return p;
  }

  private rest(req: Request, res: Response): void {
    const path = req.path;
    if (path === '/projects' && req.method === 'GET') {
      return sendPage(req, res, this.projects.map((p) => ({ name: `projects/${p.id}`, displayName: p.displayName, organization: 'organizations/fakeorg', organizationDisplayName: 'Fake org', sensorCount: 0, cloudConnectorCount: 0, inventory: false })), 'projects');
    }
    if (deviceRoutes(req, res, this.world)) return;
    if (!connectorRoutes(req, res, this.connectorWorld)) sendError(res, 404, 'not found');
  }

  private emulator(req: Request, res: Response): void {
    const m = /^\/projects\/([^/]+)\/devices(?:\/([^/:]+):publish)?$/.exec(req.path);
    if (!m) return sendError(res, 404, 'not found');
    const [, pid, did] = m;
    if (!this.project(res, pid!, req.method !== 'GET')) return;
    const brief = (d: FakeDevice) => ({ name: `projects/${pid}/devices/${d.id}`, type: d.type, labels: d.labels });
    if (!did && req.method === 'GET') return sendPage(req, res, [...this.devices.values()].filter((d) => d.project === pid).map(brief), 'devices');
    if (!did && req.method === 'POST') {
      const b = req.body ?? {};
      if (!(b.type in PUBLISHABLE)) return sendError(res, 400, `unknown device type ${b.type}`);
      return void res.json(brief(this.addDevice(pid!, b.type, b.labels ?? {})));
    }
    if (did && req.method === 'POST') {
      const d = this.devices.get(did);
      if (!d || d.project !== pid) return sendError(res, 404, `device ${did} not found`);
      const keys = Object.keys(req.body ?? {});
      if (keys.length !== 1) return sendError(res, 400, 'publish exactly one event type');
      const type = keys[0]!;
      if (!PUBLISHABLE[d.type]!.includes(type)) return sendError(res, 400, `a ${d.type} device cannot publish ${type}`);
      this.publishEvent(d.id, type, req.body[type] as Record<string, unknown>);
      return void res.json({});
    }
    sendError(res, 405, 'method not allowed');
  }

  /** the one event object that history, streams and connector bodies all carry */
  private eventOf(d: FakeDevice, type: string, inner: Record<string, unknown>, timestamp: string): HistoryEvent {
    return { eventId: eventId(), targetName: `projects/${d.project}/devices/${d.id}`, eventType: type, data: { [type]: inner }, timestamp };
  }

  private fanOut(d: FakeDevice, event: HistoryEvent, targets: FakeConnector[]): void {
    for (const c of targets) {
      if (c.type !== 'HTTP_PUSH' || c.status !== 'ACTIVE' || !c.httpConfig?.url) continue;
      if (c.events.length && !c.events.includes(event.eventType)) continue;
      const p = deliver(c, bodyFor(d, c, event), { eventId: event.eventId, eventType: event.eventType }, this.policy, (a) => this.attempts.push(a));
      this.pending.add(p);
      void p.finally(() => this.pending.delete(p));
    }
  }
}

export async function startFakeDtCloud(opts: FakeDtCloudOptions = {}): Promise<FakeDtCloud> {
  return new FakeDtCloud(opts).start();
}

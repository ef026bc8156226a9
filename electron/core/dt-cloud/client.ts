/**
 * The DT Cloud REST client: projects, data connectors (list, get, create, update, delete,
 * metrics, sync), devices and their event history, the event stream (event-stream.ts) and
 * the emulator (devices, publish). Bearer token from auth.ts, renewed once when DT answers
 * 401; every error typed (errors.ts) and scrubbed of the secret.
 */
import { endpointsFromEnv, serviceAccountFromEnv, type DtEndpoints, type ServiceAccount } from './config';
import { createTokenSource } from './auth';
import { DtCloudError, errorFromResponse, maskSecrets } from './errors';
import { eventStreamUrl, readEventStream, type EventStreamOptions } from './event-stream';
import { assertJsonObject, createTransport, retryDelayMs, type FetchLike } from './transport';
import { abortableSleep } from '../abortable-sleep';
import type { ConnectorFields, ConnectorMetrics, DataConnector, Device, DtHistoryEvent, HistoryQuery, Page, PageRequest, Project } from './types';

export interface DtClientOptions {
  account: ServiceAccount;
  endpoints: DtEndpoints;
  fetch?: FetchLike;
  /** ms since the epoch; drives the assertion's iat and the token cache */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** per HTTP attempt; default 10 s */
  timeoutMs?: number;
}

export interface DtClient {
  listProjects(page?: PageRequest): Promise<Page<Project>>;
  listConnectors(project: string, page?: PageRequest): Promise<Page<DataConnector>>;
  getConnector(project: string, id: string): Promise<DataConnector>;
  createConnector(project: string, fields: ConnectorFields): Promise<DataConnector>;
  /** PATCH with a partial body: only the given fields change */
  updateConnector(project: string, id: string, fields: ConnectorFields): Promise<DataConnector>;
  deleteConnector(project: string, id: string): Promise<void>;
  connectorMetrics(project: string, id: string): Promise<ConnectorMetrics>;
  syncConnector(project: string, id: string): Promise<void>;
  listEmulatedDevices(project: string, page?: PageRequest): Promise<Page<Device>>;
  createEmulatedDevice(project: string, type: string, labels: Record<string, string>): Promise<Device>;
  publish(project: string, deviceId: string, data: Record<string, unknown>): Promise<void>;
  /** the REST device list (real and emulated devices, with `reported`); project `-` = every project */
  listDevices(project: string, page?: PageRequest): Promise<Page<Device>>;
  /** one page of a device's history, newest first; DT allows pageSize up to 1000 here */
  deviceEvents(project: string, deviceId: string, query: HistoryQuery, page?: PageRequest): Promise<Page<DtHistoryEvent>>;
  /**
   * The live event stream, pings included (eventType `ping`). Opens when iterated; returns
   * when DT ends it or the signal aborts; throws DtCloudError('unreachable') when the link is
   * cut or silent for two ping intervals. Events sent while not connected never come again.
   */
  openEventStream(project: string, opts: EventStreamOptions): AsyncIterable<DtHistoryEvent>;
}

const seg = (s: string) => encodeURIComponent(s);

export function createDtClient(opts: DtClientOptions): DtClient {
  const now = opts.now ?? Date.now;
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const fetchFn = opts.fetch ?? globalThis.fetch;
  // the main process's one wait (abortable-sleep.ts); tests inject theirs
  const sleep = opts.sleep ?? ((ms: number) => abortableSleep(ms));
  const transport = createTransport({ fetch: fetchFn, timeoutMs, sleep });
  const tokens = createTokenSource(opts.account, opts.endpoints, transport, now);
  const secret = opts.account.secret;

  const scrub = (e: unknown): never => {
    if (e instanceof DtCloudError) {
      const clean = new DtCloudError(e.kind, maskSecrets(e.message.replace(e.help ? ` (see ${e.help})` : '', ''), [secret]), e.status, e.help);
      clean.retryAfterMs = e.retryAfterMs;
      throw clean;
    }
    throw new DtCloudError('unreachable', maskSecrets(String((e as Error)?.message ?? e), [secret]));
  };

  const call = async (base: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, context: string,
    query?: Record<string, string | number | readonly string[] | undefined>, body?: unknown): Promise<Record<string, unknown>> => {
    try {
      const url = new URL(base + path);
      for (const [k, v] of Object.entries(query ?? {})) {
        // a list is sent as repeated parameters: eventTypes=a&eventTypes=b
        if (Array.isArray(v)) for (const one of v) url.searchParams.append(k, String(one));
        else if (v !== undefined && v !== '') url.searchParams.set(k, String(v));
      }
      for (let renewed = false; ; renewed = true) {
        const token = await tokens.get();
        const res = await transport.send({
          url, method, context,
          headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        // A 401 to a cached token means it was revoked or expired early: one fresh token, one retry.
        if (res.status === 401 && !renewed) {
          tokens.invalidate();
          continue;
        }
        if (res.status < 200 || res.status >= 300) {
          const err = errorFromResponse(res.status, res.json as never, context, 'api');
          const wait = res.status === 429 && res.retryAfter ? retryDelayMs(res.retryAfter, 0, now()) : 0;
          if (wait > 0) err.retryAfterMs = wait;
          throw err;
        }
        return res.json === undefined ? {} : assertJsonObject(res.json, context);
      }
    } catch (e) {
      return scrub(e);
    }
  };

  const api = opts.endpoints.apiUrl;
  const emu = opts.endpoints.emulatorUrl;
  const device = (p: string, d: string) => `/projects/${seg(p)}/devices/${seg(d)}`;
  const conn = (p: string, id: string) => `/projects/${seg(p)}/dataconnectors/${seg(id)}`;
  const pageQuery = (page?: PageRequest) => ({ pageSize: page?.pageSize, pageToken: page?.pageToken });
  const pageOf = <T>(j: Record<string, unknown>, key: string): Page<T> => ({
    items: Array.isArray(j[key]) ? (j[key] as T[]) : [],
    nextPageToken: typeof j.nextPageToken === 'string' ? j.nextPageToken : '',
  });

  return {
    listProjects: async (page) => pageOf<Project>(await call(api, 'GET', '/projects', 'list projects', pageQuery(page)), 'projects'),
    listConnectors: async (p, page) =>
      pageOf<DataConnector>(await call(api, 'GET', `/projects/${seg(p)}/dataconnectors`, `list the data connectors of project ${p}`, pageQuery(page)), 'dataConnectors'),
    getConnector: async (p, id) => (await call(api, 'GET', conn(p, id), `get data connector ${id} in project ${p}`)) as unknown as DataConnector,
    createConnector: async (p, fields) =>
      (await call(api, 'POST', `/projects/${seg(p)}/dataconnectors`, `create a data connector in project ${p}`, undefined, fields)) as unknown as DataConnector,
    updateConnector: async (p, id, fields) =>
      (await call(api, 'PATCH', conn(p, id), `update data connector ${id} in project ${p}`, undefined, fields)) as unknown as DataConnector,
    deleteConnector: async (p, id) => { await call(api, 'DELETE', conn(p, id), `delete data connector ${id} in project ${p}`); },
    connectorMetrics: async (p, id) => {
      const j = await call(api, 'GET', `${conn(p, id)}:metrics`, `get the metrics of data connector ${id}`);
      const m = (j.metrics ?? {}) as Partial<ConnectorMetrics>;
      return { successCount: Number(m.successCount ?? 0), errorCount: Number(m.errorCount ?? 0), latency99p: String(m.latency99p ?? '') };
    },
    syncConnector: async (p, id) => { await call(api, 'POST', `${conn(p, id)}:sync`, `sync data connector ${id}`, undefined, {}); },
    listEmulatedDevices: async (p, page) =>
      pageOf<Device>(await call(emu, 'GET', `/projects/${seg(p)}/devices`, `list the emulated devices of project ${p}`, pageQuery(page)), 'devices'),
    createEmulatedDevice: async (p, type, labels) =>
      (await call(emu, 'POST', `/projects/${seg(p)}/devices`, `create an emulated ${type} device in project ${p}`, undefined, { type, labels })) as unknown as Device,
    publish: async (p, d, data) => { await call(emu, 'POST', `${device(p, d)}:publish`, `publish an event from emulated device ${d}`, undefined, data); },
    listDevices: async (p, page) => pageOf<Device>(await call(api, 'GET', `/projects/${seg(p)}/devices`, `list the devices of project ${p}`, pageQuery(page)), 'devices'),
    deviceEvents: async (p, d, q, page) => pageOf<DtHistoryEvent>(await call(api, 'GET', `${device(p, d)}/events`, `read the event history of device ${d} in project ${p}`, {
      eventTypes: q.eventTypes, startTime: q.startTime, endTime: q.endTime, ...pageQuery(page),
    }), 'events'),
    openEventStream: (p, o) => readEventStream(p, eventStreamUrl(api, p, o), o, { tokens, fetch: fetchFn, timeoutMs, sleep, fail: scrub }),
  };
}

/** A client for the service account and endpoints in the environment (config errors are thrown here). */
export function createDtClientFromEnv(env: NodeJS.ProcessEnv = process.env, extra: Omit<DtClientOptions, 'account' | 'endpoints'> = {}): DtClient {
  return createDtClient({ account: serviceAccountFromEnv(env), endpoints: endpointsFromEnv(env), ...extra });
}

/** The most pages a list is followed for: a server that always hands out another token stops here. */
export const MAX_PAGES = 10_000;

/**
 * Every page of `what` (e.g. "the devices of project p"), gathered; bounded by MAX_PAGES
 * so a server that always returns a token ends in an error naming the list, not a hang.
 */
export async function listAll<T>(what: string, fetchPage: (page: PageRequest) => Promise<Page<T>>, o: { pageSize?: number; maxPages?: number } = {}): Promise<T[]> {
  const all: T[] = [];
  for await (const items of pages(fetchPage, o.pageSize ?? 100, o.maxPages, what)) all.push(...items);
  return all;
}

/**
 * Each page's items in turn, for lists too long to hold at once (a device's history). Stops
 * on an empty or repeated token; past maxPages it throws rather than loop on a server that
 * always hands out another token.
 */
export async function* pages<T>(fetchPage: (page: PageRequest) => Promise<Page<T>>, pageSize: number, maxPages = MAX_PAGES, what = 'a list'): AsyncGenerator<T[], void, undefined> {
  let pageToken = '';
  for (let i = 0; i < maxPages; i++) {
    const page = await fetchPage({ pageSize, pageToken: pageToken || undefined });
    if (page.items.length) yield page.items;
    if (!page.nextPageToken || page.nextPageToken === pageToken) return;
    pageToken = page.nextPageToken;
  }
  throw new DtCloudError('bad_response', `DT Cloud kept returning more pages of ${what} after ${maxPages} pages of ${pageSize}; stopped`);
}

/**
 * An in-memory InboxApi with the contract's behaviour (filtering, paging newest first,
 * dedupe by eventId, stale detection, pushes), for component tests, the ui-server tests
 * and the e2e harness until the real inbox service is wired in.
 */
import { fail, ok, type AppStatus, type DtCloudInfo, type InboxApi, type InboxStats, type NotificationPrefs, type PushMessage, type Series } from '../../shared/api/contract';
import { compileFilter, type EventFilter } from '../../shared/filter';
import type { DeviceState, EventDetail, EventSummary, RejectedDelivery } from '../../shared/records';
import { deviceDisplayName, summarizeEvent } from '../../shared/dt/summary';
import { compareTimestamps, timestampToMillis } from '../../shared/dt/timestamp';
import { isKnownEventType, type DtRequestBody } from '../../shared/dt/types';

export interface DeliverOptions {
  signature?: 'valid' | 'unverified';
  warnings?: string[];
  receivedAt?: string;
  ackMs?: number;
  headers?: Record<string, string>;
}

export class FakeInboxApi implements InboxApi {
  readonly details = new Map<string, EventDetail>();
  /** arrival order, oldest first */
  readonly order: EventDetail[] = [];
  readonly rejected: RejectedDelivery[] = [];
  readonly calls: Array<{ method: string; args: unknown[] }> = [];
  secrets: string[] = [];
  authtoken = false;
  /** the desktop app's choices; null as in browser mode, where both methods fail */
  notificationPrefs: NotificationPrefs | null = null;
  status: AppStatus = {
    mode: 'browser', receiverUrl: 'http://127.0.0.1:8080/', tunnel: { state: 'off' }, secretsConfigured: 0,
    allowExpired: false, authtokenConfigured: false, storage: { ok: true }, dataDir: '/tmp/fake-inbox', startupWarnings: [],
  };
  private listeners = new Set<(m: PushMessage) => void>();
  private seq = 0;
  private acks: number[] = [];
  private newest = new Map<string, string>();

  get listenerCount(): number {
    return this.listeners.size;
  }

  push(message: PushMessage): void {
    for (const l of this.listeners) l(message);
  }

  /** One HTTP delivery: a new event or a duplicate of a known eventId. */
  deliver(body: DtRequestBody, opts: DeliverOptions = {}): EventSummary {
    const receivedAt = opts.receivedAt ?? new Date().toISOString();
    const raw = JSON.stringify(body);
    const existing = this.details.get(body.event.eventId);
    const delivery = {
      receivedAt, path: '/', headers: opts.headers ?? { 'content-type': 'application/json' }, remoteAddress: '127.0.0.1',
      status: 200, outcome: existing ? ('duplicate' as const) : ('accepted' as const), ackMs: opts.ackMs ?? 3,
    };
    this.acks.push(delivery.ackMs);
    if (existing) {
      existing.deliveries += 1;
      existing.deliveryLog.push(delivery);
      this.push({ type: 'events', added: 0, latest: [summaryOf(existing)] });
      return summaryOf(existing);
    }
    const deviceId = body.metadata?.deviceId ?? body.event.targetName.split('/').pop() ?? '';
    // The latest timestamp per device and type decides staleness (a map, so seeding 20k events stays linear).
    const key = `${deviceId}\n${body.event.eventType}`;
    const newest = this.newest.get(key);
    const stale = newest !== undefined && compareTimestamps(newest, body.event.timestamp) > 0;
    if (!stale) this.newest.set(key, body.event.timestamp);
    const detail: EventDetail = {
      seq: ++this.seq, eventId: body.event.eventId, eventType: body.event.eventType,
      projectId: body.metadata?.projectId ?? '', deviceId, deviceName: deviceDisplayName(body.labels, deviceId),
      labels: body.labels, timestamp: body.event.timestamp, receivedAt, deliveries: 1,
      signature: opts.signature ?? 'valid', warnings: opts.warnings ?? [], stale,
      knownType: isKnownEventType(body.event.eventType), summary: summarizeEvent(body), raw, body, deliveryLog: [delivery],
    };
    this.details.set(detail.eventId, detail);
    this.order.push(detail);
    this.push({ type: 'events', added: 1, latest: [summaryOf(detail)] });
    return summaryOf(detail);
  }

  reject(r: Omit<RejectedDelivery, 'id'>): void {
    const rec = { ...r, id: this.rejected.length + 1 };
    this.rejected.push(rec);
    this.push({ type: 'rejected', latest: rec });
  }

  async queryEvents(q: { filter: EventFilter; offset: number; limit: number }) {
    this.calls.push({ method: 'queryEvents', args: [q] });
    const match = compileFilter(q.filter);
    const matched: EventDetail[] = [];
    for (let i = this.order.length - 1; i >= 0; i--) if (match(this.order[i]!)) matched.push(this.order[i]!);
    return ok({ total: this.order.length, matched: matched.length, offset: q.offset, rows: matched.slice(q.offset, q.offset + q.limit).map(summaryOf) });
  }

  async getEvent(eventId: string) {
    const d = this.details.get(eventId);
    return d ? ok(structuredClone(d)) : fail<EventDetail>(`no event ${eventId}`);
  }

  async listDevices() {
    const devices = new Map<string, DeviceState>();
    for (const e of this.order) {
      const d = devices.get(e.deviceId) ?? {
        projectId: e.projectId, deviceId: e.deviceId, deviceType: deviceTypeOf(e), labels: e.labels, name: e.deviceName,
        firstSeen: e.receivedAt, lastSeen: e.receivedAt, eventCount: 0, latest: {}, staleDeliveries: 0,
      };
      d.eventCount += 1;
      d.lastSeen = e.receivedAt > d.lastSeen ? e.receivedAt : d.lastSeen;
      d.labels = e.labels;
      d.name = e.deviceName;
      if (e.stale) d.staleDeliveries += 1;
      const prev = d.latest[e.eventType];
      if (!prev || compareTimestamps(prev.timestamp, e.timestamp) < 0) {
        d.latest[e.eventType] = { eventId: e.eventId, timestamp: e.timestamp, summary: e.summary, receivedAt: e.receivedAt };
      }
      devices.set(e.deviceId, d);
    }
    return ok([...devices.values()]);
  }

  async getSeries(deviceId: string) {
    const byName = new Map<string, Array<[number, number]>>();
    for (const e of this.order) {
      if (e.deviceId !== deviceId) continue;
      for (const [name, v] of numericValues(e.body as DtRequestBody)) {
        const pts = byName.get(name) ?? [];
        pts.push([timestampToMillis(e.timestamp), v]);
        byName.set(name, pts);
      }
    }
    const series: Series[] = [...byName].map(([name, points]) => ({ name, points: points.sort((a, b) => a[0] - b[0]) }));
    return ok(series);
  }

  async listRejected() {
    return ok([...this.rejected].reverse());
  }

  async getStats() {
    const now = Date.now();
    const perMinute = new Array<number>(60).fill(0);
    const byType: Record<string, number> = {};
    let deliveries = 0, duplicates = 0, stale = 0;
    for (const e of this.order) {
      byType[e.eventType] = (byType[e.eventType] ?? 0) + 1;
      deliveries += e.deliveries;
      duplicates += e.deliveries - 1;
      if (e.stale) stale += 1;
      const ago = Math.floor((now - Date.parse(e.receivedAt)) / 60_000);
      if (ago >= 0 && ago < 60) perMinute[59 - ago]! += 1;
    }
    const sorted = [...this.acks].sort((a, b) => a - b);
    const pct = (p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]! : null);
    const stats: InboxStats = {
      events: this.order.length, deliveries, duplicates, stale, rejected: this.rejected.length, byType, perMinute,
      ackMsP50: pct(0.5), ackMsP99: pct(0.99), ackMsMax: sorted.length ? sorted[sorted.length - 1]! : null,
    };
    return ok(stats);
  }

  async getStatus() {
    return ok(structuredClone(this.status));
  }

  async exportEvents(filter: EventFilter) {
    const page = await this.queryEvents({ filter, offset: 0, limit: 1_000_000 });
    const count = page.ok ? page.value.matched : 0;
    this.push({ type: 'exportProgress', done: count, total: count });
    return ok({ count, path: '/tmp/fake-inbox/export.json' });
  }

  async setSecrets(secrets: string[]) {
    this.secrets = [...secrets];
    this.status = { ...this.status, secretsConfigured: secrets.length };
    this.push({ type: 'status', status: structuredClone(this.status) });
    return ok({ secretsConfigured: secrets.length });
  }

  async setTunnelConfig(config: { authtoken?: string; domain?: string }) {
    if (config.authtoken !== undefined) this.authtoken = config.authtoken.length > 0;
    this.status = { ...this.status, authtokenConfigured: this.authtoken, tunnelDomain: config.domain || undefined };
    this.push({ type: 'status', status: structuredClone(this.status) });
    return ok({ authtokenConfigured: this.authtoken });
  }

  async startTunnel() {
    const tunnel = this.authtoken
      ? ({ state: 'online', url: 'https://example-tunnel.ngrok.app' } as const)
      : ({ state: 'error', code: 'no_authtoken', message: 'Enter an ngrok authtoken first.' } as const);
    this.status = { ...this.status, tunnel };
    this.push({ type: 'status', status: structuredClone(this.status) });
    return ok(tunnel);
  }

  async stopTunnel() {
    this.status = { ...this.status, tunnel: { state: 'off' } };
    this.push({ type: 'status', status: structuredClone(this.status) });
    return ok(this.status.tunnel);
  }

  async getNotificationPrefs() {
    return this.notificationPrefs ? ok(structuredClone(this.notificationPrefs)) : fail<NotificationPrefs>('desktop notifications are shown by the desktop app only');
  }

  async setNotificationPrefs(prefs: NotificationPrefs) {
    if (!this.notificationPrefs) return fail<NotificationPrefs>('desktop notifications are shown by the desktop app only');
    this.notificationPrefs = structuredClone(prefs);
    return ok(structuredClone(prefs));
  }

  /** what getDtCloud answers; tests set it */
  dtCloud: DtCloudInfo = { configured: false, hint: 'Not connected to DT Cloud' };

  async getDtCloud() {
    return ok(structuredClone(this.dtCloud));
  }

  subscribe(listener: (m: PushMessage) => void) {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }
}

function summaryOf(d: EventDetail): EventSummary {
  const { raw: _raw, body: _body, deliveryLog: _log, ...summary } = d;
  return structuredClone(summary);
}

function deviceTypeOf(e: EventDetail): string | undefined {
  return (e.body as DtRequestBody).metadata?.deviceType;
}

function numericValues(body: DtRequestBody): Array<[string, number]> {
  const data = body.event.data as Record<string, Record<string, unknown>> | undefined;
  const inner = data?.[body.event.eventType];
  if (!inner) return [];
  const out: Array<[string, number]> = [];
  const add = (name: string, v: unknown) => typeof v === 'number' && out.push([name, v]);
  switch (body.event.eventType) {
    case 'temperature': add('temperature °C', inner.value); break;
    case 'humidity': add('humidity %RH', inner.relativeHumidity); add('temperature °C', inner.temperature); break;
    case 'co2': add('co2 ppm', inner.ppm); break;
    case 'pressure': add('pressure hPa', typeof inner.pascal === 'number' ? inner.pascal / 100 : undefined); break;
    case 'touchCount': add('touches', inner.total); break;
    case 'objectPresentCount': add('objects', inner.total); break;
  }
  return out;
}

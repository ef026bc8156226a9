/**
 * An in-memory InboxApi with the contract's behaviour (filtering, paging newest first,
 * dedupe by eventId, stale detection, devices, pushes), for component tests, the ui-server
 * tests and the e2e harness. test/contract runs the same suite over it and over the real
 * service, so it cannot drift; device state and staleness use the store's own rules
 * (shared/device-state.ts).
 */
import type { CheckReport } from '../../shared/check-report';
import { fail, ok, type AppStatus, type CheckTarget, type DtCloudInfo, type InboxApi, type InboxStats, type NotificationPrefs, type PushMessage, type Series } from '../../shared/api/contract';
import { applyEvent } from '../../shared/device-state';
import { compileFilter, type EventFilter } from '../../shared/filter';
import { addEventPoints, CHARTED_TYPES, finishSeries, type SeriesPoints } from '../../shared/series';
import type { DeviceState, EventDetail, EventSummary, RejectedDelivery } from '../../shared/records';
import { deviceDisplayName, summarizeEvent } from '../../shared/dt/summary';
import { isKnownEventType, type DtRequestBody } from '../../shared/dt/types';
import type { ForwardAttemptView, ForwardConfigInput } from '../../shared/api/forward';
import { FakeForwarding } from './fake-forwarding';
import type { ReplayRequest } from '../../shared/api/replay';
import type { DtCredentialsView, DtEmulationView, DtProjectRow } from '../../shared/api/dt-cloud';

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
    allowExpired: false, authtokenConfigured: false, storage: { ok: true }, dataDir: '/tmp/fake-inbox', startupWarnings: [], forward: null,
  };
  /** what checkReceiver answers (its target set to the URL asked); a demo with every status by default */
  checkReport: Omit<CheckReport, 'target'> = demoCheckReport();
  /** when set, checkReceiver answers only once it resolves (to see the running state) */
  checkGate: Promise<void> | null = null;
  private listeners = new Set<(m: PushMessage) => void>();
  private seq = 0;
  private acks: number[] = [];
  /** by project and device, as the store keeps them */
  private devices = new Map<string, DeviceState>();

  /** forwarding as the service does it to a target that takes everything; see fake-forwarding.ts */
  readonly forwarding = new FakeForwarding();

  /** the status with forwarding's figures, as getStatus and the 'status' push carry it */
  statusNow(): AppStatus {
    return structuredClone({ ...this.status, forward: this.forwarding.status });
  }

  /** A forward attempt as the forwarder makes one (e.g. a failing target); pushes the status. */
  forwardAttempt(a: ForwardAttemptView): void {
    this.forwarding.attempt(a);
    this.push({ type: 'status', status: this.statusNow() });
  }

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
    if (this.forwarding.delivered(body.event.eventId, body.event.eventType)) this.push({ type: 'status', status: this.statusNow() });
    if (existing) {
      // A redelivery changes the event's count, pushes nothing: as the service does.
      existing.deliveries += 1;
      existing.deliveryLog.push(delivery);
      return summaryOf(existing);
    }
    const [, projectId = '', , deviceId = ''] = body.event.targetName.split('/');
    const deviceType = typeof body.metadata?.deviceType === 'string' ? body.metadata.deviceType : undefined;
    const labels = body.labels ?? {};
    const facts = {
      eventId: body.event.eventId, eventType: body.event.eventType, projectId, deviceId, deviceType,
      timestamp: body.event.timestamp, receivedAt, labels, summary: summarizeEvent(body),
    };
    const stale = applyEvent(this.devices, facts);
    const detail: EventDetail = {
      seq: ++this.seq, ...facts, deviceName: deviceDisplayName(labels, deviceId), deliveries: 1,
      source: 'connector', signature: opts.signature ?? 'valid', warnings: opts.warnings ?? [], stale,
      knownType: isKnownEventType(body.event.eventType), raw, body, deliveryLog: [delivery],
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
    return d ? ok(structuredClone(d)) : fail<EventDetail>(`no stored event with eventId ${eventId}`);
  }

  async listDevices() {
    return ok(structuredClone([...this.devices.values()]));
  }

  /** newest first, as the service reads them, so the series come in the same order */
  async getSeries(deviceId: string) {
    const points: SeriesPoints = new Map();
    const charted = new Set<string>(CHARTED_TYPES);
    for (let i = this.order.length - 1; i >= 0; i--) {
      const e = this.order[i]!;
      if (e.deviceId === deviceId && charted.has(e.eventType)) addEventPoints(points, e.eventType, e.body);
    }
    return ok<Series[]>(finishSeries(points));
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
    return ok(this.statusNow());
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
    this.push({ type: 'status', status: this.statusNow() });
    return ok({ secretsConfigured: secrets.length });
  }

  async setTunnelConfig(config: { authtoken?: string; domain?: string }) {
    if (config.authtoken !== undefined) this.authtoken = config.authtoken.length > 0;
    this.status = { ...this.status, authtokenConfigured: this.authtoken, tunnelDomain: config.domain || undefined };
    this.push({ type: 'status', status: this.statusNow() });
    return ok({ authtokenConfigured: this.authtoken });
  }

  async startTunnel() {
    const tunnel = this.authtoken
      ? ({ state: 'online', url: 'https://example-tunnel.ngrok.app' } as const)
      : ({ state: 'error', code: 'no_authtoken', message: 'Enter an ngrok authtoken first.' } as const);
    this.status = { ...this.status, tunnel };
    this.push({ type: 'status', status: this.statusNow() });
    return ok(tunnel);
  }

  async stopTunnel() {
    this.status = { ...this.status, tunnel: { state: 'off' } };
    this.push({ type: 'status', status: this.statusNow() });
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

  async checkReceiver(target: CheckTarget) {
    this.calls.push({ method: 'checkReceiver', args: [target] });
    let url: URL;
    try {
      url = new URL(target.url.trim());
    } catch {
      return fail<CheckReport>(`"${target.url}" is not a URL (expected e.g. https://example.com/dt)`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return fail<CheckReport>(`expected an http:// or https:// URL, got ${url.protocol}//`);
    if (this.checkGate) await this.checkGate;
    return ok<CheckReport>({ ...structuredClone(this.checkReport), target: url.href });
  }

  /** what replayEvents' 'forward' means; null: no forward target set */
  forwardTarget: { url: string; secret?: string } | null = null;
  /** when set, replayEvents starts only once it resolves (to see the running state) */
  replayGate: Promise<void> | null = null;
  /**
   * replayEvents' engine. Node-side tests give it the service's own over this fake's events
   * (test/contract/fake-replay.ts: real POSTs of the stored raw bytes); UI tests script it.
   */
  replayer: InboxApi['replayEvents'] = async () => fail('replay is not wired in this fake');

  /** the fake's events as the store's read API hands them to replay */
  replayStore() {
    return {
      summaries: this.order as readonly EventSummary[],
      find: (id: string): EventSummary | undefined => this.details.get(id),
      exportSource: () => ({
        summaries: this.order as readonly EventSummary[], devices: [] as DeviceState[], release: () => {},
        readBodies: async (events: readonly EventSummary[], from: number) => [this.details.get(events[from]!.eventId)?.raw],
      }),
    };
  }

  async replayEvents(request: ReplayRequest) {
    this.calls.push({ method: 'replayEvents', args: [request] });
    if (this.replayGate) await this.replayGate;
    return this.replayer(request);
  }

  /** what getDtCloud answers; tests set it */
  dtCloud: DtCloudInfo = { configured: false, hint: 'Not connected to DT Cloud' };

  async getDtCloud() {
    return ok(structuredClone(this.dtCloud));
  }

  async getForwarding() {
    return ok(this.forwarding.info());
  }

  async setForwarding(input: ForwardConfigInput) {
    this.calls.push({ method: 'setForwarding', args: [structuredClone(input)] });
    const view = this.forwarding.set(input);
    this.push({ type: 'status', status: this.statusNow() });
    return ok(view);
  }

  async getForwardAttempts(eventId: string) {
    return ok(this.forwarding.attemptsFor(eventId));
  }

  /** DT Cloud actions: recorded in `calls`; answer with the current dtCloud, or `dtError` when set */
  dtError: string | null = null;
  dtProjects: DtProjectRow[] = [{ id: 'prj-dev', displayName: 'Dev project', organization: 'Fake org' }];
  private dtCall(method: string, args: unknown[]) {
    this.calls.push({ method, args });
    return this.dtError ? fail<DtCloudInfo>(this.dtError) : ok(structuredClone(this.dtCloud));
  }
  async dtListProjects() { this.calls.push({ method: 'dtListProjects', args: [] }); return this.dtError ? fail<DtProjectRow[]>(this.dtError) : ok(structuredClone(this.dtProjects)); }
  async dtConnect(a: unknown) { return this.dtCall('dtConnect', [a]); }
  async dtSetConnectorStatus(a: unknown) { return this.dtCall('dtSetConnectorStatus', [a]); }
  async dtSync(a: unknown) { return this.dtCall('dtSync', [a]); }
  async dtSetEventFilter(a: unknown) { return this.dtCall('dtSetEventFilter', [a]); }
  async dtEmulate(a: { project: string; kind?: string; type: string; count: number }) {
    this.calls.push({ method: 'dtEmulate', args: [a] });
    if (this.dtError) return fail<DtEmulationView>(this.dtError);
    const run: DtEmulationView = { project: a.project, deviceId: 'emu000000000000000001', deviceKind: a.kind ?? 'temperature', type: a.type, published: Array.from({ length: a.count }, (_, i) => ({ n: i + 1, publishedAt: new Date().toISOString() })) };
    return ok(run);
  }
  async dtSetCredentials(c: { keyId: string; email: string; secret?: string }) {
    this.calls.push({ method: 'dtSetCredentials', args: [{ ...c, secret: c.secret ? '(given)' : undefined }] });
    return ok<DtCredentialsView>({ keyId: c.keyId, email: c.email, source: 'settings' });
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

/** A report as a half-finished receiver gets it: most pass, one failure, signatures unchecked. */
export function demoCheckReport(): Omit<CheckReport, 'target'> {
  const pass = (id: CheckReport['results'][number]['id'], detail: string) => ({ id, status: 'pass' as const, detail, advice: '' });
  const results: CheckReport['results'] = [
    pass('accepts_all_types', 'all 19 event types answered 2xx'),
    { id: 'unknown_type', status: 'fail', detail: 'a "soilMoisture" event (a type DT may add) got HTTP 400 "unknown event type soilMoisture"', advice: 'DT adds event types over time: acknowledge (2xx) and ignore or store types you do not know instead of refusing them, or DT retries them for 12 h.' },
    { id: 'responds_within_10s', status: 'warn', detail: 'all 224 requests answered within 10 s, but 3 took over 1 s; slowest 2412 ms (burst co2)', advice: 'DT waits at most 10 s for an answer and retries otherwise: acknowledge first and do slow work (databases, other services) after answering, from a queue.' },
    pass('burst', '200 events, 20 at a time: all acknowledged, slowest 2412 ms'),
    pass('duplicate_delivery', 'the same event delivered twice was acknowledged both times'),
    pass('out_of_order', 'an older event after a newer one of the same device and type was acknowledged'),
    ...(['rejects_bad_signature', 'rejects_missing_signature', 'rejects_tampered_body', 'rejects_expired_signature'] as const).map((id) => ({
      id, status: 'warn' as const, detail: 'signatures not checked (no --secret given)',
      advice: 'Run again with --secret set to the Data Connector\'s signature secret to check that forged requests are refused.',
    })),
  ];
  return { format: 'connector-inbox-check/1', results, summary: { pass: 5, fail: 1, warn: 5 } };
}

/**
 * An in-memory InboxApi with the contract's behaviour (filtering, paging newest first,
 * dedupe by eventId, stale detection, devices, pushes, sources, coverage), for component tests, the ui-server
 * tests and the e2e harness. test/contract runs the same suite over it and over the real
 * service, so it cannot drift; device state and staleness use the store's own rules
 * (shared/device-state.ts).
 */
import type { CheckReport } from '../../shared/check-report';
import { fail, ok, type AppStatus, type CheckTarget, type DtCloudInfo, type InboxApi, type NotificationPrefs, type PushMessage, type ReceiveMode, type Series } from '../../shared/api/contract';
import { compileFilter, type EventFilter } from '../../shared/filter';
import { isCatchUpSource, type DeviceState, type EventDetail, type EventSummary, type RejectedDelivery } from '../../shared/records';
import type { DtRequestBody } from '../../shared/dt/types';
import type { ForwardAttemptView, ForwardConfigInput } from '../../shared/api/forward';
import { FakeForwarding } from './fake-forwarding';
import { FakePublicUrl } from './fake-public-url';
import type { ReplayRequest } from '../../shared/api/replay';
import type { DtCredentialsView, DtProjectRow } from '../../shared/api/dt-cloud';
import { fakeConnectorMetrics, fakeEmulate, fakeRefresh, fakeWatch } from './fake-dt-refresh';
import type { BackfillRun, CoverageView, ImportSummary } from '../../shared/api/backfill';
import { demoCheckReport } from './fake-check-report';
import { emptyFillScript, fakeFillGaps, historySource } from './fake-coverage';
import { defaultSources, withReceiveMode, withSource } from './fake-sources';
import { fakeSeries, fakeStats } from './fake-stats';
import { replayStoreOf } from './fake-replay-store';
import { deliveryRecord, newDetail, summaryOf, type DeliverOptions } from './fake-deliver';
import { fakeSendTestEvents, type SendTestEventsRequest } from './fake-test-events';

export { demoCheckReport } from './fake-check-report';
export type { DeliverOptions } from './fake-deliver';
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
    mode: 'browser', receiverUrl: 'http://127.0.0.1:8080/', tunnel: { state: 'off' }, tunnelManaged: false, secretsConfigured: 0,
    allowExpired: false, authtokenConfigured: false, storage: { ok: true }, dataDir: '/tmp/fake-inbox', startupWarnings: [], forward: null,
    sources: defaultSources(),
    receiveMode: { mode: 'connector', canChoose: false },
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

  /** the status with forwarding's figures and (with a coverage set) the history source of its backfill, as getStatus and the 'status' push carry it */
  statusNow(): AppStatus {
    return structuredClone({ ...(this.coverage ? withSource(this.status, historySource(this.coverage.backfill)) : this.status), forward: this.forwarding.status });
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

  /** One delivery (a connector push unless opts.source says otherwise): a new event or a duplicate of a known eventId. */
  deliver(body: DtRequestBody, opts: DeliverOptions = {}): EventSummary {
    const existing = this.details.get(body.event.eventId);
    // a re-fetch of a known event from the history or an export writes nothing, as in the store
    if (existing && isCatchUpSource(opts.source)) return summaryOf(existing);
    const delivery = deliveryRecord(opts, !!existing);
    if (delivery.ackMs !== undefined) this.acks.push(delivery.ackMs);
    if (this.forwarding.delivered(body.event.eventId, body.event.eventType)) this.push({ type: 'status', status: this.statusNow() });
    if (existing) {
      // A redelivery changes the event's count, pushes nothing: as the service does.
      existing.deliveries += 1;
      existing.deliveryLog.push(delivery);
      return summaryOf(existing);
    }
    const detail = newDetail(body, opts, ++this.seq, this.devices, delivery);
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

  async listDevices() { return ok(structuredClone([...this.devices.values()])); }

  async getSeries(deviceId: string) {
    return ok<Series[]>(fakeSeries(this.order, deviceId));
  }

  async listRejected() { return ok([...this.rejected].reverse()); }

  async getStats() {
    return ok(fakeStats(this.order, this.rejected.length, this.acks));
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

  readonly publicUrl = new FakePublicUrl();
  getPublicUrl = async () => this.publicUrl.get();
  setPublicUrl = async (url: string) => this.publicUrl.set(url);
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
  replayStore() { return replayStoreOf(this.order, this.details); }

  /** stopReplay's engine: the wired service's own, or (UI tests) nothing running */
  replayStopper: InboxApi['stopReplay'] = async () => ok({ stopped: false });

  async stopReplay() { this.calls.push({ method: 'stopReplay', args: [] }); return this.replayStopper(); }

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

  async getForwarding() { return ok(this.forwarding.info()); }

  async setForwarding(input: ForwardConfigInput) {
    this.calls.push({ method: 'setForwarding', args: [structuredClone(input)] });
    const view = this.forwarding.set(input);
    this.push({ type: 'status', status: this.statusNow() });
    return ok(view);
  }

  async getForwardAttempts(eventId: string) { return ok(this.forwarding.attemptsFor(eventId)); }

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
  async dtEmulate(a: { project: string; kind?: string; type: string; count: number }) { return fakeEmulate(this, a); }
  async watchDtCloud() { return fakeWatch(this); }
  async dtRefresh() { return fakeRefresh(this); }
  async dtConnectorMetrics(ref: { project: string; connectorId: string }) { return fakeConnectorMetrics(this, ref); }
  async dtSetCredentials(c: { keyId: string; email: string; secret?: string }) {
    this.calls.push({ method: 'dtSetCredentials', args: [{ ...c, secret: c.secret ? '(given)' : undefined }] });
    return ok<DtCredentialsView>({ keyId: c.keyId, email: c.email, source: 'settings' });
  }

  /** what getCoverage answers (null: no DT project followed); tests set it, e.g. coverageWithGap() from fake-coverage.ts */
  coverage: CoverageView | null = null;
  /** what the next fillGaps does: the events DT's history returns, a gate, a failure */
  fill = emptyFillScript();
  /** when set, setReceiveMode fails with it (as a switch that could not be made) */
  receiveModeError: string | null = null;

  async getCoverage() {
    return ok(structuredClone(this.coverage));
  }

  async fillGaps() {
    this.calls.push({ method: 'fillGaps', args: [] });
    return fakeFillGaps({
      coverage: this.coverage, has: (id) => this.details.has(id), deliver: (b, o) => this.deliver(b, o), setSource: (s) => { this.status = withSource(this.status, s); },
      pushStatus: () => this.push({ type: 'status', status: this.statusNow() }), push: (m) => this.push(m),
    }, this.fill);
  }

  async sendTestEvents(req: SendTestEventsRequest) { return fakeSendTestEvents(req, this.status.secretsConfigured, (b, o) => this.deliver(b, o)); }
  async dtBackfill() { return fail<BackfillRun>('dt backfill is not played by this fake'); }
  async importCapture() { return fail<ImportSummary>('import is not played by this fake'); }

  async setReceiveMode(mode: ReceiveMode) {
    this.calls.push({ method: 'setReceiveMode', args: [mode] });
    if (!this.status.receiveMode.canChoose) return fail<{ mode: ReceiveMode }>('serve chooses how events arrive at start: --dt-stream --dt-project <id> for DT\'s event stream');
    if (this.receiveModeError) return fail<{ mode: ReceiveMode }>(this.receiveModeError);
    this.status = withReceiveMode(this.status, mode);
    this.push({ type: 'status', status: this.statusNow() });
    return ok({ mode });
  }

  subscribe(listener: (m: PushMessage) => void) {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }
}

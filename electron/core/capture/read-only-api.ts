/**
 * The contract over a capture: the service's own answers for reading (and for replay, which
 * changes nothing here), a refusal for every call that would change the inbox or reach
 * anything but the tester's own receiver. Every method is listed, so a new one must be
 * placed on one side or the other before it typechecks.
 */
import { API_METHODS, fail, type ApiMethod, type AppStatus, type CaptureInfo, type InboxApi, type PushMessage, type Result } from '../../../shared/api/contract';

const READ = null;
const NOTHING_TO_CONFIGURE = 'a capture has no receiver, tunnel or signature secrets';
const NO_DT = 'a capture is not connected to DT Cloud';

/** null: answered by the service; a text: refused, for that reason */
const CAPTURE_CALLS: Record<ApiMethod, string | null> = {
  queryEvents: READ, getEvent: READ, listDevices: READ, getSeries: READ, listRejected: READ, getStats: READ, getStatus: READ,
  getPublicUrl: READ, getNotificationPrefs: READ, getDtCloud: READ, getForwarding: READ, getForwardAttempts: READ, getCoverage: READ,
  // sends the capture's events to a URL the tester gives: the capture itself stays as it is
  replayEvents: READ, stopReplay: READ, checkReceiver: READ,
  exportEvents: 'the capture is a file already (the browser\'s Export downloads a copy)',
  setSecrets: NOTHING_TO_CONFIGURE, setTunnelConfig: NOTHING_TO_CONFIGURE, startTunnel: NOTHING_TO_CONFIGURE, stopTunnel: NOTHING_TO_CONFIGURE,
  setPublicUrl: NOTHING_TO_CONFIGURE, setReceiveMode: NOTHING_TO_CONFIGURE,
  sendTestEvents: 'a capture has no receiver to send test events to',
  setNotificationPrefs: 'a capture shows no notifications',
  setForwarding: 'a capture forwards nothing: use Replay to send its events to your receiver',
  importCapture: 'a capture stores nothing more', fillGaps: NO_DT, dtBackfill: NO_DT,
  dtListProjects: NO_DT, dtConnect: NO_DT, dtSetConnectorStatus: NO_DT, dtSync: NO_DT, dtSetEventFilter: NO_DT, dtEmulate: NO_DT,
  dtSetCredentials: NO_DT, watchDtCloud: NO_DT, dtRefresh: NO_DT, dtConnectorMetrics: NO_DT,
};

/** The error every refused call answers: it names the mode and why. */
export const readOnlyError = (method: ApiMethod): string => `read-only capture: ${method} is refused (${CAPTURE_CALLS[method]})`;

export const isRefusedInCapture = (method: ApiMethod): boolean => CAPTURE_CALLS[method] !== READ;

export function readOnlyCaptureApi(api: InboxApi, capture: CaptureInfo): InboxApi {
  const withCapture = (s: AppStatus): AppStatus => ({ ...s, capture });
  const out = {} as Record<ApiMethod, (...args: unknown[]) => Promise<Result<unknown>>>;
  for (const method of API_METHODS) {
    const real = api[method] as (...args: unknown[]) => Promise<Result<unknown>>;
    out[method] = isRefusedInCapture(method) ? async () => fail(readOnlyError(method)) : (...args) => real.apply(api, args);
  }
  out.getStatus = async () => {
    const r = await api.getStatus();
    return r.ok ? { ok: true, value: withCapture(r.value) } : r;
  };
  return {
    ...(out as unknown as Omit<InboxApi, 'subscribe'>),
    subscribe: (listener: (m: PushMessage) => void) =>
      api.subscribe((m) => listener(m.type === 'status' ? { type: 'status', status: withCapture(m.status) } : m)),
  };
}

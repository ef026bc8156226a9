/**
 * The DT Cloud methods of the contract: the DT side from the injected controller
 * (controller.ts), the inbox side (3 h counts, arrived types, emulator
 * latencies) from the store. Without a controller every method says how to connect.
 */
import { fail, ok, type InboxApi } from '../../../shared/api/contract';
import type { EventSummary } from '../../../shared/records';
import type { DtController } from './controller';
import type { DtHealth } from './dt-health';
import { inboxWindow, matchEmulation } from './inbox-window';

export const DT_HINT = 'Not connected to DT Cloud: set DT_SERVICE_ACCOUNT_KEY_ID, DT_SERVICE_ACCOUNT_SECRET and DT_SERVICE_ACCOUNT_EMAIL, then run connector-inbox serve --tunnel --dt-project <project id>';
const NO_CREDENTIALS_HERE = 'connector-inbox serve reads the service account from DT_SERVICE_ACCOUNT_KEY_ID, DT_SERVICE_ACCOUNT_SECRET and DT_SERVICE_ACCOUNT_EMAIL; set them and restart (only the desktop app saves them)';

export type DtApi = Pick<InboxApi, 'getDtCloud' | 'dtListProjects' | 'dtConnect' | 'dtSetConnectorStatus' | 'dtSync' | 'dtSetEventFilter' | 'dtEmulate' | 'dtSetCredentials' | 'watchDtCloud' | 'dtRefresh' | 'dtConnectorMetrics'>;

/** `health`: the follower's changes and the last emulation from the health log, so both survive a restart. */
export function createDtApi(dt: DtController | undefined, summaries: () => readonly EventSummary[], health?: DtHealth, now: () => number = Date.now): DtApi {
  const none = async () => fail<never>(DT_HINT);
  if (!dt) {
    return {
      getDtCloud: async () => ok({ configured: false, hint: DT_HINT, credentials: null, canSetCredentials: false }),
      dtListProjects: none, dtConnect: none, dtSetConnectorStatus: none, dtSync: none, dtSetEventFilter: none, dtEmulate: none,
      watchDtCloud: none, dtRefresh: none, dtConnectorMetrics: none,
      dtSetCredentials: async () => fail(NO_CREDENTIALS_HERE),
    };
  }
  /** DT's answer plus what the inbox itself saw of the same project. */
  const withInbox: InboxApi['getDtCloud'] = async () => {
    const r = await dt.info();
    if (!r.ok || !r.value.configured) return r;
    const all = summaries();
    const run = dt.emulation() ?? health?.lastEmulation();
    return ok({
      ...r.value,
      inbox: inboxWindow(all, r.value.project, now()),
      ...(run ? { emulation: matchEmulation(run, all) } : {}),
      ...(health ? { followerChanges: health.changes() } : {}),
    });
  };
  const andInfo = <A>(fn: (a: A) => Promise<{ ok: boolean }>) => async (a: A) => {
    const r = await fn(a);
    return r.ok ? withInbox() : (r as never);
  };
  return {
    getDtCloud: withInbox,
    dtListProjects: () => dt.listProjects(),
    dtConnect: andInfo(dt.connect),
    dtSetConnectorStatus: andInfo(dt.setConnectorStatus),
    dtSync: andInfo(dt.sync),
    dtSetEventFilter: andInfo(dt.setEventFilter),
    dtEmulate: async (a) => {
      const r = await dt.emulate(a);
      if (r.ok) health?.emulated(r.value);
      return r;
    },
    dtSetCredentials: async () => fail(NO_CREDENTIALS_HERE),
    watchDtCloud: async () => ok(dt.watch()),
    dtRefresh: () => andInfo(() => dt.refresh())(undefined),
    dtConnectorMetrics: (a) => dt.connectorMetrics(a),
  };
}

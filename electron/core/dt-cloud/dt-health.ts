/**
 * The DT Cloud side of the health log: the connector follower's changes (state, URL, DT's
 * SYSTEM_DISABLED, the last error) and the emulator's last run, so the DT Cloud view shows after
 * a restart what happened to the connector while the tester was away, and the published →
 * received table of the last emulation.
 */
import type { HealthLog, HealthRecord } from '../health-log';
import type { DtEmulationView, DtFollowerChange } from '../../../shared/api/dt-cloud';
import type { FollowerStatus } from './follower';

/** changes kept for the view, newest first */
const KEPT = 50;

export type FollowerChange = DtFollowerChange;

const sameChange = (a: FollowerChange | undefined, s: FollowerStatus) =>
  !!a && a.state === s.state && a.project === s.project && a.url === s.url && a.systemDisabled === s.systemDisabled && a.connectorId === s.connectorId;

function asChange(r: HealthRecord): FollowerChange | undefined {
  if (r.k !== 'follower' || typeof r.state !== 'string' || typeof r.project !== 'string') return undefined;
  return {
    at: new Date(r.t).toISOString(), state: r.state as FollowerChange['state'], project: r.project,
    ...(typeof r.connectorId === 'string' && { connectorId: r.connectorId }),
    ...(typeof r.url === 'string' && { url: r.url }),
    systemDisabled: r.systemDisabled === true,
    ...(typeof r.error === 'string' && { error: r.error }),
  };
}

export interface DtHealth {
  /** a follower status: written when it differs from the last change (a retry countdown is not a change) */
  follower(s: FollowerStatus): void;
  /** newest first, earlier runs included */
  changes(): FollowerChange[];
  emulated(run: DtEmulationView): void;
  /** the last emulator run, from this run or an earlier one */
  lastEmulation(): DtEmulationView | undefined;
}

export function createDtHealth(log: HealthLog, now: () => number = Date.now): DtHealth {
  const changes: FollowerChange[] = [];
  for (const r of log.newest('follower')) {
    const c = asChange(r);
    if (c) changes.push(c);
    if (changes.length >= KEPT) break;
  }
  let emulation: DtEmulationView | undefined;
  for (const r of log.newest('emulation')) {
    if (r.run && typeof r.run === 'object' && Array.isArray((r.run as DtEmulationView).published)) {
      emulation = r.run as DtEmulationView;
      break;
    }
  }
  let seq = 0;
  return {
    follower(s) {
      if (sameChange(changes[0], s)) return;
      const t = now();
      const c: FollowerChange = {
        at: new Date(t).toISOString(), state: s.state, project: s.project, ...(s.connectorId && { connectorId: s.connectorId }),
        ...(s.url && { url: s.url }), systemDisabled: s.systemDisabled, ...(s.lastError && { error: s.lastError.slice(0, 300) }),
      };
      changes.unshift(c);
      if (changes.length > KEPT) changes.pop();
      // id: two changes in the same millisecond are two records
      log.append({ k: 'follower', t, id: String(seq++), state: c.state, project: c.project, connectorId: c.connectorId, url: c.url, systemDisabled: c.systemDisabled, error: c.error });
    },
    changes: () => [...changes],
    emulated(run) {
      emulation = run;
      log.append({ k: 'emulation', t: now(), run });
    },
    lastEmulation: () => emulation,
  };
}

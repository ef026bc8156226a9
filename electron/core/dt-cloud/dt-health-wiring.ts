/**
 * Ties the DT Cloud controller to the health log for the service: every follower status goes
 * to dtHealth.follower (which keeps only the changes), so the DT Cloud view can show after a
 * restart what happened to the connector while the tester was away.
 */
import type { HealthLog } from '../health-log';
import type { DtController } from './controller';
import { createDtHealth, type DtHealth } from './dt-health';

export interface DtHealthWiring {
  health: DtHealth;
  /** stops listening (before the log closes) */
  stop(): void;
}

export function wireDtHealth(dt: DtController, log: HealthLog): DtHealthWiring {
  const health = createDtHealth(log);
  const off = dt.onStatus((s) => health.follower(s));
  return { health, stop: () => { off(); } };
}

/**
 * When DT Cloud deserves the person's attention: DT set the inbox's connector SYSTEM_DISABLED
 * (after prolonged failed deliveries; its queue is dropped). Pure, so tested without Electron.
 */
import type { DtTrayState } from './tray-model';

export interface DtAlert {
  title: string;
  body: string;
}

/** A notification only on the change to SYSTEM_DISABLED, not on every status while it lasts. */
export function dtAlert(prev: DtTrayState | undefined, next: DtTrayState): DtAlert | undefined {
  if (!next.systemDisabled || prev?.systemDisabled) return undefined;
  const c = next.connectorId ? `Data connector ${next.connectorId}` : 'The data connector';
  return {
    title: 'DT disabled the data connector',
    body: `${c} was set SYSTEM_DISABLED by DT after failed deliveries; events sent meanwhile were dropped. Click to re-enable it.`,
  };
}

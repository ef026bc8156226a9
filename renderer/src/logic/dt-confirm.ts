/** What the DT Cloud view asks before it changes a connector that is not this inbox's. */
import type { DtConnectorRow } from '../../../shared/api/contract';

/** connect: 'Connect this inbox' with the id of a connector that is not ours yet */
export type ConnectorAction = 'enable' | 'disable' | 'sync' | 'connect';

export interface ConfirmWording {
  title: string;
  /** what DT does once confirmed */
  effect: string;
  /** the confirming button */
  confirm: string;
}

export function confirmWording(c: Pick<DtConnectorRow, 'displayName' | 'id'>, what: ConnectorAction): ConfirmWording {
  const name = c.displayName || c.id;
  switch (what) {
    case 'disable': return {
      title: `Disable ${name}?`,
      effect: 'DT stops delivering this project\'s events to its URL until someone enables it again: whoever receives there gets nothing meanwhile.',
      confirm: 'Disable it',
    };
    case 'enable': return {
      title: `Enable ${name}?`,
      effect: 'DT delivers this project\'s events (those its event filter takes) to its URL from now on.',
      confirm: 'Enable it',
    };
    case 'sync': return {
      title: `Sync ${name}?`,
      effect: 'DT re-sends the latest event of each type of every device of the project to its URL.',
      confirm: 'Sync it',
    };
    case 'connect': return {
      title: `Point ${name} at this inbox?`,
      effect: 'The inbox takes it over: its URL and signature secret are replaced by the inbox\'s and it is set ACTIVE, so whoever receives at its URL now gets nothing from it.',
      confirm: 'Take it over',
    };
  }
}

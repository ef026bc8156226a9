/** `connector-inbox dt …`: DT Cloud from the command line (service account from DT_SERVICE_ACCOUNT_*). */
import type { Command } from 'commander';
import { registerDtProjects } from './dt-projects';
import { registerDtConnectors } from './dt-connectors';
import { registerDtConnect } from './dt-connect';
import { registerDtState } from './dt-state';
import { registerDtEmulate } from './dt-emulate';
import { registerDtBackfill } from './dt-backfill';

export function registerDt(program: Command): void {
  const dt = program.command('dt')
    .description('manage DT Cloud data connectors and the emulator (needs DT_SERVICE_ACCOUNT_KEY_ID, _SECRET, _EMAIL; Project Developer role)');
  registerDtProjects(dt);
  registerDtConnectors(dt);
  registerDtConnect(dt);
  registerDtState(dt);
  registerDtEmulate(dt);
  registerDtBackfill(dt);
}

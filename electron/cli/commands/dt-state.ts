/** `connector-inbox dt disable | enable | sync --project P --connector ID`. */
import type { Command } from 'commander';
import { findInboxConnector, publicView } from '../../core/dt-cloud';
import { dtClient, out, printJson, type JsonFlag } from './dt-common';

interface Flags extends JsonFlag {
  project: string;
  connector: string;
}

const withTarget = (c: Command) => c
  .requiredOption('--project <id>', 'DT project id')
  .requiredOption('--connector <id>', 'data connector id (see dt connectors)')
  .option('--json', 'machine-readable output');

export function registerDtState(dt: Command): void {
  for (const [verb, status, what] of [['disable', 'USER_DISABLED', 'stop deliveries'], ['enable', 'ACTIVE', 'resume deliveries']] as const) {
    withTarget(dt.command(verb).description(`${what} of an HTTP push data connector`)).action(async (flags: Flags) => {
      const client = dtClient();
      await findInboxConnector(client, flags.project, '', flags.connector); // refuses other types
      const view = publicView(await client.updateConnector(flags.project, flags.connector, { status }));
      if (flags.json) return printJson(view);
      out(`Data connector ${view.id} "${view.displayName}" is now ${view.status}`);
    });
  }
  withTarget(dt.command('sync').description('ask DT to re-send the latest event of each type for every device')).action(async (flags: Flags) => {
    const client = dtClient();
    await findInboxConnector(client, flags.project, '', flags.connector);
    await client.syncConnector(flags.project, flags.connector);
    if (flags.json) return printJson({ synced: flags.connector });
    out(`DT is re-sending the latest event of each type for every device in project ${flags.project} to data connector ${flags.connector}`);
  });
}

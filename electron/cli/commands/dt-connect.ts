/**
 * `connector-inbox dt connect`: points one HTTP push connector at the inbox — the one given
 * by --connector, else ours by display name, else a new one — with the inbox's signature
 * secret, ACTIVE. When the inbox has no secret yet, a strong one is generated and stored
 * (stored-secret.ts) so `serve` verifies with it; the secret itself is never printed.
 */
import type { Command } from 'commander';
import { applyInboxConnector, displayNameFor, findInboxConnector, publicView } from '../../core/dt-cloud';
import { defaultDataDir } from '../../core/app-paths';
import { inboxSecret } from '../stored-secret';
import { dtClient, httpUrlText, list, out, printJson, type JsonFlag } from './dt-common';

interface ConnectFlags extends JsonFlag {
  project: string;
  url: string;
  connector?: string;
  events?: string[];
  labels?: string[];
  secret?: string;
  dataDir: string;
}

export function registerDtConnect(dt: Command): void {
  dt.command('connect')
    .description('point a DT Data Connector (HTTP push) at this inbox: create it, or update --connector / ours')
    .requiredOption('--project <id>', 'DT project id')
    .requiredOption('--url <url>', 'the public URL DT should POST to (the tunnel URL)', httpUrlText)
    .option('--connector <id>', 'update this HTTP push connector instead of ours (found by its display name) or a new one')
    .option('--events <types>', 'only these event types, comma-separated (default on create: all)', list)
    .option('--labels <keys>', 'label keys to include in each event, comma-separated (default on create: name)', list)
    .option('--secret <s>', 'the signature secret (default: $CONNECTOR_INBOX_SECRET, else the one stored in the data directory, else a new one)')
    .option('--data-dir <dir>', 'the inbox data directory, where a generated secret is stored', defaultDataDir())
    .option('--json', 'machine-readable output')
    .action(async (flags: ConnectFlags) => {
      const client = dtClient();
      const displayName = displayNameFor();
      const existing = await findInboxConnector(client, flags.project, displayName, flags.connector);
      const { secret, source, storedAt } = await inboxSecret(flags);
      const { connector, created } = await applyInboxConnector(client, flags.project, displayName,
        { url: flags.url, signatureSecret: secret, events: flags.events, labels: flags.labels }, existing);
      const view = publicView(connector);
      if (flags.json) return printJson({ created, connector: view, secret: { source, storedAt } });
      out(`${created ? 'Created' : 'Updated'} data connector ${view.id} "${view.displayName}" in project ${flags.project}: ${view.status}, POSTs to ${view.url}`);
      out(`Events: ${view.events.length ? view.events.join(', ') : 'all'}; labels: ${view.labels.join(', ') || 'none'}`);
      if (storedAt) out(`Generated a signature secret and stored it in ${storedAt} (readable only by you); serve --data-dir ${flags.dataDir} verifies with it.`);
      else out(`Signature secret: the one from ${source === 'stored' ? `the data directory (${flags.dataDir})` : source}.`);
      if (!flags.url.startsWith('https:')) process.stderr.write('WARNING: DT delivers only to https:// URLs with a certificate from a public CA (use serve --tunnel)\n');
    });
}

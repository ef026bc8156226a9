/**
 * `connector-inbox dt connectors --project P`: every data connector of the project, with
 * the last 3 h of DT's delivery metrics for HTTP push connectors. Cloud-queue connectors
 * are listed for completeness and never touched.
 */
import type { Command } from 'commander';
import { idOf, listAll, publicView, type ConnectorMetrics } from '../../core/dt-cloud';
import { dtClient, out, printJson, table, type JsonFlag } from './dt-common';

export function registerDtConnectors(dt: Command): void {
  dt.command('connectors')
    .description('list the data connectors of a project with their last 3 h of delivery metrics')
    .requiredOption('--project <id>', 'DT project id')
    .option('--json', 'machine-readable output')
    .action(async (flags: JsonFlag & { project: string }) => {
      const client = dtClient();
      const all = await listAll(`the data connectors of project ${flags.project}`, (page) => client.listConnectors(flags.project, page));
      const rows = await Promise.all(all.map(async (c) => {
        const metrics: ConnectorMetrics | undefined = c.type === 'HTTP_PUSH' ? await client.connectorMetrics(flags.project, idOf(c.name)) : undefined;
        return { ...publicView(c), metrics };
      }));
      if (flags.json) return printJson(rows);
      if (!rows.length) return out(`No data connectors in project ${flags.project}: create one with connector-inbox dt connect --project ${flags.project} --url <public URL>`);
      out(table([
        ['ID', 'NAME', 'TYPE', 'STATUS', 'URL', 'EVENTS', 'LABELS', 'OK (3 h)', 'ERRORS', 'P99'],
        ...rows.map((r) => [
          r.id, r.displayName, r.type, r.status, r.type === 'HTTP_PUSH' ? r.url : '(not HTTP push: left alone)',
          r.events.length ? r.events.join(',') : 'all', r.labels.join(',') || '-',
          r.metrics ? String(r.metrics.successCount) : '-', r.metrics ? String(r.metrics.errorCount) : '-', r.metrics?.latency99p || '-',
        ]),
      ]));
      for (const r of rows) if (r.status === 'SYSTEM_DISABLED') out(`\n${r.id} was disabled by DT after failing deliveries for a long time (its queue was dropped); enable it with connector-inbox dt enable --project ${flags.project} --connector ${r.id}`);
    });
}

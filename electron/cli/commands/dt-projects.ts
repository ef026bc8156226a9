/** `connector-inbox dt projects`: the projects the service account can see. */
import type { Command } from 'commander';
import { idOf, listAll } from '../../core/dt-cloud';
import { dtClient, out, printJson, table, type JsonFlag } from './dt-common';

export function registerDtProjects(dt: Command): void {
  dt.command('projects')
    .description('list the projects the service account is a member of')
    .option('--json', 'machine-readable output')
    .action(async (flags: JsonFlag) => {
      const client = dtClient();
      const projects = await listAll('your projects', (page) => client.listProjects(page));
      const rows = projects.map((p) => ({ id: idOf(p.name), displayName: p.displayName, organization: p.organizationDisplayName ?? '', sensors: p.sensorCount ?? 0, cloudConnectors: p.cloudConnectorCount ?? 0 }));
      if (flags.json) return printJson(rows);
      if (!rows.length) return out('No projects: add the service account to a project (with the Project Developer role) in DT Studio.');
      out(table([['PROJECT', 'NAME', 'ORGANIZATION', 'SENSORS', 'CCONS'], ...rows.map((r) => [r.id, r.displayName, r.organization, String(r.sensors), String(r.cloudConnectors)])]));
    });
}

/**
 * The one Data Connector that feeds this inbox: how it is named, found and configured.
 * Found by id when given, else by our display name, so `dt connect` and `serve
 * --dt-project` reuse one connector per machine instead of piling up new ones.
 */
import { hostname } from 'node:os';
import type { DtClient } from './client';
import { listAll } from './client';
import { DtCloudError } from './errors';
import { idOf, type ConnectorFields, type DataConnector } from './types';

export const displayNameFor = (host: string = hostname()): string => `Connector Inbox (${host})`;

export interface InboxConnectorSpec {
  url: string;
  signatureSecret: string;
  /** event types to send (empty = all); left as it is on an update when undefined */
  events?: string[];
  /** label keys to include; left as it is on an update when undefined */
  labels?: string[];
  status?: 'ACTIVE' | 'USER_DISABLED';
}

/** The connector by id (must be HTTP_PUSH), else ours by display name, else undefined. */
export async function findInboxConnector(client: DtClient, project: string, displayName: string, id?: string): Promise<DataConnector | undefined> {
  if (id) {
    const c = await client.getConnector(project, id);
    if (c.type !== 'HTTP_PUSH') throw new DtCloudError('bad_request', `data connector ${id} is of type ${c.type}, not HTTP_PUSH: the inbox only points HTTP push connectors at itself and leaves others alone`);
    return c;
  }
  const all = await listAll(`the data connectors of project ${project}`, (page) => client.listConnectors(project, page));
  return all.find((c) => c.type === 'HTTP_PUSH' && c.displayName === displayName);
}

/** Points the connector at the inbox: updates `existing`, or creates one with our display name. */
export async function applyInboxConnector(client: DtClient, project: string, displayName: string, spec: InboxConnectorSpec, existing?: DataConnector): Promise<{ connector: DataConnector; created: boolean }> {
  const status = spec.status ?? 'ACTIVE';
  if (existing) {
    // Keep the user's custom headers: only the URL and the secret are ours.
    const fields: ConnectorFields = {
      status, httpConfig: { headers: existing.httpConfig?.headers ?? {}, url: spec.url, signatureSecret: spec.signatureSecret },
      ...(spec.events ? { events: spec.events } : {}), ...(spec.labels ? { labels: spec.labels } : {}),
    };
    return { connector: await client.updateConnector(project, idOf(existing.name), fields), created: false };
  }
  const connector = await client.createConnector(project, {
    displayName, type: 'HTTP_PUSH', status, events: spec.events ?? [], labels: spec.labels ?? ['name'],
    httpConfig: { url: spec.url, signatureSecret: spec.signatureSecret, headers: {} },
  });
  return { connector, created: true };
}

/** A connector as the app shows it: never its signature secret. */
export function publicView(c: DataConnector) {
  return {
    id: idOf(c.name), name: c.name, displayName: c.displayName, type: c.type, status: c.status,
    url: c.httpConfig?.url ?? '', events: c.events ?? [], labels: c.labels ?? [],
  };
}

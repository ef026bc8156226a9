/**
 * `serve --dt-project`: the wiring between the running inbox and the connector follower
 * (electron/core/dt-cloud/follower.ts) — where the public URL comes from (the tunnel while
 * online, or --public-url) and one line on stdout whenever the connector's state changes.
 */
import { fail, ok, type DtCloudInfo, type Result } from '../../shared/api/contract';
import { createConnectorFollower, createDtClientFromEnv, displayNameFor, idOf, listAll, publicView, type ConnectorFollower, type DtClient, type FollowerStatus, type PublicUrlSource } from '../core/dt-cloud';
import type { TunnelController } from '../core/tunnel';

export interface DtFollowFlags {
  dtProject?: string;
  dtConnector?: string;
  publicUrl?: string;
  tunnel?: boolean;
}

/** Checked before anything starts, so a wrong setup fails at once with the fix in the message. */
export function checkDtFollowFlags(flags: DtFollowFlags): void {
  if (!flags.dtProject) {
    if (flags.dtConnector || flags.publicUrl) throw new Error('--dt-connector and --public-url only make sense with --dt-project');
    return;
  }
  if (!flags.tunnel && !flags.publicUrl) throw new Error('--dt-project needs a public URL for the connector: add --tunnel, or --public-url <url> if DT reaches this machine another way');
  createDtClientFromEnv(process.env); // a missing DT_SERVICE_ACCOUNT_* variable is reported now, not after start
}

function urlSource(flags: DtFollowFlags, tunnel: TunnelController | undefined): PublicUrlSource {
  if (flags.publicUrl) {
    const url = flags.publicUrl;
    return { current: () => url, onChange: () => () => {} };
  }
  const of = (s: ReturnType<TunnelController['status']>) => (s.state === 'online' ? s.url : undefined);
  return { current: () => (tunnel ? of(tunnel.status()) : undefined), onChange: (l) => tunnel?.onStatus((s) => l(of(s))) ?? (() => {}) };
}

function describe(s: FollowerStatus): string | undefined {
  const c = s.connectorId ? `data connector ${s.connectorId}` : 'the data connector';
  if (s.systemDisabled) return `WARNING: DT set ${c} SYSTEM_DISABLED after failed deliveries (its queue was dropped)`;
  switch (s.state) {
    case 'active': return `${c} in project ${s.project} is ACTIVE and POSTs to ${s.url}`;
    case 'disabled': return `${c} is disabled (no public URL for 5 minutes); it is re-enabled when the URL is back`;
    case 'retrying': return `${s.lastError}; retrying in ${Math.round((s.nextRetryInMs ?? 0) / 1000)} s (the receiver keeps running)`;
    case 'stopped': return s.lastError ?? `${c} disabled (USER_DISABLED) until the inbox runs again`;
    default: return undefined;
  }
}

export interface DtFollow {
  /** for the inspector's DT Cloud view (the service's getDtCloud) */
  info(): Promise<Result<DtCloudInfo>>;
  /** once the receiver (and tunnel) exist */
  start(tunnel: TunnelController | undefined, signatureSecret: string): ConnectorFollower;
}

/** Undefined without --dt-project. Built before the service so the service can answer getDtCloud. */
export function createDtFollow(flags: DtFollowFlags): DtFollow | undefined {
  const project = flags.dtProject;
  if (!project) return undefined;
  const client = createDtClientFromEnv(process.env, { timeoutMs: 5_000 });
  let follower: ConnectorFollower | undefined;
  return {
    info: async () => {
      if (!follower) return fail('DT Cloud is starting');
      const st = follower.status();
      const { state, connectorId, url, systemDisabled, lastError, nextRetryInMs } = st;
      const base = { configured: true as const, project, follower: { state, connectorId, url, systemDisabled, lastError, nextRetryInMs } };
      try {
        return ok({ ...base, connectors: await connectorRows(client, project, connectorId) });
      } catch (e) {
        return ok({ ...base, connectors: [], error: (e as Error).message });
      }
    },
    start(tunnel, signatureSecret) {
      follower = startFollower(client, project, flags, tunnel, signatureSecret);
      return follower;
    },
  };
}

async function connectorRows(client: DtClient, project: string, ours: string | undefined) {
  const all = await listAll((page) => client.listConnectors(project, page));
  return Promise.all(all.map(async (c) => ({
    ...publicView(c),
    ours: idOf(c.name) === ours,
    metrics: c.type === 'HTTP_PUSH' ? await client.connectorMetrics(project, idOf(c.name)) : undefined,
  })));
}

function startFollower(client: DtClient, project: string, flags: DtFollowFlags, tunnel: TunnelController | undefined, signatureSecret: string): ConnectorFollower {
  const follower = createConnectorFollower({
    client, project, connectorId: flags.dtConnector, displayName: displayNameFor(), signatureSecret,
    urls: urlSource(flags, tunnel),
  });
  let last = '';
  follower.onStatus((s) => {
    const line = describe(s);
    if (line && line !== last) process.stdout.write(`DT Cloud: ${line}\n`);
    if (line) last = line;
  });
  follower.start();
  return follower;
}

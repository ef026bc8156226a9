/**
 * `serve --dt-project`: the wiring between the running inbox and the connector follower
 * (electron/core/dt-cloud/follower.ts) — where the public URL comes from (the tunnel while
 * online, or --public-url) and one line on stdout whenever the connector's state changes.
 */
import { createConnectorFollower, createDtClientFromEnv, displayNameFor, type ConnectorFollower, type FollowerStatus, type PublicUrlSource } from '../core/dt-cloud';
import type { TunnelController } from '../core/tunnel-types';

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

export function startDtFollow(flags: DtFollowFlags, tunnel: TunnelController | undefined, signatureSecret: string): ConnectorFollower | undefined {
  if (!flags.dtProject) return undefined;
  const follower = createConnectorFollower({
    client: createDtClientFromEnv(process.env, { timeoutMs: 5_000 }),
    project: flags.dtProject, connectorId: flags.dtConnector, displayName: displayNameFor(), signatureSecret,
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

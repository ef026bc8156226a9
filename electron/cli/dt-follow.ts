/**
 * `serve` and DT Cloud: with --dt-project the connector follows the inbox (the follower in
 * electron/core/dt-cloud/); with a service account in the environment the inspector's DT
 * Cloud view can act on the project's connectors. This file only wires: where the public URL
 * comes from (the tunnel while online, or --public-url) and one stdout line per state change.
 */
import { createDtController, endpointsFromEnv, fixedUrlSource, serviceAccountFromEnv, tunnelUrlSource, type DtController, type FollowerStatus } from '../core/dt-cloud';
import type { TunnelController } from '../core/tunnel';

export interface DtFollowFlags {
  dtProject?: string;
  dtConnector?: string;
  publicUrl?: string;
  tunnel?: boolean;
  /** receive from DT's event stream (with --dt-project) */
  dtStream?: boolean;
  device?: string[];
  type?: string[];
}

/** With --dt-stream the connector follows only when there is also a public URL (both sources then run). */
export const followsConnector = (flags: DtFollowFlags): boolean => Boolean(flags.dtProject) && (!flags.dtStream || Boolean(flags.tunnel || flags.publicUrl));

/** Checked before anything starts, so a wrong setup fails at once with the fix in the message. */
export function checkDtFollowFlags(flags: DtFollowFlags): void {
  if (!flags.dtStream && (flags.device?.length || flags.type?.length)) throw new Error('--device and --type choose what the stream sends: they need --dt-stream');
  if (!flags.dtProject) {
    if (flags.dtStream) throw new Error('--dt-stream needs --dt-project <id>: the project whose events to stream');
    if (flags.dtConnector) throw new Error('--dt-connector only makes sense with --dt-project');
    // --public-url alone: the inspector's DT Cloud view connects a project later, with the service account
    if (flags.publicUrl) serviceAccountFromEnv(process.env);
    return;
  }
  if (!flags.dtStream && !flags.tunnel && !flags.publicUrl) throw new Error('--dt-project needs a public URL for the connector: add --tunnel, or --public-url <url> if DT reaches this machine another way (or --dt-stream: no tunnel needed)');
  serviceAccountFromEnv(process.env); // a missing DT_SERVICE_ACCOUNT_* variable is reported now, not after start
}

function describe(s: FollowerStatus): string | undefined {
  const c = s.connectorId ? `data connector ${s.connectorId}` : 'the data connector';
  if (s.systemDisabled) return `WARNING: DT set ${c} SYSTEM_DISABLED after failed deliveries (its queue was dropped)`;
  switch (s.state) {
    case 'active': return `${c} in project ${s.project} is ACTIVE and POSTs to ${s.url}`;
    case 'disabled': return `${c} is disabled; it is re-enabled when the public URL is back`;
    case 'retrying': return `${s.lastError}; retrying in ${Math.round((s.nextRetryInMs ?? 0) / 1000)} s (the receiver keeps running)`;
    // a serve whose URL never came (no tunnel) made no connector: there was nothing to disable
    case 'stopped': return s.lastError ?? (s.connectorId ? `${c} disabled (USER_DISABLED) until the inbox runs again` : 'no data connector was created or found in this run: nothing to disable');
    default: return undefined;
  }
}

/**
 * The controller when serve has a service account in the environment (always with
 * --dt-project, which checkDtFollowFlags made sure of), else undefined. Built before the
 * service, which answers the DT Cloud view with it; start() once the receiver and tunnel exist.
 */
export function createDtFollow(flags: DtFollowFlags, signatureSecret: () => Promise<string>, tunnel: () => TunnelController | undefined): DtController | undefined {
  let account: ReturnType<typeof serviceAccountFromEnv>;
  try {
    account = serviceAccountFromEnv(process.env);
  } catch {
    return undefined;
  }
  const dt = createDtController({
    account: () => ({ account, source: 'env' }), endpoints: endpointsFromEnv(process.env), urls: flags.publicUrl ? fixedUrlSource(flags.publicUrl) : tunnelUrlSource(tunnel), signatureSecret,
    follow: followsConnector(flags) ? { project: flags.dtProject!, connectorId: flags.dtConnector } : undefined,
    noAccountHint: 'set DT_SERVICE_ACCOUNT_KEY_ID, DT_SERVICE_ACCOUNT_SECRET and DT_SERVICE_ACCOUNT_EMAIL', canSetCredentials: false,
  });
  let last = '';
  dt.onStatus((s) => {
    const line = describe(s);
    if (line && line !== last) process.stdout.write(`DT Cloud: ${line}\n`);
    if (line) last = line;
  });
  return dt;
}

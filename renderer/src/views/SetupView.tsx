import { useState } from 'react';
import type { AppStatus } from '../../../shared/api/contract';
import { useApi } from '../api';
import { useStatus } from '../hooks/useStatus';
import { connectorSteps, parseSecrets, tunnelText } from '../logic/setup';
import { CopyButton } from '../components/CopyButton';
import { Notice } from '../components/Notice';
import { SecretsForm, TunnelForm } from './SetupForms';
import { NotificationsForm } from './NotificationsForm';
import { DisplayForm } from './DisplayForm';
import { PublicUrlOptions } from '../components/PublicUrlOptions';
import { PublicUrlForm } from './PublicUrlForm';
import { CheckReceiverPanel } from './CheckReceiverPanel';
import { ForwardingForm } from './forwarding/ForwardingForm';
import { ForwardingPanel } from './forwarding/ForwardingPanel';
import { DtSetupPanel } from './dt-cloud/DtSetupPanel';
import { ReceiveModePanel } from './ReceiveModePanel';

/** Receiver, how events arrive and the tunnel's state, the write-only credential forms and the DT Studio walkthrough. */
export function SetupView() {
  const { status, error } = useStatus();
  if (error && !status) return <Notice tone="error">{error}</Notice>;
  if (!status) return <p className="muted">Loading…</p>;
  const publicUrl = status.tunnel.state === 'online' ? status.tunnel.url : null;
  return (
    <div className="scroll-area setup">
      {status.startupWarnings.map((w, i) => <Notice key={i} tone="warn">{w}</Notice>)}
      {!status.storage.ok && <Notice tone="error">Storage problem since {status.storage.since}: {status.storage.message}</Notice>}
      <div className="setup-grid">
        <section className="panel">
          <h3>Receiver</h3>
          <dl className="kv">
            <dt>Local URL</dt><dd><span className="mono">{status.receiverUrl}</span> <CopyButton text={status.receiverUrl} /></dd>
            <dt>Data folder</dt><dd className="mono">{status.dataDir}</dd>
            <dt>Signature secrets</dt><dd>{status.secretsConfigured === 0 ? <span className="warn-text">none configured: events are stored as unverified</span> : `${status.secretsConfigured} secret${status.secretsConfigured > 1 ? 's' : ''} configured`}</dd>
            {status.allowExpired && <><dt>Expired tokens</dt><dd className="warn-text">accepted (--allow-expired)</dd></>}
          </dl>
        </section>
        <ReceiveModePanel receiveMode={status.receiveMode} />
        {status.tunnelManaged ? <TunnelPanel status={status} publicUrl={publicUrl} /> : <NoTunnelPanel />}
        <SecretsForm configured={status.secretsConfigured} parse={parseSecrets} />
        {/* serve without --tunnel has no tunnel to configure: no form that could only answer "no tunnel in this mode" */}
        {status.tunnelManaged && <TunnelForm authtokenConfigured={status.authtokenConfigured} domain={status.tunnelDomain} />}
        {/* only the desktop app shows notifications; `serve` in a browser has none */}
        {status.mode === 'desktop' && <NotificationsForm />}
        {status.mode === 'desktop' && <PublicUrlForm />}
        <ForwardingForm />
        <DisplayForm />
      </div>
      {status.forward && <ForwardingPanel forward={status.forward} />}
      <DtSetupPanel />
      <section className="panel">
        <h3>Create the Data Connector in DT Studio</h3>
        <ol className="steps">
          {connectorSteps(publicUrl, status.secretsConfigured).map((s) => (
            <li key={s.title}>
              <strong>{s.title}.</strong> {s.text}
              {s.value && <> <span className="mono">{s.value}</span> <CopyButton text={s.value} /></>}
            </li>
          ))}
        </ol>
      </section>
      <CheckReceiverPanel inboxUrl={status.receiverUrl} />
    </div>
  );
}

function TunnelPanel({ status, publicUrl }: { status: AppStatus; publicUrl: string | null }) {
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const t = status.tunnel;
  const act = async (fn: () => Promise<{ ok: boolean; error?: string }>) => {
    setBusy(true);
    setError(null);
    const r = await fn();
    if (!r.ok) setError(r.error ?? 'failed');
    setBusy(false);
  };
  const running = t.state === 'online' || t.state === 'connecting' || t.state === 'reconnecting';
  return (
    <section className="panel">
      <h3>Public tunnel (ngrok)</h3>
      <p className={`tunnel-state state-${t.state}`} role="status">{tunnelText(t)}</p>
      {publicUrl && <p><span className="mono">{publicUrl}</span> <CopyButton text={publicUrl} /></p>}
      {!status.authtokenConfigured && <p className="muted">DT delivers only over HTTPS with a valid certificate; the tunnel provides one. Enter an ngrok authtoken in the ngrok form first.</p>}
      <div className="row-gap">
        <button type="button" className="btn primary" disabled={busy || running} onClick={() => void act(() => api.startTunnel())}>Start tunnel</button>
        <button type="button" className="btn" disabled={busy || !running} onClick={() => void act(() => api.stopTunnel())}>Stop tunnel</button>
      </div>
      {error && <Notice tone="error">{error}</Notice>}
    </section>
  );
}

/** `serve` without --tunnel: this run cannot start one, so say how to get a public URL instead of offering buttons. */
function NoTunnelPanel() {
  return (
    <section className="panel">
      <h3>Public URL</h3>
      <p>This run has no tunnel of its own. DT delivers only to a public HTTPS URL; unless you gave one with <span className="mono">--public-url</span>, restart with one of:</p>
      <PublicUrlOptions />
    </section>
  );
}

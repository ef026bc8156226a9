import { useState } from 'react';
import type { AppStatus } from '../../../../shared/api/contract';
import { useApi } from '../../api';
import { EmptyState, Notice } from '../../components/Notice';
import { PublicUrlOptions } from '../../components/PublicUrlOptions';

/** how many the button sends: enough to fill each view (12 devices of every kind), few enough to read */
const TEST_EVENT_COUNT = 50;

/**
 * The Events view before the first event: how DT can reach this inbox in this mode (DT delivers
 * only to a public HTTPS URL, so the local 127.0.0.1 address is never offered as the connector's
 * URL), and test events sent from the inbox itself: the desktop app has no `connector-inbox`
 * command on PATH, and a new tester should see the views fill before setting up DT.
 */
export function EmptyInbox({ status }: { status: AppStatus | null }) {
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ tone: 'info' | 'warn' | 'error'; text: string } | null>(null);
  const send = async () => {
    setBusy(true);
    setOutcome(null);
    const r = await api.sendTestEvents({ count: TEST_EVENT_COUNT });
    setBusy(false);
    if (!r.ok) return setOutcome({ tone: 'error', text: r.error });
    const { sent, acked, signed } = r.value;
    setOutcome(acked < sent
      ? { tone: 'warn', text: `${acked} of ${sent} test events were taken; the Rejected tab says why the others were refused.` }
      : { tone: 'info', text: `${acked} test events sent${signed ? ', signed with your first secret' : ' unsigned (no signature secret is set), so they show as unverified'}.` });
  };
  if (status?.capture) return <EmptyState title="This capture holds no events">The file was exported from an inbox with nothing in it, or with a filter that matched nothing.</EmptyState>;
  return (
    <EmptyState title="No events yet">
      <HowDtReaches status={status} />
      {/* receiverUrl is '' when the inbox only reads DT's event stream: there is no receiver to send to */}
      {status?.receiverUrl && <>
        <p>Or see the inbox fill with simulated events of every kind, signed like DT's:</p>
        <p><button type="button" className="btn primary" disabled={busy} onClick={() => void send()}>{busy ? 'Sending…' : `Send ${TEST_EVENT_COUNT} test events`}</button></p>
      </>}
      {outcome && <Notice tone={outcome.tone}>{outcome.text}</Notice>}
      {status?.mode === 'browser' && status.receiverUrl && (
        <p className="muted">From a terminal: <span className="mono">npx connector-inbox send --to {status.receiverUrl}{status.secretsConfigured > 0 ? ' --secret <your secret>' : ''}</span></p>
      )}
    </EmptyState>
  );
}

function HowDtReaches({ status }: { status: AppStatus | null }) {
  if (!status) return null;
  if (status.tunnel.state === 'online') {
    return <p>Point a Data Connector at <span className="mono">{status.tunnel.url}</span> (the Setup tab walks you through it in DT Studio).</p>;
  }
  if (status.tunnelManaged) {
    return <p>DT delivers only to a public HTTPS URL: start the tunnel in the Setup tab, then point a Data Connector at the URL it shows.</p>;
  }
  return (
    <>
      <p>DT delivers only to a public HTTPS URL and cannot reach <span className="mono">{status.receiverUrl}</span>. Restart with one of:</p>
      <PublicUrlOptions />
    </>
  );
}

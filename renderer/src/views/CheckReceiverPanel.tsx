import { useState, type FormEvent } from 'react';
import type { CheckReport } from '../../../shared/check-report';
import { useApi } from '../api';
import { Notice } from '../components/Notice';

/**
 * "Check my receiver": runs DT's delivery best practices against the tester's receiver
 * (the same run as `connector-inbox check`) and shows each verdict with what to change.
 * The secret typed here goes to the app for this run only and the field is cleared.
 */
export function CheckReceiverPanel({ inboxUrl }: { inboxUrl: string }) {
  const api = useApi();
  const [url, setUrl] = useState('');
  const [secret, setSecret] = useState('');
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [report, setReport] = useState<CheckReport | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setRunning(true);
    setError(null);
    setReport(null);
    const r = await api.checkReceiver({ url: url.trim(), ...(secret ? { secret } : {}) });
    setSecret('');
    setRunning(false);
    if (r.ok) setReport(r.value);
    else setError(r.error);
  };
  return (
    <section className="panel" aria-label="Check my receiver">
      <h3>Check my receiver</h3>
      <p className="muted">
        Sends about 230 realistic, DT-signed events to a receiver (all 19 types, an unknown type, a burst of 200, a duplicate,
        an out-of-order event and, with its signature secret, forged ones) and reports which of DT&apos;s delivery rules it follows.
      </p>
      <form className="check-form" onSubmit={(e) => void submit(e)} autoComplete="off">
        <label className="field">
          Receiver URL
          <input aria-label="Receiver URL" value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://your-receiver.example.com/dt" />
        </label>
        <label className="field">
          Its signature secret (optional)
          <input type="password" aria-label="Receiver signature secret" autoComplete="new-password" value={secret} onChange={(e) => setSecret(e.target.value)} placeholder="without it the signature checks are skipped" />
        </label>
        <div className="row-gap">
          <button type="button" className="btn" disabled={running} onClick={() => setUrl(inboxUrl)}>Use this inbox</button>
          <button type="submit" className="btn primary" disabled={running || !url.trim()}>{running ? 'Checking…' : 'Run check'}</button>
        </div>
      </form>
      {running && <Notice>Checking {url.trim()}… this takes a few seconds (up to a minute for a slow receiver).</Notice>}
      {error && <Notice tone="error">{error}</Notice>}
      {report && <CheckTable report={report} />}
    </section>
  );
}

function CheckTable({ report }: { report: CheckReport }) {
  const s = report.summary;
  return (
    <>
      <p role="status">
        <span className="mono">{report.target}</span>: {s.pass} passed, {s.fail} failed, {s.warn} warning{s.warn === 1 ? '' : 's'}
      </p>
      <table className="table compact" aria-label="Check results">
        <thead>
          <tr><th>Status</th><th>Check</th><th>Result</th></tr>
        </thead>
        <tbody>
          {report.results.map((r) => (
            <tr key={r.id} data-check={r.id}>
              <td><span className={`badge check-${r.status}`}>{r.status}</span></td>
              <td className="mono">{r.id}</td>
              <td>
                {r.detail}
                {r.status !== 'pass' && r.advice && <div className="check-advice">{r.advice}</div>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

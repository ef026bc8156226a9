import { useEffect, useRef, useState, type FormEvent } from 'react';
import { reasonsByCount, type DeliverySummary } from '../../../../shared/api/replay';
import { Notice } from '../../components/Notice';
import { useReplay } from '../../hooks/useReplay';
import { useStatus } from '../../hooks/useStatus';
import { formatCount } from '../../logic/format';
import { buildRequest, forwardTargetOf, initialForm, progressPercent, scopeLine, statusLine, summaryHeadline, type ReplayForm, type ReplayScope } from '../../logic/replay';

/**
 * Replay the selected events, or all matching the filter, to the forward target or another
 * receiver, re-signed. A secret typed here goes to the app for this run only: the field is
 * cleared when the run starts and the secret is never shown again.
 */
export function ReplayDialog({ scope, onClose }: { scope: ReplayScope; onClose: () => void }) {
  const { status } = useStatus();
  const forward = forwardTargetOf(status ?? null);
  const [form, setForm] = useState<ReplayForm>(() => initialForm(status ?? null));
  const [problem, setProblem] = useState<string | null>(null);
  const { run, progress, start, stop } = useReplay();
  const running = run.state === 'running';
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  // the status may arrive after the dialog opened: offer the forward target once it is known
  useEffect(() => {
    if (forward && run.state === 'idle' && !form.url) setForm((f) => ({ ...f, target: 'forward' }));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [forward]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const req = buildRequest(form, scope);
    if (typeof req === 'string') return setProblem(req);
    setProblem(null);
    setForm((f) => ({ ...f, secret: '' }));
    void start(req);
  };
  const set = (patch: Partial<ReplayForm>) => setForm((f) => ({ ...f, ...patch }));
  const pct = progressPercent(progress);

  return (
    <div className="modal-backdrop">
      <div
        className="modal panel" role="dialog" aria-modal="true" aria-labelledby="replay-title"
        onKeyDown={(e) => {
          if (e.key === 'Escape' && !running) {
            e.stopPropagation();
            onClose();
          }
        }}
      >
        <h3 id="replay-title">Replay events</h3>
        <p className="muted">
          Sends {scopeLine(scope)} again, oldest first, as the exact bytes received, signed afresh as DT signs
          (unsigned without a secret), retried like DT on non-2xx.
        </p>
        <form onSubmit={submit} autoComplete="off">
          <fieldset className="replay-targets" disabled={running}>
            <legend>Send to</legend>
            <label className="field inline">
              <input ref={forward ? first : undefined} type="radio" name="replay-target" checked={form.target === 'forward'} disabled={!forward} onChange={() => set({ target: 'forward' })} />
              {forward ? <>The forward target <span className="mono">{forward}</span> (with its secret)</> : 'The forward target (none set)'}
            </label>
            <label className="field inline">
              <input ref={forward ? undefined : first} type="radio" name="replay-target" checked={form.target === 'url'} onChange={() => set({ target: 'url' })} />
              Another URL
            </label>
            {form.target === 'url' && (
              <>
                <label className="field">
                  Receiver URL
                  <input aria-label="Replay to URL" value={form.url} onChange={(e) => set({ url: e.target.value })} placeholder="https://your-receiver.example.com/dt" />
                </label>
                <label className="field">
                  Its signature secret (optional, used for this replay only)
                  <input type="password" aria-label="Replay signature secret" autoComplete="new-password" value={form.secret} onChange={(e) => set({ secret: e.target.value })} placeholder="without it the events go unsigned" />
                </label>
              </>
            )}
          </fieldset>
          <div className="row-gap">
            <button type="button" className="btn" disabled={running} onClick={onClose}>{run.state === 'done' ? 'Close' : 'Cancel'}</button>
            <button type="submit" className="btn primary" disabled={running}>{running ? 'Replaying…' : run.state === 'done' ? 'Replay again' : 'Start replay'}</button>
          </div>
        </form>
        {problem && <Notice tone="error">{problem}</Notice>}
        {running && (
          <div className="replay-progress">
            <progress aria-label="Replay progress" max={100} value={pct} />
            <span className="small muted">{progress ? `${formatCount(progress.done)} / ${formatCount(progress.total)} events` : 'Starting…'}</span>
            <button type="button" className="btn" onClick={stop}>Stop</button>
          </div>
        )}
        {run.state === 'error' && <Notice tone="error">{run.error}</Notice>}
        {run.state === 'done' && <ReplaySummary summary={run.summary} />}
      </div>
    </div>
  );
}

function ReplaySummary({ summary: s }: { summary: DeliverySummary }) {
  return (
    <section aria-label="Replay result" className="replay-result">
      <p role="status">{summaryHeadline(s)}</p>
      <dl className="replay-figures">
        <dt>Sent</dt><dd>{formatCount(s.sent)}</dd>
        <dt>Acknowledged</dt><dd>{formatCount(s.acked)}</dd>
        <dt>Failed</dt><dd>{formatCount(s.failed)}</dd>
        <dt>Requests</dt><dd>{formatCount(s.deliveries)} ({formatCount(s.retries)} retries)</dd>
        <dt>Statuses</dt><dd className="mono">{statusLine(s.statuses)}</dd>
        {s.failed > 0 && s.reasons && (
          <>
            <dt>Why not acknowledged</dt>
            <dd>
              <ul className="replay-reasons" aria-label="Why not acknowledged">
                {reasonsByCount(s.reasons).map(([why, n]) => <li key={why}>{why} <span className="muted">× {formatCount(n)}</span></li>)}
              </ul>
            </dd>
          </>
        )}
        <dt>Latency p50 / p99</dt><dd>{s.latencyMs.p50} / {s.latencyMs.p99} ms</dd>
        <dt>Took</dt><dd>{(s.durationMs / 1000).toFixed(1)} s</dd>
      </dl>
    </section>
  );
}

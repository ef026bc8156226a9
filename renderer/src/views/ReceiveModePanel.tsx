import { useState } from 'react';
import type { AppStatus, ReceiveMode } from '../../../shared/api/contract';
import { useApi } from '../api';
import { RECEIVE_MODES, receiveModeLabel } from '../logic/sources';
import { Notice } from '../components/Notice';

/**
 * How events arrive: DT's Data Connector to a public URL (the tunnel or the tester's own), or DT's event stream. The desktop
 * app switches at once (and saves it); serve chooses at start, so there it is only shown.
 */
export function ReceiveModePanel({ receiveMode }: { receiveMode: AppStatus['receiveMode'] }) {
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const choose = async (mode: ReceiveMode) => {
    if (mode === receiveMode.mode) return;
    setBusy(true);
    setError(null);
    const r = await api.setReceiveMode(mode);
    if (!r.ok) setError(r.error);
    setBusy(false);
  };
  if (!receiveMode.canChoose) {
    return (
      <section className="panel receive-mode">
        <h3>How events arrive</h3>
        <p><strong>{receiveModeLabel(receiveMode.mode)}</strong></p>
        <p className="muted small">Chosen when serve starts: <span className="mono">--dt-stream --dt-project &lt;id&gt;</span> for DT's event stream, otherwise the Data Connector.</p>
      </section>
    );
  }
  return (
    <section className="panel receive-mode">
      <fieldset className="receive-modes" disabled={busy}>
        <legend><h3>How events arrive</h3></legend>
        {RECEIVE_MODES.map((m) => (
          <label key={m.mode} className="receive-option">
            <input type="radio" name="receive-mode" value={m.mode} checked={receiveMode.mode === m.mode} onChange={() => void choose(m.mode)} />
            <span><span className="receive-label">{m.label}</span><span className="muted small">{m.hint}</span></span>
          </label>
        ))}
      </fieldset>
      {busy && <p className="muted small" role="status">Switching…</p>}
      {error && <Notice tone="error">{error}</Notice>}
    </section>
  );
}

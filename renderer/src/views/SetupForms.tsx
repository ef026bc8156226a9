import { useState, type FormEvent } from 'react';
import { useApi } from '../api';
import { Notice } from '../components/Notice';

/**
 * Write-only credential forms: what was entered is sent to the app and the field cleared;
 * the app only ever tells us how many secrets / whether a token is set.
 */
export function SecretsForm({ configured, parse }: {
  configured: number;
  parse: (text: string) => { ok: true; secrets: string[] } | { ok: false; error: string };
}) {
  const api = useApi();
  const [text, setText] = useState('');
  const [msg, setMsg] = useState<{ tone: 'info' | 'error'; text: string } | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const parsed = parse(text);
    if (!parsed.ok) return setMsg({ tone: 'error', text: parsed.error });
    const r = await api.setSecrets(parsed.secrets);
    if (r.ok) {
      setText('');
      setMsg({ tone: 'info', text: `${r.value.secretsConfigured} secret${r.value.secretsConfigured === 1 ? '' : 's'} configured.` });
    } else setMsg({ tone: 'error', text: r.error });
  };
  return (
    <form className="panel" onSubmit={(e) => void submit(e)} autoComplete="off">
      <h3>Signature secrets</h3>
      <p className="muted">{configured} configured. Saving replaces them all. One per line; the same secret as in the Data Connector.</p>
      <textarea
        aria-label="Signature secrets"
        className="secret-input"
        rows={3}
        spellCheck={false}
        placeholder="one secret per line"
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <div className="row-gap">
        <button type="submit" className="btn primary" disabled={!text.trim()}>Save secrets</button>
        {configured > 0 && <button type="button" className="btn" onClick={() => void api.setSecrets([]).then(() => setMsg({ tone: 'info', text: 'Secrets removed.' }))}>Remove all</button>}
      </div>
      {msg && <Notice tone={msg.tone}>{msg.text}</Notice>}
    </form>
  );
}

export function TunnelForm({ authtokenConfigured, domain }: { authtokenConfigured: boolean; domain?: string }) {
  const api = useApi();
  const [token, setToken] = useState('');
  const [dom, setDom] = useState(domain ?? '');
  const [msg, setMsg] = useState<{ tone: 'info' | 'error'; text: string } | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await api.setTunnelConfig({ ...(token ? { authtoken: token } : {}), domain: dom.trim() });
    if (r.ok) {
      setToken('');
      setMsg({ tone: 'info', text: r.value.authtokenConfigured ? 'Saved. Authtoken set.' : 'Saved. No authtoken set yet.' });
    } else setMsg({ tone: 'error', text: r.error });
  };
  return (
    <form className="panel" onSubmit={(e) => void submit(e)} autoComplete="off">
      <h3>ngrok</h3>
      <p className="muted">Authtoken: {authtokenConfigured ? 'authtoken set' : 'not set'}. Get one at dashboard.ngrok.com.</p>
      <label className="field">
        Authtoken
        <input type="password" aria-label="ngrok authtoken" autoComplete="new-password" value={token} onChange={(e) => setToken(e.target.value)} placeholder={authtokenConfigured ? 'set (enter a new one to replace it)' : 'paste your authtoken'} />
      </label>
      <label className="field">
        Domain (optional)
        <input aria-label="ngrok domain" value={dom} onChange={(e) => setDom(e.target.value)} placeholder="your-name.ngrok.app" />
      </label>
      <button type="submit" className="btn primary">Save tunnel settings</button>
      {msg && <Notice tone={msg.tone}>{msg.text}</Notice>}
    </form>
  );
}

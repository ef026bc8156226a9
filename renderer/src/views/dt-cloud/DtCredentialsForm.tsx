import { useState, type FormEvent } from 'react';
import type { DtCredentialsView } from '../../../../shared/api/dt-cloud';
import { useApi } from '../../api';
import { Notice } from '../../components/Notice';

/**
 * The service account, write-only for the secret: the app answers key id and email, never the
 * secret, so the field is cleared after saving and left empty to keep the saved one.
 */
export function DtCredentialsForm({ credentials, canSet, onSaved }: { credentials: DtCredentialsView | null | undefined; canSet: boolean; onSaved: () => void }) {
  const api = useApi();
  const [keyId, setKeyId] = useState(credentials?.keyId ?? '');
  const [email, setEmail] = useState(credentials?.email ?? '');
  const [secret, setSecret] = useState('');
  const [msg, setMsg] = useState<{ tone: 'info' | 'error'; text: string } | null>(null);
  const who = credentials ? <>Signed in as <span className="mono">{credentials.email}</span> (key <span className="mono">{credentials.keyId}</span>, from {credentials.source === 'env' ? 'DT_SERVICE_ACCOUNT_*' : 'this app\'s settings'}).</> : 'No service account yet.';
  if (!canSet) return <section className="panel"><h3>Service account</h3><p className="muted">{who}</p></section>;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await api.dtSetCredentials({ keyId: keyId.trim(), email: email.trim(), ...(secret.trim() ? { secret: secret.trim() } : {}) });
    setSecret('');
    setMsg(r.ok ? { tone: 'info', text: `Saved: ${r.value.email}` } : { tone: 'error', text: r.error });
    if (r.ok) onSaved();
  };
  return (
    <form className="panel" onSubmit={(e) => void submit(e)} autoComplete="off">
      <h3>Service account</h3>
      <p className="muted">{who} Create one in DT Studio with the Project Developer role and a key for it; the key secret is stored encrypted and never shown again.</p>
      <label className="field">Key id<input aria-label="DT key id" value={keyId} onChange={(e) => setKeyId(e.target.value)} /></label>
      <label className="field">Email<input aria-label="DT service account email" value={email} onChange={(e) => setEmail(e.target.value)} placeholder="…@….serviceaccount.d21s.com" /></label>
      <label className="field">Key secret
        <input type="password" aria-label="DT key secret" autoComplete="new-password" value={secret} onChange={(e) => setSecret(e.target.value)} placeholder={credentials?.source === 'settings' ? 'saved (enter a new one to replace it)' : 'shown once by DT Studio'} />
      </label>
      <button type="submit" className="btn primary" disabled={!keyId.trim() || !email.trim()}>Save service account</button>
      {msg && <Notice tone={msg.tone}>{msg.text}</Notice>}
    </form>
  );
}

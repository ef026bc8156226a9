import { useEffect, useState, type FormEvent } from 'react';
import { checkPublicUrl } from '../../../shared/api/public-url';
import { useApi } from '../api';
import { Notice } from '../components/Notice';

/**
 * Desktop Setup: the tester's own public HTTPS URL for the DT connector instead of the tunnel's.
 * Checked here as the app checks it (https only), saved by the app; empty returns to the tunnel.
 */
export function PublicUrlForm() {
  const api = useApi();
  const [saved, setSaved] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [msg, setMsg] = useState<{ tone: 'info' | 'error'; text: string } | null>(null);
  useEffect(() => {
    void api.getPublicUrl().then((r) => {
      if (r.ok) {
        setSaved(r.value.publicUrl);
        setText(r.value.publicUrl ?? '');
      }
    });
  }, [api]);
  const save = async (value: string) => {
    if (value.trim()) {
      const c = checkPublicUrl(value);
      if (!c.ok) return setMsg({ tone: 'error', text: c.error });
    }
    const r = await api.setPublicUrl(value);
    if (!r.ok) return setMsg({ tone: 'error', text: r.error });
    setSaved(r.value.publicUrl);
    setText(r.value.publicUrl ?? '');
    setMsg({ tone: 'info', text: r.value.publicUrl ? `Saved. The DT connector now follows ${r.value.publicUrl}.` : 'Cleared. The DT connector follows the tunnel\'s URL again.' });
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save(text);
  };
  return (
    <form className="panel" onSubmit={submit} autoComplete="off">
      <h3>Public URL</h3>
      <p className="muted">Your own HTTPS address that reaches this receiver (a reverse proxy, your own tunnel). The DT connector follows it instead of the ngrok tunnel's. Empty: the tunnel's.</p>
      <label className="field">
        Public URL
        <input aria-label="Public URL" inputMode="url" spellCheck={false} value={text} onChange={(e) => setText(e.target.value)} placeholder="https://inbox.example.com/" />
      </label>
      <div className="row-gap">
        <button type="submit" className="btn primary">Save public URL</button>
        {saved && <button type="button" className="btn" onClick={() => void save('')}>Use the tunnel</button>}
      </div>
      {msg && <Notice tone={msg.tone}>{msg.text}</Notice>}
    </form>
  );
}

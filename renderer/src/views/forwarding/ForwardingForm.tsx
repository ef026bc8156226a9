import { useEffect, useState, type FormEvent } from 'react';
import type { ForwardConfigView } from '../../../../shared/api/forward';
import { KNOWN_EVENT_TYPES } from '../../../../shared/dt/types';
import { useApi } from '../../api';
import { Notice } from '../../components/Notice';
import { formFrom, inputFrom, type ForwardForm } from '../../logic/forwarding';

type Msg = { tone: 'info' | 'error'; text: string };

/**
 * Forward every acknowledged delivery to the tester's own receiver. The secret is write-only:
 * the app only says whether one is configured; typing a new one replaces it.
 */
export function ForwardingForm() {
  const api = useApi();
  const [config, setConfig] = useState<ForwardConfigView | null>(null);
  const [form, setForm] = useState<ForwardForm | null>(null);
  const [msg, setMsg] = useState<Msg | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    let live = true;
    void api.getForwarding().then((r) => {
      if (!live) return;
      if (r.ok) {
        setConfig(r.value.config);
        setForm(formFrom(r.value.config));
      } else setMsg({ tone: 'error', text: r.error });
    });
    return () => {
      live = false;
    };
  }, [api]);

  const change = (patch: Partial<ForwardForm>) => {
    setForm((f) => (f ? { ...f, ...patch } : f));
    setMsg(null);
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!form) return;
    const parsed = inputFrom(form);
    if (!parsed.ok) return setMsg({ tone: 'error', text: parsed.error });
    setBusy(true);
    const r = await api.setForwarding(parsed.input);
    setBusy(false);
    if (!r.ok) return setMsg({ tone: 'error', text: r.error });
    setConfig(r.value);
    setForm(formFrom(r.value));
    setMsg({ tone: 'info', text: r.value.enabled ? `Saved. Forwarding to ${r.value.url}.` : 'Saved. Forwarding is off.' });
  };
  const toggleType = (t: string, on: boolean) => form && change({ types: on ? [...form.types, t] : form.types.filter((x) => x !== t) });

  return (
    <form className="panel forwarding-form" aria-label="Forwarding" noValidate autoComplete="off" onSubmit={(e) => void submit(e)}>
      <h3>Forwarding</h3>
      {!form && !msg && <p className="muted">Loading…</p>}
      {form && (
        <>
          <p className="muted">Every delivery this inbox acknowledges is sent on to your receiver the way DT sends it: the exact body, a fresh X-Dt-Signature, retried with backoff until the event is 12 h old.</p>
          <label className="check">
            <input type="checkbox" checked={form.enabled} onChange={(e) => change({ enabled: e.target.checked })} />
            Forward to my receiver
          </label>
          <label className="field">
            Receiver URL
            <input aria-label="Forward URL" value={form.url} spellCheck={false} placeholder="http://127.0.0.1:3000/dt" onChange={(e) => change({ url: e.target.value })} />
          </label>
          <label className="field">
            Signature secret: {config?.secretConfigured ? 'configured' : 'none (DT\'s own X-Dt-Signature is passed on)'}
            <input type="password" aria-label="Forward secret" autoComplete="new-password" value={form.secret} disabled={form.clearSecret}
              placeholder={config?.secretConfigured ? 'configured (type a new one to replace it)' : 'optional: re-sign with your receiver\'s secret'}
              onChange={(e) => change({ secret: e.target.value })} />
          </label>
          {config?.secretConfigured && (
            <label className="check">
              <input type="checkbox" checked={form.clearSecret} onChange={(e) => change({ clearSecret: e.target.checked, secret: '' })} />
              Remove the secret
            </label>
          )}
          <fieldset className="notify-types">
            <legend>Event types (none checked: all)</legend>
            {/* types DT may add (set with --forward-types) stay visible and can be unchecked */}
            {[...KNOWN_EVENT_TYPES, ...form.types.filter((t) => !(KNOWN_EVENT_TYPES as readonly string[]).includes(t))].map((t) => (
              <label key={t} className="check">
                <input type="checkbox" checked={form.types.includes(t)} onChange={(e) => toggleType(t, e.target.checked)} />
                {t}
              </label>
            ))}
          </fieldset>
          <label className="field">
            Extra headers, one "Name: value" per line
            <textarea aria-label="Forward headers" className="secret-input" rows={2} spellCheck={false} value={form.headers}
              placeholder="Authorization: Bearer …" onChange={(e) => change({ headers: e.target.value })} />
          </label>
          <button type="submit" className="btn primary" disabled={busy}>Save forwarding</button>
        </>
      )}
      {msg && <Notice tone={msg.tone}>{msg.text}</Notice>}
    </form>
  );
}

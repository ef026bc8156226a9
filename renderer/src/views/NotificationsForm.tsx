import { useEffect, useState, type FormEvent } from 'react';
import type { NotificationPrefs } from '../../../shared/api/contract';
import { KNOWN_EVENT_TYPES } from '../../../shared/dt/types';
import { useApi } from '../api';
import { Notice } from '../components/Notice';

type Msg = { tone: 'info' | 'error'; text: string };

/** What the number fields may hold: the app refuses anything else (shared/api/arguments.ts). */
function problemIn(p: NotificationPrefs): string | null {
  if (!Number.isInteger(p.maxPerMinute) || p.maxPerMinute < 1 || p.maxPerMinute > 100) return 'Notifications per minute: a whole number from 1 to 100.';
  if (!Number.isInteger(p.rejectedEveryMinutes) || p.rejectedEveryMinutes < 1 || p.rejectedEveryMinutes > 1440) return 'Minutes between rejected-delivery notifications: a whole number from 1 to 1440.';
  return null;
}

/**
 * Which events raise a desktop notification (desktop app only): one switch per DT event type,
 * the per-minute budget and how often rejected deliveries may notify. Saved as a whole; the
 * app applies them at once.
 */
export function NotificationsForm() {
  const api = useApi();
  const [prefs, setPrefs] = useState<NotificationPrefs | null>(null);
  const [msg, setMsg] = useState<Msg | null>(null);
  useEffect(() => {
    let live = true;
    void api.getNotificationPrefs().then((r) => {
      if (!live) return;
      if (r.ok) setPrefs(r.value);
      else setMsg({ tone: 'error', text: r.error });
    });
    return () => {
      live = false;
    };
  }, [api]);

  const change = (next: NotificationPrefs) => {
    setPrefs(next);
    setMsg(null);
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!prefs) return;
    const problem = problemIn(prefs);
    if (problem) return setMsg({ tone: 'error', text: problem });
    const r = await api.setNotificationPrefs(prefs);
    if (r.ok) {
      setPrefs(r.value);
      setMsg({ tone: 'info', text: 'Saved. New events follow these settings.' });
    } else setMsg({ tone: 'error', text: r.error });
  };

  return (
    // noValidate: out-of-range numbers get our message (what the app accepts), not the browser's bubble
    <form className="panel" noValidate onSubmit={(e) => void submit(e)}>
      <h3>Notifications</h3>
      {!prefs && !msg && <p className="muted">Loading…</p>}
      {prefs && (
        <>
          <p className="muted">A desktop notification for each new event of the checked types. State changes are on by default; periodic readings (temperature, battery, network status) are off, since every sensor sends them every few minutes.</p>
          <fieldset className="notify-types">
            <legend>Notify for</legend>
            {KNOWN_EVENT_TYPES.map((t) => (
              <label key={t} className="check">
                <input type="checkbox" checked={prefs.types[t] === true} onChange={(e) => change({ ...prefs, types: { ...prefs.types, [t]: e.target.checked } })} />
                {t}
              </label>
            ))}
          </fieldset>
          <label className="field">
            At most this many per minute; the rest are summed up in one
            <input type="number" min={1} max={100} aria-label="Notifications per minute" value={Number.isNaN(prefs.maxPerMinute) ? '' : prefs.maxPerMinute}
              onChange={(e) => change({ ...prefs, maxPerMinute: e.target.valueAsNumber })} />
          </label>
          <label className="field">
            Rejected deliveries: at most one notification every … minutes
            <input type="number" min={1} max={1440} aria-label="Minutes between rejected-delivery notifications" value={Number.isNaN(prefs.rejectedEveryMinutes) ? '' : prefs.rejectedEveryMinutes}
              onChange={(e) => change({ ...prefs, rejectedEveryMinutes: e.target.valueAsNumber })} />
          </label>
          <button type="submit" className="btn primary">Save notifications</button>
        </>
      )}
      {msg && <Notice tone={msg.tone}>{msg.text}</Notice>}
    </form>
  );
}

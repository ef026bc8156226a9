import { useState } from 'react';
import { formatTime } from '../../logic/format';
import type { DtCloudInfo } from '../../../../shared/api/contract';
import { EMITTERS, SENSORS, typesOf, type DeviceKind } from '../../../../shared/dt/device-kinds';
import { useApi } from '../../api';
import { Notice } from '../../components/Notice';
import { useApiResult } from '../../hooks/useApiResult';
import { useNow } from '../../hooks/useNow';
import { useStatus } from '../../hooks/useStatus';
import { latencyText } from '../../logic/dt-cloud';
import { isLate, lateReasons, LATE_MS, publishBlocker } from '../../logic/dt-emulator';
import { useDtAction } from './useDtAction';

type Configured = Extract<DtCloudInfo, { configured: true }>;
const KINDS: DeviceKind[] = [...SENSORS, 'ccon'];
const publishable = (kind: DeviceKind) => typesOf(kind).filter((t) => t !== 'labelsChanged');

/**
 * Publishes events from an emulated device; DT delivers them through the project's connectors.
 * DT's publish answer has no event id, so each arrival is matched by device, type and order
 * (done by the service) and shown with its published → received latency. Publish is off while
 * our connector cannot bring the events here; an event not here after 30 s says why it may not be.
 */
export function DtEmulatorPanel({ info, reload }: { info: Configured; reload: () => void }) {
  const api = useApi();
  const [kind, setKind] = useState<DeviceKind>('temperature');
  const [type, setType] = useState<string>('temperature');
  const [count, setCount] = useState(3);
  const { busy, msg, run } = useDtAction(reload);
  const pickKind = (k: DeviceKind) => {
    setKind(k);
    if (!EMITTERS[type as keyof typeof EMITTERS]?.includes(k)) setType(publishable(k)[0]!);
  };
  const publish = () => run('publish', () => api.dtEmulate({ project: info.project, kind, type, count }));
  const em = info.emulation;
  const { status } = useStatus();
  // the desktop app's saved public URL (serve answers none: its --public-url is not the view's to know)
  const saved = useApiResult((a) => a.getPublicUrl(), []).data?.publicUrl;
  const blocked = publishBlocker(info, status);
  const now = useNow(Boolean(em?.published.some((p) => !p.receivedAt)));
  const late = em ? em.published.filter((p) => isLate(p, now)) : [];
  return (
    <section className="panel dt-emulator">
      <h3>Emulator</h3>
      <div className="row-gap">
        <label className="field inline">Device kind
          <select aria-label="Emulated device kind" value={kind} onChange={(e) => pickKind(e.target.value as DeviceKind)}>
            {KINDS.map((k) => <option key={k} value={k}>{k}</option>)}
          </select>
        </label>
        <label className="field inline">Event type
          <select aria-label="Emulated event type" value={type} onChange={(e) => setType(e.target.value)}>
            {publishable(kind).map((t) => <option key={t} value={t}>{t}</option>)}
          </select>
        </label>
        <label className="field inline">Count
          <input aria-label="How many events" type="number" min={1} max={50} value={count} onChange={(e) => setCount(Math.max(1, Math.min(50, Number(e.target.value) || 1)))} style={{ width: '5em' }} />
        </label>
        <button type="button" className="btn primary" disabled={busy !== null || blocked !== null} title={blocked ?? undefined} onClick={() => void publish()}>{busy ? 'Publishing…' : 'Publish'}</button>
        {blocked && <span className="warn-text small dt-publish-blocked" title={blocked}>{blocked}</span>}
      </div>
      {msg && <Notice tone={msg.tone}>{msg.text}</Notice>}
      {em && (
        <>
          <p className="muted">{em.published.length} × {em.type} from emulated {em.deviceKind} device <span className="mono">{em.deviceId}</span>; matched to arrivals by device, type and order (DT's publish answer carries no event id).</p>
          <table className="table compact dt-latency">
            <thead><tr><th>#</th><th>Published</th><th>Received here</th><th>Event id</th><th className="num">Published → received</th></tr></thead>
            <tbody>
              {em.published.map((p) => (
                <tr key={p.n} data-published={p.n}>
                  <td>{p.n}</td>
                  <td className="mono">{formatTime(p.publishedAt)}</td>
                  <td className="mono">{p.receivedAt ? formatTime(p.receivedAt) : '–'}</td>
                  <td className="mono">{p.eventId ?? '–'}</td>
                  <td className="num mono">{late.includes(p) ? `not here after ${LATE_MS / 1000} s` : latencyText(p.latencyMs)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {late.length > 0 && (
            <div className="notice warn dt-late" role="alert">
              {late.length} of {em.published.length} not received {LATE_MS / 1000} s after publishing. Why they may not have arrived:
              <ul>{lateReasons(info, em.type, status, saved).map((r) => <li key={r}>{r}</li>)}</ul>
            </div>
          )}
        </>
      )}
    </section>
  );
}

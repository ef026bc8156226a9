import { useState } from 'react';
import type { DtCloudInfo } from '../../../../shared/api/contract';
import { KNOWN_EVENT_TYPES } from '../../../../shared/dt/types';
import { useApi } from '../../api';
import { Notice } from '../../components/Notice';
import { toggleType } from '../../logic/dt-cloud';
import { useDtAction } from './useDtAction';

type Configured = Extract<DtCloudInfo, { configured: true }>;

/** The connector's event filter (none ticked = all types), beside which types actually arrived here. */
export function DtFilterEditor({ info, reload }: { info: Configured; reload: () => void }) {
  const api = useApi();
  const ours = info.connectors.find((c) => c.ours);
  const saved = ours?.events ?? [];
  // null: not edited, show what DT has; an edit is kept across the view's refreshes until saved (no edits while saving)
  const [draft, setDraft] = useState<string[] | null>(null);
  const selected = draft ?? saved;
  const setSelected = (next: string[]) => setDraft(next);
  const { busy, msg, run } = useDtAction(reload);
  if (!ours) return null;
  const arrived = new Set(info.inbox?.arrivedTypes ?? []);
  const counts = info.inbox?.byType ?? {};
  const types = [...new Set<string>([...KNOWN_EVENT_TYPES, ...arrived])];
  const changed = draft !== null && [...draft].sort().join(',') !== [...saved].sort().join(',');
  const save = () => run('filter', () => api.dtSetEventFilter({ project: info.project, connectorId: ours.id, events: selected }), () => {
    setDraft(null);
    return 'Event filter saved in DT Cloud.';
  });
  return (
    <section className="panel dt-filter">
      <div className="row-gap">
        <h3>Event filter of {ours.displayName}</h3>
        <span className="muted">{selected.length ? `${selected.length} type${selected.length === 1 ? '' : 's'} sent` : 'all types sent'}; <span className="badge outcome-accepted">arrived</span> = stored here</span>
      </div>
      <div className="dt-type-grid">
        {types.map((t) => (
          <label key={t} className="dt-type" data-type={t}>
            <input type="checkbox" disabled={busy !== null} checked={selected.includes(t)} onChange={() => setSelected(toggleType(selected, t))} />
            <span className="mono">{t}</span>
            {arrived.has(t) && <span className="badge outcome-accepted" title="events of this type are stored in the inbox">arrived{counts[t] ? ` · ${counts[t]} in 3 h` : ''}</span>}
          </label>
        ))}
      </div>
      <div className="row-gap">
        <button type="button" className="btn primary" disabled={!changed || busy !== null} onClick={() => void save()}>Save filter</button>
        <button type="button" className="btn" disabled={busy !== null || selected.length === 0} onClick={() => setSelected([])}>All types</button>
        <button type="button" className="btn" disabled={busy !== null || arrived.size === 0} onClick={() => setSelected([...arrived].sort())}>Only types that arrived</button>
      </div>
      {msg && <Notice tone={msg.tone}>{msg.text}</Notice>}
    </section>
  );
}

import { useEffect, useState } from 'react';
import type { DtCloudInfo } from '../../../../shared/api/contract';
import type { DtProjectRow } from '../../../../shared/api/dt-cloud';
import { useApi } from '../../api';
import { Notice } from '../../components/Notice';
import { DtConfirmAction } from './DtConfirmAction';
import { useDtAction } from './useDtAction';

/**
 * Project picker and "Connect this inbox": that project's connector (by id, else ours, else new)
 * then follows the inbox. An id of a listed connector that is not ours is asked first.
 */
export function DtConnectPanel({ info, reload }: { info: DtCloudInfo; reload: () => void }) {
  const api = useApi();
  const [projects, setProjects] = useState<DtProjectRow[] | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  const current = info.configured ? info.project : '';
  const [project, setProject] = useState(current);
  const [connectorId, setConnectorId] = useState(info.configured ? info.follower.connectorId ?? '' : '');
  const { busy, msg, run } = useDtAction(reload);
  const hasAccount = Boolean(info.credentials);
  const [asking, setAsking] = useState(false);

  useEffect(() => {
    if (!hasAccount) return;
    let live = true;
    void api.dtListProjects().then((r) => {
      if (!live) return;
      if (r.ok) {
        setProjects(r.value);
        setProject((p) => p || r.value[0]?.id || '');
      } else setListError(r.error);
    });
    return () => { live = false; };
  }, [api, hasAccount]);

  if (!hasAccount) return null;
  const connect = () => run('connect', () => api.dtConnect({ project: project.trim(), ...(connectorId.trim() ? { connectorId: connectorId.trim() } : {}) }), (v) =>
    v.configured && v.follower.state === 'waiting' ? 'Saved: the connector is set once the tunnel has a public URL.' : undefined);
  // the table lists the current project's connectors only: another project's are not known here
  const other = info.configured && project.trim() === info.project ? info.connectors.find((c) => c.id === connectorId.trim() && !c.ours) : undefined;
  return (
    <section className="panel dt-connect">
      <h3>Project and connector</h3>
      {listError && <Notice tone="warn">Could not list projects: {listError}</Notice>}
      <div className="row-gap">
        <label className="field inline">Project
          {projects && projects.length > 0 ? (
            <select aria-label="DT project" value={project} onChange={(e) => setProject(e.target.value)}>
              {projects.map((p) => <option key={p.id} value={p.id}>{p.displayName} ({p.id}){p.organization ? ` · ${p.organization}` : ''}</option>)}
            </select>
          ) : <input aria-label="DT project" value={project} onChange={(e) => setProject(e.target.value)} placeholder="project id" />}
        </label>
        <label className="field inline">Connector id (optional)
          <input aria-label="DT connector id" value={connectorId} onChange={(e) => setConnectorId(e.target.value)} placeholder="ours by name, else a new one" />
        </label>
        <button type="button" className="btn primary" disabled={!project.trim() || busy !== null} onClick={() => (other ? setAsking(true) : void connect())}>
          {busy === 'connect' ? 'Connecting…' : 'Connect this inbox'}
        </button>
      </div>
      {msg && <Notice tone={msg.tone}>{msg.text}</Notice>}
      {asking && other && (
        <DtConfirmAction connector={other} action="connect" onCancel={() => setAsking(false)} onConfirm={() => { setAsking(false); void connect(); }} />
      )}
    </section>
  );
}

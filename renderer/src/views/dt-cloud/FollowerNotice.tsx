import type { DtCloudInfo } from '../../../../shared/api/contract';
import { useApi } from '../../api';
import { Notice } from '../../components/Notice';
import { followerText } from '../../logic/dt-cloud';
import { useDtAction } from './useDtAction';

/** The follower's state; SYSTEM_DISABLED comes with a one-click re-enable. */
export function FollowerNotice({ info, reload }: { info: Extract<DtCloudInfo, { configured: true }>; reload: () => void }) {
  const api = useApi();
  const { busy, msg, run } = useDtAction(reload);
  const f = followerText(info.follower);
  const id = info.follower.connectorId;
  return (
    <>
      <Notice tone={f.tone}>
        {f.text}
        {info.follower.systemDisabled && id && (
          <> <button type="button" className="btn small" disabled={busy !== null} onClick={() => void run('reenable', () => api.dtSetConnectorStatus({ project: info.project, connectorId: id, status: 'ACTIVE' }))}>Re-enable</button></>
        )}
      </Notice>
      {msg && <Notice tone={msg.tone}>{msg.text}</Notice>}
    </>
  );
}

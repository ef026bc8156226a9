import { EmptyState, Notice } from '../components/Notice';
import { DtConnectPanel } from './dt-cloud/DtConnectPanel';
import { DtConnectorTable } from './dt-cloud/DtConnectorTable';
import { DtCredentialsForm } from './dt-cloud/DtCredentialsForm';
import { DtEmulatorPanel } from './dt-cloud/DtEmulatorPanel';
import { DtFilterEditor } from './dt-cloud/DtFilterEditor';
import { FollowerChanges } from './dt-cloud/FollowerChanges';
import { FollowerNotice } from './dt-cloud/FollowerNotice';
import { BackfillRuns } from './dt-cloud/BackfillRuns';
import { DtRefreshNote } from './dt-cloud/DtRefreshNote';
import { useDtCloud } from './dt-cloud/useDtCloud';

/**
 * DT Cloud from the inbox: the service account, the project whose connector follows the inbox,
 * the project's connectors with DT's 3 h metrics beside the inbox's own counts, the event
 * filter, the emulator with published → received latencies, and the fills from DT's history.
 * Never shows a secret.
 */
export function DtCloudView() {
  // the service refreshes DT's side and pushes it; the view never polls DT
  const { data, error, reload, refresh } = useDtCloud();
  if (error && !data) return <Notice tone="error">{error}</Notice>;
  if (!data) return <p className="muted">Loading…</p>;
  const account = <DtCredentialsForm key={data.credentials?.keyId ?? 'none'} credentials={data.credentials} canSet={data.canSetCredentials ?? false} onSaved={reload} />;
  if (!data.configured) {
    return (
      <div className="scroll-area">
        <EmptyState title="Not connected to DT Cloud"><p>{data.hint}</p></EmptyState>
        {(data.canSetCredentials || data.credentials) && account}
        <DtConnectPanel info={data} reload={reload} />
        {/* serve --dt-stream covers a project without a connector: its fills show here too */}
        <BackfillRuns />
      </div>
    );
  }
  return (
    <div className="scroll-area">
      <div className="row-gap">
        <h2>DT Cloud · project <span className="mono">{data.project}</span></h2>
        <DtRefreshNote refresh={data.refresh} />
        <button type="button" className="btn" onClick={refresh}>Refresh</button>
      </div>
      <FollowerNotice info={data} reload={reload} />
      <FollowerChanges changes={data.followerChanges} />
      {data.error && <Notice tone="warn">{data.error}</Notice>}
      <DtConnectorTable info={data} reload={reload} />
      <DtFilterEditor info={data} reload={reload} />
      <DtEmulatorPanel info={data} reload={reload} />
      <BackfillRuns />
      <details className="panel">
        <summary>Service account and project</summary>
        {account}
        <DtConnectPanel info={data} reload={reload} />
      </details>
    </div>
  );
}

import { useApiResult } from '../../hooks/useApiResult';
import { Notice } from '../../components/Notice';
import { FollowerNotice } from './FollowerNotice';
import { DtConnectPanel } from './DtConnectPanel';
import { DtCredentialsForm } from './DtCredentialsForm';

/** Setup's DT Cloud part: the service account, the project whose connector follows the inbox, and SYSTEM_DISABLED with its re-enable. */
export function DtSetupPanel() {
  const { data, error, reload } = useApiResult((api) => api.getDtCloud(), [], undefined, 5000);
  if (!data) return error ? <Notice tone="error">{error}</Notice> : null;
  return (
    <section className="panel dt-setup">
      <h3>DT Cloud</h3>
      {data.configured ? <FollowerNotice info={data} reload={reload} /> : <p className="muted">{data.hint}</p>}
      <DtCredentialsForm key={data.credentials?.keyId ?? 'none'} credentials={data.credentials} canSet={data.canSetCredentials ?? false} onSaved={reload} />
      <DtConnectPanel info={data} reload={reload} />
    </section>
  );
}

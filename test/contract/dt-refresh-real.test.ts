/** The DT Cloud refresh contract over the real service, its DT controller against the fake DT Cloud. */
import { afterAll, beforeAll } from 'vitest';
import { createInboxService } from '../../electron/core/inbox-service';
import { createDtController, endpointsFromEnv, serviceAccountFromEnv } from '../../electron/core/dt-cloud';
import { cleanupTempDirs, tempDir } from '../core/helpers';
import { startFakeDtCloud, type FakeDtCloud } from '../fake-dt-cloud';
import { dtRefreshContract } from './dt-refresh.contract';

const SECRET = 'contract-dt-refresh-secret-0123456789';
let fake: FakeDtCloud;
beforeAll(async () => { fake = await startFakeDtCloud(); });
afterAll(async () => { await fake.close(); cleanupTempDirs(); });

dtRefreshContract('createInboxApi with a DT controller (the real service)', async () => {
  const env = fake.env;
  let receiverUrl: string | undefined;
  const dt = createDtController({
    account: () => ({ account: serviceAccountFromEnv(env), source: 'env' }), endpoints: endpointsFromEnv(env),
    urls: { current: () => receiverUrl, onChange: () => () => {} },
    signatureSecret: async () => SECRET, noAccountHint: 'no account', canSetCredentials: false, displayName: 'Connector Inbox (contract)', timeoutMs: 2_000,
  });
  const service = await createInboxService({ dataDir: tempDir('ci-contract-dt-'), port: 0, secrets: [SECRET], mode: 'browser', dtCloud: dt });
  receiverUrl = service.receiverUrl;
  const r = await service.api.dtConnect({ project: 'prj-dev' });
  const ours = r.ok && r.value.configured ? r.value.follower.connectorId : undefined;
  if (!ours) throw new Error(`connect failed: ${JSON.stringify(r)}`);
  return { api: service.api, ours, close: async () => { await dt.stop(2_000); await service.stop(2_000); } };
});

/** An inbox service following a connector of the fake DT Cloud, as serve --dt-project does, on a data dir kept across restarts. */
import { createInboxService, type InboxService } from '../../electron/core/inbox-service';
import { createDtController, endpointsFromEnv, serviceAccountFromEnv, type DtController } from '../../electron/core/dt-cloud';
import type { StreamChoice } from '../../electron/core/sources';
import type { FakeDtCloud } from '../fake-dt-cloud';

export const SECRET = 'backfill-test-signature-secret-0123456789';

export interface Inbox { service: InboxService; dt: DtController; stop(): Promise<void> }

export async function startInbox(fake: FakeDtCloud, dataDir: string, o: { follow?: boolean; stream?: StreamChoice; receiver?: boolean; receiveMode?: { choose(mode: 'connector' | 'stream'): Promise<void> } } = {}): Promise<Inbox> {
  let service: InboxService | undefined;
  const env = fake.env;
  const dt = createDtController({
    account: () => ({ account: serviceAccountFromEnv(env), source: 'env' }), endpoints: endpointsFromEnv(env),
    urls: { current: () => service?.receiverUrl || undefined, onChange: () => () => {} },
    signatureSecret: async () => SECRET, noAccountHint: 'no account', canSetCredentials: false, displayName: 'Connector Inbox (test)', timeoutMs: 3_000,
    follow: o.follow === false ? undefined : { project: 'prj-dev' },
  });
  service = await createInboxService({ dataDir, port: 0, secrets: [SECRET], mode: 'browser', dtCloud: dt, stream: o.stream, receiver: o.receiver, receiveMode: o.receiveMode });
  await dt.start();
  const s = service;
  return { service: s, dt, stop: async () => { await Promise.all([dt.stop(2_000), s.stop(2_000)]); } };
}


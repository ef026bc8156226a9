/** The contract over the real service: the receiver on 127.0.0.1, the store in a temp dir, createInboxApi. */
import { createInboxService } from '../../electron/core/inbox-service';
import { signLikeDt } from '../../electron/core/signature';
import { cleanupTempDirs, post, tempDir } from '../core/helpers';
import { afterAll } from 'vitest';
import { startTarget } from '../forward/target';
import { forwardingContract } from './forwarding.contract';
import { inboxApiContract, type InboxUnderTest } from './inbox-api.contract';
import { replayContract } from './replay.contract';
import { testEventsContract } from './test-events.contract';

const SECRET = 'contract-secret';
afterAll(cleanupTempDirs);

const makeReal = async (): Promise<InboxUnderTest & { forwardTo: string }> => {
  const service = await createInboxService({ dataDir: tempDir('ci-contract-'), port: 0, secrets: [SECRET], mode: 'browser' });
  // a receiver of the tester's that takes every delivery
  const target = await startTarget(() => 200);
  return {
    api: service.api,
    forwardTo: target.url,
    async deliver(body) {
      const raw = JSON.stringify(body);
      const r = await post(service.receiverUrl, raw, { 'Content-Type': 'application/json', 'X-Dt-Signature': await signLikeDt(Buffer.from(raw), SECRET) });
      if (r.status !== 200) throw new Error(`delivery answered ${r.status}: ${r.text}`);
    },
    close: async () => {
      await service.stop();
      await target.close();
    },
  };
};

inboxApiContract('createInboxApi (the real service)', makeReal);
forwardingContract('createInboxApi (the real service)', makeReal);
testEventsContract('createInboxApi (the real service)', makeReal);
replayContract('createInboxApi (the real service)', makeReal);

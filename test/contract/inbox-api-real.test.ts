/** The contract over the real service: the receiver on 127.0.0.1, the store in a temp dir, createInboxApi. */
import { createInboxService } from '../../electron/core/inbox-service';
import { signLikeDt } from '../../electron/core/signature';
import { cleanupTempDirs, post, tempDir } from '../core/helpers';
import { afterAll } from 'vitest';
import { inboxApiContract, type InboxUnderTest } from './inbox-api.contract';
import { replayContract } from './replay.contract';

const SECRET = 'contract-secret';
afterAll(cleanupTempDirs);

async function makeService(): Promise<InboxUnderTest> {
  const service = await createInboxService({ dataDir: tempDir('ci-contract-'), port: 0, secrets: [SECRET], mode: 'browser' });
  return {
    api: service.api,
    async deliver(body) {
      const raw = JSON.stringify(body);
      const r = await post(service.receiverUrl, raw, { 'Content-Type': 'application/json', 'X-Dt-Signature': await signLikeDt(Buffer.from(raw), SECRET) });
      if (r.status !== 200) throw new Error(`delivery answered ${r.status}: ${r.text}`);
    },
    close: () => service.stop(),
  };
}

inboxApiContract('createInboxApi (the real service)', makeService);
replayContract('createInboxApi (the real service)', makeService);

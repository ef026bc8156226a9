/** The same contract over FakeInboxApi, so the fake the UI tests trust cannot drift from the service. */
import { FakeInboxApi } from '../renderer/fake-api';
import { inboxApiContract } from './inbox-api.contract';

inboxApiContract('FakeInboxApi (test/renderer/fake-api.ts)', async () => {
  const fake = new FakeInboxApi();
  return {
    api: fake,
    deliver: async (body) => {
      fake.deliver(body);
    },
    close: async () => undefined,
  };
});

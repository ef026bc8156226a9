/** The same contract over FakeInboxApi, so the fake the UI tests trust cannot drift from the service. */
import { FakeInboxApi } from '../renderer/fake-api';
import { inboxApiContract } from './inbox-api.contract';
import { replayContract } from './replay.contract';
import { wireFakeReplay } from './fake-replay';

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

replayContract('FakeInboxApi wired to the service\'s replay', async () => {
  const fake = wireFakeReplay(new FakeInboxApi());
  return { api: fake, deliver: async (body) => { fake.deliver(body); }, close: async () => undefined };
});

/** The same contract over FakeInboxApi, so the fake the UI tests trust cannot drift from the service. */
import { FakeInboxApi } from '../renderer/fake-api';
import { forwardingContract } from './forwarding.contract';
import { inboxApiContract, type InboxUnderTest } from './inbox-api.contract';
import { replayContract } from './replay.contract';
import { testEventsContract } from './test-events.contract';
import { wireFakeReplay } from './fake-replay';

const makeFake = async (): Promise<InboxUnderTest & { forwardTo: string }> => {
  const fake = new FakeInboxApi();
  return {
    api: fake,
    // the fake's target takes every delivery; nothing listens here
    forwardTo: 'http://127.0.0.1:9/hook',
    deliver: async (body) => {
      fake.deliver(body);
    },
    close: async () => undefined,
  };
};

inboxApiContract('FakeInboxApi (test/renderer/fake-api.ts)', makeFake);
forwardingContract('FakeInboxApi (test/renderer/fake-api.ts)', makeFake);
testEventsContract('FakeInboxApi (test/renderer/fake-api.ts)', makeFake);

replayContract('FakeInboxApi wired to the service\'s replay', async () => {
  const fake = wireFakeReplay(new FakeInboxApi());
  return { api: fake, deliver: async (body) => { fake.deliver(body); }, close: async () => undefined };
});

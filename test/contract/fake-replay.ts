/** FakeInboxApi's replay, wired to the service's own (electron/core/replay) over the fake's events. */
import { replayApi } from '../../electron/core/replay';
import type { FakeInboxApi } from '../renderer/fake-api';

export function wireFakeReplay(fake: FakeInboxApi): FakeInboxApi {
  const wired = replayApi({
    store: fake.replayStore(),
    forwardTarget: () => fake.forwardTarget,
    push: (m) => fake.push(m),
  });
  fake.replayer = wired.replayEvents;
  fake.replayStopper = wired.stopReplay;
  return fake;
}

/** FakeInboxApi's replay, wired to the service's own (electron/core/replay) over the fake's events. */
import { replayEventsApi } from '../../electron/core/replay';
import type { FakeInboxApi } from '../renderer/fake-api';

export function wireFakeReplay(fake: FakeInboxApi): FakeInboxApi {
  fake.replayer = replayEventsApi({
    store: fake.replayStore(),
    forwardTarget: () => fake.forwardTarget,
    push: (m) => fake.push(m),
  });
  return fake;
}

/** The fake's events as the store's read API hands them to replay (electron/core/replay's from-store). */
import type { DeviceState, EventDetail, EventSummary } from '../../shared/records';

export function replayStoreOf(order: readonly EventDetail[], details: ReadonlyMap<string, EventDetail>) {
  return {
    summaries: order as readonly EventSummary[],
    find: (id: string): EventSummary | undefined => details.get(id),
    exportSource: () => ({
      summaries: order as readonly EventSummary[], devices: [] as DeviceState[], release: () => {},
      readBodies: async (events: readonly EventSummary[], from: number) => [details.get(events[from]!.eventId)?.raw],
    }),
  };
}

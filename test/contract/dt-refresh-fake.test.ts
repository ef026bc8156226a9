/** The same DT Cloud refresh contract over FakeInboxApi, so the view's tests trust what the service does. */
import { FakeInboxApi } from '../renderer/fake-api';
import { dtRefreshContract } from './dt-refresh.contract';

dtRefreshContract('FakeInboxApi (test/renderer/fake-api.ts)', async () => {
  const api = new FakeInboxApi();
  api.dtCloud = {
    configured: true, project: 'prj-dev', follower: { state: 'active', connectorId: 'dc1', systemDisabled: false },
    followerChanges: [
      { at: '2026-12-01T08:00:01.000Z', state: 'active', project: 'prj-dev', connectorId: 'dc1', url: 'https://a.example/', systemDisabled: false },
      { at: '2026-12-01T08:00:00.000Z', state: 'syncing', project: 'prj-dev', systemDisabled: false },
    ],
    connectors: [{ id: 'dc1', displayName: 'Connector Inbox', type: 'HTTP_PUSH', status: 'ACTIVE', url: 'https://a.example/', events: [], labels: [], metrics: { successCount: 0, errorCount: 0, latency99p: '' }, ours: true }],
  };
  return { api, ours: 'dc1', close: async () => undefined };
});

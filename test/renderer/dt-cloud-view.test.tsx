// @vitest-environment jsdom
/** The DT Cloud tab: how to connect when serve has no --dt-project; the connectors and the follower's state when it has. */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { FakeInboxApi } from './fake-api';
import { fakeLayout, renderApp } from './render-app';

beforeEach(() => fakeLayout());
afterEach(cleanup);

const open = () => fireEvent.click(screen.getByRole('tab', { name: 'DT Cloud' }));

it('explains how to connect when DT Cloud is not configured', async () => {
  const api = new FakeInboxApi();
  api.dtCloud = { configured: false, hint: 'Not connected to DT Cloud: set DT_SERVICE_ACCOUNT_KEY_ID …' };
  renderApp(api);
  open();
  expect(await screen.findByText(/set DT_SERVICE_ACCOUNT_KEY_ID/)).toBeTruthy();
});

it('lists the connectors, marks ours, leaves other types alone, and shows DT trouble as text', async () => {
  const api = new FakeInboxApi();
  api.dtCloud = {
    configured: true, project: 'prj-dev',
    follower: { state: 'retrying', connectorId: 'dc1', url: 'https://a.ngrok.app/', systemDisabled: false, lastError: 'DT Cloud is unreachable at api.disruptive-technologies.com (connection refused)', nextRetryInMs: 8000 },
    connectors: [
      { id: 'dc1', displayName: 'Connector Inbox (box)', type: 'HTTP_PUSH', status: 'ACTIVE', url: 'https://a.ngrok.app/', events: [], labels: ['name'], metrics: { successCount: 12, errorCount: 1, latency99p: '0.411s' }, ours: true },
      { id: 'q1', displayName: '<b>queue</b>', type: 'GOOGLE_CLOUD_PUBSUB', status: 'ACTIVE', url: '', events: ['co2'], labels: [], ours: false },
    ],
  };
  const { container } = renderApp(api);
  open();
  expect(await screen.findByText(/unreachable at api\.disruptive-technologies\.com.*retrying in 8 s/)).toBeTruthy();
  const ours = container.querySelector('[data-connector-id="dc1"]') as HTMLElement;
  expect(within(ours).getByText('this inbox')).toBeTruthy();
  expect(within(ours).getByText('12 ok · 1 errors · p99 0.411s')).toBeTruthy();
  const queue = container.querySelector('[data-connector-id="q1"]') as HTMLElement;
  expect(within(queue).getByText('not HTTP push: left alone')).toBeTruthy();
  expect(within(queue).getByText('<b>queue</b>')).toBeTruthy(); // untrusted names are text
  expect(queue.querySelector('b')).toBeNull();
});

it('SYSTEM_DISABLED is shown as an error', async () => {
  const api = new FakeInboxApi();
  api.dtCloud = { configured: true, project: 'p', follower: { state: 'disabled', connectorId: 'dc1', systemDisabled: true }, connectors: [] };
  renderApp(api);
  open();
  expect((await screen.findByText(/SYSTEM_DISABLED by DT/)).closest('[role="alert"]')).toBeTruthy();
});

// @vitest-environment jsdom
/**
 * The DT Cloud tab shows how fresh the service's table is ("updated 12 s ago"), takes each
 * 'dtCloud' push as it comes, holds a watch on the service instead of asking DT itself, says
 * when DT answered 429, and fetches another connector's metrics only when asked.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { DtCloudInfo } from '../../shared/api/contract';
import { FakeInboxApi } from './fake-api';
import { fakeLayout, renderApp } from './render-app';

beforeEach(() => fakeLayout());
afterEach(cleanup);

const open = () => fireEvent.click(screen.getByRole('tab', { name: 'DT Cloud' }));
const ago = (s: number) => new Date(Date.now() - s * 1000).toISOString();

function table(updatedAt: string, extra: Partial<Extract<DtCloudInfo, { configured: true }>> = {}): DtCloudInfo {
  return {
    configured: true, project: 'prj-dev',
    follower: { state: 'active', connectorId: 'dc1', url: 'https://a.ngrok.app/', systemDisabled: false },
    connectors: [
      { id: 'dc1', displayName: 'Connector Inbox (box)', type: 'HTTP_PUSH', status: 'ACTIVE', url: 'https://a.ngrok.app/', events: [], labels: [], metrics: { successCount: 12, errorCount: 1, latency99p: '0.411s' }, ours: true },
      { id: 'dc2', displayName: 'Someone else', type: 'HTTP_PUSH', status: 'ACTIVE', url: 'https://b.example/', events: [], labels: [], ours: false },
    ],
    refresh: { updatedAt },
    ...extra,
  };
}

it('says how long ago the service read DT, and a pushed table replaces it', async () => {
  const api = new FakeInboxApi();
  api.dtCloud = table(ago(12));
  renderApp(api);
  open();
  // counted in the view each second: 12 s, give or take the time the render takes
  expect(await screen.findByText(/^updated 1[2-4] s ago$/)).toBeTruthy();
  // the view holds a watch on the service; it never asks DT itself
  await waitFor(() => expect(api.calls.some((c) => c.method === 'watchDtCloud')).toBe(true));
  const ours = (table('') as Extract<DtCloudInfo, { configured: true }>).connectors[0]!;
  act(() => api.push({ type: 'dtCloud', info: table(ago(0), { connectors: [{ ...ours, status: 'USER_DISABLED' }] }) }));
  expect(await screen.findByText(/^updated [0-2] s ago$/)).toBeTruthy();
  expect(screen.getByText('USER_DISABLED')).toBeTruthy();
  expect(api.calls.filter((c) => c.method === 'dtRefresh')).toHaveLength(0);
});

it('Refresh asks the service (not DT) and a 429 is said with the wait', async () => {
  const api = new FakeInboxApi();
  api.dtCloud = table(ago(40), { refresh: { updatedAt: ago(40), rateLimitedUntil: new Date(Date.now() + 120_000).toISOString() } });
  renderApp(api);
  open();
  expect(await screen.findByText(/asked to slow down \(429\).*again in 2 min/)).toBeTruthy();
  fireEvent.click(screen.getByRole('button', { name: 'Refresh' }));
  expect(await screen.findByText(/^updated [0-2] s ago$/)).toBeTruthy();
  expect(api.calls.filter((c) => c.method === 'dtRefresh')).toHaveLength(1);
});

it('another connector\'s metrics are fetched on a click only', async () => {
  const api = new FakeInboxApi();
  api.dtCloud = table(ago(3));
  const { container } = renderApp(api);
  open();
  const other = await waitFor(() => {
    const row = container.querySelector('[data-connector-id="dc2"]');
    if (!row) throw new Error('no row yet');
    return row as HTMLElement;
  });
  expect(within(container.querySelector('[data-connector-id="dc1"]') as HTMLElement).getByText('12 ok · 1 errors · p99 0.411s')).toBeTruthy();
  expect(api.calls.filter((c) => c.method === 'dtConnectorMetrics')).toHaveLength(0);
  fireEvent.click(within(other).getByRole('button', { name: 'Show metrics' }));
  expect(await within(other).findByText(/0 ok · 0 errors/)).toBeTruthy();
  expect(api.calls.filter((c) => c.method === 'dtConnectorMetrics')).toEqual([{ method: 'dtConnectorMetrics', args: [{ project: 'prj-dev', connectorId: 'dc2' }] }]);
});

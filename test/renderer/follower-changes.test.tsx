// @vitest-environment jsdom
/** The DT Cloud tab's connector changes: newest first, from earlier runs too, DT's error text as text. */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { FakeInboxApi } from './fake-api';
import { fakeLayout, renderApp } from './render-app';

beforeEach(() => fakeLayout());
afterEach(cleanup);

it('lists the follower\'s changes newest first, with SYSTEM_DISABLED and the error as text', async () => {
  const api = new FakeInboxApi();
  api.dtCloud = {
    configured: true, project: 'prj-dev', connectors: [],
    follower: { state: 'active', connectorId: 'dc1', url: 'https://b.ngrok.app/', systemDisabled: false },
    followerChanges: [
      { at: '2026-12-06T08:02:00.000Z', state: 'active', project: 'prj-dev', connectorId: 'dc1', url: 'https://b.ngrok.app/', systemDisabled: true },
      { at: '2026-12-06T08:01:00.000Z', state: 'retrying', project: 'prj-dev', connectorId: 'dc1', url: 'https://a.ngrok.app/', systemDisabled: false, error: '<i>DT Cloud answered 503</i>' },
      { at: '2026-12-06T08:00:00.000Z', state: 'syncing', project: 'prj-dev', systemDisabled: false },
    ],
  };
  const { container } = renderApp(api);
  fireEvent.click(screen.getByRole('tab', { name: 'DT Cloud' }));
  const panel = await screen.findByLabelText('Connector changes');
  const rows = [...panel.querySelectorAll('tbody tr')] as HTMLElement[];
  expect(rows.map((r) => r.dataset.changeState)).toEqual(['active', 'retrying', 'syncing']);
  expect(within(rows[0]!).getByText(/SYSTEM_DISABLED by DT/)).toBeTruthy();
  expect(within(rows[0]!).getByText('https://b.ngrok.app/')).toBeTruthy();
  expect(within(rows[1]!).getByText('<i>DT Cloud answered 503</i>')).toBeTruthy(); // untrusted: text, not markup
  expect(container.querySelector('.follower-changes i')).toBeNull();
});

it('shows nothing when the follower has no changes yet', async () => {
  const api = new FakeInboxApi();
  api.dtCloud = { configured: true, project: 'p', connectors: [], follower: { state: 'waiting', systemDisabled: false }, followerChanges: [] };
  renderApp(api);
  fireEvent.click(screen.getByRole('tab', { name: 'DT Cloud' }));
  await screen.findByText(/DT Cloud · project/);
  expect(screen.queryByLabelText('Connector changes')).toBeNull();
});

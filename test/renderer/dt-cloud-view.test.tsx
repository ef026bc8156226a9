// @vitest-environment jsdom
/** The DT Cloud tab: how to connect when serve has no --dt-project; the connectors and the follower's state when it has. */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
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

const configuredInfo = (): Extract<import('../../shared/api/contract').DtCloudInfo, { configured: true }> => ({
  configured: true, project: 'prj-dev', credentials: { keyId: 'key1', email: 'sa@org.serviceaccount.d21s.com', source: 'env' }, canSetCredentials: false,
  follower: { state: 'active', connectorId: 'dc1', url: 'https://a.ngrok.app/', systemDisabled: false },
  connectors: [
    { id: 'dc1', displayName: 'Connector Inbox (box)', type: 'HTTP_PUSH', status: 'ACTIVE', url: 'https://a.ngrok.app/', events: [], labels: ['name'], metrics: { successCount: 12, errorCount: 0, latency99p: '0.200s' }, ours: true },
    { id: 'dc2', displayName: 'Other push', type: 'HTTP_PUSH', status: 'USER_DISABLED', url: 'https://x.example/', events: [], labels: [], metrics: { successCount: 0, errorCount: 0, latency99p: '' }, ours: false },
  ],
  inbox: { events: 9, deliveries: 10, byType: { temperature: 7, touch: 2 }, arrivedTypes: ['temperature', 'touch'] },
  emulation: {
    project: 'prj-dev', deviceId: 'emu00000000000000000001', deviceKind: 'temperature', type: 'temperature',
    published: [
      { n: 1, publishedAt: '2026-12-01T10:00:00.000Z', receivedAt: '2026-12-01T10:00:00.412Z', eventId: 'evt000000000000000001', latencyMs: 412 },
      { n: 2, publishedAt: '2026-12-01T10:00:00.500Z' },
    ],
  },
});

it('desktop, not connected: the service account form sends the secret once and clears it; the project picker connects', async () => {
  const api = new FakeInboxApi();
  api.dtCloud = { configured: false, hint: 'enter the service account below', credentials: null, canSetCredentials: true };
  renderApp(api);
  open();
  fireEvent.change(await screen.findByLabelText('DT key id'), { target: { value: 'key1' } });
  fireEvent.change(screen.getByLabelText('DT service account email'), { target: { value: 'sa@org.serviceaccount.d21s.com' } });
  const secret = screen.getByLabelText('DT key secret') as HTMLInputElement;
  expect(secret.type).toBe('password');
  fireEvent.change(secret, { target: { value: 'the-key-secret' } });
  fireEvent.click(screen.getByRole('button', { name: 'Save service account' }));
  expect(await screen.findByText('Saved: sa@org.serviceaccount.d21s.com')).toBeTruthy();
  expect(api.calls.find((c) => c.method === 'dtSetCredentials')!.args).toEqual([{ keyId: 'key1', email: 'sa@org.serviceaccount.d21s.com', secret: '(given)' }]);
  expect(secret.value).toBe('');

  cleanup();
  api.dtCloud = { configured: false, hint: 'choose a project', credentials: { keyId: 'key1', email: 'sa@org.serviceaccount.d21s.com', source: 'settings' }, canSetCredentials: true };
  api.dtProjects = [{ id: 'prj-a', displayName: 'A', organization: 'Org' }, { id: 'prj-dev', displayName: 'Dev project', organization: 'Org' }];
  renderApp(api);
  open();
  fireEvent.change(await screen.findByRole('combobox', { name: 'DT project' }), { target: { value: 'prj-dev' } });
  fireEvent.click(screen.getByRole('button', { name: 'Connect this inbox' }));
  await screen.findByRole('button', { name: 'Connect this inbox' });
  expect(api.calls.filter((c) => c.method === 'dtConnect').map((c) => c.args)).toEqual([[{ project: 'prj-dev' }]]);
  expect(screen.getByText(/from this app's settings/)).toBeTruthy();
});

it('connector actions, DT\'s count beside the inbox\'s, the filter editor with arrived types, the emulator with latencies', async () => {
  const api = new FakeInboxApi();
  api.dtCloud = configuredInfo();
  const { container } = renderApp(api);
  open();
  const ours = await waitForRow(container, 'dc1');
  expect(within(ours).getByText('inbox, same 3 h: 10 deliveries · 9 events')).toBeTruthy();
  expect(within(ours).getByText('2 fewer than DT\'s 12 successes: acknowledged deliveries that the inbox did not keep (lost acks)')).toBeTruthy();
  fireEvent.click(within(ours).getByRole('button', { name: 'Disable' }));
  // one action at a time: the buttons wait for the answer
  expect((within(ours).getByRole('button', { name: 'Sync' }) as HTMLButtonElement).disabled).toBe(true);
  await waitFor(() => expect((within(ours).getByRole('button', { name: 'Sync' }) as HTMLButtonElement).disabled).toBe(false));
  // not ours: asked first (dt-cloud-confirm.test.tsx has the rest of that)
  fireEvent.click(within(container.querySelector('[data-connector-id="dc2"]') as HTMLElement).getByRole('button', { name: 'Enable' }));
  fireEvent.click(within(screen.getByRole('dialog', { name: 'Enable Other push?' })).getByRole('button', { name: 'Enable it' }));
  await waitFor(() => expect((within(ours).getByRole('button', { name: 'Sync' }) as HTMLButtonElement).disabled).toBe(false));
  fireEvent.click(within(ours).getByRole('button', { name: 'Sync' }));
  await screen.findByText(/DT re-sends the latest event of each type through Connector Inbox \(box\)/);
  expect(api.calls.filter((c) => c.method.startsWith('dtSet') || c.method === 'dtSync').map((c) => [c.method, c.args[0]])).toEqual([
    ['dtSetConnectorStatus', { project: 'prj-dev', connectorId: 'dc1', status: 'USER_DISABLED' }],
    ['dtSetConnectorStatus', { project: 'prj-dev', connectorId: 'dc2', status: 'ACTIVE' }],
    ['dtSync', { project: 'prj-dev', connectorId: 'dc1' }],
  ]);

  const touch = container.querySelector('.dt-type[data-type="touch"]') as HTMLElement;
  expect(within(touch).getByText('arrived · 2 in 3 h')).toBeTruthy();
  expect(within(container.querySelector('.dt-type[data-type="co2"]') as HTMLElement).queryByText(/arrived/)).toBeNull();
  expect(screen.getByText(/all types sent/)).toBeTruthy();
  fireEvent.click(screen.getByRole('button', { name: 'Only types that arrived' }));
  fireEvent.click(within(container.querySelector('.dt-type[data-type="co2"]') as HTMLElement).getByRole('checkbox'));
  fireEvent.click(screen.getByRole('button', { name: 'Save filter' }));
  await screen.findByText('Event filter saved in DT Cloud.');
  expect(api.calls.find((c) => c.method === 'dtSetEventFilter')!.args).toEqual([{ project: 'prj-dev', connectorId: 'dc1', events: ['co2', 'temperature', 'touch'] }]);

  const rows = container.querySelectorAll('.dt-latency tbody tr');
  expect(within(rows[0] as HTMLElement).getByText('412 ms')).toBeTruthy();
  // published days before this test runs and never received: it says so (the 30 s is dt-cloud-confirm.test.tsx's)
  expect(within(rows[1] as HTMLElement).getByText('not here after 30 s')).toBeTruthy();
  fireEvent.change(screen.getByRole('combobox', { name: 'Emulated device kind' }), { target: { value: 'co2' } });
  const types = within(screen.getByRole('combobox', { name: 'Emulated event type' })).getAllByRole('option').map((o) => o.textContent);
  expect(types).toEqual(expect.arrayContaining(['co2', 'pressure', 'humidity', 'touch']));
  expect(types).not.toContain('temperature');
  expect(types).not.toContain('labelsChanged');
  fireEvent.change(screen.getByRole('combobox', { name: 'Emulated event type' }), { target: { value: 'pressure' } });
  fireEvent.change(screen.getByLabelText('How many events'), { target: { value: '5' } });
  fireEvent.click(screen.getByRole('button', { name: 'Publish' }));
  await screen.findByRole('button', { name: 'Publish' });
  expect(api.calls.find((c) => c.method === 'dtEmulate')!.args).toEqual([{ project: 'prj-dev', kind: 'co2', type: 'pressure', count: 5 }]);
});

it('SYSTEM_DISABLED has a one-click re-enable; a refused action is shown', async () => {
  const api = new FakeInboxApi();
  api.dtCloud = { ...configuredInfo(), follower: { state: 'disabled', connectorId: 'dc1', systemDisabled: true } };
  renderApp(api);
  open();
  fireEvent.click(await screen.findByRole('button', { name: 'Re-enable' }));
  await screen.findByRole('button', { name: 'Re-enable' });
  expect(api.calls.find((c) => c.method === 'dtSetConnectorStatus')!.args).toEqual([{ project: 'prj-dev', connectorId: 'dc1', status: 'ACTIVE' }]);
  api.dtError = 'DT Cloud refused: 403 needs the Project Developer role';
  fireEvent.click(screen.getByRole('button', { name: 'Re-enable' }));
  expect((await screen.findByText('DT Cloud refused: 403 needs the Project Developer role')).closest('[role="alert"]')).toBeTruthy();
});

async function waitForRow(container: HTMLElement, id: string): Promise<HTMLElement> {
  await screen.findByText('DT, last 3 h');
  return container.querySelector(`[data-connector-id="${id}"]`) as HTMLElement;
}

it('an unsaved filter edit survives the view\'s refresh', async () => {
  const api = new FakeInboxApi();
  api.dtCloud = configuredInfo();
  const { container } = renderApp(api);
  open();
  await waitForRow(container, 'dc1');
  const box = () => within(container.querySelector('.dt-type[data-type="motion"]') as HTMLElement).getByRole('checkbox') as HTMLInputElement;
  fireEvent.click(box());
  // meanwhile DT's filter changed (another client): the refresh must not overwrite the edit under way
  const next = configuredInfo();
  next.connectors[0]!.events = ['co2'];
  api.dtCloud = { ...next, inbox: { events: 10, deliveries: 11, byType: { temperature: 8, touch: 2 }, arrivedTypes: ['temperature', 'touch'] } };
  fireEvent.click(screen.getByRole('button', { name: 'Refresh' }));
  await screen.findByText('inbox, same 3 h: 11 deliveries · 10 events');
  expect(box().checked).toBe(true);
  expect((within(container.querySelector('.dt-type[data-type="co2"]') as HTMLElement).getByRole('checkbox') as HTMLInputElement).checked).toBe(false);
  expect((screen.getByRole('button', { name: 'Save filter' }) as HTMLButtonElement).disabled).toBe(false);
});

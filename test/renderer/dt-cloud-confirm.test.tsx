// @vitest-environment jsdom
/**
 * Issue 20 #2, "DT Cloud acts without asking": an action on a connector that is not ours is
 * asked first (its name, id and URL, what DT will do; Cancel calls nothing), ours is not;
 * Publish is off with the reason while our connector cannot bring the events here; an event
 * published 30 s ago and not received says why it may not have arrived.
 */
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { DtCloudInfo } from '../../shared/api/contract';
import { FakeInboxApi } from './fake-api';
import { fakeLayout, renderApp } from './render-app';

type Configured = Extract<DtCloudInfo, { configured: true }>;

beforeEach(() => fakeLayout());
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const open = () => fireEvent.click(screen.getByRole('tab', { name: 'DT Cloud' }));
const PUBLISHED = Date.parse('2026-12-01T10:00:00.000Z');

function info(over: Partial<Configured> = {}): Configured {
  return {
    configured: true, project: 'prj-dev',
    follower: { state: 'active', connectorId: 'dc1', url: 'https://a.ngrok.app/', systemDisabled: false },
    connectors: [
      { id: 'dc1', displayName: 'Connector Inbox (box)', type: 'HTTP_PUSH', status: 'ACTIVE', url: 'https://a.ngrok.app/', events: [], labels: [], ours: true },
      { id: 'dc2', displayName: 'Partner webhook', type: 'HTTP_PUSH', status: 'ACTIVE', url: 'https://partner.example/dt', events: [], labels: [], ours: false },
      { id: 'dc3', displayName: 'Old staging', type: 'HTTP_PUSH', status: 'USER_DISABLED', url: 'https://staging.example/', events: [], labels: [], ours: false },
    ],
    ...over,
  };
}

const row = async (id: string) => {
  await screen.findByText('DT, last 3 h');
  return document.querySelector(`[data-connector-id="${id}"]`) as HTMLElement;
};
const actions = (api: FakeInboxApi) => api.calls.filter((c) => c.method === 'dtSetConnectorStatus' || c.method === 'dtSync').map((c) => [c.method, c.args[0]]);

it('Disable, Enable and Sync on a connector not ours ask first, naming it and its URL; Cancel and Escape call nothing', async () => {
  const api = new FakeInboxApi();
  api.dtCloud = info();
  renderApp(api);
  open();
  fireEvent.click(within(await row('dc2')).getByRole('button', { name: 'Disable' }));
  const dialog = screen.getByRole('dialog', { name: 'Disable Partner webhook?' });
  expect(dialog.textContent).toContain('dc2');
  expect(dialog.textContent).toContain('https://partner.example/dt');
  expect(dialog.textContent).toMatch(/DT stops delivering this project's events to its URL/);
  // the safe answer has the focus: Enter does not disable someone else's connector
  expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' }));
  fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
  expect(screen.queryByRole('dialog')).toBeNull();

  fireEvent.click(within(await row('dc3')).getByRole('button', { name: 'Enable' }));
  const enable = screen.getByRole('dialog', { name: 'Enable Old staging?' });
  expect(enable.textContent).toContain('https://staging.example/');
  fireEvent.keyDown(enable, { key: 'Escape' });
  expect(screen.queryByRole('dialog')).toBeNull();

  fireEvent.click(within(await row('dc2')).getByRole('button', { name: 'Sync' }));
  expect(screen.getByRole('dialog', { name: 'Sync Partner webhook?' }).textContent).toMatch(/re-sends the latest event of each type/);
  fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
  await new Promise((r) => setTimeout(r, 50));
  expect(actions(api)).toEqual([]);

  fireEvent.click(within(await row('dc2')).getByRole('button', { name: 'Disable' }));
  fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Disable it' }));
  expect(screen.queryByRole('dialog')).toBeNull();
  await waitFor(() => expect(actions(api)).toEqual([['dtSetConnectorStatus', { project: 'prj-dev', connectorId: 'dc2', status: 'USER_DISABLED' }]]));
});

it('our own connector\'s actions need no question', async () => {
  const api = new FakeInboxApi();
  api.dtCloud = info();
  renderApp(api);
  open();
  fireEvent.click(within(await row('dc1')).getByRole('button', { name: 'Disable' }));
  expect(screen.queryByRole('dialog')).toBeNull();
  await waitFor(() => expect(actions(api)).toEqual([['dtSetConnectorStatus', { project: 'prj-dev', connectorId: 'dc1', status: 'USER_DISABLED' }]]));
});

it('Publish is off, with the reason beside it, while ours is not ACTIVE or has no URL, and on again once it is ACTIVE', async () => {
  const api = new FakeInboxApi();
  const ours = info().connectors[0]!;
  api.dtCloud = info({ connectors: [{ ...ours, status: 'USER_DISABLED' }] });
  renderApp(api);
  open();
  const publish = await screen.findByRole('button', { name: 'Publish' }) as HTMLButtonElement;
  const reason = 'Our connector is not ACTIVE (USER_DISABLED): enable it, or the events go nowhere';
  expect(publish.disabled).toBe(true);
  expect(publish.title).toBe(reason);
  expect(screen.getByText(reason)).toBeTruthy();

  act(() => api.push({ type: 'dtCloud', info: info({ connectors: [{ ...ours, url: '' }] }) }));
  expect(await screen.findByText('Our connector has no URL yet: start the tunnel or set a public URL')).toBeTruthy();
  expect(publish.disabled).toBe(true);

  act(() => api.push({ type: 'dtCloud', info: info() }));
  await waitFor(() => expect(publish.disabled).toBe(false));
  expect(publish.title).toBe('');
  expect(document.querySelector('.dt-publish-blocked')).toBeNull();
});

it('with DT\'s event stream the connector does not matter: Publish stays on', async () => {
  const api = new FakeInboxApi();
  api.status = { ...api.status, receiveMode: { mode: 'stream', canChoose: false } };
  api.dtCloud = info({ connectors: [] });
  renderApp(api);
  open();
  await screen.findByText('Emulator');
  await waitFor(() => expect((screen.getByRole('button', { name: 'Publish' }) as HTMLButtonElement).disabled).toBe(false));
});

it('an event not received 30 s after publishing says why it may not have arrived, from the view\'s state', async () => {
  // the view's own clock (Date.now and its 1 s interval) is faked; the rest runs as usual
  vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
  vi.setSystemTime(PUBLISHED + 5_000);
  const api = new FakeInboxApi();
  const ours = { ...info().connectors[0]!, events: ['temperature'] };
  api.status = { ...api.status, tunnel: { state: 'online', url: 'https://new.ngrok.app/' } };
  api.dtCloud = info({
    connectors: [ours],
    emulation: {
      project: 'prj-dev', deviceId: 'emu00000000000000000001', deviceKind: 'co2', type: 'co2',
      published: [
        { n: 1, publishedAt: new Date(PUBLISHED).toISOString(), receivedAt: new Date(PUBLISHED + 400).toISOString(), eventId: 'evt000000000000000001', latencyMs: 400 },
        { n: 2, publishedAt: new Date(PUBLISHED).toISOString() },
      ],
    },
  });
  renderApp(api);
  open();
  const rows = await waitFor(() => {
    const r = document.querySelectorAll('.dt-latency tbody tr');
    expect(r).toHaveLength(2);
    return r;
  });
  expect(within(rows[1] as HTMLElement).getByText('waiting…')).toBeTruthy();
  expect(document.querySelector('.dt-late')).toBeNull();

  act(() => { vi.setSystemTime(PUBLISHED + 28_000); vi.advanceTimersByTime(1_000); });
  expect(within(rows[1] as HTMLElement).getByText('waiting…')).toBeTruthy();
  act(() => { vi.advanceTimersByTime(1_000); });
  expect(within(rows[1] as HTMLElement).getByText('not here after 30 s')).toBeTruthy();
  expect(within(rows[0] as HTMLElement).getByText('400 ms')).toBeTruthy();
  const why = document.querySelector('.dt-late') as HTMLElement;
  expect(why.textContent).toMatch(/^1 of 2 not received 30 s after publishing/);
  const reasons = within(why).getAllByRole('listitem').map((li) => li.textContent);
  expect(reasons).toEqual([
    'Our connector sends to https://a.ngrok.app/, which is not the inbox\'s current public URL (https://new.ngrok.app/).',
    'Our connector\'s event filter sends temperature only, not co2.',
    'DT retries a delivery the inbox refused, for up to 12 h: a refused one (a signature that does not verify, for one) is listed under Rejected deliveries.',
  ]);

  // the state changes: the reasons follow it (ours disabled, the filter taking every type, URL matching)
  act(() => api.push({ type: 'dtCloud', info: { ...(api.dtCloud as Configured), connectors: [{ ...ours, status: 'USER_DISABLED', events: [], url: 'https://new.ngrok.app/' }] } }));
  await waitFor(() => expect(within(document.querySelector('.dt-late') as HTMLElement).getAllByRole('listitem')[0]!.textContent).toBe('Our connector is not ACTIVE (USER_DISABLED): DT does not deliver to it.'));
  expect(within(document.querySelector('.dt-late') as HTMLElement).getAllByRole('listitem')).toHaveLength(2);
});

it('"Connect this inbox" with the id of a connector not ours asks before taking it over; with ours it does not ask', async () => {
  const api = new FakeInboxApi();
  api.dtCloud = info({ credentials: { keyId: 'key1', email: 'sa@org.serviceaccount.d21s.com', source: 'env' } });
  renderApp(api);
  open();
  const id = await screen.findByLabelText('DT connector id');
  fireEvent.change(id, { target: { value: 'dc2' } });
  fireEvent.click(screen.getByRole('button', { name: 'Connect this inbox' }));
  const dialog = screen.getByRole('dialog', { name: 'Point Partner webhook at this inbox?' });
  expect(dialog.textContent).toContain('https://partner.example/dt');
  expect(dialog.textContent).toMatch(/its URL and signature secret are replaced by the inbox's/);
  fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
  await new Promise((r) => setTimeout(r, 50));
  expect(api.calls.filter((c) => c.method === 'dtConnect')).toEqual([]);

  fireEvent.click(screen.getByRole('button', { name: 'Connect this inbox' }));
  fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Take it over' }));
  await waitFor(() => expect(api.calls.filter((c) => c.method === 'dtConnect').map((c) => c.args[0])).toEqual([{ project: 'prj-dev', connectorId: 'dc2' }]));

  await screen.findByRole('button', { name: 'Connect this inbox' });
  fireEvent.change(id, { target: { value: 'dc1' } });
  fireEvent.click(screen.getByRole('button', { name: 'Connect this inbox' }));
  expect(screen.queryByRole('dialog')).toBeNull();
  await waitFor(() => expect(api.calls.filter((c) => c.method === 'dtConnect')).toHaveLength(2));
});

// @vitest-environment jsdom
/** Where events came from, as the header, the event detail, Setup and the DT Cloud view show it. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { FakeInboxApi } from './fake-api';
import { makeBody } from './fake-events';
import { coverageWithGap } from './fake-coverage';
import { fakeLayout, renderApp } from './render-app';

beforeEach(() => {
  fakeLayout();
  localStorage.clear();
});
afterEach(cleanup);

const header = () => within(screen.getByRole('status', { name: 'Sources' }));
const rows = () => screen.queryAllByRole('row').filter((r) => r.hasAttribute('data-event-id'));

describe('the header', () => {
  it('shows the sources together in one line', async () => {
    renderApp();
    await waitFor(() => expect(screen.getByRole('status', { name: 'Sources' }).textContent).toBe('Connector receiving · History idle · Stream —'));
  });

  it('shows a receiving stream as live, and follows status pushes', async () => {
    const api = new FakeInboxApi();
    renderApp(api);
    await screen.findByRole('status', { name: 'Sources' });
    act(() => {
      api.status = { ...api.status, sources: [...api.status.sources, { kind: 'stream', state: 'receiving', detail: 'connected (12 events this run)' }] };
      api.push({ type: 'status', status: api.statusNow() });
    });
    const live = await waitFor(() => header().getByText('Stream live'));
    expect(live.getAttribute('title')).toBe('Stream: connected (12 events this run)');
  });
});

describe('the event detail', () => {
  it('says a filled event came from DT\'s history, marks its body as built, and never calls it unverified', async () => {
    const api = new FakeInboxApi();
    api.deliver(makeBody({ eventId: 'filled1', labels: { name: 'Fridge' } }), { source: 'history' });
    renderApp(api);
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(within(rows()[0]!).getByText('history')).toBeTruthy();
    expect(within(rows()[0]!).queryByText('unverified')).toBeNull();
    fireEvent.click(rows()[0]!);
    const detail = within(await screen.findByLabelText('Event detail'));
    await detail.findByText('DT event history (backfill)', { selector: 'dd' });
    expect(detail.getByRole('note').textContent).toBe('Built by the inbox from DT\'s event, not received as bytes');
    expect(detail.getByText('Fetched from DT with the service account', { exact: false })).toBeTruthy();
    expect(detail.queryByText(/Not verified/)).toBeNull();
    const log = detail.getByText('Deliveries (1)').nextElementSibling as HTMLElement;
    expect(within(log).getByText('history').getAttribute('title')).toBe('DT event history (backfill)');
  });

  it('marks an imported body as the export file\'s, and a connector push as received bytes (no mark)', async () => {
    const api = new FakeInboxApi();
    api.deliver(makeBody({ eventId: 'pushed' }));
    api.deliver(makeBody({ eventId: 'imported' }), { source: 'import', warnings: ['imported from an export file (signature there: valid)'] });
    renderApp(api);
    await waitFor(() => expect(rows()).toHaveLength(2));
    fireEvent.click(rows().find((r) => r.dataset.eventId === 'imported')!);
    const panel = await screen.findByLabelText('Event detail');
    await within(panel).findByText('imported from an export file', { selector: 'dd' });
    expect(within(panel).getByRole('note').textContent).toBe('Built by the inbox from the export file\'s body, not received as bytes');
    expect(within(panel).getByText(/Imported from an export file: this inbox checked no signature/)).toBeTruthy();
    fireEvent.click(rows().find((r) => r.dataset.eventId === 'pushed')!);
    await within(panel).findByText('Data Connector push', { selector: 'dd' });
    expect(within(panel).queryByRole('note')).toBeNull();
  });

  it('lists each delivery\'s source: a push, then the same event again from the stream', async () => {
    const api = new FakeInboxApi();
    const body = makeBody({ eventId: 'both' });
    api.deliver(body);
    api.deliver(body, { source: 'stream' });
    renderApp(api);
    await waitFor(() => expect(rows()).toHaveLength(1));
    fireEvent.click(rows()[0]!);
    const detail = within(await screen.findByLabelText('Event detail'));
    const log = (await detail.findByText('Deliveries (2)')).nextElementSibling as HTMLElement;
    const cells = within(log).getAllByRole('row').slice(1).map((r) => r.children[2]!.textContent);
    expect(cells).toEqual(['connector', 'stream']);
    expect(detail.queryByRole('note')).toBeNull(); // stored by the push: its bytes are the received ones
  });
});

describe('how events arrive, in Setup', () => {
  it('lets the desktop app choose the event stream, and follows the switch', async () => {
    const api = new FakeInboxApi();
    api.status = { ...api.status, mode: 'desktop', receiveMode: { mode: 'connector', canChoose: true } };
    renderApp(api);
    fireEvent.click(screen.getByRole('tab', { name: 'Setup' }));
    const group = within(await screen.findByRole('group', { name: 'How events arrive' }));
    expect((group.getByLabelText(/^Data Connector to a public URL/) as HTMLInputElement).checked).toBe(true);
    fireEvent.click(group.getByLabelText(/^DT event stream \(no tunnel or ngrok account needed\)/));
    await waitFor(() => expect((group.getByLabelText(/^DT event stream/) as HTMLInputElement).checked).toBe(true));
    expect(api.calls.filter((c) => c.method === 'setReceiveMode').map((c) => c.args[0])).toEqual(['stream']);
    expect(header().getByText('Stream live')).toBeTruthy();
  });

  it('shows why a switch failed and keeps the mode as it was', async () => {
    const api = new FakeInboxApi();
    api.status = { ...api.status, mode: 'desktop', receiveMode: { mode: 'connector', canChoose: true } };
    api.receiveModeError = 'choose a DT project in the DT Cloud view first: the stream is that project\'s';
    renderApp(api);
    fireEvent.click(screen.getByRole('tab', { name: 'Setup' }));
    const group = within(await screen.findByRole('group', { name: 'How events arrive' }));
    fireEvent.click(group.getByLabelText(/^DT event stream/));
    expect((await screen.findByText(/choose a DT project in the DT Cloud view first/)).getAttribute('role')).toBe('alert');
    expect((group.getByLabelText(/^Data Connector to a public URL/) as HTMLInputElement).checked).toBe(true);
  });

  it('only shows the mode in serve, where it is chosen at start', async () => {
    const api = new FakeInboxApi();
    api.status = { ...api.status, receiveMode: { mode: 'stream', canChoose: false } };
    renderApp(api);
    fireEvent.click(screen.getByRole('tab', { name: 'Setup' }));
    expect(await screen.findByText('DT event stream (no tunnel or ngrok account needed)')).toBeTruthy();
    expect(screen.getByText('--dt-stream --dt-project <id>')).toBeTruthy();
    expect(screen.queryByRole('radio')).toBeNull();
  });
});

describe('the DT Cloud view', () => {
  it('lists the fills from DT\'s history with what each brought', async () => {
    const api = new FakeInboxApi();
    api.dtCloud = { configured: true, project: 'prj-dev', follower: { state: 'active', connectorId: 'dc1', url: 'https://a.ngrok.app/', systemDisabled: false }, connectors: [] };
    const now = new Date(2026, 0, 5, 10, 0).getTime();
    api.coverage = coverageWithGap(now);
    const gap = { from: new Date(2026, 0, 4, 18, 2).getTime(), to: new Date(2026, 0, 5, 8, 41).getTime() };
    api.coverage.backfill.runs = [
      { ...gap, at: now, reason: 'requested', devices: 4, fetched: 40, added: 37, alreadyStored: 3, invalid: 0, reachesStart: false, oldestFetched: '2026-01-05T03:10:00.000Z' },
    ];
    renderApp(api);
    fireEvent.click(screen.getByRole('tab', { name: 'DT Cloud' }));
    const section = within(await screen.findByRole('region', { name: 'Fills from DT\'s history' }));
    const row = section.getAllByRole('row')[1]!;
    expect([...row.children].map((c) => c.textContent)).toEqual(['10:00', '18:02–08:41', 'Fill gap', '4', '40', '37', '3']);
    expect(section.getByText(/^DT's history returned nothing before 2026-01-05 03:10 UTC/)).toBeTruthy();
  });
});

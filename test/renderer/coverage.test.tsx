// @vitest-environment jsdom
/** The Overview's coverage of the last 24 h, Fill gap with its progress and result, and the sources card. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { FakeInboxApi } from './fake-api';
import { makeBody } from './fake-events';
import { coverageWithGap } from './fake-coverage';
import { fakeLayout, renderApp } from './render-app';

beforeEach(() => fakeLayout());
afterEach(cleanup);

const at = (day: number, h: number, m = 0) => new Date(2026, 0, day, h, m).getTime();
const gap = { from: at(4, 18, 2), to: at(5, 8, 41) };
const now = at(5, 10);
const iso9 = (ms: number) => new Date(ms).toISOString().replace('Z', '000Z');

function withGap(): FakeInboxApi {
  const api = new FakeInboxApi();
  api.coverage = coverageWithGap(now, gap);
  return api;
}

const openOverview = () => fireEvent.click(screen.getByRole('tab', { name: 'Overview' }));
const parts = (container: HTMLElement) => [...container.querySelectorAll<HTMLElement>('.coverage-part')].map((p) => p.dataset.kind);

describe('coverage in the Overview', () => {
  it('draws the day with the gap apart from what was received, its times on hover and in words', async () => {
    const { container } = renderApp(withGap());
    openOverview();
    const list = await screen.findByRole('list', { name: 'Open gaps' });
    expect(list.textContent).toBe('Open gap 18:02–08:41, 14 h 39 min');
    expect(parts(container)).toEqual(['before', 'received', 'gap', 'received']);
    expect(container.querySelector('[data-kind="gap"]')!.getAttribute('title')).toBe('Open gap 18:02–08:41, 14 h 39 min');
    const legend = within(screen.getByRole('list', { name: 'Legend' }));
    for (const k of ['Received', 'Filled from DT\'s history', 'Open gap', 'Before the inbox first covered the project']) expect(legend.getByText(k)).toBeTruthy();
    expect(screen.getByRole('img', { name: 'Coverage of the last 24 h: 1 open gap' })).toBeTruthy();
    expect(container.querySelector('.coverage-ticks')!.textContent).toContain('12:00');
  });

  it('fills the gap: progress while DT\'s history is read, then the gap filled and what it brought', async () => {
    const api = withGap();
    let release!: () => void;
    api.fill.gate = new Promise<void>((r) => { release = r; });
    api.fill.bodies = [
      makeBody({ eventId: 'h1', deviceId: 'devA', timestamp: iso9(at(4, 20)) }),
      makeBody({ eventId: 'h2', deviceId: 'devB', timestamp: iso9(at(5, 2)) }),
    ];
    const { container } = renderApp(api);
    openOverview();
    fireEvent.click(await screen.findByRole('button', { name: 'Fill gap' }));
    expect(await screen.findByText('Filling 18:02–08:41: 1 of 2 devices, 1 events fetched, 1 new')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Fill gap' }) as HTMLButtonElement).disabled).toBe(true);
    await waitFor(() => expect(within(screen.getByRole('status', { name: 'Sources' })).getByText('History filling')).toBeTruthy());
    release();
    expect(await screen.findByText('Filled 2 events missed while the inbox was closed or offline, 18:02–08:41')).toBeTruthy();
    await waitFor(() => expect(parts(container)).toEqual(['before', 'received', 'filled', 'received']));
    expect(screen.queryByRole('list', { name: 'Open gaps' })).toBeNull();
    const button = screen.getByRole('button', { name: 'Fill gap' }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    expect(button.title).toMatch(/No open gap in the last 24 h/);
    expect(screen.getByText('No open gaps since the inbox first covered the project.')).toBeTruthy();
    expect(api.details.get('h1')!.source).toBe('history');
  });

  it('warns apart when DT\'s history did not reach back to the gap\'s start', async () => {
    const api = withGap();
    api.fill.run = { reachesStart: false, oldestFetched: '2026-01-05T03:10:00.000Z' };
    renderApp(api);
    openOverview();
    fireEvent.click(await screen.findByRole('button', { name: 'Fill gap' }));
    const warning = await screen.findByText(/^DT's history returned nothing before 2026-01-05 03:10 UTC/);
    expect(warning.closest('.notice')!.className).toContain('warn');
    expect(screen.getByText(/^Filled 0 events missed/)).toBeTruthy();
  });

  it('shows a failed fill as an error, the gap still open', async () => {
    const api = withGap();
    api.fill.error = 'DT Cloud is unreachable (connection refused)';
    const { container } = renderApp(api);
    openOverview();
    fireEvent.click(await screen.findByRole('button', { name: 'Fill gap' }));
    const err = await screen.findByText('Fill gap failed: the fill failed: DT Cloud is unreachable (connection refused)');
    expect(err.getAttribute('role')).toBe('alert');
    expect(parts(container)).toContain('gap');
  });

  it('cannot fill without a service account, and says why', async () => {
    const api = withGap();
    api.coverage!.backfill = { ...api.coverage!.backfill, state: 'unavailable', error: 'no DT service account: gaps cannot be filled from DT\'s history' };
    renderApp(api);
    openOverview();
    const button = (await screen.findByRole('button', { name: 'Fill gap' })) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    expect(screen.getByText('no DT service account: gaps cannot be filled from DT\'s history')).toBeTruthy();
  });

  it('explains that coverage is kept for a followed DT project when there is none', async () => {
    renderApp(new FakeInboxApi());
    openOverview();
    expect(await screen.findByText(/Coverage is kept for the followed DT project: connect one in the DT Cloud view/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Fill gap' })).toBeNull();
  });

  it('lists every source with its state and detail', async () => {
    const api = new FakeInboxApi();
    api.status = { ...api.status, sources: [...api.status.sources, { kind: 'stream', state: 'down', detail: 'DT closed the stream: reconnecting in 4 s', project: 'prj-dev' }] };
    renderApp(api);
    openOverview();
    const region = await screen.findByRole('region', { name: 'Sources' });
    expect(within(region).getByText('Data Connector (push)')).toBeTruthy();
    const stream = region.querySelector('[data-source="stream"]') as HTMLElement;
    expect(within(stream).getByText('down')).toBeTruthy();
    expect(stream.textContent).toContain('DT closed the stream: reconnecting in 4 s');
    expect(stream.textContent).toContain('prj-dev');
  });
});

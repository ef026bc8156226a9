// @vitest-environment jsdom
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { FakeInboxApi } from './fake-api';
import { makeBody, type FakeEventInput } from './fake-events';
import { fakeCanvas } from './fake-canvas';
import { fakeLayout, renderApp } from './render-app';

beforeAll(fakeCanvas);
beforeEach(() => {
  fakeLayout();
  localStorage.clear();
});
afterEach(cleanup);

const at = (min: number) => new Date(Date.UTC(2026, 0, 5, 12, min)).toISOString();
/** One event, sent and received at minute `min`: a later minute makes the device the newest. */
function send(api: FakeInboxApi, min: number, input: FakeEventInput): void {
  api.deliver(makeBody({ timestamp: at(min), ...input }), { receivedAt: at(min) });
}

function fridges(api: FakeInboxApi): void {
  for (let m = 0; m < 5; m++) {
    send(api, m, { deviceId: 'fridge1', deviceType: 'temperature', labels: { name: 'Fridge 1' }, value: 4 + m / 10 });
    send(api, m, { deviceId: 'fridge2', deviceType: 'temperature', labels: { name: 'Fridge 2' }, value: 5 - m / 10 });
    send(api, m, { deviceId: 'fridge3', deviceType: 'temperature', labels: { room: 'cellar' }, value: 3 });
  }
  send(api, 6, { deviceId: 'hum1', eventType: 'humidity', deviceType: 'humidity', labels: { name: 'Office' }, value: 41 });
  send(api, 7, { deviceId: 'door1', eventType: 'contact', deviceType: 'contact', labels: { name: 'Back door' } });
  // The newest device is a cellular gateway: nothing numeric to chart.
  send(api, 8, { deviceId: 'gateway1', eventType: 'cellularStatus', deviceType: 'ccon', labels: { name: 'Gateway' } });
}

const legend = (el: HTMLElement) => [...el.querySelectorAll('.u-legend .u-label')].map((l) => l.textContent);
const markers = (el: HTMLElement) => [...el.querySelectorAll<HTMLElement>('.u-legend .u-marker')].slice(1).map((m) => m.style.borderColor);

async function openCharts(api: FakeInboxApi) {
  renderApp(api);
  fireEvent.click(screen.getByRole('tab', { name: 'Charts' }));
  return (await screen.findByLabelText('Device')) as HTMLSelectElement;
}

describe('the Charts view', () => {
  it('opens on the newest device that has a numeric series, not on a gateway or a door', async () => {
    const api = new FakeInboxApi();
    fridges(api);
    const select = await openCharts(api);
    expect(select.value).toBe('hum1');
    expect([...select.options].map((o) => o.value)).toEqual(['hum1', 'fridge1', 'fridge2', 'fridge3']);
    const panels = await screen.findAllByRole('heading', { level: 3 });
    expect(panels.map((h) => h.textContent)).toEqual([expect.stringMatching(/^relative humidity % 1 point/), expect.stringMatching(/^temperature °C 1 point/)]);
    expect(screen.queryByText(/no numeric/i)).toBeNull();
  });

  it('says there is nothing to chart when no device has sent a measurement', async () => {
    const api = new FakeInboxApi();
    send(api, 1, { deviceId: 'gateway1', eventType: 'cellularStatus', deviceType: 'ccon' });
    renderApp(api);
    fireEvent.click(screen.getByRole('tab', { name: 'Charts' }));
    expect(await screen.findByText('Nothing to chart yet')).toBeTruthy();
  });

  it('compares three devices of one kind in one chart, with a legend by device name', async () => {
    const api = new FakeInboxApi();
    fridges(api);
    await openCharts(api);
    fireEvent.click(screen.getByRole('button', { name: 'Compare devices' }));
    const kind = (await screen.findByLabelText('Kind')) as HTMLSelectElement;
    expect(kind.value).toBe('temperature'); // the kind with the most devices
    expect([...kind.options].map((o) => o.textContent)).toEqual(['humidity · 1 device', 'temperature · 3 devices']);
    // the quantities come with the devices' series, fetched after the kind is known
    await waitFor(() => expect((screen.getByLabelText('Quantity') as HTMLSelectElement).value).toBe('temperature °C'));
    const panel = (await screen.findByRole('heading', { name: /^temperature °C/ })).closest('section')!;
    await waitFor(() => expect(panel.textContent).toContain('3 devices · 15 points'));
    await waitFor(() => expect(legend(panel)).toEqual(['Event time', 'Fridge 1', 'Fridge 2', 'fridge3']));
    expect(new Set(markers(panel)).size).toBe(3); // a colour each
    expect(document.querySelectorAll('.chart')).toHaveLength(1);

    // Unpick one: the chart redraws with two lines.
    fireEvent.click(within(screen.getByRole('group', { name: 'Devices to compare' })).getByLabelText('Fridge 2'));
    await waitFor(() => expect(legend(screen.getByRole('heading', { name: /^temperature °C/ }).closest('section')!)).toEqual(['Event time', 'Fridge 1', 'fridge3']));

    // The pick survives a trip to another tab.
    fireEvent.click(screen.getByRole('tab', { name: 'Overview' }));
    fireEvent.click(screen.getByRole('tab', { name: 'Charts' }));
    const again = (await screen.findByRole('heading', { name: /^temperature °C/ })).closest('section')!;
    await waitFor(() => expect(legend(again)).toEqual(['Event time', 'Fridge 1', 'fridge3']));
  });

  it('follows new events of the compared devices', async () => {
    const api = new FakeInboxApi();
    fridges(api);
    await openCharts(api);
    fireEvent.click(screen.getByRole('button', { name: 'Compare devices' }));
    await screen.findByText(/3 devices · 15 points/);
    act(() => send(api, 9, { deviceId: 'fridge2', deviceType: 'temperature', labels: { name: 'Fridge 2' }, value: 6 }));
    expect(await screen.findByText(/3 devices · 16 points/, undefined, { timeout: 5000 })).toBeTruthy();
  });
});

describe('the Overview', () => {
  it('draws the most frequent type’s bar full width and the others in proportion', async () => {
    const api = new FakeInboxApi();
    for (let i = 0; i < 10; i++) send(api, i, { deviceId: 'fridge1' });
    for (let i = 0; i < 9; i++) send(api, i, { deviceId: 'co2', eventType: 'co2' });
    for (let i = 0; i < 5; i++) send(api, i, { deviceId: 'button', eventType: 'touch' });
    renderApp(api);
    fireEvent.click(screen.getByRole('tab', { name: 'Overview' }));
    await screen.findByText('By type');
    const rows = await waitFor(() => {
      const r = document.querySelectorAll('.by-type tr');
      expect(r).toHaveLength(3);
      return [...r];
    });
    const width = (tr: Element) => (tr.querySelector('.share-bar') as HTMLElement).style.width;
    expect(rows.map((tr) => tr.textContent)).toEqual([expect.stringMatching(/temperature.*10.*42 %/), expect.stringMatching(/co2.*9.*38 %/), expect.stringMatching(/touch.*5.*21 %/)]);
    expect(rows.map(width)).toEqual(['100%', '90%', '50%']);
  });
});

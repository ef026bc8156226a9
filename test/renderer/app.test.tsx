// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { FakeInboxApi } from './fake-api';
import { makeBody } from './fake-events';
import { fakeLayout, renderApp } from './render-app';

beforeEach(() => {
  fakeLayout();
  localStorage.clear();
});
afterEach(cleanup);

const rows = () => screen.queryAllByRole('row').filter((r) => r.hasAttribute('data-event-id'));

describe('the inspector', () => {
  it('has the seven views in its tab navigation', () => {
    renderApp();
    expect(screen.getAllByRole('tab').map((t) => t.textContent)).toEqual(['Events', 'Devices', 'Charts', 'Rejected deliveries', 'Overview', 'DT Cloud', 'Setup']);
  });

  it('tells a new user what to do when there are no events', async () => {
    renderApp();
    expect(await screen.findByText('No events yet')).toBeTruthy();
    expect(screen.getByText(/connector-inbox send --to http:\/\/127\.0\.0\.1:8080\//)).toBeTruthy();
  });

  it('in the desktop app before the tunnel, sends the tester to Setup for a public URL, never to the local one, and offers no CLI', async () => {
    const api = new FakeInboxApi();
    api.status = { ...api.status, mode: 'desktop', tunnelManaged: true };
    renderApp(api);
    const empty = (await screen.findByText('No events yet')).parentElement!;
    expect(empty.textContent).toContain('start the tunnel in the Setup tab');
    expect(empty.textContent).not.toContain('127.0.0.1');
    expect(empty.textContent).not.toContain('connector-inbox');
  });

  it('shows events live, newest first, with the match count', async () => {
    const api = new FakeInboxApi();
    api.deliver(makeBody({ eventId: 'first', labels: { name: 'Fridge' }, value: 4.5 }));
    renderApp(api);
    await waitFor(() => expect(rows()).toHaveLength(1));
    act(() => {
      api.deliver(makeBody({ eventId: 'second', eventType: 'touch', deviceId: 'dev2' }));
    });
    await waitFor(() => expect(rows().map((r) => r.dataset.eventId)).toEqual(['second', 'first']));
    expect(screen.getByText('2 events')).toBeTruthy();
    expect(within(rows()[1]!).getByText('Fridge')).toBeTruthy();
    expect(within(rows()[1]!).getByText('4.5 °C')).toBeTruthy();
  });

  it('renders a hostile label as text, never as markup', async () => {
    const api = new FakeInboxApi();
    const payload = '<img src=x onerror=alert(1)>';
    api.deliver(makeBody({ eventId: 'xss', labels: { name: payload } }));
    const { container } = renderApp(api);
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(within(rows()[0]!).getByText(payload)).toBeTruthy();
    fireEvent.click(rows()[0]!);
    await screen.findByLabelText('Event body');
    expect(screen.getByLabelText('Event body').textContent).toContain(payload);
    expect(container.querySelector('img')).toBeNull();
  });

  it('says when a body starts with a byte-order mark, and only then', async () => {
    const api = new FakeInboxApi();
    const body = makeBody({ eventId: 'bom' });
    api.deliver(body, { raw: `\ufeff${JSON.stringify(body)}` });
    api.deliver(makeBody({ eventId: 'plain', deviceId: 'dev2' }));
    renderApp(api);
    await waitFor(() => expect(rows()).toHaveLength(2));
    const note = 'The body starts with a UTF-8 byte-order mark (BOM).';
    fireEvent.click(rows().find((r) => r.dataset.eventId === 'bom')!);
    expect(await screen.findByText(note)).toBeTruthy();
    expect(screen.getByLabelText('Event body').textContent).toContain('"eventId": "bom"');
    fireEvent.click(rows().find((r) => r.dataset.eventId === 'plain')!);
    await waitFor(() => expect(screen.getByLabelText('Event body').textContent).toContain('"eventId": "plain"'));
    expect(screen.queryByText(note)).toBeNull();
  });

  it('narrows the list with the search box and keeps the filter for next time', async () => {
    const api = new FakeInboxApi();
    api.deliver(makeBody({ eventId: 'a', labels: { name: 'Fridge' } }));
    api.deliver(makeBody({ eventId: 'b', labels: { name: 'Door' }, deviceId: 'dev2', eventType: 'contact' }));
    renderApp(api);
    await waitFor(() => expect(rows()).toHaveLength(2));
    fireEvent.change(screen.getByRole('searchbox'), { target: { value: 'door' } });
    await waitFor(() => expect(rows().map((r) => r.dataset.eventId)).toEqual(['b']));
    expect(screen.getByText('1 of 2 events')).toBeTruthy();
    expect(JSON.parse(localStorage.getItem('connector-inbox.filter.v1')!).text).toBe('door');
    cleanup();
    renderApp(api);
    await waitFor(() => expect(rows().map((r) => r.dataset.eventId)).toEqual(['b']));
    expect((screen.getByRole('searchbox') as HTMLInputElement).value).toBe('door');
  });

  it('moves through the list with j/k and opens the detail with the verdict and every delivery', async () => {
    const api = new FakeInboxApi();
    const body = makeBody({ eventId: 'dup' });
    api.deliver(body);
    api.deliver(makeBody({ eventId: 'newest' }), { signature: 'unverified' });
    api.deliver(body);
    renderApp(api);
    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(within(rows()[1]!).getByText('×2')).toBeTruthy();
    expect(within(rows()[0]!).getByText('unverified')).toBeTruthy();
    fireEvent.keyDown(window, { key: 'j' });
    await screen.findByText(/Not verified/);
    fireEvent.keyDown(window, { key: 'j' });
    await screen.findByText(/Signature valid/);
    const detail = screen.getByLabelText('Event detail');
    expect(within(detail).getByText('Deliveries (2)')).toBeTruthy();
    expect(within(detail).getByText('duplicate')).toBeTruthy();
    fireEvent.keyDown(window, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByLabelText('Event detail')).toBeNull());
  });

  it('opens a device’s events from the Devices view', async () => {
    const api = new FakeInboxApi();
    api.deliver(makeBody({ eventId: 'a', deviceId: 'dev1', labels: { name: 'Fridge' } }));
    api.deliver(makeBody({ eventId: 'b', deviceId: 'dev2', labels: { name: 'Door' } }));
    renderApp(api);
    fireEvent.click(screen.getByRole('tab', { name: 'Devices' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Door' }));
    await waitFor(() => expect(rows().map((r) => r.dataset.eventId)).toEqual(['b']));
    expect(screen.getByText('1 of 2 events')).toBeTruthy();
  });

  it('keeps secrets write-only in Setup', async () => {
    const api = new FakeInboxApi();
    renderApp(api);
    fireEvent.click(screen.getByRole('tab', { name: 'Setup' }));
    const box = (await screen.findByLabelText('Signature secrets')) as HTMLTextAreaElement;
    fireEvent.change(box, { target: { value: 's3cret-one\ns3cret-two' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save secrets' }));
    await screen.findByText('2 secrets configured.');
    expect(api.secrets).toEqual(['s3cret-one', 's3cret-two']);
    expect(box.value).toBe('');
    expect(document.body.textContent).not.toContain('s3cret-one');
  });

  it('sets which events notify in Setup (desktop app), and checks the numbers before saving', async () => {
    const api = new FakeInboxApi();
    api.status = { ...api.status, mode: 'desktop' };
    api.notificationPrefs = { types: { touch: true, temperature: false }, maxPerMinute: 5, rejectedEveryMinutes: 5 };
    renderApp(api);
    fireEvent.click(screen.getByRole('tab', { name: 'Setup' }));
    const types = within(await screen.findByRole('group', { name: 'Notify for' }));
    expect((types.getByLabelText('touch') as HTMLInputElement).checked).toBe(true);
    expect((types.getByLabelText('temperature') as HTMLInputElement).checked).toBe(false);
    expect((types.getByLabelText('co2') as HTMLInputElement).checked).toBe(false); // not listed: off
    fireEvent.click(types.getByLabelText('temperature'));
    fireEvent.click(types.getByLabelText('touch'));
    fireEvent.change(screen.getByLabelText('Notifications per minute'), { target: { value: '0' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save notifications' }));
    expect(await screen.findByText(/a whole number from 1 to 100/)).toBeTruthy();
    expect(api.notificationPrefs.maxPerMinute).toBe(5); // nothing saved
    fireEvent.change(screen.getByLabelText('Notifications per minute'), { target: { value: '12' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save notifications' }));
    await screen.findByText(/Saved. New events follow these settings/);
    expect(api.notificationPrefs).toEqual({ types: { touch: false, temperature: true }, maxPerMinute: 12, rejectedEveryMinutes: 5 });
  });

  it('shows no notification settings in browser mode, where there are no notifications', async () => {
    renderApp(new FakeInboxApi());
    fireEvent.click(screen.getByRole('tab', { name: 'Setup' }));
    await screen.findByLabelText('Signature secrets');
    expect(screen.queryByRole('group', { name: 'Notify for' })).toBeNull();
  });

  it('shows rejected deliveries and the overview warning as text', async () => {
    const api = new FakeInboxApi();
    api.reject({
      receivedAt: new Date().toISOString(), path: '/hook', remoteAddress: '10.0.0.9', status: 401, error: 'invalid_signature',
      message: 'signature does not match', diagnosis: 'Check the secret', headers: {}, bodyPreview: '<script>alert(1)</script>', bodyBytes: 25,
    });
    api.deliver(makeBody({ eventId: 'slow' }), { ackMs: 7000 });
    renderApp(api);
    fireEvent.click(screen.getByRole('tab', { name: 'Rejected deliveries' }));
    expect(await screen.findByText('invalid_signature')).toBeTruthy();
    expect(screen.getByText('<script>alert(1)</script>')).toBeTruthy();
    fireEvent.click(screen.getByRole('tab', { name: 'Overview' }));
    expect(await screen.findByText(/Acknowledgements are slow/)).toBeTruthy();
  });

  it('coalesces a burst of 500 pushed events into a few refetches', async () => {
    const api = new FakeInboxApi();
    renderApp(api);
    await screen.findByText('No events yet');
    api.calls.length = 0;
    act(() => {
      for (let i = 0; i < 500; i++) api.deliver(makeBody({ eventId: `burst${i}` }));
    });
    await waitFor(() => expect(screen.getByText('500 events')).toBeTruthy());
    // one refetch at once, one after the interval: a couple of pages each, never 500. A refetch
    // starts at page 0; wait for the trailing one to start instead of sleeping past it.
    const refetches = () => api.calls.filter((c) => c.method === 'queryEvents' && (c.args[0] as { offset: number }).offset === 0).length;
    await waitFor(() => expect(refetches()).toBeGreaterThanOrEqual(2), { timeout: 3_000 });
    expect(api.calls.filter((c) => c.method === 'queryEvents').length).toBeLessThanOrEqual(8);
    expect(rows().length).toBeLessThan(100); // virtualised, even with a 600 px viewport
  });

  it('exports and shows where the file went (desktop) or the count', async () => {
    const api = new FakeInboxApi();
    api.deliver(makeBody({ eventId: 'a' }));
    renderApp(api);
    await waitFor(() => expect(rows()).toHaveLength(1));
    fireEvent.click(screen.getByRole('button', { name: 'Export all' }));
    expect(await screen.findByText(/Exported 1 events to/)).toBeTruthy();
    expect(screen.getByText('/tmp/fake-inbox/export.json')).toBeTruthy();
  });

  it('opens the detail of an event the shell asks for (notification click)', async () => {
    const api = new FakeInboxApi();
    api.deliver(makeBody({ eventId: 'notified', labels: { name: 'Basement floor' }, eventType: 'waterPresent', value: 'PRESENT' }));
    renderApp(api);
    fireEvent.click(screen.getByRole('tab', { name: 'Devices' }));
    act(() => api.push({ type: 'openEvent', eventId: 'notified' }));
    const detail = await screen.findByLabelText('Event detail');
    await waitFor(() => expect(within(detail).getByText('PRESENT')).toBeTruthy());
    expect(screen.getByRole('tab', { name: 'Events' }).getAttribute('aria-selected')).toBe('true');
  });

  it('opens the event named in the URL hash at start-up', async () => {
    const api = new FakeInboxApi();
    api.deliver(makeBody({ eventId: 'from-hash' }));
    window.history.replaceState(null, '', '/#event=from-hash');
    renderApp(api);
    expect(await screen.findByText('from-hash')).toBeTruthy();
    expect(window.location.hash).toBe('');
  });
});

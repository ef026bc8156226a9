// @vitest-environment jsdom
/**
 * Replay in the Events view: rows checked with the mouse (Shift extends) or the keyboard,
 * "Replay selected…" or "Replay matching…", the dialog's target and secret, the progress
 * bar following the pushes, the result summary; the secret is cleared and never shown.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { fail, ok, type Result } from '../../shared/api/contract';
import type { DeliverySummary, ReplayRequest } from '../../shared/api/replay';
import { FakeInboxApi } from './fake-api';
import { makeBody } from './fake-events';
import { fakeLayout, renderApp } from './render-app';

beforeEach(() => {
  fakeLayout();
  localStorage.clear();
});
afterEach(cleanup);

const SECRET = 'typed-for-this-run-only';
const rows = () => screen.queryAllByRole('row').filter((r) => r.hasAttribute('data-event-id'));
const checkbox = (eventId: string) => within(rows().find((r) => r.dataset.eventId === eventId)!).getByRole('checkbox') as HTMLInputElement;
const summary = (o: Partial<DeliverySummary>): DeliverySummary => ({
  sent: 0, deliveries: 0, statuses: {}, acked: 0, failed: 0, retries: 0, duplicatesSent: 0, reorderedSent: 0,
  latencyMs: { p50: 1.5, p90: 2, p99: 3.2, max: 4 }, durationMs: 1234, rate: 5, devices: 1, seed: 1, ...o,
});

/** A fake whose replay waits for `release` and records the request. */
function scripted(api: FakeInboxApi, answer: Result<DeliverySummary>) {
  const asked: ReplayRequest[] = [];
  let release = () => {};
  const gate = new Promise<void>((r) => { release = r; });
  api.replayer = async (req) => {
    asked.push(req);
    await gate;
    return answer;
  };
  return { asked, release: () => act(release) };
}

function inbox(): FakeInboxApi {
  const api = new FakeInboxApi();
  for (const [id, type] of [['r1', 'temperature'], ['r2', 'touch'], ['r3', 'temperature'], ['r4', 'touch']] as const) {
    api.deliver(makeBody({ eventId: id, eventType: type }));
  }
  return api;
}

describe('Replay in the Events view', () => {
  it('replays the checked rows to another URL with a secret: progress, then the summary', async () => {
    const api = inbox();
    const run = scripted(api, ok(summary({ sent: 3, acked: 2, failed: 1, deliveries: 7, retries: 4, statuses: { 200: 2, 503: 5 } })));
    renderApp(api);
    await waitFor(() => expect(rows()).toHaveLength(4));
    fireEvent.click(checkbox('r4'));
    fireEvent.click(checkbox('r2'), { shiftKey: true }); // r4..r2 in list order (newest first)
    expect([checkbox('r4'), checkbox('r3'), checkbox('r2'), checkbox('r1')].map((c) => c.checked)).toEqual([true, true, true, false]);
    expect(screen.getByText('3 selected')).toBeTruthy();
    expect(screen.queryByLabelText('Event detail')).toBeNull(); // checking a row does not open it

    fireEvent.click(screen.getByRole('button', { name: 'Replay selected…' }));
    const dialog = within(screen.getByRole('dialog', { name: 'Replay events' }));
    expect(dialog.getByText(/the 3 events selected/)).toBeTruthy();
    expect((dialog.getByRole('radio', { name: /forward target \(none set\)/ }) as HTMLInputElement).disabled).toBe(true);
    expect((dialog.getByRole('radio', { name: 'Another URL' }) as HTMLInputElement).checked).toBe(true);
    fireEvent.click(dialog.getByRole('button', { name: 'Start replay' }));
    expect(dialog.getByRole('alert').textContent).toBe('enter the receiver URL to replay to');
    expect(run.asked).toHaveLength(0);

    fireEvent.change(dialog.getByLabelText('Replay to URL'), { target: { value: 'http://127.0.0.1:9000/hook' } });
    fireEvent.change(dialog.getByLabelText('Replay signature secret'), { target: { value: SECRET } });
    fireEvent.click(dialog.getByRole('button', { name: 'Start replay' }));
    expect(run.asked).toEqual([{ eventIds: expect.arrayContaining(['r2', 'r3', 'r4']), to: { url: 'http://127.0.0.1:9000/hook', secret: SECRET } }]);
    expect(run.asked[0]!.eventIds).toHaveLength(3);
    expect((dialog.getByLabelText('Replay signature secret') as HTMLInputElement).value).toBe('');
    expect((dialog.getByRole('button', { name: 'Replaying…' }) as HTMLButtonElement).disabled).toBe(true);

    act(() => api.push({ type: 'replayProgress', done: 2, total: 3 }));
    expect((dialog.getByLabelText('Replay progress') as HTMLProgressElement).value).toBe(67);
    expect(dialog.getByText('2 / 3 events')).toBeTruthy();
    run.release();

    const result = within(await dialog.findByRole('region', { name: 'Replay result' }));
    expect(result.getByRole('status').textContent).toBe('1 of 3 replayed events were not acknowledged.');
    const figures = Object.fromEntries(result.getAllByRole('term').map((dt) => [dt.textContent, dt.nextElementSibling?.textContent]));
    expect(figures).toMatchObject({ Sent: '3', Acknowledged: '2', Failed: '1', Requests: '7 (4 retries)', Statuses: '503 × 5, 200 × 2' });
    expect(document.body.textContent).not.toContain(SECRET);
    fireEvent.click(dialog.getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('replays all matching the filter to the forward target by default; a failure is shown', async () => {
    const api = inbox();
    // a forward target set as the Setup view sets it; the status then carries it
    const saved = await api.setForwarding({ enabled: true, url: 'http://127.0.0.1:9100/forward', types: [], headers: {} });
    expect(saved.ok).toBe(true);
    const run = scripted(api, fail('replay failed: the store is closing'));
    renderApp(api);
    await waitFor(() => expect(rows()).toHaveLength(4));
    fireEvent.change(screen.getByRole('searchbox'), { target: { value: 'touch' } });
    await waitFor(() => expect(rows().map((r) => r.dataset.eventId)).toEqual(['r4', 'r2']));
    fireEvent.click(screen.getByRole('button', { name: 'Replay matching…' }));
    const dialog = within(screen.getByRole('dialog'));
    expect(dialog.getByText(/all 2 events matching the current filter/)).toBeTruthy();
    await waitFor(() => expect((dialog.getByRole('radio', { name: /forward target http:\/\/127\.0\.0\.1:9100\/forward/ }) as HTMLInputElement).checked).toBe(true));
    expect(dialog.queryByLabelText('Replay signature secret')).toBeNull(); // the forward target's own secret is used
    fireEvent.click(dialog.getByRole('button', { name: 'Start replay' }));
    expect(run.asked).toEqual([{ filter: { text: 'touch' }, to: 'forward' }]);
    run.release();
    expect((await dialog.findByRole('alert')).textContent).toBe('replay failed: the store is closing');
    fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('Stop while it runs asks the service to stop; the answer says what went out', async () => {
    const api = inbox();
    const run = scripted(api, ok(summary({ sent: 2, acked: 1, failed: 1, stopped: true })));
    let stops = 0;
    api.replayStopper = async () => { stops++; run.release(); return ok({ stopped: true }); };
    renderApp(api);
    await waitFor(() => expect(rows()).toHaveLength(4));
    fireEvent.click(checkbox('r1'));
    fireEvent.click(screen.getByRole('button', { name: 'Replay selected…' }));
    const dialog = within(screen.getByRole('dialog'));
    fireEvent.change(dialog.getByLabelText('Replay to URL'), { target: { value: 'http://127.0.0.1:9000/hook' } });
    fireEvent.click(dialog.getByRole('button', { name: 'Start replay' }));
    expect(dialog.queryByRole('button', { name: 'Stop' })).toBeTruthy();
    fireEvent.click(dialog.getByRole('button', { name: 'Stop' }));
    expect(stops).toBe(1);
    const result = within(await dialog.findByRole('region', { name: 'Replay result' }));
    expect(result.getByRole('status').textContent).toBe('Stopped: 2 events sent, 1 acknowledged.');
    expect(dialog.queryByRole('button', { name: 'Stop' })).toBeNull();
  });

  it('checks the current row with x and clears the selection when the filter changes', async () => {
    const api = inbox();
    renderApp(api);
    await waitFor(() => expect(rows()).toHaveLength(4));
    fireEvent.keyDown(window, { key: 'j' });
    fireEvent.keyDown(window, { key: 'j' });
    fireEvent.keyDown(window, { key: 'x' });
    await waitFor(() => expect(checkbox('r3').checked).toBe(true));
    expect(screen.getByText('1 selected')).toBeTruthy();
    fireEvent.keyDown(window, { key: 'x' });
    await waitFor(() => expect(checkbox('r3').checked).toBe(false));
    fireEvent.keyDown(window, { key: 'x' });
    fireEvent.change(screen.getByRole('searchbox'), { target: { value: 'r' } });
    await waitFor(() => expect(screen.queryByText('1 selected')).toBeNull());
  });
});

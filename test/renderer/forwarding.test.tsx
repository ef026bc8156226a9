// @vitest-environment jsdom
/**
 * Forwarding in the inspector: the Setup section saves what setForwarding accepts (the secret
 * write-only), the panel shows the figures and the last errors as text, and an event's detail
 * shows its forward attempts, updated as the status push arrives.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { FakeInboxApi } from './fake-api';
import { makeBody } from './fake-events';
import { fakeLayout, renderApp } from './render-app';

const SECRET = 'my-receiver-secret-123';
const HOSTILE = '<img src=x onerror=alert(1)>internal error';
const TARGET = 'http://127.0.0.1:3000/dt';

beforeEach(() => {
  fakeLayout();
  localStorage.clear();
});
afterEach(cleanup);

async function openSetup(api: FakeInboxApi) {
  const view = renderApp(api);
  fireEvent.click(screen.getByRole('tab', { name: 'Setup' }));
  const form = within(await screen.findByRole('form', { name: 'Forwarding' }));
  await form.findByLabelText('Forward URL');
  return { form, ...view };
}

const saves = (api: FakeInboxApi) => api.calls.filter((c) => c.method === 'setForwarding').map((c) => c.args[0]);

describe('Forwarding in Setup', () => {
  it('checks the fields, saves them, and never shows the secret again', async () => {
    const api = new FakeInboxApi();
    const { form, container } = await openSetup(api);
    const save = () => fireEvent.click(form.getByRole('button', { name: 'Save forwarding' }));

    fireEvent.click(form.getByLabelText('Forward to my receiver'));
    save();
    expect(await form.findByText(/Enter the URL of your receiver/)).toBeTruthy();
    fireEvent.change(form.getByLabelText('Forward URL'), { target: { value: 'ftp://example.com' } });
    save();
    expect(await form.findByText('Receiver URL must be an http:// or https:// URL.')).toBeTruthy();
    fireEvent.change(form.getByLabelText('Forward URL'), { target: { value: TARGET } });
    fireEvent.change(form.getByLabelText('Forward headers'), { target: { value: 'X-Dt-Signature: forged' } });
    save();
    expect(await form.findByText('Headers: header "X-Dt-Signature" is set by the forwarder itself.')).toBeTruthy();
    expect(saves(api)).toEqual([]);

    fireEvent.change(form.getByLabelText('Forward headers'), { target: { value: 'Authorization: Bearer abc\n\nX-Team: blue' } });
    fireEvent.change(form.getByLabelText('Forward secret'), { target: { value: SECRET } });
    fireEvent.click(form.getByLabelText('touch'));
    save();
    expect(await form.findByText(`Saved. Forwarding to ${TARGET}.`)).toBeTruthy();
    expect(saves(api)).toEqual([{ enabled: true, url: TARGET, secret: SECRET, types: ['touch'], headers: { Authorization: 'Bearer abc', 'X-Team': 'blue' } }]);
    expect((form.getByLabelText('Forward secret') as HTMLInputElement).value).toBe('');
    expect(form.getByText(/Signature secret: configured/)).toBeTruthy();
    expect(container.innerHTML).not.toContain(SECRET);

    // saving again without typing a secret keeps it; "Remove the secret" clears it
    save();
    await waitFor(() => expect(saves(api)).toHaveLength(2));
    expect(saves(api)[1]).not.toHaveProperty('secret');
    fireEvent.click(form.getByLabelText('Remove the secret'));
    save();
    await waitFor(() => expect(saves(api)).toHaveLength(3));
    expect(saves(api)[2]).toMatchObject({ secret: null });
    expect(await form.findByText(/Signature secret: none/)).toBeTruthy();
  });

  it('shows the service\'s refusal as it is', async () => {
    const api = new FakeInboxApi();
    api.setForwarding = async () => ({ ok: false, error: 'The forward secret cannot be saved: this system offers no encrypted storage' });
    const { form } = await openSetup(api);
    fireEvent.change(form.getByLabelText('Forward URL'), { target: { value: TARGET } });
    fireEvent.change(form.getByLabelText('Forward secret'), { target: { value: SECRET } });
    fireEvent.click(form.getByRole('button', { name: 'Save forwarding' }));
    expect(await form.findByRole('alert')).toHaveProperty('textContent', 'The forward secret cannot be saved: this system offers no encrypted storage');
  });
});

describe('the Forwarding panel', () => {
  it('shows the queue, 3 h figures and p99, says since when the receiver fails, and shows answers as text', async () => {
    const api = new FakeInboxApi();
    await api.setForwarding({ enabled: true, url: TARGET, types: [], headers: {} });
    api.deliver(makeBody({ eventId: 'fwd-ok' }));
    const { container } = renderApp(api);
    fireEvent.click(screen.getByRole('tab', { name: 'Overview' }));
    const panel = within(await screen.findByRole('region', { name: 'Forwarding status' }));
    expect(panel.getByLabelText('Events delivered (3 h)').textContent).toContain('1');
    expect(panel.getByText('None.')).toBeTruthy();

    const since = new Date(2026, 0, 5, 14, 2, 30).toISOString();
    act(() => {
      api.forwarding.status!.queueDepth = 7;
      api.forwardAttempt({ at: since, eventId: 'fwd-bad', outcome: 500, latencyMs: 38, answer: HOSTILE, next: 'retry' });
      api.forwardAttempt({ at: since, eventId: 'fwd-bad', outcome: 'timeout', latencyMs: 10_000, next: 'retry' });
    });
    expect(await panel.findByText('Your receiver does not answer since 14:02; retrying (7 queued).')).toBeTruthy();
    expect(panel.getByLabelText('Attempts (3 h)').textContent).toContain('3');
    expect(panel.getByLabelText('Attempts (3 h)').textContent).toContain('2 failed');
    expect(panel.getByLabelText('Events given up (3 h)').textContent).toContain('0');
    expect(panel.getByLabelText('p99 latency').textContent).toContain('10.0 s');
    expect(panel.getByLabelText('Queue').textContent).toContain('7');
    const errors = within(panel.getByRole('table', { name: 'Last forwarding errors' }));
    expect(errors.getAllByRole('row')).toHaveLength(3);
    expect(errors.getByText(HOSTILE)).toBeTruthy();
    expect(errors.getByText('timeout (10 s)')).toBeTruthy();
    expect(container.querySelector('img')).toBeNull();

    // the receiver recovers: the sentence says the failures were attempts, retried, not lost events
    act(() => api.forwardAttempt({ at: new Date().toISOString(), eventId: 'fwd-bad', outcome: 200, latencyMs: 9, next: 'delivered' }));
    expect(await panel.findByText('Your receiver takes deliveries now; 2 attempts failed in the last 3 h and were retried, no event given up.')).toBeTruthy();
    expect(panel.getByLabelText('Events delivered (3 h)').textContent).toContain('2');
  });
});

describe('an event\'s forward attempts', () => {
  it('are listed in its detail and follow new attempts', async () => {
    const api = new FakeInboxApi();
    await api.setForwarding({ enabled: true, url: TARGET, types: [], headers: {} });
    api.deliver(makeBody({ eventId: 'fwd-detail' }));
    const { container } = renderApp(api);
    const row = await waitFor(() => {
      const r = screen.queryAllByRole('row').find((x) => x.dataset.eventId === 'fwd-detail');
      if (!r) throw new Error('no row yet');
      return r;
    });
    fireEvent.click(row);
    const section = within(await screen.findByRole('region', { name: 'Forward attempts' }));
    expect(await section.findByText('Forwarded (1 attempt)')).toBeTruthy();
    expect(section.getByText('200')).toBeTruthy();
    expect(section.getByText('delivered')).toBeTruthy();
    act(() => api.forwardAttempt({ at: new Date().toISOString(), eventId: 'fwd-detail', outcome: 503, latencyMs: 12, answer: HOSTILE, next: 'retry' }));
    expect(await section.findByText('Forwarded (2 attempts)')).toBeTruthy();
    expect(section.getByText('503')).toBeTruthy();
    expect(section.getByText('will retry')).toBeTruthy();
    expect(section.getByText(HOSTILE)).toBeTruthy();
    expect(container.querySelector('img')).toBeNull();
  });

  it('are not mentioned while forwarding is off and the event was never forwarded', async () => {
    const api = new FakeInboxApi();
    api.deliver(makeBody({ eventId: 'fwd-none' }));
    renderApp(api);
    fireEvent.click(await screen.findByText((_, el) => el?.getAttribute('data-event-id') === 'fwd-none'));
    await screen.findByLabelText('Event body');
    expect(screen.queryByRole('region', { name: 'Forward attempts' })).toBeNull();
  });
});

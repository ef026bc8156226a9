// @vitest-environment jsdom
/**
 * "Check my receiver" in Setup: the URL and the (optional) secret go to checkReceiver, the
 * running state shows, then every verdict appears in a table with advice for the ones that
 * did not pass; the secret field is cleared and the secret never shown; errors are shown.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { CHECK_IDS } from '../../shared/check-report';
import { FakeInboxApi } from './fake-api';
import { fakeLayout, renderApp } from './render-app';

beforeEach(() => {
  fakeLayout();
  localStorage.clear();
});
afterEach(cleanup);

async function openPanel(api: FakeInboxApi) {
  renderApp(api);
  fireEvent.click(screen.getByRole('tab', { name: 'Setup' }));
  return within(await screen.findByRole('region', { name: 'Check my receiver' }));
}

describe('Check my receiver', () => {
  it('runs the check and shows each verdict, with advice where one did not pass', async () => {
    const api = new FakeInboxApi();
    let release = () => {};
    api.checkGate = new Promise<void>((r) => { release = r; });
    const panel = await openPanel(api);
    expect((panel.getByRole('button', { name: 'Run check' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(panel.getByLabelText('Receiver URL'), { target: { value: ' https://receiver.example.com/dt ' } });
    const secret = panel.getByLabelText('Receiver signature secret') as HTMLInputElement;
    fireEvent.change(secret, { target: { value: 'my-receiver-secret' } });
    fireEvent.click(panel.getByRole('button', { name: 'Run check' }));

    expect(await panel.findByText(/Checking https:\/\/receiver\.example\.com\/dt…/)).toBeTruthy();
    expect((panel.getByRole('button', { name: 'Checking…' }) as HTMLButtonElement).disabled).toBe(true);
    release();

    const table = within(await panel.findByRole('table', { name: 'Check results' }));
    const rows = table.getAllByRole('row').slice(1);
    expect(rows.map((r) => r.getAttribute('data-check'))).toEqual([...CHECK_IDS]);
    const unknown = within(rows[1]!);
    expect(unknown.getByText('fail')).toBeTruthy();
    expect(unknown.getByText(/got HTTP 400 "unknown event type soilMoisture"/)).toBeTruthy();
    expect(unknown.getByText(/DT adds event types over time/)).toBeTruthy();
    // a pass shows no advice
    expect(within(rows[0]!).getByText('all 19 event types answered 2xx').querySelector('.check-advice')).toBeNull();
    expect(panel.getByText(/5 passed, 1 failed, 5 warnings/)).toBeTruthy();

    expect(api.calls.filter((c) => c.method === 'checkReceiver').map((c) => c.args)).toEqual([[{ url: 'https://receiver.example.com/dt', secret: 'my-receiver-secret' }]]);
    expect(secret.value).toBe('');
    expect(document.body.textContent).not.toContain('my-receiver-secret');
  });

  it('"Use this inbox" fills in the inbox\'s own receiver URL; a bad URL is an error, not a table', async () => {
    const api = new FakeInboxApi();
    const panel = await openPanel(api);
    fireEvent.click(panel.getByRole('button', { name: 'Use this inbox' }));
    expect((panel.getByLabelText('Receiver URL') as HTMLInputElement).value).toBe('http://127.0.0.1:8080/');
    fireEvent.change(panel.getByLabelText('Receiver URL'), { target: { value: 'ftp://files.example.com' } });
    fireEvent.click(panel.getByRole('button', { name: 'Run check' }));
    expect((await panel.findByRole('alert')).textContent).toBe('expected an http:// or https:// URL, got ftp://');
    expect(panel.queryByRole('table')).toBeNull();
  });
});

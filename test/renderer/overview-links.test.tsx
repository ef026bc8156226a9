// @vitest-environment jsdom
/** Overview's figures lead to what they count (issue 20 #10), and "out of order" is the one word for it. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { FakeInboxApi } from './fake-api';
import { makeBody } from './fake-events';
import { fakeLayout, renderApp } from './render-app';

beforeEach(() => {
  fakeLayout();
  localStorage.clear();
});
afterEach(cleanup);

const rows = () => screen.queryAllByRole('row').filter((r) => r.hasAttribute('data-event-id'));

function inboxWithOneOutOfOrder(): FakeInboxApi {
  const api = new FakeInboxApi();
  api.deliver(makeBody({ eventId: 'newer', timestamp: '2026-12-06T10:05:00.000000Z', value: 5 }));
  api.deliver(makeBody({ eventId: 'older', timestamp: '2026-12-06T10:00:00.000000Z', value: 4 })); // arrives after a newer one
  api.deliver(makeBody({ eventId: 'touch1', eventType: 'touch', deviceId: 'emudev0000000000000002' }));
  return api;
}

describe('Overview click-through', () => {
  it('the Out of order card opens the Events list with only those events, flagged with the same words', async () => {
    renderApp(inboxWithOneOutOfOrder());
    fireEvent.click(screen.getByRole('tab', { name: 'Overview' }));
    const card = await screen.findByRole('button', { name: /Out of order\s*1/ });
    expect(card.getAttribute('title')).toMatch(/newer event of this type from this device/);
    fireEvent.click(card);
    await waitFor(() => expect(rows().map((r) => r.getAttribute('data-event-id'))).toEqual(['older']));
    expect(screen.getByRole('tab', { name: 'Events' }).getAttribute('aria-selected')).toBe('true');
    expect(rows()[0]!.textContent).toContain('out of order');
    expect(screen.getByText('Out of order', { selector: 'label' }).querySelector('input')?.checked).toBe(true);
  });

  it('a type row opens the events of that type; the Rejected card opens the rejected deliveries', async () => {
    renderApp(inboxWithOneOutOfOrder());
    fireEvent.click(screen.getByRole('tab', { name: 'Overview' }));
    fireEvent.click(await screen.findByRole('button', { name: /Show the touch events/ }));
    await waitFor(() => expect(rows().map((r) => r.getAttribute('data-event-id'))).toEqual(['touch1']));
    fireEvent.click(screen.getByRole('tab', { name: 'Overview' }));
    fireEvent.click(await screen.findByRole('button', { name: /Rejected\s*0/ }));
    expect(screen.getByRole('tab', { name: 'Rejected deliveries' }).getAttribute('aria-selected')).toBe('true');
  });

  it('the per-minute chart has its scale and its hour on the axes', async () => {
    renderApp(inboxWithOneOutOfOrder());
    fireEvent.click(screen.getByRole('tab', { name: 'Overview' }));
    const chart = await screen.findByRole('img', { name: /Events per minute over the last hour, busiest minute 3/ });
    const axes = chart.parentElement!.textContent!;
    expect(axes).toContain('3/min');
    expect(axes).toContain('60 min ago');
    expect(axes).toContain('now');
  });
});

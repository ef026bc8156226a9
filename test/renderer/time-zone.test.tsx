// @vitest-environment jsdom
/** One time zone for every view (issue 20 #4): Setup's choice changes the list and the detail, and says which zone. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { FakeInboxApi } from './fake-api';
import { makeBody } from './fake-events';
import { fakeLayout, renderApp } from './render-app';
import { setTimeZone } from '../../renderer/src/logic/time-zone';

beforeEach(() => {
  fakeLayout();
  localStorage.clear();
  setTimeZone('local');
});
afterEach(cleanup);

describe('the time zone setting', () => {
  it('UTC in Setup shows every time in UTC, in the list and in the detail, and is kept', async () => {
    const api = new FakeInboxApi();
    // an event time whose UTC and local (Europe/Oslo: UTC+1 in December) hours differ
    api.deliver(makeBody({ eventId: 'tz1', timestamp: '2026-12-06T23:30:05.123456Z' }));
    (globalThis as unknown as { process: { env: Record<string, string> } }).process.env.TZ = 'Europe/Oslo'; // Node reads TZ on each Date
    renderApp(api);
    const row = async () => waitFor(() => {
      const r = screen.queryAllByRole('row').find((x) => x.getAttribute('data-event-id') === 'tz1');
      if (!r) throw new Error('no row yet');
      return r;
    });
    const local = (await row()).textContent!;
    expect(local).toContain('00:30:05.123'); // local: 00:30 on the 7th
    expect(local).not.toContain('23:30:05.123');
    fireEvent.click(screen.getByRole('tab', { name: 'Setup' }));
    fireEvent.change(await screen.findByLabelText('Time zone'), { target: { value: 'utc' } });
    fireEvent.click(screen.getByRole('tab', { name: 'Events' }));
    await waitFor(async () => expect((await row()).textContent).toContain('2026-12-06 23:30:05.123'));
    fireEvent.click(await row());
    const detail = await screen.findByLabelText('Event detail');
    await waitFor(() => expect(detail.textContent).toContain('2026-12-06 23:30:05.123456 UTC'));
    expect(localStorage.getItem('connector-inbox.timeZone')).toBe('utc');
  });
});

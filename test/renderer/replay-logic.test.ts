/** The Events list's checked rows and the Replay dialog's decisions, without a DOM. */
import { describe, expect, it } from 'vitest';
import { EMPTY_SELECTION, selectionLine, toggleRow } from '../../renderer/src/logic/selection';
import { buildRequest, initialForm, progressPercent, scopeLine, statusLine, summaryHeadline, type ReplayForm } from '../../renderer/src/logic/replay';
import type { AppStatus } from '../../shared/api/contract';
import type { DeliverySummary } from '../../shared/api/replay';

const ids = ['e0', 'e1', 'e2', 'e3', 'e4', 'e5'];
const rowAt = (i: number) => (i === 3 ? undefined : ids[i]); // row 3 not loaded

describe('selection', () => {
  it('toggles one row, and Shift extends from the last toggled one over the loaded rows', () => {
    let s = toggleRow(EMPTY_SELECTION, 1, 'e1', rowAt);
    expect([...s.ids]).toEqual(['e1']);
    s = toggleRow(s, 5, 'e5', rowAt, true);
    expect([...s.ids].sort()).toEqual(['e1', 'e2', 'e4', 'e5']);
    // Shift on a checked row unchecks the range from the anchor
    s = toggleRow(s, 4, 'e4', rowAt, true);
    expect([...s.ids].sort()).toEqual(['e1', 'e2']);
    s = toggleRow(s, 1, 'e1', rowAt);
    expect([...s.ids]).toEqual(['e2']);
    expect(EMPTY_SELECTION.ids.size).toBe(0); // never mutated
    expect(selectionLine(1)).toBe('1 selected');
    expect(selectionLine(12345)).toBe('12,345 selected');
  });
});

describe('replay request', () => {
  const status = (forward: string | null) => ({ forward: forward ? { url: forward } : null }) as unknown as AppStatus;
  const form = (f: Partial<ReplayForm>): ReplayForm => ({ target: 'url', url: '', secret: '', ...f });
  const selected = { kind: 'selected' as const, ids: ['a', 'b'] };
  const matching = { kind: 'matching' as const, filter: { types: ['touch'] }, count: 7 };

  it('offers the forward target when there is one, else another URL', () => {
    expect(initialForm(status('http://127.0.0.1:9/hook')).target).toBe('forward');
    expect(initialForm(status(null)).target).toBe('url');
    expect(initialForm(null).target).toBe('url');
  });

  it('builds the request from the scope and the target; the secret only for another URL, only when typed', () => {
    expect(buildRequest(form({ target: 'forward', url: 'ignored', secret: 'ignored' }), selected)).toEqual({ eventIds: ['a', 'b'], to: 'forward' });
    expect(buildRequest(form({ url: ' https://r.example.com/dt ', secret: 's3' }), matching)).toEqual({ filter: { types: ['touch'] }, to: { url: 'https://r.example.com/dt', secret: 's3' } });
    expect(buildRequest(form({ url: 'http://127.0.0.1:9000/' }), matching)).toEqual({ filter: { types: ['touch'] }, to: { url: 'http://127.0.0.1:9000/' } });
  });

  it('says what to fix instead of sending a bad request', () => {
    expect(buildRequest(form({ url: '' }), selected)).toBe('enter the receiver URL to replay to');
    expect(buildRequest(form({ url: 'ftp://x/y' }), selected)).toMatch(/not an http:\/\/ or https:\/\/ URL/);
    expect(buildRequest(form({ url: 'receiver.example.com' }), selected)).toMatch(/not an http/);
    expect(buildRequest(form({ target: 'forward' }), { kind: 'matching', filter: {}, count: 0 })).toBe('nothing to replay');
    expect(buildRequest(form({ target: 'forward' }), { kind: 'selected', ids: Array.from({ length: 10_001 }, (_, i) => `e${i}`) })).toMatch(/at most 10,000/);
  });

  it('words the scope, the progress and the result', () => {
    expect(scopeLine(selected)).toBe('the 2 events selected');
    expect(scopeLine({ ...matching, count: 1 })).toBe('all 1 event matching the current filter');
    expect(progressPercent(null)).toBe(0);
    expect(progressPercent({ done: 0, total: 0 })).toBe(0);
    expect(progressPercent({ done: 1, total: 3 })).toBe(33);
    expect(statusLine({ 200: 5, 401: 9, timeout: 1 })).toBe('401 × 9, 200 × 5, timeout × 1');
    expect(statusLine({})).toBe('no requests');
    const s = (sent: number, failed: number) => ({ sent, failed }) as DeliverySummary;
    expect(summaryHeadline(s(4, 0))).toBe('All 4 replayed events were acknowledged.');
    expect(summaryHeadline(s(4, 1))).toBe('1 of 4 replayed events were not acknowledged.');
    expect(summaryHeadline(s(0, 0))).toMatch(/no longer stored/);
  });
});

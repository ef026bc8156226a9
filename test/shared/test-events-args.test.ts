import { describe, expect, it } from 'vitest';
import { parseArguments } from '../../shared/api/arguments';
import { MAX_TEST_EVENTS } from '../../shared/api/test-events';

describe('sendTestEvents arguments', () => {
  it('refuses a count outside 1…MAX_TEST_EVENTS with the reason', () => {
    expect(parseArguments('sendTestEvents', [{ count: 50 }])).toEqual({ ok: true, args: [{ count: 50 }] });
    expect(parseArguments('sendTestEvents', [{ count: MAX_TEST_EVENTS + 1 }])).toMatchObject({ ok: false, error: expect.stringMatching(/at most 1000 test events/) });
    expect(parseArguments('sendTestEvents', [{ count: 0 }])).toMatchObject({ ok: false });
  });
});

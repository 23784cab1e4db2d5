/** Run start times are shown in the user's local time, not cut from the UTC ISO string. */
import { describe, expect, it } from 'vitest';
import { localDateTime } from '../../../src-renderer/utils/format';

describe('localDateTime', () => {
  it('writes the local date and time of an ISO stamp, seconds on request', () => {
    const local = new Date(2026, 10, 25, 9, 5, 7); // 25 Nov 2026, 09:05:07 local time
    expect(localDateTime(local.toISOString())).toBe('2026-11-25 09:05');
    expect(localDateTime(local.toISOString(), true)).toBe('2026-11-25 09:05:07');
  });

  it('returns text that is not a time stamp unchanged', () => {
    expect(localDateTime('not a date')).toBe('not a date');
  });
});

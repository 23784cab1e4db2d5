import { describe, expect, it } from 'vitest';
import { formatCell } from '../../../src-renderer/utils/format';

describe('formatCell', () => {
  it('shortens numbers written with more digits than anyone reads', () => {
    expect(formatCell('0.1234567890123456')).toBe('0.123457');
    expect(formatCell('-1517.3322983551025')).toBe('-1517.33');
    expect(formatCell('12.000000000000002')).toBe('12');
  });

  it('keeps years, ids, short decimals and text as written', () => {
    for (const cell of ['1871', '2025-05-01', '13.33', '0.25', 'P01', 'happy', '', '1e-7']) {
      expect(formatCell(cell)).toBe(cell);
    }
  });
});

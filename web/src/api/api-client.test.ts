import { describe, expect, it } from 'vitest';
import { formatLap } from './api-client';

describe('formatLap', () => {
  it('shows minutes, seconds and thousandths', () => {
    expect(formatLap(61234)).toBe('1:01.234');
    expect(formatLap(59999)).toBe('0:59.999');
    expect(formatLap(null)).toBe('–');
  });
});

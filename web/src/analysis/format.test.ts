import { describe, expect, it } from 'vitest';
import { delta, gap, lapTime, sector } from './format';

describe('figures as the racer reads them', () => {
  it('lap times as m:ss.mmm, like the sessions list', () => {
    expect(lapTime(61234)).toBe('1:01.234');
    expect(lapTime(51403)).toBe('0:51.403');
    expect(lapTime(null)).toBe('–');
  });
  it('gaps to the best, sectors and deltas', () => {
    expect(gap(61234, 60400)).toBe('+0.834');
    expect(gap(60400, 60400)).toBe('best');
    expect(sector(20125)).toBe('20.13');
    expect(delta(-0.456)).toBe('−0.46 s');
  });
});

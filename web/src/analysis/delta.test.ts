import { describe, expect, it } from 'vitest';
import { compareLaps, lossRate } from './delta';
import { lapFromProfile, profileTime } from './test-laps';

const REF = [{ toM: 300, kmh: 90 }, { toM: 600, kmh: 45 }, { toM: 1000, kmh: 80 }];
// Same first half; slower through the hairpin, then equal again.
const SLOWER = [{ toM: 300, kmh: 90 }, { toM: 600, kmh: 40 }, { toM: 1000, kmh: 80 }];

describe('compareLaps', () => {
  const ref = lapFromProfile(REF, 3);
  const other = lapFromProfile(SLOWER, 7);
  const c = compareLaps(ref, other);

  it('runs along the reference lap with both speeds', () => {
    expect(c.x[0]).toBe(0);
    expect(c.x[c.x.length - 1]).toBeCloseTo(1000, 6);
    const at450 = c.x.findIndex((x) => x >= 450);
    expect(c.speedRef[at450]).toBeCloseTo(45, 6);
    expect(c.speedOther[at450]).toBeCloseTo(40, 6);
  });

  it('the running delta is the time difference at each distance', () => {
    for (const x of [100, 300, 450, 600, 900]) {
      const i = c.x.findIndex((v) => v >= x);
      const expected = (profileTime(SLOWER, x) - profileTime(REF, x)) / 1000;
      expect(c.delta[i]).toBeCloseTo(expected, 2);
    }
  });

  it('ends on the difference of the lap times', () => {
    expect(c.delta[c.delta.length - 1]).toBeCloseTo((other.timeMs - ref.timeMs) / 1000, 6);
  });

  it('the loss rate is positive only where the time is lost', () => {
    const rate = lossRate(c);
    const at = (x: number) => rate[c.x.findIndex((v) => v >= x)];
    expect(at(150)).toBeCloseTo(0, 6);
    expect(at(450)).toBeGreaterThan(0);
    expect(at(850)).toBeCloseTo(0, 6);
  });

  it('compares laps of different length at the same fraction of the lap', () => {
    const stretched = lapFromProfile(REF.map((p) => ({ toM: p.toM * 1.02, kmh: p.kmh * 1.02 })), 2);
    const s = compareLaps(ref, stretched);
    for (const d of s.delta) expect(Math.abs(d)).toBeLessThan(0.01);
  });
});

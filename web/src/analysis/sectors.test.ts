import { describe, expect, it } from 'vitest';
import { bestSectorIndex, sectorTimes, theoreticalBest } from './sectors';
import { lapFromProfile, profileTime } from './test-laps';

// A 1200 m kart lap: fast straight, slow hairpin section, medium back section.
const PROFILE = [{ toM: 350, kmh: 95 }, { toM: 520, kmh: 42 }, { toM: 800, kmh: 70 }, { toM: 1200, kmh: 81 }];

describe('sectorTimes', () => {
  it('splits the lap into three equal distances, timed where the car crossed them', () => {
    const lap = lapFromProfile(PROFILE);
    const s = sectorTimes(lap);
    expect(s).toHaveLength(3);
    const at400 = profileTime(PROFILE, 400);
    const at800 = profileTime(PROFILE, 800);
    expect(s[0]).toBeCloseTo(at400, -1);
    expect(s[1]).toBeCloseTo(at800 - at400, -1);
    expect(s[2]).toBeCloseTo(profileTime(PROFILE, 1200) - at800, -1);
  });

  it('adds up to the official lap time exactly', () => {
    const lap = { ...lapFromProfile(PROFILE), timeMs: 52345 };
    const s = sectorTimes(lap);
    expect(s.reduce((a, b) => a + b, 0)).toBe(52345);
  });

  it('uses each lap\'s own length, so a lap a few metres longer splits at the same places', () => {
    const longer = lapFromProfile(PROFILE.map((p) => ({ ...p, toM: p.toM * 1.01 })));
    const s = sectorTimes(longer);
    expect(s[0]).toBeCloseTo(profileTime(PROFILE, 400) * 1.01, -1);
  });
});

describe('theoreticalBest', () => {
  it('sums the best time of each sector, wherever each was set', () => {
    const sectors = [[20100, 18500, 22000], [19900, 18900, 21800], [20300, 18400, 22400]];
    expect(bestSectorIndex(sectors)).toEqual([1, 2, 1]);
    expect(theoreticalBest(sectors)).toBe(19900 + 18400 + 21800);
  });

  it('is never slower than the best lap', () => {
    const laps = [PROFILE, PROFILE.map((p, i) => ({ ...p, kmh: p.kmh * (i === 1 ? 1.1 : 0.97) }))]
      .map((p, i) => lapFromProfile(p, i + 1));
    const sectors = laps.map((l) => sectorTimes(l));
    const best = Math.min(...laps.map((l) => l.timeMs));
    expect(theoreticalBest(sectors)!).toBeLessThan(best);
  });

  it('is null without timed laps', () => {
    expect(theoreticalBest([])).toBeNull();
  });
});

// Sector times by distance along each lap, and the theoretical best lap.
import { interpolate, type LapTrace } from './trace';

/**
 * Splits a lap into `count` sectors of equal distance along that lap. The sectors add up to the
 * lap's official time exactly: the last one takes what remains after rounding.
 */
export function sectorTimes(lap: LapTrace, count = 3): number[] {
  const length = lap.d[lap.d.length - 1];
  const out: number[] = [];
  let previous = 0;
  for (let k = 1; k < count; k++) {
    const at = Math.round(interpolate(lap.d, lap.t, (length * k) / count));
    out.push(at - previous);
    previous = at;
  }
  out.push(lap.timeMs - previous);
  return out;
}

/** Index of the fastest entry in each sector column (first one on a tie). */
export function bestSectorIndex(sectors: number[][]): number[] {
  if (sectors.length === 0) return [];
  return sectors[0].map((_, k) => sectors.reduce((best, s, i) => (s[k] < sectors[best][k] ? i : best), 0));
}

/** The sum of the best time of each sector over all laps; null without laps. */
export function theoreticalBest(sectors: number[][]): number | null {
  if (sectors.length === 0) return null;
  return bestSectorIndex(sectors).reduce((sum, i, k) => sum + sectors[i][k], 0);
}

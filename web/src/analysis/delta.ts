// Lap against lap: speed on a common distance axis and the running time difference.
import { interpolate, type LapTrace } from './trace';

export interface LapComparison {
  /** Distance along the reference lap, metres. */
  x: number[];
  speedRef: number[];
  speedOther: number[];
  /** other − reference, seconds, at each x: positive where the other lap is behind. */
  delta: number[];
}

/**
 * Compares `other` to `ref` at the same fraction of each lap's distance (two laps differ by a few
 * metres in length: lines taken, GPS), sampled every `stepM` metres of the reference lap.
 */
export function compareLaps(ref: LapTrace, other: LapTrace, stepM = 2): LapComparison {
  const lengthRef = ref.d[ref.d.length - 1];
  const lengthOther = other.d[other.d.length - 1];
  const out: LapComparison = { x: [], speedRef: [], speedOther: [], delta: [] };
  const steps = Math.max(1, Math.ceil(lengthRef / stepM));
  for (let i = 0; i <= steps; i++) {
    const x = Math.min(lengthRef, i * stepM);
    const xo = lengthRef > 0 ? (x / lengthRef) * lengthOther : 0;
    const tRef = i === steps ? ref.timeMs : interpolate(ref.d, ref.t, x);
    const tOther = i === steps ? other.timeMs : interpolate(other.d, other.t, xo);
    out.x.push(x);
    out.speedRef.push(interpolate(ref.d, ref.v, x));
    out.speedOther.push(interpolate(other.d, other.v, xo));
    out.delta.push((tOther - tRef) / 1000);
  }
  return out;
}

/**
 * How fast the other lap loses time (+) or gains it (−) around each point, in seconds per 100 m,
 * smoothed over `windowM` metres: what the map colours.
 */
export function lossRate(c: LapComparison, windowM = 30): number[] {
  const n = c.x.length;
  return c.x.map((x, i) => {
    let a = i;
    let b = i;
    while (a > 0 && x - c.x[a - 1] <= windowM / 2) a--;
    while (b < n - 1 && c.x[b + 1] - x <= windowM / 2) b++;
    const span = c.x[b] - c.x[a];
    return span > 0 ? ((c.delta[b] - c.delta[a]) / span) * 100 : 0;
  });
}

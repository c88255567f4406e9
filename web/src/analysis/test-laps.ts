// Laps for the unit tests, built from a speed profile along distance (the oracle integrates the
// profile analytically; the code under test only sees the sampled trace).
import type { LapTrace } from './trace';

/** Constant speed (km/h) over each [fromM, toM) piece; samples every 0.1 s like the logger. */
export function lapFromProfile(pieces: { toM: number; kmh: number }[], lap = 1, sessionId = 1): LapTrace {
  const t: number[] = [0];
  const d: number[] = [0];
  const v: number[] = [pieces[0].kmh];
  const total = pieces[pieces.length - 1].toM;
  let time = 0;
  let dist = 0;
  while (dist < total) {
    const piece = pieces.find((p) => dist < p.toM)!;
    const ms = piece.kmh / 3.6 / 1000;  // metres per ms
    const step = Math.min(100, (piece.toM - dist) / ms);  // stop exactly on piece ends
    time += step;
    dist = Math.min(total, dist + step * ms);
    t.push(time);
    d.push(dist);
    v.push(piece.kmh);
  }
  const lat = d.map((x) => 45 + x / 111320);
  const lon = d.map(() => 7);
  return { sessionId, lap, timeMs: Math.round(time), t, d, v, lat, lon };
}

/** Exact time (ms) to cover [0, x] metres of a profile. */
export function profileTime(pieces: { toM: number; kmh: number }[], x: number): number {
  let from = 0;
  let ms = 0;
  for (const p of pieces) {
    const to = Math.min(p.toM, x);
    if (to > from) ms += ((to - from) / (p.kmh / 3.6)) * 1000;
    from = p.toM;
    if (from >= x) break;
  }
  return ms;
}

import { describe, expect, it } from 'vitest';
import { decodeTrace, interpolate, timedLaps, type TraceJson } from './trace';

// The server's encoding (docs/protocol.md §2.1): ms, decimetres, degrees × 1e7, 0.1 km/h.
const json: TraceJson = {
  id: 9, count: 7,
  t: [0, 1000, 2000, 2500, 3000, 4000, 4700],
  d: [0, 150, 300, 375, 450, 600, 700],
  lat: [450000000, 450000135, 450000270, 450000337, 450000404, 450000539, 450000629],
  lon: [70000000, 70000000, 70000000, 70000000, 70000000, 70000000, 70000000],
  v: [540, 540, 540, 540, 540, 540, 514],
  interpolated: [2, 5],
  laps: [
    { lap: 0, kind: 'out', i0: 0, i1: 2 },
    { lap: 1, kind: 'lap', i0: 2, i1: 5, start_ms: 2000, time_ms: 2000 },
    { lap: 2, kind: 'in', i0: 5, i1: 6 },
  ],
  started_at_ms: 1700000000000, top_speed_kmh: 54, start_line: null,
};

describe('decodeTrace and timedLaps', () => {
  const trace = decodeTrace(json);

  it('scales the integer columns back to ms, metres, degrees and km/h', () => {
    expect(trace.d[1]).toBe(15);
    expect(trace.lat[1]).toBeCloseTo(45.0000135, 9);
    expect(trace.v[6]).toBeCloseTo(51.4, 9);
  });

  it('gives the timed laps only, with time and distance from their own start', () => {
    const laps = timedLaps(trace);
    expect(laps.map((l) => l.lap)).toEqual([1]);
    expect(laps[0].t).toEqual([0, 500, 1000, 2000]);
    expect(laps[0].d).toEqual([0, 7.5, 15, 30]);
    expect(laps[0].timeMs).toBe(2000);
  });

  it('interpolates linearly and clamps at the ends', () => {
    expect(interpolate([0, 10, 20], [0, 100, 300], 15)).toBe(200);
    expect(interpolate([0, 10, 20], [0, 100, 300], -5)).toBe(0);
    expect(interpolate([0, 10, 20], [0, 100, 300], 25)).toBe(300);
  });
});

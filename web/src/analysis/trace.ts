// The session trace from GET /api/sessions/{id}/trace (docs/protocol.md §2), decoded, and the
// slices of it that are laps. Times are ms from the session's first fix, distances metres.
export interface StartLine {
  lat: number;
  lon: number;
  radius_m: number;
  heading: number;
}

export interface TraceJson {
  id: number;
  count: number;
  t: number[];
  d: number[];
  lat: number[];
  lon: number[];
  v: number[];
  interpolated: number[];
  laps: { lap: number; kind: 'out' | 'lap' | 'in'; i0: number; i1: number; time_ms?: number; start_ms?: number }[];
  started_at_ms: number | null;
  top_speed_kmh: number;
  start_line: { track_id: string | null; auto: boolean; line: StartLine } | null;
}

export interface Trace {
  sessionId: number;
  t: Float64Array;
  d: Float64Array;
  lat: Float64Array;
  lon: Float64Array;
  v: Float64Array;
  interpolated: Set<number>;
  segments: TraceJson['laps'];
  startedAtMs: number | null;
  topSpeedKmh: number;
  startLine: TraceJson['start_line'];
}

/** One lap's samples, time and distance counted from its start line. */
export interface LapTrace {
  sessionId: number;
  lap: number;
  timeMs: number;
  t: number[];
  d: number[];
  v: number[];
  lat: number[];
  lon: number[];
}

const scaled = (values: number[], k: number) => Float64Array.from(values, (x) => x / k);

export function decodeTrace(j: TraceJson): Trace {
  return {
    sessionId: j.id,
    t: scaled(j.t, 1), d: scaled(j.d, 10), lat: scaled(j.lat, 1e7), lon: scaled(j.lon, 1e7), v: scaled(j.v, 10),
    interpolated: new Set(j.interpolated),
    segments: j.laps,
    startedAtMs: j.started_at_ms,
    topSpeedKmh: j.top_speed_kmh,
    startLine: j.start_line,
  };
}

/** The timed laps of the trace, in order. */
export function timedLaps(trace: Trace): LapTrace[] {
  return trace.segments.filter((s) => s.kind === 'lap').map((s) => {
    const range = (a: Float64Array, base = 0) => Array.from(a.subarray(s.i0, s.i1 + 1), (x) => x - base);
    return {
      sessionId: trace.sessionId, lap: s.lap, timeMs: s.time_ms ?? trace.t[s.i1] - trace.t[s.i0],
      t: range(trace.t, trace.t[s.i0]), d: range(trace.d, trace.d[s.i0]), v: range(trace.v),
      lat: range(trace.lat), lon: range(trace.lon),
    };
  });
}

/** Linear interpolation of ys at x over increasing xs (clamped at the ends). */
export function interpolate(xs: ArrayLike<number>, ys: ArrayLike<number>, x: number): number {
  const n = xs.length;
  if (n === 0) return NaN;
  if (x <= xs[0]) return ys[0];
  if (x >= xs[n - 1]) return ys[n - 1];
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] <= x) lo = mid;
    else hi = mid;
  }
  const span = xs[hi] - xs[lo];
  return span > 0 ? ys[lo] + (ys[hi] - ys[lo]) * ((x - xs[lo]) / span) : ys[lo];
}

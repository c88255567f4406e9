// What the session page shows, computed once per load: the laps with their sectors, the best, the
// theoretical best, and the sessions at the same venue for lap comparison.
import type { AnalysisApi, SessionDetail } from './analysis-api';
import { bestSectorIndex, sectorTimes, theoreticalBest } from './sectors';
import { timedLaps, type LapTrace, type Trace } from './trace';

export interface SessionData {
  session: SessionDetail;
  trace: Trace;
  laps: LapTrace[];
  sectors: number[][];
  bestSectors: number[];  // index into laps of the best time in each sector
  bestLapMs: number | null;
  theoreticalBestMs: number | null;
}

export async function loadSession(api: AnalysisApi, id: number): Promise<SessionData> {
  const [session, trace] = await Promise.all([api.session(id), api.trace(id)]);
  return summarise(session, trace);
}

export function summarise(session: SessionDetail, trace: Trace): SessionData {
  const laps = timedLaps(trace);
  const sectors = laps.map((l) => sectorTimes(l));
  return {
    session, trace, laps, sectors,
    bestSectors: bestSectorIndex(sectors),
    bestLapMs: laps.length ? Math.min(...laps.map((l) => l.timeMs)) : null,
    theoreticalBestMs: theoreticalBest(sectors),
  };
}

/** Sessions recorded at the same venue (same track, or the same automatic place name). */
export function sameVenue(all: SessionDetail[], s: SessionDetail): SessionDetail[] {
  return all.filter((o) => o.laps > 0 && (s.track_id ? o.track_id === s.track_id : o.track === s.track));
}

export function dayOf(s: SessionDetail): string {
  return new Date(s.started_at ?? s.uploaded_at).toDateString();
}

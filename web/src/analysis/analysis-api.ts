// The server routes the session page uses (docs/protocol.md §2): session, trace, tracks.
import { ApiError, type SessionSummary } from '../api/api-client';
import { decodeTrace, type StartLine, type Trace, type TraceJson } from './trace';

export interface SessionDetail extends SessionSummary {
  track_id: string | null;
  auto_track: boolean;
  lap_times: { lap: number; time_ms: number; start_ms: number }[];
}

export interface TrackJson {
  id: string;
  name: string;
  location?: string;
  start_line: StartLine;
}

export interface SavedTrack {
  track: TrackJson;
  reanalysed: number[];
}

export class AnalysisApi {
  constructor(private readonly base: () => string, private readonly token: () => string) {}

  session(id: number): Promise<SessionDetail> {
    return this.request(`/api/sessions/${id}`);
  }

  async sessions(): Promise<SessionDetail[]> {
    return (await this.request<{ sessions: SessionDetail[] }>('/api/sessions')).sessions;
  }

  /** stepM 0: every logged fix (for exports); default: thinned for the screen. */
  async trace(id: number, stepM?: number): Promise<Trace> {
    const query = stepM === undefined ? '' : `?step_m=${stepM}`;
    return decodeTrace(await this.request<TraceJson>(`/api/sessions/${id}/trace${query}`));
  }

  async tracks(): Promise<TrackJson[]> {
    return (await this.request<{ tracks: TrackJson[] }>('/api/tracks')).tracks;
  }

  /**
   * Moves a track's start/finish line (PUT, the server re-times that venue's sessions), or stores a
   * new track when the session has none yet (POST).
   */
  async saveLine(trackId: string | null, line: StartLine, newName: string): Promise<SavedTrack> {
    const headers = { 'Content-Type': 'application/json' };
    if (!trackId) {
      const body = JSON.stringify({ name: newName, start_line: line });
      return { track: await this.request<TrackJson>('/api/tracks', { method: 'POST', body, headers }), reanalysed: [] };
    }
    const body = JSON.stringify({ start_line: line });
    return this.request<SavedTrack>(`/api/tracks/${encodeURIComponent(trackId)}`, { method: 'PUT', body, headers });
  }

  csvUrl(id: number): string {
    return `${this.base().replace(/\/+$/, '')}/api/sessions/${id}/csv`;
  }

  async csv(id: number): Promise<Blob> {
    const res = await this.fetch(`/api/sessions/${id}/csv`);
    return res.blob();
  }

  private async request<T>(path: string, init: RequestInit = {}): Promise<T> {
    return (await this.fetch(path, init)).json() as Promise<T>;
  }

  private async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    let res: Response;
    try {
      res = await fetch(this.base().replace(/\/+$/, '') + path,
        { ...init, headers: { ...(init.headers ?? {}), Authorization: `Bearer ${this.token()}` } });
    } catch {
      throw new ApiError(0, 'The server cannot be reached.');
    }
    if (!res.ok) {
      const body = await res.json().catch(() => null);
      throw new ApiError(res.status, body?.error?.message ?? `The server answered ${res.status}.`);
    }
    return res;
  }
}

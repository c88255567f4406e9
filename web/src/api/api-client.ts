// racesense-server's JSON API (docs/protocol.md §2).
export interface LapTime {
  lap: number;
  time_ms: number;
  start_ms: number;
}

export interface SessionSummary {
  id: number;
  filename: string;
  uploaded_at: string;
  started_at: string | null;
  track: string;
  laps: number;
  best_lap_ms: number | null;
  duration_ms: number;
  parse_error: string | null;
  lap_times?: LapTime[];
}

export class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

export class ApiClient {
  constructor(private readonly base: () => string, private readonly token: () => string) {}

  async sessions(): Promise<SessionSummary[]> {
    return (await this.get<{ sessions: SessionSummary[] }>('/api/sessions')).sessions;
  }

  session(id: number): Promise<SessionSummary> {
    return this.get<SessionSummary>(`/api/sessions/${id}`);
  }

  private async get<T>(path: string): Promise<T> {
    let res: Response;
    try {
      res = await fetch(this.base().replace(/\/+$/, '') + path, { headers: { Authorization: `Bearer ${this.token()}` } });
    } catch {
      throw new ApiError(0, 'The server cannot be reached.');
    }
    if (!res.ok) {
      const body = await res.json().catch(() => null);
      throw new ApiError(res.status, body?.error?.message ?? `The server answered ${res.status}.`);
    }
    return res.json() as Promise<T>;
  }
}

export function formatLap(ms: number | null | undefined): string {
  if (ms == null) return '–';
  const minutes = Math.floor(ms / 60000);
  const seconds = ((ms % 60000) / 1000).toFixed(3).padStart(6, '0');
  return `${minutes}:${seconds}`;
}

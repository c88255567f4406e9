// racesense-server's JSON API (docs/protocol.md §2).
export interface LapTime {
  lap: number;
  time_ms: number;
  start_ms: number;
}

export interface SessionSummary {
  id: number;
  filename: string;
  title?: string | null;
  uploaded_at: string;
  started_at: string | null;
  track: string;
  laps: number;
  bytes?: number;
  sha256?: string;
  best_lap_ms: number | null;
  duration_ms: number;
  parse_error: string | null;
  lap_times?: LapTime[];
}

export interface KnownFile {
  name?: string;
  size?: number;
  sha256?: string;
  id: number;
}

/** A server that does not answer in this time is treated as unreachable (a dead tunnel can hang). */
const TIMEOUT_MS = 10000;

export class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

export class ApiClient {
  constructor(readonly base: () => string, readonly token: () => string) {}

  async sessions(): Promise<SessionSummary[]> {
    return (await this.call<{ sessions: SessionSummary[] }>('GET', '/api/sessions')).sessions;
  }

  session(id: number): Promise<SessionSummary> {
    return this.call<SessionSummary>('GET', `/api/sessions/${id}`);
  }

  /** Does the server answer at all (no token needed)? */
  async health(): Promise<boolean> {
    return this.call('GET', '/api/health', undefined, false).then(() => true, () => false);
  }

  /** Is this token (default: the saved one) accepted? Throws ApiError(0) when the server cannot be reached. */
  async tokenAccepted(token = this.token()): Promise<boolean> {
    try {
      await this.call('GET', '/api/auth', undefined, true, token);
      return true;
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return false;
      throw e;
    }
  }

  /** Which of these files the server already holds, by (name, size) or by sha256. */
  async known(files: ({ name: string; size: number } | { sha256: string })[]): Promise<KnownFile[]> {
    return (await this.call<{ known: KnownFile[] }>('POST', '/api/sessions/known', { files })).known;
  }

  rename(id: number, title: string | null): Promise<SessionSummary> {
    return this.call<SessionSummary>('PATCH', `/api/sessions/${id}`, { title });
  }

  async remove(id: number): Promise<void> {
    await this.call('DELETE', `/api/sessions/${id}`);
  }

  /** The original bytes as uploaded (the route needs the token, so a plain link cannot fetch it). */
  async originalCsv(id: number): Promise<Blob> {
    const res = await this.fetch('GET', `/api/sessions/${id}/csv`);
    return res.blob();
  }

  url(path: string): string {
    return this.base().replace(/\/+$/, '') + path;
  }

  private async fetch(method: string, path: string, body?: unknown, auth = true, token = this.token()): Promise<Response> {
    const headers: Record<string, string> = auth ? { Authorization: `Bearer ${token}` } : {};
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let res: Response;
    try {
      res = await fetch(this.url(path), {
        method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch {
      throw new ApiError(0, `The server at ${this.base()} cannot be reached.`);
    }
    if (!res.ok) {
      const err = await res.json().catch(() => null);
      throw new ApiError(res.status, err?.error?.message ?? `The server answered ${res.status}.`);
    }
    return res;
  }

  private async call<T>(method: string, path: string, body?: unknown, auth = true, token?: string): Promise<T> {
    return (await this.fetch(method, path, body, auth, token)).json() as Promise<T>;
  }
}

export function formatLap(ms: number | null | undefined): string {
  if (ms == null) return '–';
  const minutes = Math.floor(ms / 60000);
  const seconds = ((ms % 60000) / 1000).toFixed(3).padStart(6, '0');
  return `${minutes}:${seconds}`;
}

// Whether the saved upload token is accepted by the server: shown in Settings, and a rejected
// (or missing) token blocks Sync with the fix.
import { ApiError, type ApiClient } from './api-client';

export type TokenState = 'checking' | 'accepted' | 'rejected' | 'missing' | 'unreachable';

export class TokenStatus {
  private state: TokenState = 'checking';
  private listeners: ((s: TokenState) => void)[] = [];

  constructor(private readonly api: ApiClient) {}

  get current(): TokenState { return this.state; }

  subscribe(l: (s: TokenState) => void) {
    this.listeners.push(l);
    l(this.state);
  }

  async check(): Promise<TokenState> {
    if (!this.api.token()) return this.set('missing');
    this.set('checking'); // a token just changed is not the one the server accepted before
    try {
      return this.set((await this.api.tokenAccepted()) ? 'accepted' : 'rejected');
    } catch (e) {
      return this.set(e instanceof ApiError && e.status === 0 ? 'unreachable' : 'rejected');
    }
  }

  /** What any other API answer says about the token (e.g. the sessions list got 401). */
  learn(e: unknown) {
    if (e instanceof ApiError && e.status === 401) this.set('rejected');
  }

  private set(s: TokenState): TokenState {
    this.state = s;
    this.listeners.forEach((l) => l(s));
    return s;
  }
}

export const TOKEN_FIX = 'Open the link racesense-server printed at start (it ends in ?token=…), or paste the token in Settings.';

export function tokenSentence(s: TokenState): string {
  switch (s) {
    case 'checking': return 'Checking the upload token with the server…';
    case 'accepted': return 'Upload token accepted by the server.';
    case 'rejected': return `The server rejects this upload token. ${TOKEN_FIX}`;
    case 'missing': return `No upload token saved. ${TOKEN_FIX}`;
    case 'unreachable': return 'The server cannot be reached, so the token could not be checked.';
  }
}

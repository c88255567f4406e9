import { describe, expect, it } from 'vitest';
import type { ApiClient } from './api-client';
import { TokenStatus } from './token-status';

/** An API whose token check answers only when the test says so. */
function deferredApi(token: string) {
  let answer!: (accepted: boolean) => void;
  const api = {
    token: () => token,
    tokenAccepted: () => new Promise<boolean>((resolve) => (answer = resolve)),
  } as unknown as ApiClient;
  return { api, answer: (accepted: boolean) => answer(accepted), setToken: (t: string) => (token = t) };
}

describe('TokenStatus', () => {
  it('says checking while a changed token is asked about, never the old verdict', async () => {
    const server = deferredApi('good');
    const status = new TokenStatus(server.api);
    const seen: string[] = [];
    status.subscribe((s) => seen.push(s));
    const first = status.check();
    server.answer(true);
    expect(await first).toBe('accepted');
    server.setToken('wrong');
    const second = status.check();
    expect(status.current).toBe('checking'); // Sync stays blocked until the server answers
    server.answer(false);
    expect(await second).toBe('rejected');
    expect(seen).toEqual(['checking', 'checking', 'accepted', 'checking', 'rejected']);
  });

  it('says missing without asking when no token is saved', async () => {
    const status = new TokenStatus(deferredApi('').api);
    expect(await status.check()).toBe('missing');
  });
});

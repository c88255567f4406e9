import { describe, expect, it } from 'vitest';
import { preflight, urlProblem, type PreflightServer } from './preflight';

describe('urlProblem', () => {
  it('refuses addresses of the laptop itself', () => {
    for (const url of ['http://localhost:8080', 'http://127.0.0.1:8080', 'http://127.1.2.3', 'http://[::1]:8080', 'http://pit.localhost', 'http://0.0.0.0:8080'])
      expect(urlProblem(url, { lan: false })?.code, url).toBe('URL_LOCAL');
    expect(urlProblem('http://localhost:8080', { lan: true })?.code).toBe('URL_LOCAL'); // no hotspot reaches it
    // The demo's logger (rs-core-sim) runs on the laptop itself: loopback reaches it, a LAN address still needs the setting.
    expect(urlProblem('http://localhost:8080', { lan: false, loopback: true })).toBeNull();
    expect(urlProblem('http://127.0.0.1:8080', { lan: false, loopback: true })).toBeNull();
    expect(urlProblem('http://192.168.1.20:8080', { lan: false, loopback: true })?.code).toBe('URL_LAN');
  });

  it('refuses local-network addresses unless the laptop is on the same hotspot', () => {
    for (const url of ['http://192.168.1.20:8080', 'http://10.0.0.5', 'http://172.20.1.1', 'http://nitro5.local:8080', 'http://nitro5:8080', 'http://[fd00::1]'])
      expect(urlProblem(url, { lan: false })?.code, url).toBe('URL_LAN');
    expect(urlProblem('http://192.168.43.10:8080', { lan: true })).toBeNull();
    expect(urlProblem('http://172.32.0.1', { lan: false })).toBeNull(); // outside 172.16/12
  });

  it('accepts tunnel and public addresses, refuses what is not a web address', () => {
    expect(urlProblem('https://abc-def.trycloudflare.com', { lan: false })).toBeNull();
    expect(urlProblem('http://pit.example.org:8080', { lan: false })).toBeNull();
    expect(urlProblem('ftp://pit.example.org', { lan: false })?.code).toBe('URL_INVALID');
    expect(urlProblem('pit', { lan: false })?.code).toBe('URL_INVALID');
    expect(urlProblem(`https://a.example/${'x'.repeat(260)}`, { lan: false })?.code).toBe('URL_INVALID');
  });
});

describe('preflight', () => {
  const server = (up: boolean, accepts: boolean): PreflightServer & { asked: string[] } => {
    const asked: string[] = [];
    return {
      asked,
      health: async () => { asked.push('health'); return up; },
      tokenAccepted: async () => { asked.push('token'); if (!up) throw new Error('down'); return accepts; },
    };
  };
  const url = 'https://abc.trycloudflare.com';

  it('passes when the server answers and accepts the token', async () => {
    const s = server(true, true);
    expect(await preflight(s, url, 'tok', { lan: false })).toBeNull();
    expect(s.asked).toEqual(['health', 'token']);
  });

  it('names each problem with its fix, without asking the network for a bad URL', async () => {
    const s = server(true, true);
    expect((await preflight(s, 'http://localhost:8080', 'tok', { lan: false }))?.code).toBe('URL_LOCAL');
    expect(s.asked).toEqual([]);
    expect((await preflight(server(false, true), url, 'tok', { lan: false }))?.advice).toMatch(/does not answer/);
    expect((await preflight(server(true, false), url, 'tok', { lan: false }))?.code).toBe('TOKEN_REJECTED');
    expect((await preflight(server(true, true), url, '', { lan: false }))?.code).toBe('TOKEN_MISSING');
  });
});

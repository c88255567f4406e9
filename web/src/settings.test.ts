import { describe, expect, it } from 'vitest';
import { adoptTokenFromUrl, DEFAULT_SSID, SettingsStore, type KeyValueStore } from './settings';
import { adviceFor } from './sync/advice';

class MemoryStore implements KeyValueStore {
  data = new Map<string, string>();
  getItem(k: string) { return this.data.get(k) ?? null; }
  setItem(k: string, v: string) { this.data.set(k, v); }
}

describe('SettingsStore', () => {
  it('defaults to the Racesense-Pit hotspot and archiving', () => {
    const s = new SettingsStore(new MemoryStore()).load();
    expect(s.ssid).toBe(DEFAULT_SSID);
    expect(s.after).toBe('archive');
  });

  it('survives a corrupted processed_files entry', () => {
    const mem = new MemoryStore();
    mem.setItem('processed_files', '{not json');
    const store = new SettingsStore(mem);
    expect(store.processedFiles().size).toBe(0);
    store.markProcessed(['a.csv']);
    expect([...store.processedFiles()]).toEqual(['a.csv']);
  });

  it('takes the token from the printed URL and removes it from the address bar', () => {
    const store = new SettingsStore(new MemoryStore());
    let replaced = '';
    const history = { replaceState: (_s: unknown, _t: string, url: string) => (replaced = url) } as unknown as History;
    adoptTokenFromUrl(store, { href: 'http://localhost:8080/?token=abc123&x=1' } as Location, history);
    expect(store.load().token).toBe('abc123');
    expect(replaced).toBe('/?x=1');
  });
});

describe('adviceFor', () => {
  it('tells the racer what to do for each failure', () => {
    expect(adviceFor({ code: 'WIFI_AUTH_FAILED' }, 'Pit')).toMatch(/password/);
    expect(adviceFor({ code: 'WIFI_NOT_FOUND' }, 'Pit')).toMatch(/Turn your hotspot on/);
    expect(adviceFor({ code: 'SERVER_UNREACHABLE' }, 'Pit')).toMatch(/server is unreachable/);
    expect(adviceFor({ code: 'HTTP_ERROR', httpStatus: 401 }, 'Pit')).toMatch(/token/);
    expect(adviceFor({ code: 'HTTP_ERROR', httpStatus: 507 }, 'Pit')).toMatch(/disk is full/);
  });
});

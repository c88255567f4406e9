import { describe, expect, it } from 'vitest';
import { adoptTokenFromUrl, DEFAULT_SSID, fileKey, SettingsStore, type KeyValueStore } from './settings';
import { adviceFor, extraDetail } from './sync/advice';

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

  const history = () => {
    const h = { url: '', replaceState: (_s: unknown, _t: string, url: string) => (h.url = url) };
    return h;
  };
  const at = (href: string) => ({ href }) as Location;

  it('takes an accepted token from the printed URL and removes it from the address bar', async () => {
    const store = new SettingsStore(new MemoryStore());
    const hist = history();
    const note = await adoptTokenFromUrl(store, at('http://localhost:8080/?token=abc123&x=1'), hist as unknown as History, async () => 'accepted');
    expect(store.load().token).toBe('abc123');
    expect(hist.url).toBe('/?x=1');
    expect(note).toBeNull();
  });

  it('never lets a rejected token replace the saved one', async () => {
    const store = new SettingsStore(new MemoryStore());
    store.save({ token: 'good' });
    const asked: string[] = [];
    const note = await adoptTokenFromUrl(store, at('https://pit.example/?token=typo'), history() as unknown as History,
      async (t) => { asked.push(t); return t === 'good' ? 'accepted' : 'rejected'; });
    expect(asked).toEqual(['typo']);
    expect(store.load().token).toBe('good');
    expect(note).toMatch(/rejected by the server; the saved token was kept/);
  });

  it('keeps the saved token when the server cannot be asked, but takes a first token', async () => {
    const store = new SettingsStore(new MemoryStore());
    const unreachable = async () => 'unreachable' as const;
    expect(await adoptTokenFromUrl(store, at('https://pit.example/?token=first'), history() as unknown as History, unreachable)).toBeNull();
    expect(store.load().token).toBe('first');
    const note = await adoptTokenFromUrl(store, at('https://pit.example/?token=second'), history() as unknown as History, unreachable);
    expect(store.load().token).toBe('first');
    expect(note).toMatch(/could not be asked/);
  });

  it('keys the offline cache by name and size', () => {
    expect(fileKey({ name: 'sess_1.csv', size: 183422 })).toBe('sess_1.csv|183422');
  });
});

describe('adviceFor', () => {
  it('tells the racer what to do for each failure', () => {
    expect(adviceFor({ code: 'WIFI_AUTH_FAILED' }, 'Pit')).toMatch(/password/);
    expect(adviceFor({ code: 'WIFI_NOT_FOUND' }, 'Pit')).toMatch(/Turn your hotspot on/);
    expect(adviceFor({ code: 'SERVER_UNREACHABLE' }, 'Pit')).toMatch(/server is unreachable/);
    expect(adviceFor({ code: 'HTTP_ERROR', httpStatus: 401 }, 'Pit')).toMatch(/token/);
    expect(adviceFor({ code: 'HTTP_ERROR', httpStatus: 507 }, 'Pit')).toMatch(/disk is full/);
    expect(adviceFor({ code: 'WIFI_NOT_FOUND' }, 'Pit')).toMatch(/2\.4 GHz/);
    expect(adviceFor({ code: 'LOGGER_BUSY' }, 'Pit')).toMatch(/a sync is already running on this logger/i);
    expect(adviceFor({ code: 'LOGGER_BUSY' }, 'Pit')).not.toMatch(/refused the settings/);
    expect(adviceFor({ code: 'INSECURE_PAGE' }, 'Pit')).toMatch(/https tunnel address/);
  });
});

describe('extraDetail', () => {
  it('shows the logger sentence only when the advice does not already say it, marking a clipped one', () => {
    expect(extraDetail('SERVER_UNREACHABLE', 'Cannot reach the server.')).toBeUndefined();
    expect(extraDetail('HTTP_ERROR', 'The server answered 401: Missing or wrong upload token. Send Authorization')).toBeUndefined();
    expect(extraDetail('SOMETHING_NEW', 'A new failure.')).toBe('A new failure.');
    expect(extraDetail('SOMETHING_NEW', 'x'.repeat(120))).toBe(`${'x'.repeat(120)}…`);
  });
});

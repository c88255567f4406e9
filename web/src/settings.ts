// What the racer configures, kept in localStorage as the spec says, plus the processed-files index.
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export interface Settings {
  ssid: string;
  password: string;
  after: 'archive' | 'delete';
  serverUrl: string; // empty: the page's own origin (the current tunnel URL)
  token: string;
}

export const DEFAULT_SSID = 'Racesense-Pit';
const KEYS = { ssid: 'hotspot_ssid', password: 'hotspot_pass', after: 'after_upload', serverUrl: 'server_url', token: 'upload_token' };
const PROCESSED = 'processed_files';

export class SettingsStore {
  constructor(private readonly store: KeyValueStore) {}

  load(): Settings {
    const get = (k: string) => this.store.getItem(k) ?? '';
    return {
      ssid: get(KEYS.ssid) || DEFAULT_SSID,
      password: get(KEYS.password),
      after: get(KEYS.after) === 'delete' ? 'delete' : 'archive',
      serverUrl: get(KEYS.serverUrl),
      token: get(KEYS.token),
    };
  }

  save(settings: Partial<Settings>) {
    for (const [field, key] of Object.entries(KEYS)) {
      const value = settings[field as keyof Settings];
      if (value !== undefined) this.store.setItem(key, value);
    }
  }

  processedFiles(): Set<string> {
    try {
      const list = JSON.parse(this.store.getItem(PROCESSED) ?? '[]');
      return new Set(Array.isArray(list) ? list.filter((x) => typeof x === 'string') : []);
    } catch {
      return new Set();
    }
  }

  markProcessed(names: Iterable<string>) {
    const all = this.processedFiles();
    for (const n of names) all.add(n);
    this.store.setItem(PROCESSED, JSON.stringify([...all]));
  }
}

/** Takes ?token=… from the address the server printed, remembers it, and hides it again. */
export function adoptTokenFromUrl(store: SettingsStore, location: Location, history: History) {
  const url = new URL(location.href);
  const token = url.searchParams.get('token');
  if (!token) return;
  store.save({ token });
  url.searchParams.delete('token');
  history.replaceState(null, '', url.pathname + url.search + url.hash);
}

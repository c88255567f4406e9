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
  allowLanUrl: boolean; // the laptop is on the phone's hotspot too: a LAN address reaches it
}

export const DEFAULT_SSID = 'Racesense-Pit';
const KEYS = { ssid: 'hotspot_ssid', password: 'hotspot_pass', after: 'after_upload', serverUrl: 'server_url', token: 'upload_token' };
const ALLOW_LAN = 'allow_lan_url';
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
      allowLanUrl: get(ALLOW_LAN) === 'true',
    };
  }

  save(settings: Partial<Settings>) {
    for (const [field, key] of Object.entries(KEYS)) {
      const value = settings[field as keyof Settings];
      if (value !== undefined) this.store.setItem(key, String(value));
    }
    if (settings.allowLanUrl !== undefined) this.store.setItem(ALLOW_LAN, String(settings.allowLanUrl));
  }

  /** The offline cache of files the server confirmed, keyed by name and size (see fileKey). */
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

  forgetProcessed() {
    this.store.setItem(PROCESSED, '[]');
  }
}

/** A file as the logger lists it: a new file under an old name is another file. */
export function fileKey(f: { name: string; size: number }): string {
  return `${f.name}|${f.size}`;
}

export type TokenVerdict = 'accepted' | 'rejected' | 'unreachable';

/** Takes ?token=… from the address the server printed and hides it again. A token the server
 *  rejects never replaces the saved one; returns a sentence for the racer when the link's was not taken. */
export async function adoptTokenFromUrl(store: SettingsStore, location: Location, history: History,
  verify: (token: string) => Promise<TokenVerdict>): Promise<string | null> {
  const url = new URL(location.href);
  const token = url.searchParams.get('token');
  if (token === null) return null;
  url.searchParams.delete('token');
  history.replaceState(null, '', url.pathname + url.search + url.hash);
  const saved = store.load().token;
  if (!token || token === saved) return null;
  const verdict = await verify(token);
  if (verdict === 'accepted' || (verdict === 'unreachable' && !saved)) {
    store.save({ token });
    return null;
  }
  if (verdict === 'unreachable')
    return 'The server could not be asked whether the token in this link is right, so the saved token was kept. ' +
      'Open the link again when the server runs, or paste the new token in Settings.';
  return saved
    ? 'The token in this link was rejected by the server; the saved token was kept.'
    : 'The token in this link was rejected by the server. Open the link racesense-server printed at start ' +
      '(it ends in ?token=…), or paste the token in Settings.';
}

// The Paddock Sync flow as a state machine, free of the DOM: Sync → file list → hotspot modal →
// CONFIGURE → progress → done or error, with reconnects and status polling.
import { toBleError } from '../ble/errors';
import type { Settings, SettingsStore } from '../settings';
import { adviceFor } from './advice';
import type { DeviceLink } from './device-link';
import type { DeviceFile, DeviceStatus } from './device-types';

export type SyncView =
  | { phase: 'idle' }
  | { phase: 'connecting' }
  | { phase: 'checking' }
  | { phase: 'nothing-new'; total: number }
  | { phase: 'new-data'; files: string[]; ssid: string }
  | { phase: 'syncing'; progress: number; file?: string; index: number; count: number; reconnecting: boolean; state: string }
  | { phase: 'done'; laps: number; files: number }
  | { phase: 'error'; code: string; message: string; advice: string; canRetry: boolean };

export interface Timers {
  every(ms: number, fn: () => void): () => void;
  delay(ms: number): Promise<void>;
}

export const browserTimers: Timers = {
  every: (ms, fn) => {
    const id = setInterval(fn, ms);
    return () => clearInterval(id);
  },
  delay: (ms) => new Promise((r) => setTimeout(r, ms)),
};

const POLL_MS = 1000;
const RECONNECT_TRIES = 5;

export class SyncMachine {
  private view: SyncView = { phase: 'idle' };
  private listeners: ((v: SyncView) => void)[] = [];
  private pending: string[] = []; // new files of this run
  private run = -1;
  private stopPolling?: () => void;
  private finished = true;

  constructor(
    private readonly link: DeviceLink,
    private readonly settings: SettingsStore,
    private readonly serverOrigin: () => string,
    private readonly timers: Timers = browserTimers,
    private readonly onSynced: () => void = () => undefined,
  ) {
    link.onStatus((s) => this.handleStatus(s));
    link.onDisconnect(() => void this.handleDisconnect());
  }

  get current(): SyncView { return this.view; }
  subscribe(l: (v: SyncView) => void) { this.listeners.push(l); l(this.view); }

  /** The Sync button. */
  async sync(): Promise<void> {
    try {
      this.set({ phase: 'connecting' });
      await this.link.connect();
      this.set({ phase: 'checking' });
      const files = await this.link.readFileList();
      const processed = this.settings.processedFiles();
      this.pending = files.filter((f) => !f.busy && !processed.has(f.name)).map((f) => f.name);
      if (this.pending.length === 0) return this.set({ phase: 'nothing-new', total: files.length });
      this.set({ phase: 'new-data', files: this.pending, ssid: this.settings.load().ssid });
    } catch (e) {
      this.failLink(e);
    }
  }

  /** "I've turned it on - START SYNC", and the retry button. */
  async start(): Promise<void> {
    const s = this.settings.load();
    try {
      if (this.pending.length === 0) this.pending = await this.freshPendingFiles();
      await this.link.writeConfigure({ ssid: s.ssid, pass: s.password, url: this.backendUrl(s), token: s.token, after: s.after });
      // The logger switches to the new run before it acknowledges the write: this read names it.
      const first = await this.link.readStatus();
      this.run = first.run;
      this.finished = false;
      this.set({ phase: 'syncing', progress: 0, index: 0, count: this.pending.length, reconnecting: false, state: first.state });
      this.startPolling();
      this.handleStatus(first);
    } catch (e) {
      this.failLink(e);
    }
  }

  dismiss() {
    if (this.view.phase !== 'syncing') this.set({ phase: 'idle' });
  }

  private backendUrl(s: Settings) {
    return (s.serverUrl || this.serverOrigin()).replace(/\/+$/, '');
  }

  private async freshPendingFiles(): Promise<string[]> {
    await this.link.connect();
    const processed = this.settings.processedFiles();
    return (await this.link.readFileList()).filter((f) => !f.busy && !processed.has(f.name)).map((f) => f.name);
  }

  private startPolling() {
    this.stopPolling?.();
    this.stopPolling = this.timers.every(POLL_MS, () => {
      this.link.readStatus().then((s) => this.handleStatus(s), () => undefined);
    });
  }

  private handleStatus(s: DeviceStatus) {
    if (this.finished || s.run !== this.run) return; // nothing running, or a stale status of an earlier run
    if (s.state === 'DONE' || s.state === 'ERROR') return void this.finish(s);
    const reconnecting = this.view.phase === 'syncing' && this.view.reconnecting;
    this.set({
      phase: 'syncing',
      progress: s.progress,
      file: s.file,
      index: s.fileIndex,
      count: s.fileCount || this.pending.length,
      reconnecting,
      state: s.state,
    });
  }

  private async finish(s: DeviceStatus) {
    this.finished = true;
    this.stopPolling?.();
    await this.recordConfirmedFiles(s);
    if (s.state === 'DONE') {
      this.set({ phase: 'done', laps: s.laps, files: s.filesDone });
    } else {
      const code = s.code ?? 'ERROR';
      this.set({ phase: 'error', code, message: s.message ?? '', advice: adviceFor(s, this.settings.load().ssid), canRetry: true });
    }
    if (s.filesDone > 0) this.onSynced();
  }

  /** Files of this run no longer on the card were confirmed by the server (then archived/deleted). */
  private async recordConfirmedFiles(s: DeviceStatus) {
    if (s.filesDone === 0) return;
    // The logger uploads every ready file; when all of this run's were confirmed and nothing else
    // changed on the card since the list was read, the list need not be read again.
    const unchanged = s.listGen !== undefined && s.listGen === this.link.listGen;
    if (s.state === 'DONE' && unchanged && s.filesDone === this.pending.length) {
      this.settings.markProcessed(this.pending);
      this.pending = [];
      return;
    }
    try {
      const still = new Set((await this.link.readFileList()).map((f: DeviceFile) => f.name));
      this.settings.markProcessed(this.pending.filter((n) => !still.has(n)));
      this.pending = this.pending.filter((n) => still.has(n));
    } catch {
      // the list is read again at the next Sync; nothing is marked without proof
    }
  }

  private async handleDisconnect() {
    if (this.finished || this.view.phase !== 'syncing') return;
    this.set({ ...this.view, reconnecting: true });
    for (let attempt = 0; attempt < RECONNECT_TRIES && !this.finished; attempt++) {
      try {
        await this.link.reconnect();
        if (this.view.phase === 'syncing') this.set({ ...this.view, reconnecting: false });
        this.handleStatus(await this.link.readStatus());
        return;
      } catch {
        await this.timers.delay(1000 * (attempt + 1));
      }
    }
    if (!this.finished) this.failLink(new Error('disconnected'), 'BLE_LOST');
  }

  private failLink(e: unknown, code?: string) {
    this.finished = true;
    this.stopPolling?.();
    const err = toBleError(e);
    if (err.kind === 'cancelled') return this.set({ phase: 'idle' });
    const pairing = err.kind === 'pairing' ? (err.reason === 'locked' ? 'PAIRING_LOCKED' : 'PAIRING_WAIT') : undefined;
    const c = code ?? pairing ?? (err.kind === 'att' ? 'BAD_CONFIG' : err.kind === 'disconnected' ? 'BLE_LOST' : 'BLE_ERROR');
    const advice =
      err.kind === 'unsupported'
        ? 'Use Chrome on Android or desktop Chrome/Edge for Paddock Sync.'
        : adviceFor({ code: c }, this.settings.load().ssid);
    this.set({ phase: 'error', code: c, message: err.message, advice, canRetry: err.kind !== 'unsupported' });
  }

  private set(v: SyncView) {
    this.view = v;
    this.listeners.forEach((l) => l(v));
  }
}

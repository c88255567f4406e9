// The Paddock Sync flow as a state machine, free of the DOM: Sync → file list → preflight → which
// files are new (asked of the server) → hotspot step → CONFIGURE → progress (cancellable) → outcome,
// with reconnects and status polling.
import type { DeviceLink } from '../device/device-link';
import type { DeviceFile, DeviceStatus } from '../device/device-types';
import { toBleError } from '../device/errors';
import { fileKey, type Settings, type SettingsStore } from '../settings';
import { adviceFor, BLE_CODES, extraDetail } from './advice';
import { preflight, type PreflightServer } from './preflight';
import { ERROR_BAD_CONFIG, ERROR_CANCELLED } from '../protocol';

export interface SyncServer extends PreflightServer {
  /** The files of this list the server already holds. */
  known(files: { name: string; size: number }[]): Promise<{ name?: string; size?: number }[]>;
}

/** What the retry button does: start over, send the settings again, or follow a run already going. */
export type RetryAction = 'sync' | 'start' | 'follow';

export type SyncView =
  | { phase: 'idle' }
  | { phase: 'connecting' }
  | { phase: 'checking' }
  | { phase: 'nothing-new'; total: number }
  | { phase: 'new-data'; files: string[]; ssid: string }
  | { phase: 'syncing'; progress: number; file?: string; index: number; count: number; reconnecting: boolean; state: string; cancelling: boolean }
  | { phase: 'done'; laps: number; files: number }
  | { phase: 'cancelled'; files: number; laps: number }
  | { phase: 'error'; code: string; advice: string; detail?: string; retry: RetryAction | null };

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
const RUNNING = ['WIFI_CONNECTING', 'SYNCING'];
const FINAL_BLE_KINDS = ['unsupported', 'insecure', 'no-adapter'];

export class SyncMachine {
  private view: SyncView = { phase: 'idle' };
  private listeners: ((v: SyncView) => void)[] = [];
  private pending: DeviceFile[] = []; // new files of this run
  private run = -1;
  private busyRun = -1; // a run another phone started, which "follow" attaches to
  private cancelRequested = false;
  private stopPolling?: () => void;
  private finished = true;

  constructor(
    private readonly link: DeviceLink,
    private readonly settings: SettingsStore,
    private readonly serverOrigin: () => string,
    private readonly server: SyncServer,
    private readonly timers: Timers = browserTimers,
    private readonly onSynced: () => void = () => undefined,
  ) {
    link.onStatus((s) => this.handleStatus(s));
    link.onDisconnect(() => void this.handleDisconnect());
  }

  get current(): SyncView { return this.view; }
  subscribe(l: (v: SyncView) => void) { this.listeners.push(l); l(this.view); }

  /** The Sync button; everything=true offers every file on the logger again ("sync everything again"). */
  async sync(everything = false): Promise<void> {
    try {
      this.set({ phase: 'connecting' });
      await this.link.connect();
      this.set({ phase: 'checking' });
      const files = await this.link.readFileList();
      const s = this.settings.load();
      const problem = await preflight(this.server, this.backendUrl(s), s.token, { lan: s.allowLanUrl, loopback: this.link.onThisMachine === true });
      if (problem) return this.set({ phase: 'error', code: problem.code, advice: problem.advice, retry: 'sync' });
      const ready = files.filter((f) => !f.busy);
      if (everything) this.settings.forgetProcessed();
      this.pending = everything ? ready : await this.newFiles(ready);
      if (this.pending.length === 0) return this.set({ phase: 'nothing-new', total: files.length });
      this.set({ phase: 'new-data', files: this.pending.map((f) => f.name), ssid: s.ssid });
    } catch (e) {
      this.failLink(e, 'sync');
    }
  }

  /** "I've turned it on - START SYNC", and the retry button after a failed run. */
  async start(): Promise<void> {
    const s = this.settings.load();
    try {
      if (this.pending.length === 0) this.pending = await this.newFiles((await this.freshList()).filter((f) => !f.busy));
      await this.link.writeConfigure({ ssid: s.ssid, pass: s.password, url: this.backendUrl(s), token: s.token, after: s.after });
    } catch (e) {
      return this.configureRefused(e);
    }
    try {
      // The logger switches to the new run before it acknowledges the write: this read names it.
      await this.attach(await this.link.readStatus(), this.pending.length);
    } catch (e) {
      this.failLink(e, 'start');
    }
  }

  /** Follows a run already going on the logger (another phone started it). */
  async follow(): Promise<void> {
    try {
      await this.link.connect();
      const status = await this.link.readStatus();
      this.pending = [];
      if (status.run !== this.busyRun && !RUNNING.includes(status.state)) return this.showOutcome(status);
      await this.attach(status, status.fileCount);
    } catch (e) {
      this.failLink(e, 'follow');
    }
  }

  /** Cancel during a run: CONFIGURE {"cmd":"cancel"}; the logger answers with ERROR/CANCELLED. */
  async cancel(): Promise<void> {
    if (this.view.phase !== 'syncing' || this.cancelRequested) return;
    this.cancelRequested = true;
    this.set({ ...this.view, cancelling: true });
    await this.link.cancelRun().catch(() => undefined); // a lost link: sent again after the reconnect
  }

  dismiss() {
    if (this.view.phase !== 'syncing') this.set({ phase: 'idle' });
  }

  private async attach(first: DeviceStatus, count: number) {
    this.run = first.run;
    this.finished = false;
    this.cancelRequested = false;
    this.set({ phase: 'syncing', progress: 0, index: 0, count, reconnecting: false, state: first.state, cancelling: false });
    this.startPolling();
    this.handleStatus(first);
  }

  private backendUrl(s: Settings) {
    return (s.serverUrl || this.serverOrigin()).replace(/\/+$/, '');
  }

  private async freshList(): Promise<DeviceFile[]> {
    await this.link.connect();
    return this.link.readFileList();
  }

  /** Files the server does not hold yet; the local cache answers when the server cannot. */
  private async newFiles(ready: DeviceFile[]): Promise<DeviceFile[]> {
    try {
      const known = new Set((await this.server.known(ready.map(({ name, size }) => ({ name, size }))))
        .map((k) => fileKey({ name: k.name ?? '', size: k.size ?? -1 })));
      this.settings.markProcessed(known);
      return ready.filter((f) => !known.has(fileKey(f)));
    } catch {
      const cached = this.settings.processedFiles();
      return ready.filter((f) => !cached.has(fileKey(f)));
    }
  }

  /** The write was refused: the logger's status tells a run in progress (ATT busy) from bad settings. */
  private async configureRefused(e: unknown) {
    const err = toBleError(e);
    if (err.kind === 'att' || err.kind === 'busy') {
      const status = await this.link.readStatus().catch(() => null);
      if (status && RUNNING.includes(status.state)) {
        this.busyRun = status.run;
        return this.fail('LOGGER_BUSY', undefined, 'follow');
      }
      if (status?.state === 'ERROR' && status.code === ERROR_BAD_CONFIG) return this.fail(ERROR_BAD_CONFIG, status.message, 'start');
    }
    this.failLink(e, 'start');
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
    const prev = this.view.phase === 'syncing' ? this.view : undefined;
    this.set({
      phase: 'syncing',
      progress: s.progress,
      file: s.file,
      index: s.fileIndex,
      count: s.fileCount || this.pending.length,
      reconnecting: prev?.reconnecting ?? false,
      state: s.state,
      cancelling: this.cancelRequested,
    });
  }

  private async finish(s: DeviceStatus) {
    this.finished = true;
    this.stopPolling?.();
    await this.recordConfirmedFiles(s);
    this.showOutcome(s);
    if (s.filesDone > 0) this.onSynced();
  }

  private showOutcome(s: DeviceStatus) {
    if (s.state === 'DONE') return this.set({ phase: 'done', laps: s.laps, files: s.filesDone });
    if (s.code === ERROR_CANCELLED) return this.set({ phase: 'cancelled', files: s.filesDone, laps: s.laps });
    const code = s.code ?? 'ERROR';
    this.set({ phase: 'error', code, advice: adviceFor(s, this.settings.load().ssid), detail: extraDetail(code, s.message), retry: 'start' });
  }

  /** Files of this run no longer on the card were confirmed by the server (then archived/deleted). */
  private async recordConfirmedFiles(s: DeviceStatus) {
    if (s.filesDone === 0 || this.pending.length === 0) return;
    // The logger uploads every ready file; when all of this run's were confirmed and nothing else
    // changed on the card since the list was read, the list need not be read again.
    const unchanged = s.listGen !== undefined && s.listGen === this.link.listGen;
    if (s.state === 'DONE' && unchanged && s.filesDone === this.pending.length) {
      this.settings.markProcessed(this.pending.map(fileKey));
      this.pending = [];
      return;
    }
    try {
      const still = new Set((await this.link.readFileList()).map((f) => f.name));
      this.settings.markProcessed(this.pending.filter((f) => !still.has(f.name)).map(fileKey));
      this.pending = this.pending.filter((f) => still.has(f.name));
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
        if (this.cancelRequested) await this.link.cancelRun();
        this.handleStatus(await this.link.readStatus());
        return;
      } catch {
        await this.timers.delay(1000 * (attempt + 1));
      }
    }
    if (!this.finished) this.failLink(new Error('disconnected'), 'start', 'BLE_LOST');
  }

  private failLink(e: unknown, retry: RetryAction, code?: string) {
    const err = toBleError(e);
    if (err.kind === 'cancelled' && err.pairing) return this.abandon(); // the racer closed the code dialog
    const c = code ?? (err.kind === 'pairing' && err.reason === 'locked' ? 'PAIRING_LOCKED' : BLE_CODES[err.kind]);
    const detail = err.kind === 'protocol' || err.kind === 'pairing' ? err.message : undefined;
    this.fail(c, detail, FINAL_BLE_KINDS.includes(err.kind) ? null : retry);
  }

  private abandon() {
    this.finished = true;
    this.stopPolling?.();
    this.set({ phase: 'idle' });
  }

  private fail(code: string, detail: string | undefined, retry: RetryAction | null) {
    this.finished = true;
    this.stopPolling?.();
    this.set({ phase: 'error', code, advice: adviceFor({ code }, this.settings.load().ssid), detail, retry });
  }

  private set(v: SyncView) {
    this.view = v;
    this.listeners.forEach((l) => l(v));
  }
}

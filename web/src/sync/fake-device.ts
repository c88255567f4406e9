// A fake RS-Core behind the DeviceLink interface, for the state machine's tests.
import type { DeviceLink, LinkState } from '../device/device-link';
import type { ConfigurePayload, DeviceFile, DeviceStatus } from '../device/device-types';
import { BleFailure } from '../device/errors';

export function status(partial: Partial<DeviceStatus>): DeviceStatus {
  return { state: 'IDLE', run: 0, seq: 0, progress: 0, fileIndex: 0, fileCount: 0, filesDone: 0, laps: 0, ...partial };
}

export class FakeDevice implements DeviceLink {
  files: DeviceFile[] = [];
  current: DeviceStatus = status({});
  configures: ConfigurePayload[] = [];
  cancels = 0;
  connects = 0;
  reconnects = 0;
  failReconnects = 0;
  connected = false;
  /** The card's list generation (the logger bumps it when a file is created or finished). */
  gen = 1;
  listGen?: number;
  listReads = 0;
  deviceName = 'RS-Core-1A2B';
  private statusL: ((s: DeviceStatus) => void)[] = [];
  private discL: (() => void)[] = [];

  addFiles(...names: string[]) {
    for (const name of names) this.files.push({ name, size: 1000, busy: false });
  }
  get running() { return this.current.state === 'WIFI_CONNECTING' || this.current.state === 'SYNCING'; }
  async connect() { this.connects++; this.connected = true; }
  async reconnect() {
    this.reconnects++;
    if (this.failReconnects-- > 0) throw new Error('GATT Server is disconnected.');
    this.connected = true;
  }
  async readFileList() {
    this.requireLink();
    this.listReads++;
    this.listGen = this.gen;
    return this.files.map((f) => ({ ...f }));
  }
  async readStatus() { this.requireLink(); return { ...this.current }; }
  async writeConfigure(c: ConfigurePayload) {
    this.requireLink();
    // As the firmware: busy (ATT 0x80) while a run goes on; Chromium reports any ATT error this way.
    if (this.running) throw new BleFailure({ kind: 'att', code: 0, message: 'GATT operation failed for unknown reason.' });
    this.configures.push(c);
    this.current = status({ state: 'WIFI_CONNECTING', run: this.current.run + 1, seq: this.current.seq + 1 });
  }
  async cancelRun() {
    this.requireLink();
    this.cancels++;
  }
  onStatus(l: (s: DeviceStatus) => void) { this.statusL.push(l); }
  onDisconnect(l: () => void) { this.discL.push(l); }
  onLinkState(_l: (s: LinkState) => void) {}

  /** The logger changes its status; notified when asked (notifications can be lost). */
  advance(partial: Partial<DeviceStatus>, notify = true) {
    this.current = { ...this.current, listGen: this.gen, ...partial, seq: this.current.seq + 1 };
    if (notify && this.connected) this.statusL.forEach((l) => l({ ...this.current }));
  }
  /** Finishes the run: confirmed files leave the card. */
  finish(confirmed: string[], laps: number) {
    this.files = this.files.filter((f) => !confirmed.includes(f.name));
    this.advance({ state: 'DONE', progress: 100, filesDone: confirmed.length, laps });
  }
  drop() {
    this.connected = false;
    this.discL.forEach((l) => l());
  }
  private requireLink() {
    if (!this.connected) throw new Error('GATT Server is disconnected. Cannot perform GATT operations.');
  }
}

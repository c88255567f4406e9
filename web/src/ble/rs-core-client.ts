// Web Bluetooth client of the RS-Core sync service: every GATT call goes through one queue.
import {
  ATT_INSUFFICIENT_AUTHENTICATION, CONFIGURE_UUID, FILE_LIST_UUID, PAIR_UUID, SEAL_MAX_PLAINTEXT_LEN, SERVICE_UUID, STATUS_UUID,
} from '../protocol';
import type { DeviceLink, LinkState } from '../device/device-link';
import { parseFileListPage, parseStatus, type ConfigurePayload, type DeviceFile, type DeviceStatus } from '../device/device-types';
import { BleFailure, toBleError, toConnectError, type BleError } from '../device/errors';
import { GattQueue } from './gatt-queue';
import type { Pairing, PairTransport } from './pairing';
import { SealedChannel, shortId } from './sealed-channel';

const decoder = new TextDecoder();
const encoder = new TextEncoder();
const MAX_PAGES = 1000;

interface Characteristics {
  status: BluetoothRemoteGATTCharacteristic;
  configure: BluetoothRemoteGATTCharacteristic;
  fileList: BluetoothRemoteGATTCharacteristic;
  pair: BluetoothRemoteGATTCharacteristic;
}

/** How a connection gets its session: the Pairing flow in the app, a stub in tests. */
export type Pairer = Pick<Pairing, 'pair'>;

export function webBluetoothAvailable(nav: Navigator = navigator): boolean {
  return typeof nav !== 'undefined' && !!nav.bluetooth && typeof nav.bluetooth.requestDevice === 'function';
}

/** Why this page cannot use Bluetooth at all, or null: insecure page or a browser without it. */
export function bluetoothUnavailable(nav: Navigator = navigator, secure = globalThis.isSecureContext): BleError | null {
  if (webBluetoothAvailable(nav)) return null;
  if (secure === false) return { kind: 'insecure', message: 'Web Bluetooth needs a secure page (https or localhost).' };
  return { kind: 'unsupported', message: 'This browser has no Web Bluetooth.' };
}

export class RsCoreClient implements DeviceLink {
  private readonly queue = new GattQueue();
  private device?: BluetoothDevice;
  listGen?: number;
  private chars?: Characteristics;
  private channel?: SealedChannel;

  constructor(private readonly pairing?: Pairer) {}
  private statusListeners: ((s: DeviceStatus) => void)[] = [];
  private disconnectListeners: (() => void)[] = [];
  private stateListeners: ((s: LinkState) => void)[] = [];

  onStatus(l: (s: DeviceStatus) => void) { this.statusListeners.push(l); }
  onDisconnect(l: () => void) { this.disconnectListeners.push(l); }
  onLinkState(l: (s: LinkState) => void) { this.stateListeners.push(l); }

  async connect(): Promise<void> {
    const unavailable = bluetoothUnavailable();
    if (unavailable) throw new BleFailure(unavailable);
    if (this.chars && this.device?.gatt?.connected) return;
    if (!this.device) {
      this.setState('scanning');
      try {
        this.device = await navigator.bluetooth.requestDevice({ filters: [{ services: [SERVICE_UUID] }] });
      } catch (e) {
        this.setState('disconnected');
        throw new BleFailure(await this.chooserFailure(e));
      }
      this.device.addEventListener('gattserverdisconnected', () => this.handleDisconnect());
    }
    await this.reconnect();
  }

  async reconnect(): Promise<void> {
    if (!this.device?.gatt) throw new BleFailure({ kind: 'disconnected', message: 'No RS-Core chosen yet.' });
    this.setState('scanning');
    try {
      const server = await this.device.gatt.connect();
      const service = await server.getPrimaryService(SERVICE_UUID);
      const [status, configure, fileList, pair] = await Promise.all([
        service.getCharacteristic(STATUS_UUID),
        service.getCharacteristic(CONFIGURE_UUID),
        service.getCharacteristic(FILE_LIST_UUID),
        service.getCharacteristic(PAIR_UUID),
      ]);
      this.chars = { status, configure, fileList, pair };
      status.addEventListener('characteristicvaluechanged', () => this.handleNotification(status));
      await this.queue.run(() => status.startNotifications()).catch(() => undefined); // polling covers it
      await this.openSession();
      this.setState('linked');
    } catch (e) {
      this.chars = undefined;
      this.channel = undefined;
      this.setState('disconnected');
      throw new BleFailure(toConnectError(e));
    }
  }

  /** Every connection pairs anew (the session ends with it); the code is remembered, so no question. */
  private async openSession() {
    this.channel = undefined;
    if (!this.pairing) throw new BleFailure({ kind: 'protocol', message: 'No pairing configured.' });
    const transport: PairTransport = {
      read: () => this.read((c) => c.pair),
      write: (text) => this.write((c) => c.pair, encoder.encode(text)),
    };
    this.channel = await this.pairing.pair(transport);
  }

  /** The chooser failed: Chromium says "adapter not available" both with no adapter and, on some
   *  systems, with the radio off; getAvailability() (is there an adapter at all?) tells them apart. */
  private async chooserFailure(e: unknown): Promise<BleError> {
    const err = toBleError(e);
    if (err.kind !== 'no-adapter') return err;
    const present = await navigator.bluetooth.getAvailability().catch(() => false);
    return present ? { kind: 'bluetooth-off', message: err.message } : err;
  }

  async readStatus(): Promise<DeviceStatus> {
    const text = await this.read((c) => c.status);
    const status = parseStatus(text);
    if (!status) throw new BleFailure({ kind: 'protocol', message: 'The logger sent an unreadable status.' });
    return status;
  }

  get deviceName(): string | undefined { return this.device?.name ?? undefined; }
  get onThisMachine(): boolean { return (this.device as { onThisMachine?: boolean } | undefined)?.onThisMachine === true; }

  /** One offset write, then reads: each read continues after the previous page (§1.3). */
  async readFileList(): Promise<DeviceFile[]> {
    const files: DeviceFile[] = [];
    let select = true;
    for (let page = 0; page < MAX_PAGES; page++) {
      if (select) await this.writeSealed((c) => c.fileList, FILE_LIST_UUID, JSON.stringify({ offset: files.length }));
      const parsed = parseFileListPage(await this.readSealed((c) => c.fileList, FILE_LIST_UUID));
      if (!parsed) throw new BleFailure({ kind: 'protocol', message: 'The logger sent an unreadable file list.' });
      select = parsed.offset !== files.length; // a page from elsewhere (another reader): select again
      if (select) continue;
      files.push(...parsed.files);
      this.listGen = parsed.gen;
      if (parsed.files.length === 0 || files.length >= parsed.total) return files;
    }
    return files;
  }

  async writeConfigure(config: ConfigurePayload): Promise<void> {
    const text = JSON.stringify(config);
    if (encoder.encode(text).length > SEAL_MAX_PLAINTEXT_LEN)
      throw new BleFailure({ kind: 'protocol', message: `Settings too long to send (${SEAL_MAX_PLAINTEXT_LEN} bytes at most).` });
    await this.writeSealed((c) => c.configure, CONFIGURE_UUID, text);
  }

  /**
   * A sealed write. When the logger refuses it with "insufficient authentication" (it restarted and
   * lost the session), pairs again once and resends. Browsers that hide the ATT code get the same
   * retry on any refusal: a refused value changed nothing, so sending it again is safe.
   */
  private async writeSealed(pick: (c: Characteristics) => BluetoothRemoteGATTCharacteristic, uuid: string, text: string) {
    for (let attempt = 0; ; attempt++) {
      if (!this.channel) await this.openSession();
      const sealed = await this.channel!.seal(shortId(uuid), encoder.encode(text));
      try {
        return await this.write(pick, sealed);
      } catch (e) {
        const err = toBleError(e);
        const mayBeLostSession = err.kind === 'att' && (err.code === ATT_INSUFFICIENT_AUTHENTICATION || err.code === 0);
        if (attempt > 0 || !mayBeLostSession) throw e;
        this.channel = undefined;
      }
    }
  }

  private async readSealed(pick: (c: Characteristics) => BluetoothRemoteGATTCharacteristic, uuid: string): Promise<string> {
    if (!this.channel) throw new BleFailure({ kind: 'disconnected', message: 'No session with the logger.' });
    const c = pick(this.requireChars());
    let value: DataView;
    try {
      value = await this.queue.run(() => c.readValue());
    } catch (e) {
      throw this.failed(e);
    }
    try {
      const bytes = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
      return decoder.decode(await this.channel.open(shortId(uuid), bytes));
    } catch (e) {
      throw new BleFailure({ kind: 'protocol', message: (e as Error).message });
    }
  }

  /** Cancels the running sync (a sealed {"cmd":"cancel"} on CONFIGURE), linking again first if needed. */
  async cancelRun(): Promise<void> {
    if (!this.device?.gatt?.connected) await this.reconnect();
    await this.writeSealed((c) => c.configure, CONFIGURE_UUID, JSON.stringify({ cmd: 'cancel' }));
  }

  private requireChars(): Characteristics {
    if (!this.chars || !this.device?.gatt?.connected) {
      if (this.chars) this.handleDisconnect(); // the link went without an event: the pill must say so
      throw new BleFailure({ kind: 'disconnected', message: 'The logger is not connected.' });
    }
    return this.chars;
  }

  /** An operation failed; when the link is gone with it, the pill and the listeners learn it now. */
  private failed(e: unknown): BleFailure {
    if (this.chars && !this.device?.gatt?.connected) this.handleDisconnect();
    return new BleFailure(toBleError(e));
  }

  private async read(pick: (c: Characteristics) => BluetoothRemoteGATTCharacteristic): Promise<string> {
    const c = pick(this.requireChars());
    try {
      const value = await this.queue.run(() => c.readValue());
      return decoder.decode(value);
    } catch (e) {
      throw this.failed(e);
    }
  }

  private async write(pick: (c: Characteristics) => BluetoothRemoteGATTCharacteristic, bytes: Uint8Array) {
    const c = pick(this.requireChars());
    try {
      await this.queue.run(() => c.writeValueWithResponse(bytes));
    } catch (e) {
      throw this.failed(e);
    }
  }

  private handleNotification(c: BluetoothRemoteGATTCharacteristic) {
    const text = c.value ? decoder.decode(c.value) : '';
    const full = parseStatus(text);
    if (full) return this.statusListeners.forEach((l) => l(full));
    // A change marker, or a value cut to the MTU: fetch the whole status.
    this.readStatus().then((s) => this.statusListeners.forEach((l) => l(s)), () => undefined);
  }

  private handleDisconnect() {
    this.chars = undefined;
    this.channel = undefined;
    this.setState('disconnected');
    this.disconnectListeners.forEach((l) => l());
  }

  private setState(state: LinkState) {
    this.stateListeners.forEach((l) => l(state));
  }
}

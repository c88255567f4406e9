// Web Bluetooth client of the RS-Core sync service: every GATT call goes through one queue.
import { CONFIGURE_UUID, FILE_LIST_UUID, MAX_VALUE_LEN, SERVICE_UUID, STATUS_UUID } from '../protocol';
import type { DeviceLink, LinkState } from '../device/device-link';
import { parseFileListPage, parseStatus, type ConfigurePayload, type DeviceFile, type DeviceStatus } from '../device/device-types';
import { BleFailure, toBleError, toConnectError, type BleError } from '../device/errors';
import { GattQueue } from './gatt-queue';

const decoder = new TextDecoder();
const encoder = new TextEncoder();
const MAX_PAGES = 1000;

interface Characteristics {
  status: BluetoothRemoteGATTCharacteristic;
  configure: BluetoothRemoteGATTCharacteristic;
  fileList: BluetoothRemoteGATTCharacteristic;
}

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
  private chars?: Characteristics;
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
      const [status, configure, fileList] = await Promise.all([
        service.getCharacteristic(STATUS_UUID),
        service.getCharacteristic(CONFIGURE_UUID),
        service.getCharacteristic(FILE_LIST_UUID),
      ]);
      this.chars = { status, configure, fileList };
      status.addEventListener('characteristicvaluechanged', () => this.handleNotification(status));
      await this.queue.run(() => status.startNotifications()).catch(() => undefined); // polling covers it
      this.setState('linked');
    } catch (e) {
      this.chars = undefined;
      this.setState('disconnected');
      throw new BleFailure(toConnectError(e));
    }
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

  async readFileList(): Promise<DeviceFile[]> {
    const files: DeviceFile[] = [];
    for (let page = 0; page < MAX_PAGES; page++) {
      await this.write((c) => c.fileList, JSON.stringify({ offset: files.length }));
      const parsed = parseFileListPage(await this.read((c) => c.fileList));
      if (!parsed) throw new BleFailure({ kind: 'protocol', message: 'The logger sent an unreadable file list.' });
      files.push(...parsed.files);
      if (parsed.files.length === 0 || files.length >= parsed.total) return files;
    }
    return files;
  }

  async writeConfigure(config: ConfigurePayload): Promise<void> {
    const text = JSON.stringify(config);
    if (encoder.encode(text).length > MAX_VALUE_LEN)
      throw new BleFailure({ kind: 'protocol', message: 'Settings too long to send (512 bytes at most).' });
    await this.write((c) => c.configure, text);
  }

  async cancelRun(): Promise<void> {
    if (!this.device?.gatt?.connected) await this.reconnect();
    await this.write((c) => c.configure, JSON.stringify({ cmd: 'cancel' }));
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

  private async write(pick: (c: Characteristics) => BluetoothRemoteGATTCharacteristic, text: string) {
    const c = pick(this.requireChars());
    try {
      await this.queue.run(() => c.writeValueWithResponse(encoder.encode(text)));
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
    this.setState('disconnected');
    this.disconnectListeners.forEach((l) => l());
  }

  private setState(state: LinkState) {
    this.stateListeners.forEach((l) => l(state));
  }
}

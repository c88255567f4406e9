// A Web Bluetooth look-alike whose one device is the demo logger: each GATT operation on a
// characteristic (read, write, notify, by UUID) goes over the demo link to rs-core-sim, the real
// firmware core. Whatever the app layers on the characteristics runs unchanged.
import { SERVICE_UUID } from '../protocol';
import type { DemoLink, LinkAnswer } from './demo-link';

const DEFAULT_MTU = 185;

/** The link names a characteristic by the last four hex digits of its UUID (docs/protocol.md §5). */
export function linkCharName(uuid: string): string {
  return uuid.replace(/-/g, '').slice(-4).toLowerCase();
}

function toBase64(bytes: Uint8Array): string {
  let s = '';
  bytes.forEach((b) => (s += String.fromCharCode(b)));
  return btoa(s);
}

function fromBase64(text: string): DataView {
  const raw = atob(text);
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return new DataView(bytes.buffer);
}

function bytesOf(value: BufferSource): Uint8Array {
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
}

function gattError(a: LinkAnswer): DOMException {
  if (a.att_error !== undefined)
    return new DOMException(`GATT operation failed (ATT error 0x${a.att_error.toString(16).padStart(2, '0')}).`, 'NotSupportedError');
  return new DOMException(a.error ?? 'GATT operation failed.', 'NetworkError');
}

class DemoCharacteristic extends EventTarget {
  value?: DataView;
  private readonly char: string;

  constructor(readonly service: DemoService, readonly uuid: string, private readonly link: DemoLink) {
    super();
    this.char = linkCharName(uuid);
    link.onNotify((n) => {
      if (n.char === this.char && this.service.device.gatt.connected) this.changed(fromBase64(n.data));
    });
  }

  async readValue(): Promise<DataView> {
    const a = await this.op({ op: 'read', char: this.char });
    const value = fromBase64(a.data ?? '');
    this.changed(value); // as in browsers, a read also fires characteristicvaluechanged
    return value;
  }
  async writeValueWithResponse(value: BufferSource): Promise<void> {
    await this.op({ op: 'write', char: this.char, data: toBase64(bytesOf(value)) });
  }
  writeValue(value: BufferSource) { return this.writeValueWithResponse(value); }
  writeValueWithoutResponse(value: BufferSource) { return this.writeValueWithResponse(value); }
  async startNotifications() {
    await this.op({ op: 'subscribe', char: this.char });
    return this;
  }
  async stopNotifications() {
    await this.op({ op: 'unsubscribe', char: this.char });
    return this;
  }

  private async op(request: Record<string, unknown>): Promise<LinkAnswer> {
    if (!this.service.device.gatt.connected) throw new DOMException('GATT Server is disconnected.', 'NetworkError');
    const a = await this.link.request(request);
    if (!a.ok) throw gattError(a);
    return a;
  }

  private changed(value: DataView) {
    this.value = value;
    this.dispatchEvent(new Event('characteristicvaluechanged'));
  }
}

class DemoService {
  readonly isPrimary = true;
  private readonly chars = new Map<string, DemoCharacteristic>();
  constructor(readonly device: DemoDevice, readonly uuid: string, private readonly link: DemoLink) {}

  async getCharacteristic(uuid: string): Promise<DemoCharacteristic> {
    const key = uuid.toLowerCase();
    let c = this.chars.get(key);
    if (!c) this.chars.set(key, (c = new DemoCharacteristic(this, key, this.link)));
    return c;
  }
}

class DemoGattServer {
  connected = false;
  private service?: DemoService;
  constructor(readonly device: DemoDevice, private readonly link: DemoLink) {
    link.onClose(() => this.lost());
  }

  async connect(): Promise<DemoGattServer> {
    const a = await this.link.request({ op: 'connect', mtu: DEFAULT_MTU });
    if (!a.ok) throw gattError(a);
    this.connected = true;
    return this;
  }
  disconnect() {
    if (!this.connected) return;
    void this.link.request({ op: 'disconnect' }).catch(() => undefined);
    this.lost();
  }
  async getPrimaryService(uuid: string): Promise<DemoService> {
    if (!this.connected) throw new DOMException('GATT Server is disconnected.', 'NetworkError');
    if (uuid.toLowerCase() !== SERVICE_UUID) throw new DOMException(`No service ${uuid} on the demo logger.`, 'NotFoundError');
    this.service ??= new DemoService(this.device, SERVICE_UUID, this.link);
    return this.service;
  }

  private lost() {
    if (!this.connected) return;
    this.connected = false;
    this.device.dispatchEvent(new Event('gattserverdisconnected'));
  }
}

class DemoDevice extends EventTarget {
  readonly id = 'demo-logger';
  readonly name = 'RS-Core (demo)';
  readonly onThisMachine = true; // rs-core-sim beside the server: localhost reaches it
  readonly gatt: DemoGattServer;
  constructor(link: DemoLink) {
    super();
    this.gatt = new DemoGattServer(this, link);
  }
}

/** navigator.bluetooth for the demo: requestDevice() offers the demo logger, no chooser. */
export class DemoBluetooth extends EventTarget {
  private device?: DemoDevice;
  constructor(private readonly link: DemoLink) { super(); }

  async getAvailability() { return true; }
  async requestDevice(): Promise<BluetoothDevice> {
    this.device ??= new DemoDevice(this.link);
    return this.device as unknown as BluetoothDevice;
  }
}

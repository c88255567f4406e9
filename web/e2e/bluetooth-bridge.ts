// Emulates the radio in Chromium (DevTools BluetoothEmulation) and forwards every GATT operation
// the page makes to rs-core-sim, so the page talks to the real firmware core.
import type { Browser, CDPSession, Page } from 'playwright-core';
import { CONFIGURE_UUID, FILE_LIST_UUID, PAIR_UUID, SERVICE_UUID, STATUS_UUID } from '../src/protocol';
import { Pairing, type PairTransport } from '../src/ble/pairing';
import { shortId } from '../src/ble/sealed-channel';
import { SimLink } from './sim-link';

const ADDRESS = '09:09:09:09:09:09';
const CCCD = '00002902-0000-1000-8000-00805f9b34fb';

export class BluetoothBridge {
  private cdp!: CDPSession;
  private chars = new Map<string, string>(); // characteristicId → "5002"
  private serviceId = '';
  readonly link = new SimLink();
  mtu = 23;
  private held?: Promise<void>;
  /** What the racer does in the chooser: pick the logger, or close it. */
  chooser: 'select' | 'cancel' = 'select';
  /** Answer to the connection request: 0 connects; 0x3e (connection failed) is a logger out of range. */
  connectCode = 0;

  static async attach(browser: Browser, page: Page, simPort: number, adapter: 'powered-on' | 'absent' = 'powered-on'): Promise<BluetoothBridge> {
    const bridge = new BluetoothBridge();
    await bridge.link.open(simPort);
    await bridge.emulatePeripheral(browser, adapter);
    await bridge.answerChooser(page);
    return bridge;
  }

  /** Drops the BLE link, as when the racer walks away from the logger. */
  async dropLink() {
    await this.link.request({ op: 'disconnect' });
    await this.cdp.send('BluetoothEmulation.simulateGATTDisconnection', { address: ADDRESS });
    // The emulated peripheral forgets its attribute table with the link (removing it again
    // fails); the logger keeps its GATT service, so it is declared anew.
    await this.cdp.send('BluetoothEmulation.removeService', { serviceId: this.serviceId }).catch(() => undefined);
    this.chars.clear();
    await this.addAttributes();
  }

  /** Another phone of the team, which knows the pairing code, pairs and writes a sealed CONFIGURE
   *  straight to the logger (outside this browser). */
  async configureFromAnotherPhone(config: Record<string, string>, code: string) {
    const pair = PAIR_UUID.slice(-4);
    const transport: PairTransport = {
      read: async () => Buffer.from((await this.link.request({ op: 'read', char: pair })).data ?? '', 'base64').toString(),
      write: async (text) => void (await this.link.request({ op: 'write', char: pair, data: Buffer.from(text).toString('base64') })),
    };
    const codes = { get: () => code, remember: () => undefined, forget: () => undefined };
    const prompt = { ask: async () => null, close: () => undefined };
    const channel = await new Pairing(codes, prompt).pair(transport);
    const sealed = await channel.seal(shortId(CONFIGURE_UUID), new TextEncoder().encode(JSON.stringify(config)));
    return this.link.request({ op: 'write', char: CONFIGURE_UUID.slice(-4), data: Buffer.from(sealed).toString('base64') });
  }

  close() { this.link.close(); }

  /** Keeps the page's next connections waiting (another central has the logger) until released. */
  holdConnections(): () => void {
    let release = () => undefined as void;
    this.held = new Promise((r) => (release = r));
    return () => {
      this.held = undefined;
      release();
    };
  }

  private async emulatePeripheral(browser: Browser, adapter: 'powered-on' | 'absent') {
    this.cdp = await browser.newBrowserCDPSession();
    await this.cdp.send('BluetoothEmulation.enable', { state: adapter, leSupported: true });
    if (adapter === 'absent') return;
    // The name the firmware advertises (RS-Core-XXXX from its Bluetooth address).
    const ad = (await this.link.request({ op: 'advertisement' })) as { name?: string };
    await this.cdp.send('BluetoothEmulation.simulatePreconnectedPeripheral', {
      address: ADDRESS, name: ad.name ?? 'RS-Core', manufacturerData: [], knownServiceUuids: [SERVICE_UUID],
    });
    await this.addAttributes();
    this.cdp.on('BluetoothEmulation.gattOperationReceived', (e) => void this.onGatt(e.type));
    this.cdp.on('BluetoothEmulation.characteristicOperationReceived', (e) => void this.onCharacteristic(e));
    this.cdp.on('BluetoothEmulation.descriptorOperationReceived', (e) => {
      void this.cdp.send('BluetoothEmulation.simulateDescriptorOperationResponse', {
        descriptorId: e.descriptorId, type: e.type, code: 0, ...(e.type === 'read' ? { data: Buffer.from([0, 0]).toString('base64') } : {}),
      });
    });
  }

  private async addAttributes() {
    const { serviceId } = await this.cdp.send('BluetoothEmulation.addService', { address: ADDRESS, serviceUuid: SERVICE_UUID });
    this.serviceId = serviceId;
    const add = async (uuid: string, properties: Record<string, boolean>) => {
      const { characteristicId } = await this.cdp.send('BluetoothEmulation.addCharacteristic', { serviceId, characteristicUuid: uuid, properties });
      this.chars.set(characteristicId, uuid.slice(-4));
      return characteristicId;
    };
    const status = await add(STATUS_UUID, { read: true, notify: true });
    await this.cdp.send('BluetoothEmulation.addDescriptor', { characteristicId: status, descriptorUuid: CCCD });
    await add(CONFIGURE_UUID, { write: true });
    await add(FILE_LIST_UUID, { read: true, write: true });
    await add(PAIR_UUID, { read: true, write: true });
  }

  /** The logger's PAIR value as anyone in range reads it (its salt names the logger). */
  async pairingHello(): Promise<{ salt: string; failures: number }> {
    const a = await this.link.request({ op: 'read', char: '5006' });
    return JSON.parse(Buffer.from(a.data ?? '', 'base64').toString());
  }

  private async answerChooser(page: Page) {
    const session = await page.context().newCDPSession(page);
    const answered = new Set<string>();
    session.on('DeviceAccess.deviceRequestPrompted', (e) => {
      const device = e.devices[0];
      if (answered.has(e.id) || (!device && this.chooser === 'select')) return; // answering twice crashes the browser
      answered.add(e.id);
      if (this.chooser === 'cancel') void session.send('DeviceAccess.cancelPrompt', { id: e.id });
      else void session.send('DeviceAccess.selectPrompt', { id: e.id, deviceId: device.id });
    });
    await session.send('DeviceAccess.enable');
  }

  private async onGatt(type: 'connection' | 'discovery') {
    if (process.env.E2E_DEBUG) console.log('gatt', type);
    const code = type === 'connection' ? this.connectCode : 0;
    if (type === 'connection' && code === 0) {
      await this.held;
      await this.link.request({ op: 'connect', mtu: this.mtu });
    }
    await this.cdp.send('BluetoothEmulation.simulateGATTOperationResponse', { address: ADDRESS, type, code });
  }

  private async onCharacteristic(e: { characteristicId: string; type: string; data?: string }) {
    const char = this.chars.get(e.characteristicId);
    if (process.env.E2E_DEBUG) console.log('char', char, e.type);
    const type = e.type as 'read' | 'write' | 'subscribe-to-notifications' | 'unsubscribe-from-notifications';
    let code = 0;
    let data: string | undefined;
    if (type === 'read') {
      const a = await this.link.request({ op: 'read', char });
      code = a.ok ? 0 : a.att_error ?? 0x0e;
      data = a.data;
    } else if (type === 'write') {
      const a = await this.link.request({ op: 'write', char, data: e.data ?? '' });
      code = a.ok ? 0 : a.att_error ?? 0x0e;
    } else {
      await this.link.request({ op: type === 'subscribe-to-notifications' ? 'subscribe' : 'unsubscribe', char });
    }
    await this.cdp.send('BluetoothEmulation.simulateCharacteristicOperationResponse', {
      characteristicId: e.characteristicId, type, code, ...(data !== undefined && code === 0 ? { data } : {}),
    });
  }
}

// RsCoreClient against a fake Web Bluetooth device: paging, notifications (whole, markers and
// values cut to the MTU), one GATT operation at a time.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CONFIGURE_UUID, FILE_LIST_UUID, PAIR_UUID, STATUS_UUID } from '../protocol';
import { RsCoreClient } from './rs-core-client';
import { SealedChannel, shortId } from './sealed-channel';

// The session's key, as if SPAKE2+ had run (pairing itself is tested in pairing.test.ts).
const K_SHARED = new Uint8Array(32).fill(7);
const stubPairing = { pair: async () => SealedChannel.forPhone(K_SHARED) };

const enc = new TextEncoder();
const dec = new TextDecoder();
const view = (s: string) => new DataView(enc.encode(s).buffer);

class FakeCharacteristic extends EventTarget {
  value?: DataView;
  constructor(private readonly device: FakeGattDevice, readonly uuid: string) { super(); }
  async readValue() {
    return this.device.op(async () => {
      const bytes = await this.device.read(this.uuid);
      this.value = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      this.dispatchEvent(new Event('characteristicvaluechanged'));
      return this.value;
    });
  }
  async writeValueWithResponse(data: Uint8Array) {
    return this.device.op(() => this.device.write(this.uuid, data));
  }
  async startNotifications() { return this; }
  notify(text: string) {
    this.value = view(text);
    this.dispatchEvent(new Event('characteristicvaluechanged'));
  }
}

class FakeGattDevice extends EventTarget {
  files = Array.from({ length: 300 }, (_, i) => ({ name: `sess_${String(i).padStart(3, '0')}.csv`, size: i }));
  status = '{"state":"IDLE","run":0,"seq":1,"wifi_status":"off","sync_progress":0,"battery_v":3.9}';
  written: string[] = [];
  inFlight = 0;
  maxInFlight = 0;
  private offset = 0;
  chars = new Map([STATUS_UUID, CONFIGURE_UUID, FILE_LIST_UUID, PAIR_UUID].map((u) => [u, new FakeCharacteristic(this, u)]));
  private session = SealedChannel.forLogger(K_SHARED);
  gatt = {
    connected: false,
    connect: async () => { this.gatt.connected = true; return this.server; },
  };
  server = {
    getPrimaryService: async () => ({ getCharacteristic: async (u: string) => this.chars.get(u) }),
  };

  async op<T>(fn: () => T | Promise<T>): Promise<T> {
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    await new Promise((r) => setTimeout(r, 1));
    try {
      return await fn();
    } finally {
      this.inFlight--;
    }
  }
  async read(uuid: string): Promise<Uint8Array> {
    if (uuid === STATUS_UUID) return enc.encode(this.status);
    // Compact pages as the logger sends them; the next read continues after this page.
    const slice = this.files.slice(this.offset, this.offset + 18).map((f) => (f.name.endsWith('7.csv') ? [f.name, f.size, 1] : [f.name, f.size]));
    const page = { total: this.files.length, offset: this.offset, gen: 4, files: slice };
    this.offset += slice.length;
    return (await this.session).seal(shortId(FILE_LIST_UUID), enc.encode(JSON.stringify(page)));
  }
  async write(uuid: string, data: Uint8Array) {
    const text = dec.decode(await (await this.session).open(shortId(uuid), data)); // throws on a plain value
    this.written.push(text);
    if (uuid === FILE_LIST_UUID) this.offset = JSON.parse(text).offset;
  }
}

function install(device: FakeGattDevice) {
  vi.stubGlobal('navigator', { bluetooth: { requestDevice: vi.fn(async () => device) } });
}

afterEach(() => vi.unstubAllGlobals());

describe('RsCoreClient', () => {
  it('reads all 300 files page by page', async () => {
    const device = new FakeGattDevice();
    install(device);
    const client = new RsCoreClient(stubPairing);
    await client.connect();
    const files = await client.readFileList();
    expect(files).toHaveLength(300);
    expect(files[299].name).toBe('sess_299.csv');
    expect(files[7].busy).toBe(true);
    expect(files[8].busy).toBe(false);
    expect(client.listGen).toBe(4);
    expect(device.written.filter((w) => w.includes('offset'))).toHaveLength(1); // then 17 reads
  });

  it('seals CONFIGURE and cancel, and refuses settings too long to seal', async () => {
    const device = new FakeGattDevice();
    install(device);
    const client = new RsCoreClient(stubPairing);
    await client.connect();
    await client.writeConfigure({ ssid: 'Pit', pass: 'hunter22', url: 'http://laptop', token: 't', after: 'archive' });
    await client.cancelRun();
    expect(device.written.map((w) => JSON.parse(w))).toEqual([
      { ssid: 'Pit', pass: 'hunter22', url: 'http://laptop', token: 't', after: 'archive' }, { cmd: 'cancel' }]);
    const long = { ssid: 'Pit', pass: 'hunter22', url: `http://${'a'.repeat(300)}`, token: 't'.repeat(128), after: 'archive' as const };
    await expect(client.writeConfigure(long)).rejects.toMatchObject({ error: { kind: 'protocol' } });
  });

  it('never runs two GATT operations at once', async () => {
    const device = new FakeGattDevice();
    install(device);
    const client = new RsCoreClient(stubPairing);
    await client.connect();
    await Promise.all([client.readStatus(), client.readFileList(), client.readStatus()]);
    expect(device.maxInFlight).toBe(1);
  });

  it('passes whole notified statuses on, and reads the value after a marker or a cut value', async () => {
    const device = new FakeGattDevice();
    install(device);
    const client = new RsCoreClient(stubPairing);
    const seen: string[] = [];
    client.onStatus((s) => seen.push(`${s.state}:${s.progress}`));
    await client.connect();
    const status = device.chars.get(STATUS_UUID)!;
    status.notify('{"state":"SYNCING","run":1,"seq":5,"progress":45}');
    device.status = '{"state":"SYNCING","run":1,"seq":6,"progress":60,"file":"a.csv"}';
    status.notify('{"seq":6}');
    await vi.waitFor(() => expect(seen).toContain('SYNCING:60'));
    device.status = '{"state":"DONE","run":1,"seq":7,"progress":100,"laps":12}';
    status.notify('{"state":"DONE","run":1,"se'); // cut to MTU-3 bytes
    await vi.waitFor(() => expect(seen).toContain('DONE:100'));
    expect(seen[0]).toBe('SYNCING:45');
  });

  it('reports a browser without Web Bluetooth as unsupported, and an insecure page as such', async () => {
    vi.stubGlobal('navigator', {});
    await expect(new RsCoreClient(stubPairing).connect()).rejects.toMatchObject({ error: { kind: 'unsupported' } });
    vi.stubGlobal('isSecureContext', false);
    await expect(new RsCoreClient(stubPairing).connect()).rejects.toMatchObject({ error: { kind: 'insecure' } });
  });

  it('tells no adapter from Bluetooth switched off, by whether an adapter exists', async () => {
    const refuse = (present: boolean) => vi.stubGlobal('navigator', { bluetooth: {
      requestDevice: vi.fn(async () => { throw Object.assign(new Error('Bluetooth adapter not available.'), { name: 'NotFoundError' }); }),
      getAvailability: vi.fn(async () => present),
    } });
    refuse(false);
    await expect(new RsCoreClient(stubPairing).connect()).rejects.toMatchObject({ error: { kind: 'no-adapter' } });
    refuse(true);
    await expect(new RsCoreClient(stubPairing).connect()).rejects.toMatchObject({ error: { kind: 'bluetooth-off' } });
  });

  it('reports a logger that does not answer the connection as out of range', async () => {
    const device = new FakeGattDevice();
    device.gatt.connect = async () => { throw Object.assign(new Error('Connection Error: Connection attempt failed.'), { name: 'NetworkError' }); };
    install(device);
    await expect(new RsCoreClient(stubPairing).connect()).rejects.toMatchObject({ error: { kind: 'out-of-range' } });
  });

  it('sends {"cmd":"cancel"} on CONFIGURE to cancel a run', async () => {
    const device = new FakeGattDevice();
    install(device);
    const client = new RsCoreClient(stubPairing);
    await client.connect();
    await client.cancelRun();
    expect(device.written.at(-1)).toBe('{"cmd":"cancel"}');
  });

  it('drops the pill to disconnected when an operation finds the link gone', async () => {
    const device = new FakeGattDevice();
    install(device);
    const client = new RsCoreClient(stubPairing);
    const states: string[] = [];
    client.onLinkState((s) => states.push(s));
    await client.connect();
    device.gatt.connected = false; // no gattserverdisconnected event came
    await expect(client.readStatus()).rejects.toMatchObject({ error: { kind: 'disconnected' } });
    expect(states.at(-1)).toBe('disconnected');
  });
});

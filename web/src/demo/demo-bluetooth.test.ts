import { describe, expect, it } from 'vitest';
import { toBleError } from '../device/errors';
import { CONFIGURE_UUID, PAIR_UUID, SERVICE_UUID, STATUS_UUID } from '../protocol';
import { DemoBluetooth, linkCharName } from './demo-bluetooth';
import { DemoLink, type SocketLike } from './demo-link';
import { demoLinkUrl } from './demo-mode';

/** A socket whose far end is a tiny stand-in for rs-core-sim's link: it records and answers. */
class FakeSimSocket implements SocketLike {
  readyState = 0;
  onopen: ((e: unknown) => void) | null = null;
  onmessage: ((e: { data: unknown }) => void) | null = null;
  onclose: ((e: unknown) => void) | null = null;
  onerror: ((e: unknown) => void) | null = null;
  sent: Record<string, unknown>[] = [];
  values = new Map<string, string>([['5002', btoa('{"state":"IDLE","run":1,"seq":1}')]]);
  constructor() { queueMicrotask(() => { this.readyState = 1; this.onopen?.({}); }); }
  send(text: string) {
    const m = JSON.parse(text);
    this.sent.push(m);
    let answer: Record<string, unknown> = { id: m.id, ok: true };
    if (m.op === 'read') answer.data = this.values.get(m.char) ?? '';
    if (m.op === 'write' && m.char === '5003' && atob(m.data).length > 512) answer = { id: m.id, ok: false, att_error: 0x0d };
    queueMicrotask(() => this.onmessage?.({ data: JSON.stringify(answer) }));
  }
  push(event: Record<string, unknown>) { this.onmessage?.({ data: JSON.stringify(event) }); }
  close() { this.readyState = 3; this.onclose?.({}); }
}

async function connected() {
  let socket!: FakeSimSocket;
  const link = new DemoLink(() => 'ws://x/api/demo/link?token=t', () => (socket = new FakeSimSocket()));
  const device = await new DemoBluetooth(link).requestDevice();
  await device.gatt!.connect();
  const service = await device.gatt!.getPrimaryService(SERVICE_UUID);
  return { socket, device, service };
}

describe('demo logger (Web Bluetooth over the demo link)', () => {
  it('names characteristics as the link does and builds the WebSocket URL', () => {
    expect(linkCharName(STATUS_UUID)).toBe('5002');
    expect(linkCharName(PAIR_UUID)).toBe('5006'); // pairing runs over the demo link as over the radio
    expect(demoLinkUrl('https://p.example.com', 'a b')).toBe('wss://p.example.com/api/demo/link?token=a%20b');
    expect(demoLinkUrl('http://localhost:8080', 't')).toBe('ws://localhost:8080/api/demo/link?token=t');
  });

  it('opens the link with the token known at connect time, not the one at page start', async () => {
    let token = ''; // the page adopts ?token= only after the demo logger is installed
    const opened: string[] = [];
    const link = new DemoLink(() => demoLinkUrl('http://localhost:8080', token), (url) => {
      opened.push(url);
      return new FakeSimSocket();
    });
    token = 'fresh';
    await (await new DemoBluetooth(link).requestDevice()).gatt!.connect();
    expect(opened).toEqual(['ws://localhost:8080/api/demo/link?token=fresh']);
  });

  it('connects with an MTU, reads and writes characteristic values as base64 link operations', async () => {
    const { socket, service } = await connected();
    expect(socket.sent[0]).toMatchObject({ op: 'connect', mtu: 185 });
    const status = await service.getCharacteristic(STATUS_UUID);
    const seen: string[] = [];
    status.addEventListener('characteristicvaluechanged', () => seen.push(new TextDecoder().decode(status.value!)));
    const value = await status.readValue();
    expect(new TextDecoder().decode(value)).toBe('{"state":"IDLE","run":1,"seq":1}');
    expect(seen).toHaveLength(1);
    const configure = await service.getCharacteristic(CONFIGURE_UUID);
    await configure.writeValueWithResponse(new TextEncoder().encode('{"ssid":"x"}'));
    expect(socket.sent.at(-1)).toMatchObject({ op: 'write', char: '5003', data: btoa('{"ssid":"x"}') });
  });

  it('delivers notifications while subscribed and maps ATT errors as browsers report them', async () => {
    const { socket, service } = await connected();
    const status = await service.getCharacteristic(STATUS_UUID);
    await status.startNotifications();
    expect(socket.sent.at(-1)).toMatchObject({ op: 'subscribe', char: '5002' });
    const got: string[] = [];
    status.addEventListener('characteristicvaluechanged', () => got.push(new TextDecoder().decode(status.value!)));
    socket.push({ event: 'notify', char: '5002', data: btoa('{"seq":2}') });
    socket.push({ event: 'notify', char: '5005', data: btoa('other') });
    expect(got).toEqual(['{"seq":2}']);
    const configure = await service.getCharacteristic(CONFIGURE_UUID);
    const err = await configure.writeValueWithResponse(new Uint8Array(600)).catch((e) => e);
    expect(toBleError(err)).toMatchObject({ kind: 'att', code: 0x0d });
  });

  it('reports a closed link as a GATT disconnection', async () => {
    const { socket, device, service } = await connected();
    let disconnected = 0;
    device.addEventListener('gattserverdisconnected', () => disconnected++);
    socket.close();
    expect(disconnected).toBe(1);
    expect(device.gatt!.connected).toBe(false);
    const status = await service.getCharacteristic(STATUS_UUID);
    expect(toBleError(await status.readValue().catch((e) => e)).kind).toBe('disconnected');
  });
});

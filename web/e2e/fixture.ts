// One scenario's world: a server, a simulated logger with its card, Chromium with the radio
// emulated and bridged to the logger, and the page. The page is opened on a "tunnel" host name
// (pit-laptop.test) that Chromium and the logger's hotspot DNS both resolve to the laptop, as a
// Cloudflare tunnel address would be; Chromium treats it as secure unless a scenario says not.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { BluetoothBridge } from './bluetooth-bridge';
import { PaddockPage } from './paddock-page';
import { PAIRING_CODE, Proc, startServer, startSim, tempDir } from './processes';

export const TOKEN = 'e2e-upload-token';
export const TUNNEL_HOST = 'pit-laptop.test';
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--enable-experimental-web-platform-features',
  '--enable-features=WebBluetooth,WebBluetoothNewPermissionsBackend',
  `--host-resolver-rules=MAP ${TUNNEL_HOST} 127.0.0.1`,
];

export interface WorldOptions {
  wifiDelayMs?: number;
  adapter?: 'powered-on' | 'absent';
  /** false: the tunnel address is plain http and not secure, as a bare http address on a phone is. */
  secureTunnel?: boolean;
}

export class World {
  browser!: Browser;
  server!: Proc;
  sim!: Proc;
  bridge!: BluetoothBridge;
  page!: PaddockPage;
  /** The address the phone opens (the "tunnel"); the logger reaches the server through it too. */
  origin = '';
  /** The same server as seen on the laptop itself, for the test's own API calls. */
  local = '';
  readonly card = tempDir('card');
  readonly data = tempDir('data');

  static async create(hotspot: string, opts: WorldOptions = {}): Promise<World> {
    const w = new World();
    const server = await startServer(w.data, TOKEN);
    w.server = server.proc;
    w.local = server.origin;
    const port = new URL(server.origin).port;
    w.origin = `http://${TUNNEL_HOST}:${port}`;
    const sim = await startSim(w.card, hotspot, opts.wifiDelayMs, [`${TUNNEL_HOST}:${port}:127.0.0.1`]);
    w.sim = sim.proc;
    const args = opts.secureTunnel === false ? CHROMIUM_ARGS : [...CHROMIUM_ARGS, `--unsafely-treat-insecure-origin-as-secure=${w.origin}`];
    w.browser = await chromium.launch({ executablePath: process.env.CHROMIUM_BIN ?? '/usr/bin/chromium', headless: true, args });
    const context = await w.browser.newContext({ viewport: { width: 412, height: 915 }, deviceScaleFactor: 1, acceptDownloads: true });
    const page = await context.newPage();
    if (process.env.E2E_DEBUG) page.on('console', (m) => console.log('page:', m.text()));
    w.bridge = await BluetoothBridge.attach(w.browser, page, sim.port, opts.adapter);
    // A phone that paired with this logger before (scenarios about first pairing open unpaired).
    const hello = await w.bridge.pairingHello();
    w.page = new PaddockPage(page, { salt: hello.salt, code: PAIRING_CODE });
    return w;
  }

  cardFiles(folder: 'sessions' | 'archive'): string[] {
    const dir = join(this.card, folder);
    return existsSync(dir) ? readdirSync(dir).sort() : [];
  }

  storedFiles(): string[] {
    const dir = join(this.data, 'files');
    return existsSync(dir) ? readdirSync(dir).sort() : [];
  }

  api(path: string, init: RequestInit = {}): Promise<Response> {
    return fetch(`${this.local}${path}`, { ...init, headers: { Authorization: `Bearer ${TOKEN}`, ...(init.headers ?? {}) } });
  }

  async serverSessions(): Promise<{ id: number; filename: string; title: string | null; laps: number; sha256: string }[]> {
    return (await (await this.api('/api/sessions')).json()).sessions;
  }

  /** Uploads a file as a script (or another phone's SD card upload) would. */
  async uploadDirectly(name: string, body: Buffer) {
    const res = await this.api('/api/upload', { method: 'POST', body, headers: { 'X-Filename': encodeURIComponent(name) } });
    if (res.status !== 200) throw new Error(`upload failed: ${res.status}`);
    return res.json();
  }

  async close() {
    this.bridge?.close();
    await this.browser?.close();
    await this.sim?.stop();
    await this.server?.stop();
  }
}

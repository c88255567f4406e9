// One scenario's world: a server, a simulated logger with its card, Chromium with the radio
// emulated and bridged to the logger, and the page.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { BluetoothBridge } from './bluetooth-bridge';
import { PaddockPage } from './paddock-page';
import { PAIRING_CODE, Proc, startServer, startSim, tempDir } from './processes';

export const TOKEN = 'e2e-upload-token';
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--enable-experimental-web-platform-features',
  '--enable-features=WebBluetooth,WebBluetoothNewPermissionsBackend',
];

export class World {
  browser!: Browser;
  server!: Proc;
  sim!: Proc;
  bridge!: BluetoothBridge;
  page!: PaddockPage;
  origin = '';
  readonly card = tempDir('card');
  readonly data = tempDir('data');

  static async create(hotspot: string, wifiDelayMs?: number): Promise<World> {
    const w = new World();
    const server = await startServer(w.data, TOKEN);
    w.server = server.proc;
    w.origin = server.origin;
    const sim = await startSim(w.card, hotspot, wifiDelayMs);
    w.sim = sim.proc;
    w.browser = await chromium.launch({ executablePath: process.env.CHROMIUM_BIN ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
    const context = await w.browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    if (process.env.E2E_DEBUG) page.on('console', (m) => console.log('page:', m.text()));
    w.bridge = await BluetoothBridge.attach(w.browser, page, sim.port);
    // A phone that paired with this logger before (scenarios about first pairing open unpaired).
    const hello = await w.bridge.pairingHello();
    w.page = new PaddockPage(page, { salt: hello.salt, code: PAIRING_CODE });
    return w;
  }

  cardFiles(folder: 'sessions' | 'archive'): string[] {
    const dir = join(this.card, folder);
    return existsSync(dir) ? readdirSync(dir).sort() : [];
  }

  async serverSessions(): Promise<{ filename: string; laps: number }[]> {
    const res = await fetch(`${this.origin}/api/sessions`, { headers: { Authorization: `Bearer ${TOKEN}` } });
    return (await res.json()).sessions;
  }

  async close() {
    this.bridge?.close();
    await this.browser?.close();
    await this.sim?.stop();
    await this.server?.stop();
  }
}

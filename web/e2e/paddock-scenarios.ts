// Paddock readiness, end to end: the installable app (manifest, service worker, offline shell),
// the screen wake lock during a sync, and the demo logger in a plain desktop Chromium (no Web
// Bluetooth emulation: the page reaches rs-core-sim through the server's demo WebSocket).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Scenario } from './scenarios';
import { bins, PAIRING_CODE, Proc, putSessions, startServer, startSim, tempDir, webDist } from './processes';

const TOKEN = 'e2e-paddock-token';
// A plain desktop browser: none of the Web Bluetooth flags the radio-emulating tests use.
const PLAIN_ARGS = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_BIN ?? '/usr/bin/chromium', headless: true, args: PLAIN_ARGS });
}

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  if (process.env.E2E_DEBUG) page.on('console', (m) => console.log('page:', m.text()));
  return page;
}

/** The demo: rs-core-sim with a card, the server in demo mode relaying to it, a desktop page. */
class DemoWorld {
  readonly card = tempDir('demo-card');
  readonly data = tempDir('demo-data');
  sim!: Proc;
  server!: Proc;
  browser!: Browser;
  page!: Page;
  origin = '';

  static async create(): Promise<DemoWorld> {
    const w = new DemoWorld();
    putSessions(w.card, [
      { name: 'sess_fp1.csv', format: 'gps_time', laps: '62.4,61.3,60.8' },
      { name: 'sess_fp2.csv', format: 'tick_ms', laps: '61.9,60.7' },
    ]);
    const sim = await startSim(w.card, 'Racesense-Pit=demo-paddock', 1500);
    w.sim = sim.proc;
    w.server = new Proc(spawn(bins.server, ['--port', '0', '--bind', '127.0.0.1', '--data-dir', w.data, '--token', TOKEN,
      '--web-dir', webDist, '--demo-link-port', String(sim.port)]), 'racesense-server');
    w.origin = `http://localhost:${await w.server.waitForLine('LISTENING port=')}`;
    w.browser = await launch();
    w.page = await newPage(w.browser);
    return w;
  }

  cardFiles(folder: string): string[] {
    const dir = join(this.card, folder);
    return existsSync(dir) ? readdirSync(dir).sort() : [];
  }

  async serverLaps(): Promise<number> {
    const res = await fetch(`${this.origin}/api/sessions`, { headers: { Authorization: `Bearer ${TOKEN}` } });
    return ((await res.json()).sessions as { laps: number }[]).reduce((n, s) => n + s.laps, 0);
  }

  async close() {
    await this.browser?.close();
    await this.sim?.stop();
    await this.server?.stop();
  }
}

async function withDemo(body: (w: DemoWorld) => Promise<void>, shot: string) {
  const w = await DemoWorld.create();
  try {
    await body(w);
  } finally {
    await w.page?.screenshot({ path: shot, fullPage: true }).catch(() => undefined);
    await w.close();
  }
}

/** Runs the sync flow on the page up to "Sync Complete!" and returns that text. The demo logger
 * pairs like a real one: a fresh page is asked for the code scripts/demo.sh prints, and enters it. */
async function syncToDone(page: Page): Promise<string> {
  await page.getByTestId('sync-button').click();
  const pairing = page.getByTestId('pairing');
  await pairing.waitFor({ timeout: 15000 });
  assert.equal(await pairing.getByTestId('pairing-text').textContent(), 'Enter the pairing code from the label');
  await pairing.getByTestId('pairing-code').fill(PAIRING_CODE);
  await pairing.getByTestId('pairing-submit').click();
  await page.getByTestId('start-sync').click();
  const done = page.getByTestId('done-text');
  await done.waitFor({ timeout: 30000 });
  return (await done.textContent()) ?? '';
}

const RECORD_WAKE_LOCK = `
  window.wakeCalls = [];
  const real = navigator.wakeLock;
  const phase = () => (document.querySelector('[data-testid=progress]') ? 'syncing' : 'other');
  Object.defineProperty(navigator, 'wakeLock', { configurable: true, value: {
    async request(type) {
      window.wakeCalls.push({ type: 'request:' + type, phase: phase() });
      const sentinel = await real.request(type).catch(() => null);
      const listeners = [];
      return {
        addEventListener: (t, l) => listeners.push(l),
        async release() {
          window.wakeCalls.push({ type: 'release', phase: phase() });
          await sentinel?.release();
          listeners.forEach((l) => l());
        },
      };
    },
  } });
`;

const shotPath = (name: string) => join(process.env.E2E_OUT ?? '.', `paddock-${name}.png`);

export const paddockScenarios: Scenario[] = [
  {
    name: 'demo logger: a plain desktop Chromium syncs with the simulated RS-Core over the demo link',
    run: () => withDemo(async (w) => {
      await w.page.goto(`${w.origin}/?token=${TOKEN}&demo=1`);
      await w.page.getByTestId('demo-banner').waitFor();
      assert.equal(await w.page.evaluate(() => 'bluetooth' in navigator && !!navigator.bluetooth), true);
      const done = await syncToDone(w.page);
      const laps = await w.serverLaps();
      assert.ok(laps > 0);
      assert.equal(done, `Sync Complete! ${laps} Laps uploaded. You can turn off your hotspot.`);
      assert.deepEqual(w.cardFiles('archive'), ['sess_fp1.csv', 'sess_fp2.csv']);
      assert.deepEqual(w.cardFiles('sessions'), []);
      // The code went over the demo link's PAIR characteristic (SPAKE2+) and is remembered for it.
      const codes = await w.page.evaluate(() => JSON.parse(localStorage.getItem('pairing_codes') ?? '{}'));
      assert.deepEqual(Object.values(codes), [PAIRING_CODE]);
      const info = await (await fetch(`${w.origin}/api/info`)).json();
      assert.equal(info.demo, true);
    }, shotPath('demo-sync')),
  },
  {
    name: 'wake lock: the screen lock is requested while a sync runs and released after',
    run: () => withDemo(async (w) => {
      // Record every wake lock call the page makes, then let the browser's own API answer it.
      // (A string, not a function: tsx would wrap named functions in a helper the page lacks.)
      await w.page.addInitScript({ content: RECORD_WAKE_LOCK });
      await w.page.goto(`${w.origin}/?token=${TOKEN}&demo=1`);
      await syncToDone(w.page);
      const calls = await w.page.evaluate(() => (window as unknown as { wakeCalls: { type: string; phase: string }[] }).wakeCalls);
      assert.deepEqual(calls.map((c) => c.type), ['request:screen', 'release']);
      assert.equal(calls[0].phase, 'syncing');
      assert.equal(await w.page.getByTestId('slept-notice').isHidden(), true);
    }, shotPath('wake-lock')),
  },
  {
    name: 'a Sync tapped while the link\'s token is still being checked waits for it, then syncs with that token',
    run: () => withDemo(async (w) => {
      // A slow tunnel: the server's answer on the link's token takes 1.5 s.
      await w.page.route('**/api/auth', async (route) => {
        await new Promise((r) => setTimeout(r, 1500));
        await route.continue();
      });
      await w.page.goto(`${w.origin}/?token=${TOKEN}&demo=1`);
      const done = await syncToDone(w.page);
      assert.equal(done, `Sync Complete! ${await w.serverLaps()} Laps uploaded. You can turn off your hotspot.`);
    }, shotPath('token-then-sync')),
  },
  {
    name: 'installable app: manifest, service worker, and the app shell loads with the server gone',
    run: async () => {
      const data = tempDir('pwa-data');
      const server = await startServer(data, TOKEN);
      const browser = await launch();
      const page = await newPage(browser);
      try {
        await page.goto(`${server.origin}/?token=${TOKEN}`);
        const manifestHref = await page.locator('link[rel=manifest]').getAttribute('href');
        assert.ok(manifestHref);
        const res = await fetch(new URL(manifestHref!, server.origin));
        assert.equal(res.headers.get('content-type'), 'application/manifest+json');
        const manifest = await res.json();
        assert.equal(manifest.short_name, 'RaceSense');
        assert.equal(manifest.display, 'standalone');
        assert.equal(manifest.start_url, '/');
        for (const size of ['192x192', '512x512']) {
          const icon = manifest.icons.find((i: { sizes: string }) => i.sizes === size);
          assert.ok(icon, `icon ${size}`);
          const img = await fetch(new URL(icon.src, server.origin));
          assert.equal(img.status, 200);
          assert.equal(img.headers.get('content-type'), 'image/png');
        }
        // The service worker takes control of the page once it has cached the app shell.
        await page.waitForFunction(() => !!navigator.serviceWorker?.controller, null, { timeout: 15000 });
        const scriptUrl = await page.evaluate(() => navigator.serviceWorker.controller!.scriptURL);
        assert.equal(new URL(scriptUrl).pathname, '/sw.js');

        await server.proc.stop(); // really offline: nothing answers on that port any more
        assert.equal(await page.evaluate(() => fetch('/api/health').then(() => 'answered', () => 'failed')), 'failed');
        await page.reload();
        await page.getByRole('heading', { name: 'RaceSense' }).waitFor({ timeout: 10000 });
        await page.locator('[data-testid=sync-button], [data-testid=no-bluetooth]').first().waitFor({ timeout: 10000 });
        await page.screenshot({ path: shotPath('offline-shell'), fullPage: true });
      } finally {
        await browser.close();
        await server.proc.stop();
      }
    },
  },
];

// The Paddock Sync scenarios, end to end: page, firmware core (rs-core-sim) and server all real.
// Every screen reached is checked (axe-core contrast and rules, 48 px targets) and photographed.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analysisScenarios } from './analysis-scenarios';
import { checkScreen } from './checks';
import { PAIRING_CODE, putSessions, tempDir } from './processes';
import { TOKEN, World, type WorldOptions } from './fixture';

export type Scenario = { name: string; run: (shot: (w: World) => Promise<void>) => Promise<void> };

const HOTSPOT = 'Racesense-Pit=pit-password-1';
const THREE = [
  { name: 'sess_monza 1.csv', format: 'gps_time', laps: '61.2,60.4,60.9' },
  { name: 'sess_2.csv', format: 'tick_ms', laps: '62.0,61.0' },
  { name: 'sess_3.csv', format: 'timestamp', laps: '63.3,62.8' },
];

async function withWorld(hotspot: string, body: (w: World) => Promise<void>, shot: (w: World) => Promise<void>, opts?: WorldOptions) {
  const w = await World.create(hotspot, opts);
  try {
    await body(w);
  } finally {
    await shot(w).catch(() => undefined);
    await w.close();
  }
}

const cardBytes = (w: World, name: string) => readFileSync(join(w.card, 'sessions', name));
/** A session file that is not on the logger's card (another logger, another day). */
function elsewhere(spec: { name: string; format: string; laps: string }): Buffer {
  const dir = tempDir('elsewhere');
  putSessions(dir, [spec]);
  return readFileSync(join(dir, 'sessions', spec.name));
}
const count = (text: string, part: string) => text.split(part).length - 1;

/** The racer's usual start: the app opened with the team's token, the hotspot password saved, SYNC. */
async function openAndSync(w: World) {
  await w.page.open(w.origin, TOKEN);
  await w.page.setSettings({ password: 'pit-password-1' });
  await w.page.sync();
}

/** On to the point where the logger is uploading: hotspot confirmed, progress shown. */
async function syncUntilUploading(w: World) {
  await openAndSync(w);
  await w.page.startSync();
  await w.page.waitForSyncing();
}

export const scenarios: Scenario[] = [
  {
    name: 'happy path: three new sessions are synced and counted; the pill follows the link',
    run: (shot) => withWorld(HOTSPOT, async (w) => {
      const names = putSessions(w.card, THREE);
      await w.page.open(w.origin, TOKEN);
      await checkScreen(w.page.page, 'start');
      await w.page.setSettings({ password: 'pit-password-1' });
      await w.page.sync();
      assert.equal(await w.page.modalText(), 'New data found! Please enable your hotspot [SSID: Racesense-Pit] now.');
      const body = await w.page.page.locator('body').innerText();
      if (process.env.E2E_DEBUG) console.log(body);
      assert.equal(count(body, '2.4 GHz'), 1, 'the 2.4 GHz hint is said once');
      assert.equal(count(body, 'Personal Hotspot'), 1, 'where the hotspot switch is, said once');
      assert.equal(await w.page.page.getByTestId('start-sync').textContent(), "I've turned it on - START SYNC");
      assert.equal(await w.page.linkState(), 'linked');
      assert.match(await w.page.linkLabel(), /Linked: RS-Core-1A2B/); // the simulator's default --bt-address
      await checkScreen(w.page.page, 'hotspot-step');
      await w.page.startSync();
      await w.page.waitForSyncing();
      await checkScreen(w.page.page, 'syncing');
      const done = await w.page.doneText();
      const serverLaps = (await w.serverSessions()).reduce((n, s) => n + s.laps, 0);
      assert.ok(serverLaps > 0);
      assert.equal(done, `Sync Complete! ${serverLaps} Laps uploaded. You can turn off your hotspot.`);
      assert.deepEqual(w.cardFiles('archive'), [...names].sort());
      assert.deepEqual(w.cardFiles('sessions'), []);
      assert.equal((await w.page.processedFiles()).length, 3);
      assert.equal(await w.page.sessionCount(3), 3);
      await checkScreen(w.page.page, 'sync-complete');
      const newest = (await w.serverSessions())[0];
      assert.equal((await w.page.firstSessionLapTimes()).length, newest.laps);
      await checkScreen(w.page.page, 'sessions-open');
      // The logger walks away while nothing runs: the pill says so at once, icon and word.
      await w.bridge.dropLink();
      await w.page.waitForLink('disconnected');
      assert.match((await w.page.linkText()) ?? '', /Disconnected/);
      assert.equal(await w.page.page.locator('[data-testid=paddock-link] svg').count(), 1);
    }, shot),
  },
  {
    name: 'already synced is asked of the server: a second phone sees nothing new, a new file under an old name is offered, and everything can be synced again',
    run: (shot) => withWorld(HOTSPOT, async (w) => {
      const [a] = putSessions(w.card, [THREE[0]]);
      await w.uploadDirectly(a, cardBytes(w, a)); // uploaded from the SD card earlier, by another phone
      await w.uploadDirectly(THREE[1].name, elsewhere({ ...THREE[1], laps: '70,71' })); // an older file of that name
      await w.page.open(w.origin, TOKEN);
      assert.deepEqual(await w.page.processedFiles(), []); // this phone never synced
      await w.page.setSettings({ password: 'pit-password-1' });
      await w.page.sync();
      assert.match((await w.page.statusText()) ?? '', /No new sessions on the logger \(1 file already on the server\)/);
      assert.equal(await w.page.flowVisible(), false);
      assert.equal((await w.page.processedFiles()).length, 1, 'the offline cache learns what the server holds');
      await checkScreen(w.page.page, 'nothing-new');
      await w.page.page.getByTestId('resync-all').click();
      await w.page.modalText();
      await w.page.startSync();
      await w.page.doneText();
      assert.deepEqual(w.cardFiles('archive'), [a]);
      assert.equal((await w.serverSessions()).length, 2, 'the same bytes again make no second session');
      await w.page.page.getByTestId('done-ok').click();
      const [b] = putSessions(w.card, [THREE[1]]); // a new file under an old name
      await w.page.sync();
      await w.page.modalText();
      assert.match((await w.page.page.getByTestId('sync-flow').textContent()) ?? '', /1 new session file on the logger/);
      await w.page.startSync();
      await w.page.doneText();
      assert.deepEqual(w.cardFiles('archive'), [a, b].sort());
      assert.equal((await w.serverSessions()).length, 3);
    }, shot),
  },
  {
    name: 'wrong hotspot password: advice once, fix in settings, retry succeeds',
    run: (shot) => withWorld(HOTSPOT, async (w) => {
      putSessions(w.card, [THREE[1]]);
      await w.page.open(w.origin, TOKEN);
      await w.page.setSettings({ password: 'wrong-password' });
      await w.page.sync();
      await w.page.startSync();
      const err = await w.page.error();
      assert.match(err.advice, /Check the hotspot password/);
      assert.equal(err.code, 'WIFI_AUTH_FAILED');
      assert.equal(err.detail, null, 'the logger’s sentence is not repeated under the advice');
      assert.deepEqual(w.cardFiles('sessions'), ['sess_2.csv']);
      await checkScreen(w.page.page, 'wrong-password');
      const dialog = await w.page.openSettings();
      await checkScreen(w.page.page, 'settings');
      await dialog.locator('input[name=password]').fill('pit-password-1');
      await dialog.getByTestId('save-settings').click();
      await w.page.retry();
      assert.match((await w.page.doneText()) ?? '', /^Sync Complete! \d+ Laps uploaded/);
      assert.deepEqual(w.cardFiles('archive'), ['sess_2.csv']);
    }, shot),
  },
  {
    name: 'BLE link dropped mid-sync: reconnect and completion shown',
    run: (shot) => withWorld(HOTSPOT, async (w) => {
      putSessions(w.card, THREE);
      await syncUntilUploading(w);
      await w.bridge.dropLink();
      const done = await w.page.doneText();
      const serverLaps = (await w.serverSessions()).reduce((n, s) => n + s.laps, 0);
      assert.equal(done, `Sync Complete! ${serverLaps} Laps uploaded. You can turn off your hotspot.`);
      assert.equal(await w.page.linkState(), 'linked');
      assert.equal(w.cardFiles('archive').length, 3);
    }, shot, { wifiDelayMs: 2500 }),
  },
  {
    name: 'cancel during a sync: the logger stops, the files stay, the page is never blocked',
    run: (shot) => withWorld(HOTSPOT, async (w) => {
      const names = putSessions(w.card, THREE);
      await w.uploadDirectly('earlier.csv', elsewhere({ name: 'earlier.csv', format: 'gps_time', laps: '65,64' }));
      await syncUntilUploading(w);
      // While it runs the racer reads the last session: nothing covers the page.
      const row = await w.page.openSession('earlier.csv');
      await row.locator('ol li').first().waitFor();
      await w.page.page.getByTestId('cancel-sync').click();
      const text = w.page.page.getByTestId('cancelled-text');
      await text.waitFor({ timeout: 20000 });
      assert.equal(await text.textContent(), 'Sync cancelled: the current file stays on the logger.');
      await checkScreen(w.page.page, 'cancelled');
      assert.deepEqual(w.cardFiles('sessions'), [...names].sort());
      assert.deepEqual(w.cardFiles('archive'), []);
      assert.equal((await w.serverSessions()).length, 1);
    }, shot, { wifiDelayMs: 5000 }), // room to read a session and cancel before the first upload
  },
  {
    name: 'a sync already running on this logger: its own code and advice, and the page can follow it',
    run: (shot) => withWorld(HOTSPOT, async (w) => {
      putSessions(w.card, [THREE[0], THREE[2]]);
      await openAndSync(w);
      await w.page.modalText();
      const other = await w.bridge.configureFromAnotherPhone({ ssid: 'Racesense-Pit', pass: 'pit-password-1', url: w.origin, token: TOKEN }, PAIRING_CODE);
      assert.equal(other.ok, true);
      await w.page.startSync();
      const err = await w.page.error();
      assert.equal(err.code, 'LOGGER_BUSY');
      assert.match(err.advice, /A sync is already running on this logger/);
      assert.doesNotMatch(err.advice, /refused the settings/);
      await checkScreen(w.page.page, 'logger-busy');
      await w.page.page.getByTestId('follow').click();
      assert.match((await w.page.doneText()) ?? '', /^Sync Complete! \d+ Laps uploaded/);
      assert.equal((await w.serverSessions()).length, 2);
    }, shot, { wifiDelayMs: 3000 }),
  },
  {
    name: 'server stopped, preflight: the server stopped is found before the hotspot step; after it, the logger says so',
    run: (shot) => withWorld(HOTSPOT, async (w) => {
      putSessions(w.card, [THREE[0], THREE[2]]);
      await openAndSync(w);
      await w.page.modalText();
      await w.server.stop(); // the laptop goes to sleep while the racer turns the hotspot on
      await w.page.startSync();
      const logger = await w.page.error();
      assert.equal(logger.code, 'SERVER_UNREACHABLE');
      assert.match(logger.advice, /server is unreachable/);
      await w.page.page.getByTestId('close-error').click();
      await w.page.sync();
      const pre = await w.page.error();
      assert.equal(pre.code, 'SERVER_DOWN');
      assert.match(pre.advice, /does not answer.*Start racesense-server/);
      await checkScreen(w.page.page, 'preflight-server-down');
      assert.deepEqual(w.cardFiles('sessions'), ['sess_3.csv', 'sess_monza 1.csv']);
      assert.deepEqual(w.cardFiles('archive'), []);
      assert.deepEqual(await w.page.processedFiles(), []);
    }, shot),
  },
  {
    name: 'first pairing: the code from the label is asked once, later syncs do not ask',
    run: (shot) => withWorld(HOTSPOT, async (w) => {
      await w.page.page.setViewportSize({ width: 412, height: 915 });
      putSessions(w.card, [THREE[0]]);
      await w.page.open(w.origin, TOKEN, { paired: false });
      await w.page.setSettings({ password: 'pit-password-1' });
      await w.page.sync();
      assert.equal(await w.page.pairingText(), 'Enter the pairing code from the label');
      await w.page.page.screenshot({ path: `${process.env.E2E_OUT}/8a-pairing-code.png` });
      await w.page.enterPairingCode('2468 1357');
      assert.equal(await w.page.modalText(), 'New data found! Please enable your hotspot [SSID: Racesense-Pit] now.');
      assert.equal(await w.page.pairingVisible(), false);
      assert.deepEqual(Object.values(await w.page.rememberedCodes()), [PAIRING_CODE]);
      await w.page.startSync();
      assert.match((await w.page.doneText()) ?? '', /^Sync Complete! \d+ Laps uploaded/);
      await w.page.page.getByTestId('done-ok').click();
      // Later: the phone walked away (link and session gone), a new session is on the card, Sync
      // again. A new connection pairs from the remembered code: exactly the taps of before.
      await w.bridge.dropLink();
      putSessions(w.card, [THREE[1]]);
      await w.page.sync();
      assert.equal(await w.page.modalText(), 'New data found! Please enable your hotspot [SSID: Racesense-Pit] now.');
      assert.equal(await w.page.pairingVisible(), false);
      await w.page.startSync();
      assert.match((await w.page.doneText()) ?? '', /^Sync Complete! \d+ Laps uploaded/);
      assert.deepEqual(w.cardFiles('archive'), ['sess_2.csv', 'sess_monza 1.csv']);
      assert.ok(!w.sim.log.includes(PAIRING_CODE), 'the simulator printed the pairing code');
    }, shot),
  },
  {
    name: 'wrong pairing code: said plainly, nothing synced, the right code then works',
    run: (shot) => withWorld(HOTSPOT, async (w) => {
      await w.page.page.setViewportSize({ width: 412, height: 915 });
      putSessions(w.card, [THREE[2]]);
      await w.page.open(w.origin, TOKEN, { paired: false });
      await w.page.setSettings({ password: 'pit-password-1' });
      await w.page.sync();
      await w.page.pairingText();
      await w.page.enterPairingCode('1357 2468');
      assert.equal(await w.page.pairingError(), 'That code is wrong. Check the label on the logger and enter it again.');
      await w.page.page.screenshot({ path: `${process.env.E2E_OUT}/8b-pairing-wrong-code.png` });
      assert.equal((await w.bridge.pairingHello()).failures, 1);
      assert.deepEqual(await w.page.rememberedCodes(), {});
      assert.deepEqual(w.cardFiles('sessions'), ['sess_3.csv']);
      await w.page.enterPairingCode(PAIRING_CODE); // the logger's 1 s wait is sat out by the app
      assert.equal(await w.page.modalText(), 'New data found! Please enable your hotspot [SSID: Racesense-Pit] now.');
      assert.equal((await w.bridge.pairingHello()).failures, 0);
      await w.page.startSync();
      assert.match((await w.page.doneText()) ?? '', /^Sync Complete! \d+ Laps uploaded/);
    }, shot),
  },
  {
    name: 'a stranger writes during a sync: refused, the owner’s sync completes',
    run: (shot) => withWorld(HOTSPOT, async (w) => {
      putSessions(w.card, THREE);
      await syncUntilUploading(w);
      // The owner's phone loses the link; a rival's phone connects and writes a plain CONFIGURE.
      const release = w.bridge.holdConnections();
      await w.bridge.dropLink();
      const link = w.bridge.link;
      await link.request({ op: 'connect', mtu: 185 });
      const rival = { ssid: 'Rival-Hotspot', pass: 'rival-pass', url: w.origin, token: TOKEN, after: 'delete' };
      const write = await link.request({ op: 'write', char: '5003', data: Buffer.from(JSON.stringify(rival)).toString('base64') });
      assert.equal(write.att_error, 0x05);
      const cancel = await link.request({ op: 'write', char: '5003', data: Buffer.from('{"cmd":"cancel"}').toString('base64') });
      assert.equal(cancel.att_error, 0x05);
      assert.equal((await link.request({ op: 'read', char: '5005' })).att_error, 0x05);
      await link.request({ op: 'disconnect' });
      release();
      // The owner's phone comes back, pairs again from memory and shows the outcome.
      const done = await w.page.doneText();
      const serverLaps = (await w.serverSessions()).reduce((n, s) => n + s.laps, 0);
      assert.equal(done, `Sync Complete! ${serverLaps} Laps uploaded. You can turn off your hotspot.`);
      assert.equal(w.cardFiles('archive').length, 3);
      assert.equal((await w.serverSessions()).length, 3);
    }, shot, { wifiDelayMs: 2500 }),
  },
  {
    name: 'page on localhost, preflight: a page opened on the laptop (localhost) refuses to hand the logger an address it cannot reach',
    run: (shot) => withWorld(HOTSPOT, async (w) => {
      putSessions(w.card, [THREE[0]]);
      await w.page.open(w.local, TOKEN);
      await w.page.setSettings({ password: 'pit-password-1' });
      await w.page.sync();
      const err = await w.page.error();
      assert.equal(err.code, 'URL_LOCAL');
      assert.match(err.advice, /http:\/\/localhost:\d+, an address of the laptop itself/);
      assert.match(err.advice, /https tunnel address/);
      assert.equal(await w.page.page.getByTestId('modal-text').count(), 0, 'no hotspot step');
      await checkScreen(w.page.page, 'preflight-localhost');
      // A bare LAN address is refused too (the logger on the phone's hotspot cannot reach it).
      const port = new URL(w.local).port;
      await w.page.setSettings({ server: `http://192.168.77.10:${port}` });
      await w.page.retry();
      await w.page.page.getByTestId('error-code').filter({ hasText: 'URL_LAN' }).waitFor();
      assert.match((await w.page.error()).advice, /local-network address it cannot reach from the phone's hotspot/);
      // The fix: the tunnel address as server URL.
      await w.page.setSettings({ server: w.origin });
      await w.page.retry();
      await w.page.modalText();
    }, shot),
  },
  {
    name: 'token: a mistyped link never replaces a working token; a rejected token blocks Sync with the fix',
    run: (shot) => withWorld(HOTSPOT, async (w) => {
      await w.page.open(w.origin, TOKEN);
      assert.equal(await w.page.tokenState(), 'accepted');
      await w.page.open(w.origin, 'e2e-upload-tokn');
      assert.equal(await w.page.storedToken(), TOKEN);
      assert.match((await w.page.page.getByTestId('notice').textContent()) ?? '', /rejected by the server; the saved token was kept/);
      assert.equal(await w.page.syncEnabled(), true);
      assert.equal(new URL(w.page.page.url()).search, '', 'the token leaves the address bar');
      const dialog = await w.page.openSettings();
      assert.match((await dialog.getByTestId('token-state').textContent()) ?? '', /accepted by the server/);
      await dialog.locator('input[name=token]').fill('wrong-token');
      await dialog.getByTestId('save-settings').click();
      assert.equal(await w.page.tokenState(), 'rejected');
      assert.equal(await w.page.syncEnabled(), false);
      assert.match((await w.page.page.getByTestId('token-blocked').textContent()) ?? '', /rejects this upload token.*Open the link racesense-server printed/);
      await checkScreen(w.page.page, 'token-rejected');
    }, shot),
  },
  {
    name: 'Bluetooth failures each say what happened and what to do: chooser closed, logger out of range',
    run: (shot) => withWorld(HOTSPOT, async (w) => {
      putSessions(w.card, [THREE[0]]);
      await w.page.open(w.origin, TOKEN);
      w.bridge.chooser = 'cancel';
      await w.page.sync();
      const cancelled = await w.page.error();
      assert.equal(cancelled.code, 'CHOOSER_CANCELLED');
      assert.match(cancelled.advice, /No logger was chosen/);
      await checkScreen(w.page.page, 'chooser-cancelled');
      w.bridge.chooser = 'select';
      w.bridge.connectCode = 0x3e; // connection failed: the logger is too far
      await w.page.retry();
      await w.page.page.getByTestId('error-code').filter({ hasText: 'OUT_OF_RANGE' }).waitFor();
      assert.match((await w.page.error()).advice, /did not answer\. Stand within a few metres/);
      assert.equal(await w.page.linkState(), 'disconnected');
      await checkScreen(w.page.page, 'out-of-range');
      w.bridge.connectCode = 0; // the racer walks up to the logger
      await w.page.retry();
      await w.page.modalText();
    }, shot),
  },
  {
    name: 'no Bluetooth adapter: said plainly, with the SD card upload as the way out',
    run: (shot) => withWorld(HOTSPOT, async (w) => {
      await w.page.open(w.origin, TOKEN);
      await w.page.sync();
      const err = await w.page.error();
      assert.equal(err.code, 'NO_ADAPTER');
      assert.match(err.advice, /no Bluetooth adapter/);
      assert.equal(await w.page.page.getByTestId('retry').count(), 0);
      await checkScreen(w.page.page, 'no-adapter');
    }, shot, { adapter: 'absent' }),
  },
  {
    name: 'Bluetooth forbidden by policy: permission denied, with where to allow it',
    run: (shot) => withWorld(HOTSPOT, async (w) => {
      await w.page.withBluetoothForbidden();
      await w.page.open(w.origin, TOKEN);
      await w.page.sync();
      const err = await w.page.error();
      assert.equal(err.code, 'PERMISSION_DENIED');
      assert.match(err.advice, /not allowed to use Bluetooth.*Site settings/);
      await checkScreen(w.page.page, 'permission-denied');
    }, shot),
  },
  {
    name: 'insecure page: names the real cause (plain http) and the fix (the https tunnel address)',
    run: (shot) => withWorld(HOTSPOT, async (w) => {
      await w.page.open(w.origin, TOKEN);
      const nb = await w.page.noBluetooth();
      assert.equal(nb.reason, 'insecure');
      assert.match(nb.text ?? '', new RegExp(`You opened ${w.origin.replace(/[.]/g, '\\.')} over plain http`));
      assert.match(nb.text ?? '', /open the https tunnel address/);
      await checkScreen(w.page.page, 'insecure-page');
    }, shot, { secureTunnel: false }),
  },
  {
    name: 'browser without Web Bluetooth: explains what to use, sessions still shown',
    run: (shot) => withWorld(HOTSPOT, async (w) => {
      const [name] = putSessions(w.card, [THREE[2]]);
      await w.uploadDirectly(name, cardBytes(w, name));
      await w.page.withoutWebBluetooth();
      await w.page.open(w.origin, TOKEN);
      const nb = await w.page.noBluetooth();
      assert.equal(nb.reason, 'unsupported');
      assert.match(nb.text ?? '', /Chrome on Android/);
      assert.equal(await w.page.sessionCount(1), 1);
      await checkScreen(w.page.page, 'no-web-bluetooth');
    }, shot),
  },
  {
    name: 'SD card fallback: several files picked or dropped, progress per file, duplicates recognised',
    run: (shot) => withWorld(HOTSPOT, async (w) => {
      const names = putSessions(w.card, THREE);
      await w.uploadDirectly(names[2], cardBytes(w, names[2])); // already on the server
      await w.page.withoutWebBluetooth();
      await w.page.open(w.origin, TOKEN);
      const page = w.page.page;
      await page.getByTestId('upload-input').setInputFiles([join(w.card, 'sessions', names[0]), join(w.card, 'sessions', names[2])]);
      const rows = page.getByTestId('upload-row');
      await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=upload-row]')]
        .every((r) => ['uploaded', 'duplicate', 'failed'].includes(r.getAttribute('data-status') ?? '')), null, { timeout: 20000 });
      // Drag and drop of the third file onto the drop zone.
      const bytes = cardBytes(w, names[1]).toString('base64');
      const transfer = await page.evaluateHandle(([n, b]) => {
        const dt = new DataTransfer();
        dt.items.add(new File([Uint8Array.from(atob(b), (c) => c.charCodeAt(0))], n, { type: 'text/csv' }));
        return dt;
      }, [names[1], bytes]);
      await page.getByTestId('drop-zone').dispatchEvent('drop', { dataTransfer: transfer });
      await page.waitForFunction(() => document.querySelectorAll('[data-testid=upload-row][data-status=uploaded]').length === 2, null, { timeout: 20000 });
      assert.deepEqual(await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-status'))), ['uploaded', 'duplicate', 'uploaded']);
      assert.equal(await page.locator('[data-testid=upload-row] progress').count(), 3);
      const sessions = await w.serverSessions();
      assert.equal(sessions.length, 3);
      const first = sessions.find((s) => s.filename === names[0])!;
      assert.match((await rows.nth(0).textContent()) ?? '', new RegExp(`Uploaded: ${first.laps} laps`));
      assert.match((await rows.nth(1).textContent()) ?? '', /Already on the server/);
      assert.equal(await w.page.sessionCount(3), 3);
      await checkScreen(page, 'sd-upload');
    }, shot),
  },
  {
    name: 'sessions you can manage: download the original, rename, delete with confirmation',
    run: (shot) => withWorld(HOTSPOT, async (w) => {
      const [a, b] = putSessions(w.card, [THREE[0], THREE[1]]);
      const up = await w.uploadDirectly(a, cardBytes(w, a));
      await w.uploadDirectly(b, cardBytes(w, b));
      await w.page.open(w.origin, TOKEN);
      await w.page.sessionCount(2);
      const page = w.page.page;
      let row = await w.page.openSession(a);
      const [download] = await Promise.all([page.waitForEvent('download'), row.getByTestId('download').click()]);
      assert.equal(download.suggestedFilename(), a);
      assert.deepEqual(readFileSync((await download.path())!), cardBytes(w, a));

      await row.getByTestId('rename').click();
      await row.locator('input[name=title]').fill('Sat FP2 Monza');
      await checkScreen(page, 'rename');
      await row.getByTestId('save-name').click();
      await page.getByTestId('session-name').filter({ hasText: 'Sat FP2 Monza' }).waitFor();
      const renamed = (await w.serverSessions()).find((s) => s.id === up.id)!;
      assert.equal(renamed.title, 'Sat FP2 Monza');
      assert.equal(renamed.filename, a);

      row = await w.page.openSession('Sat FP2 Monza');
      await row.getByTestId('delete').click();
      await checkScreen(page, 'delete-confirm');
      await row.getByTestId('keep').click();
      assert.equal((await w.serverSessions()).length, 2);
      await row.getByTestId('delete').click();
      await row.getByTestId('confirm-delete').click();
      await w.page.sessionCount(1);
      assert.equal((await w.api(`/api/sessions/${up.id}`)).status, 404);
      assert.equal(w.storedFiles().includes(`${renamed.sha256}.csv`), false);
      assert.equal(w.storedFiles().length, 1);
    }, shot),
  },
  {
    name: 'a season of sessions: the newest 30 first, older ones on demand',
    run: (shot) => withWorld(HOTSPOT, async (w) => {
      const [name] = putSessions(w.card, [THREE[0]]);
      const bytes = cardBytes(w, name);
      const day = (i: number) => `day${String(i).padStart(2, '0')}.csv`;
      // Each a copy with a line of its own, so that no upload is a duplicate of another.
      for (let i = 1; i <= 65; i++) await w.uploadDirectly(day(i), Buffer.concat([bytes, Buffer.from(`,${i}\n`)]));
      await w.page.open(w.origin, TOKEN);
      const page = w.page.page;
      const names = () => page.getByTestId('session-name').allTextContents();
      await w.page.sessionCount(30);
      assert.deepEqual(await names(), Array.from({ length: 30 }, (_, k) => day(65 - k)));
      const more = page.getByTestId('more-sessions');
      assert.equal(await more.textContent(), 'Show 30 older (35 more)');
      await more.click();
      await w.page.sessionCount(60);
      assert.equal(await page.evaluate(() => document.activeElement?.closest('[data-testid=session]')?.querySelector('[data-testid=session-name]')?.textContent), day(35));
      assert.equal(await more.textContent(), 'Show 5 older (5 more)');
      await more.click();
      await w.page.sessionCount(65);
      assert.deepEqual((await names()).slice(-2), [day(2), day(1)]);
      assert.equal(await more.count(), 0);
      await checkScreen(page, 'sessions-all-shown');
    }, shot),
  },
  ...analysisScenarios,
];

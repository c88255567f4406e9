// The Paddock Sync scenarios, end to end: page, firmware core (rs-core-sim) and server all real.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { putSessions } from './processes';
import { analysisScenarios } from './analysis-scenarios';
import { TOKEN, World } from './fixture';

export type Scenario = { name: string; run: (shot: (w: World) => Promise<void>) => Promise<void> };

const HOTSPOT = 'Racesense-Pit=pit-password-1';
const THREE = [
  { name: 'sess_monza 1.csv', format: 'gps_time', laps: '61.2,60.4,60.9' },
  { name: 'sess_2.csv', format: 'tick_ms', laps: '62.0,61.0' },
  { name: 'sess_3.csv', format: 'timestamp', laps: '63.3,62.8' },
];

async function withWorld(hotspot: string, body: (w: World) => Promise<void>, shot: (w: World) => Promise<void>, delay?: number) {
  const w = await World.create(hotspot, delay);
  try {
    await body(w);
  } finally {
    await shot(w).catch(() => undefined);
    await w.close();
  }
}

export const scenarios: Scenario[] = [
  {
    name: 'happy path: three new sessions are synced and counted',
    run: (shot) => withWorld(HOTSPOT, async (w) => {
      const names = putSessions(w.card, THREE);
      await w.page.open(w.origin, TOKEN);
      await w.page.setSettings({ password: 'pit-password-1' });
      await w.page.sync();
      assert.equal(await w.page.modalText(), 'New data found! Please enable your hotspot [SSID: Racesense-Pit] now.');
      assert.equal(await w.page.linkState(), 'linked');
      await w.page.startSync();
      const done = await w.page.doneText();
      const serverLaps = (await w.serverSessions()).reduce((n, s) => n + s.laps, 0);
      assert.ok(serverLaps > 0);
      assert.equal(done, `Sync Complete! ${serverLaps} Laps uploaded. You can turn off your hotspot.`);
      assert.deepEqual(w.cardFiles('archive'), [...names].sort());
      assert.deepEqual(w.cardFiles('sessions'), []);
      assert.deepEqual((await w.page.processedFiles()).sort(), [...names].sort());
      assert.equal(await w.page.sessionCount(3), 3);
      await w.page.page.screenshot({ path: `${process.env.E2E_OUT}/1a-sync-complete.png` });
      const newest = (await w.serverSessions())[0];
      assert.equal((await w.page.firstSessionLapTimes()).length, newest.laps);
    }, shot),
  },
  {
    name: 'nothing new: no modal',
    run: (shot) => withWorld(HOTSPOT, async (w) => {
      const names = putSessions(w.card, [THREE[0]]);
      await w.page.open(w.origin, TOKEN);
      await w.page.setProcessedFiles(names);
      await w.page.sync();
      assert.match((await w.page.statusText()) ?? '', /No new sessions on the logger/);
      assert.equal(await w.page.modalVisible(), false);
      assert.deepEqual(w.cardFiles('sessions'), names);
    }, shot),
  },
  {
    name: 'wrong hotspot password: advice, fix in settings, retry succeeds',
    run: (shot) => withWorld(HOTSPOT, async (w) => {
      putSessions(w.card, [THREE[1]]);
      await w.page.open(w.origin, TOKEN);
      await w.page.setSettings({ password: 'wrong-password' });
      await w.page.sync();
      await w.page.startSync();
      assert.match((await w.page.errorAdvice()) ?? '', /Check the hotspot password/);
      assert.deepEqual(w.cardFiles('sessions'), ['sess_2.csv']);
      await w.page.page.screenshot({ path: `${process.env.E2E_OUT}/3a-wrong-password.png` });
      await w.page.setSettings({ password: 'pit-password-1' });
      await w.page.retry();
      assert.match((await w.page.doneText()) ?? '', /^Sync Complete! \d+ Laps uploaded/);
      assert.deepEqual(w.cardFiles('archive'), ['sess_2.csv']);
    }, shot),
  },
  {
    name: 'BLE link dropped mid-sync: reconnect and completion shown',
    run: (shot) => withWorld(HOTSPOT, async (w) => {
      putSessions(w.card, THREE);
      await w.page.open(w.origin, TOKEN);
      await w.page.setSettings({ password: 'pit-password-1' });
      await w.page.sync();
      await w.page.startSync();
      await w.page.waitForSyncing();
      await w.bridge.dropLink();
      const done = await w.page.doneText();
      const serverLaps = (await w.serverSessions()).reduce((n, s) => n + s.laps, 0);
      assert.equal(done, `Sync Complete! ${serverLaps} Laps uploaded. You can turn off your hotspot.`);
      assert.equal(await w.page.linkState(), 'linked');
      assert.equal(w.cardFiles('archive').length, 3);
    }, shot, 2500),
  },
  {
    name: 'server stopped: clear error, files stay on the logger',
    run: (shot) => withWorld(HOTSPOT, async (w) => {
      putSessions(w.card, [THREE[0], THREE[2]]);
      await w.page.open(w.origin, TOKEN);
      await w.page.setSettings({ password: 'pit-password-1' });
      await w.server.stop();
      await w.page.sync();
      await w.page.startSync();
      assert.match((await w.page.errorAdvice()) ?? '', /server is unreachable/);
      assert.deepEqual(w.cardFiles('sessions'), ['sess_3.csv', 'sess_monza 1.csv']);
      assert.deepEqual(w.cardFiles('archive'), []);
      assert.deepEqual(await w.page.processedFiles(), []);
    }, shot),
  },
  {
    name: 'browser without Web Bluetooth: explains what to use, sessions still shown',
    run: (shot) => withWorld(HOTSPOT, async (w) => {
      const [name] = putSessions(w.card, [THREE[2]]);
      const body = readFileSync(join(w.card, 'sessions', name));
      const up = await fetch(`${w.origin}/api/upload`, {
        method: 'POST', body, headers: { Authorization: `Bearer ${TOKEN}`, 'X-Filename': name },
      });
      assert.equal(up.status, 200);
      await w.page.withoutWebBluetooth();
      await w.page.open(w.origin, TOKEN);
      assert.match((await w.page.noBluetoothText()) ?? '', /Chrome on Android/);
      assert.equal(await w.page.sessionCount(1), 1);
    }, shot),
  },
  ...analysisScenarios,
];

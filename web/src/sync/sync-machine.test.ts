import { beforeEach, describe, expect, it } from 'vitest';
import { BleFailure } from '../ble/errors';
import { SettingsStore, type KeyValueStore } from '../settings';
import { FakeDevice } from './fake-device';
import { SyncMachine, type SyncView, type Timers } from './sync-machine';

class MemoryStore implements KeyValueStore {
  data = new Map<string, string>();
  getItem(k: string) { return this.data.get(k) ?? null; }
  setItem(k: string, v: string) { this.data.set(k, v); }
}

class ManualTimers implements Timers {
  ticks: (() => void)[] = [];
  every(_ms: number, fn: () => void) {
    this.ticks.push(fn);
    return () => { this.ticks = this.ticks.filter((t) => t !== fn); };
  }
  async delay() {}
  tick() { this.ticks.forEach((t) => t()); }
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('SyncMachine', () => {
  let device: FakeDevice;
  let settings: SettingsStore;
  let timers: ManualTimers;
  let machine: SyncMachine;
  let synced: number;
  let views: SyncView[];

  beforeEach(() => {
    device = new FakeDevice();
    settings = new SettingsStore(new MemoryStore());
    settings.save({ ssid: 'Pit-42', password: 'hunter22', token: 'tok' });
    timers = new ManualTimers();
    synced = 0;
    machine = new SyncMachine(device, settings, () => 'https://abc.trycloudflare.com/', timers, () => synced++);
    views = [];
    machine.subscribe((v) => views.push(v));
  });

  it('says so when there is nothing new', async () => {
    device.addFiles('a.csv');
    settings.markProcessed(['a.csv']);
    await machine.sync();
    expect(machine.current).toEqual({ phase: 'nothing-new', total: 1 });
    expect(device.configures).toEqual([]);
  });

  it('asks for the hotspot, configures the logger and ends with the real lap count', async () => {
    device.addFiles('a.csv', 'b.csv', 'old.csv');
    device.files.push({ name: 'live.csv', size: 5, busy: true });
    settings.markProcessed(['old.csv']);
    await machine.sync();
    expect(machine.current).toEqual({ phase: 'new-data', files: ['a.csv', 'b.csv'], ssid: 'Pit-42' });

    await machine.start();
    expect(device.configures[0]).toEqual({ ssid: 'Pit-42', pass: 'hunter22', url: 'https://abc.trycloudflare.com', token: 'tok', after: 'archive' });
    device.advance({ state: 'SYNCING', progress: 40, file: 'a.csv', fileIndex: 1, fileCount: 2 });
    expect(machine.current).toMatchObject({ phase: 'syncing', progress: 40, file: 'a.csv', index: 1, count: 2 });

    device.finish(['a.csv', 'b.csv'], 12);
    await flush();
    expect(machine.current).toEqual({ phase: 'done', laps: 12, files: 2 });
    expect([...settings.processedFiles()].sort()).toEqual(['a.csv', 'b.csv', 'old.csv']);
    expect(synced).toBe(1);
  });

  it('does not read the list again after a run that confirmed every file of an unchanged card', async () => {
    device.addFiles('a.csv', 'b.csv');
    await machine.sync();
    await machine.start();
    device.finish(['a.csv', 'b.csv'], 5);
    await flush();
    expect(machine.current).toEqual({ phase: 'done', laps: 5, files: 2 });
    expect(device.listReads).toBe(1); // the one before the run
    expect([...settings.processedFiles()].sort()).toEqual(expect.arrayContaining(['a.csv', 'b.csv']));
  });

  it('reads the list again when the logger changed the card during the run', async () => {
    device.addFiles('a.csv', 'b.csv');
    await machine.sync();
    await machine.start();
    device.gen++; // the logger started a new session file
    device.addFiles('c.csv');
    device.finish(['a.csv', 'b.csv'], 5);
    await flush();
    expect(device.listReads).toBe(2);
    expect([...settings.processedFiles()].sort()).toEqual(expect.arrayContaining(['a.csv', 'b.csv']));
    expect([...settings.processedFiles()]).not.toContain('c.csv');
  });

  it('follows the run by polling when notifications are lost', async () => {
    device.addFiles('a.csv');
    await machine.sync();
    await machine.start();
    device.advance({ state: 'SYNCING', progress: 70, file: 'a.csv', fileIndex: 1, fileCount: 1 }, false);
    expect(machine.current).toMatchObject({ progress: 0 });
    timers.tick();
    await flush();
    expect(machine.current).toMatchObject({ phase: 'syncing', progress: 70 });
    device.files = [];
    device.advance({ state: 'DONE', progress: 100, filesDone: 1, laps: 3 }, false);
    timers.tick();
    await flush();
    await flush();
    expect(machine.current).toEqual({ phase: 'done', laps: 3, files: 1 });
    expect(timers.ticks).toHaveLength(0);
  });

  it('marks only the files the logger confirmed when a run fails midway', async () => {
    device.addFiles('a.csv', 'b.csv');
    await machine.sync();
    await machine.start();
    device.files = device.files.filter((f) => f.name !== 'a.csv');
    device.advance({ state: 'ERROR', code: 'SERVER_UNREACHABLE', message: 'Cannot reach', filesDone: 1, laps: 2 });
    await flush();
    expect(machine.current).toMatchObject({ phase: 'error', code: 'SERVER_UNREACHABLE', canRetry: true });
    expect((machine.current as { advice: string }).advice).toMatch(/server is unreachable/i);
    expect([...settings.processedFiles()]).toEqual(['a.csv']);
  });

  it('tells a wrong password apart and succeeds on retry after the fix', async () => {
    device.addFiles('a.csv');
    await machine.sync();
    await machine.start();
    device.advance({ state: 'ERROR', code: 'WIFI_AUTH_FAILED', message: 'rejected' });
    await flush();
    expect((machine.current as { advice: string }).advice).toMatch(/check the hotspot password/i);
    settings.save({ password: 'correct-horse' });
    await machine.start();
    expect(device.configures[1].pass).toBe('correct-horse');
    device.finish(['a.csv'], 5);
    await flush();
    expect(machine.current).toEqual({ phase: 'done', laps: 5, files: 1 });
  });

  it('ignores statuses of an earlier run', async () => {
    device.addFiles('a.csv');
    await machine.sync();
    device.current = { ...device.current, state: 'DONE', run: 1, laps: 99, filesDone: 1 };
    await machine.start(); // run 2 starts
    device.advance({ run: 1, state: 'DONE', laps: 99 });
    await flush();
    expect(machine.current.phase).toBe('syncing');
  });

  it('reconnects after the link drops and shows the outcome', async () => {
    device.addFiles('a.csv');
    await machine.sync();
    await machine.start();
    device.failReconnects = 2;
    device.drop();
    expect(machine.current).toMatchObject({ phase: 'syncing', reconnecting: true });
    device.files = [];
    device.current = { ...device.current, state: 'DONE', progress: 100, filesDone: 1, laps: 4 };
    for (let i = 0; i < 6; i++) await flush();
    expect(device.reconnects).toBe(3);
    expect(machine.current).toEqual({ phase: 'done', laps: 4, files: 1 });
  });

  it('gives up with a clear error when the logger stays away', async () => {
    device.addFiles('a.csv');
    await machine.sync();
    await machine.start();
    device.failReconnects = 99;
    device.drop();
    for (let i = 0; i < 20; i++) await flush();
    expect(machine.current).toMatchObject({ phase: 'error', code: 'BLE_LOST' });
  });

  it('returns to idle when the racer closes the chooser', async () => {
    device.connect = async () => { throw new BleFailure({ kind: 'cancelled', message: 'No RS-Core was chosen.' }); };
    await machine.sync();
    expect(machine.current).toEqual({ phase: 'idle' });
  });

  it('names a locked logger and a cancelled pairing plainly', async () => {
    device.connect = async () => {
      throw new BleFailure({ kind: 'pairing', reason: 'locked', message: 'Pairing is locked after 20 wrong codes.' });
    };
    await machine.sync();
    expect(machine.current).toMatchObject({ phase: 'error', code: 'PAIRING_LOCKED', message: 'Pairing is locked after 20 wrong codes.' });
    expect((machine.current as { advice: string }).advice).toMatch(/Press the button on the logger/);
    device.connect = async () => { throw new BleFailure({ kind: 'cancelled', message: 'Pairing was cancelled.' }); };
    await machine.sync();
    expect(machine.current).toEqual({ phase: 'idle' });
  });
});

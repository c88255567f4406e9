import { beforeEach, describe, expect, it } from 'vitest';
import { BleFailure } from '../device/errors';
import { fileKey, SettingsStore, type KeyValueStore } from '../settings';
import { FakeDevice, status } from './fake-device';
import { SyncMachine, type SyncServer, type SyncView, type Timers } from './sync-machine';

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

/** The server as the sync flow asks it: up or down, a token, and the (name, size) pairs it holds. */
class FakeServer implements SyncServer {
  up = true;
  token = 'tok';
  held: { name: string; size: number }[] = [];
  knownAnswers = true;
  constructor(private readonly settings: SettingsStore) {}
  async health() { return this.up; }
  async tokenAccepted() {
    if (!this.up) throw new Error('down');
    return this.settings.load().token === this.token;
  }
  async known(files: { name: string; size: number }[]) {
    if (!this.up || !this.knownAnswers) throw new Error('down');
    return files.filter((f) => this.held.some((h) => h.name === f.name && h.size === f.size));
  }
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('SyncMachine', () => {
  let device: FakeDevice;
  let settings: SettingsStore;
  let server: FakeServer;
  let timers: ManualTimers;
  let machine: SyncMachine;
  let synced: number;
  let views: SyncView[];
  let origin: string;

  beforeEach(() => {
    device = new FakeDevice();
    settings = new SettingsStore(new MemoryStore());
    settings.save({ ssid: 'Pit-42', password: 'hunter22', token: 'tok' });
    server = new FakeServer(settings);
    timers = new ManualTimers();
    synced = 0;
    origin = 'https://abc.trycloudflare.com/';
    machine = new SyncMachine(device, settings, () => origin, server, timers, () => synced++);
    views = [];
    machine.subscribe((v) => views.push(v));
  });

  it('asks the server which files it holds, so a second phone sees nothing new', async () => {
    device.addFiles('a.csv');
    server.held = [{ name: 'a.csv', size: 1000 }];
    await machine.sync();
    expect(machine.current).toEqual({ phase: 'nothing-new', total: 1 });
    expect(device.configures).toEqual([]);
    expect([...settings.processedFiles()]).toEqual(['a.csv|1000']); // the offline cache learns it
  });

  it('offers a new file that carries an old name', async () => {
    device.addFiles('a.csv');
    server.held = [{ name: 'a.csv', size: 999 }];
    settings.markProcessed(['a.csv', fileKey({ name: 'a.csv', size: 999 })]); // old name-only entry too
    await machine.sync();
    expect(machine.current).toMatchObject({ phase: 'new-data', files: ['a.csv'] });
  });

  it('falls back to the offline cache when the server cannot say', async () => {
    device.addFiles('a.csv', 'b.csv');
    server.knownAnswers = false;
    settings.markProcessed([fileKey({ name: 'a.csv', size: 1000 })]);
    await machine.sync();
    expect(machine.current).toMatchObject({ phase: 'new-data', files: ['b.csv'] });
  });

  it('offers every file again on "sync everything again" and forgets the cache', async () => {
    device.addFiles('a.csv', 'b.csv');
    server.held = [{ name: 'a.csv', size: 1000 }, { name: 'b.csv', size: 1000 }];
    settings.markProcessed(['x|1']);
    await machine.sync(true);
    expect(machine.current).toMatchObject({ phase: 'new-data', files: ['a.csv', 'b.csv'] });
    expect(settings.processedFiles().size).toBe(0);
  });

  it('refuses before the hotspot step when the logger would get a laptop-only address', async () => {
    device.addFiles('a.csv');
    origin = 'http://localhost:8080';
    await machine.sync();
    expect(machine.current).toMatchObject({ phase: 'error', code: 'URL_LOCAL', retry: 'sync' });
    expect((machine.current as { advice: string }).advice).toMatch(/https tunnel address/);
    expect(device.configures).toEqual([]);
  });

  it('refuses before the hotspot step when the server is down or rejects the token', async () => {
    device.addFiles('a.csv');
    server.up = false;
    await machine.sync();
    expect(machine.current).toMatchObject({ phase: 'error', code: 'SERVER_DOWN' });
    server.up = true;
    server.token = 'other';
    await machine.sync();
    expect(machine.current).toMatchObject({ phase: 'error', code: 'TOKEN_REJECTED' });
    expect(device.configures).toEqual([]);
  });

  it('asks for the hotspot, configures the logger and ends with the real lap count', async () => {
    device.addFiles('a.csv', 'b.csv', 'old.csv');
    device.files.push({ name: 'live.csv', size: 5, busy: true });
    server.held = [{ name: 'old.csv', size: 1000 }];
    await machine.sync();
    expect(machine.current).toEqual({ phase: 'new-data', files: ['a.csv', 'b.csv'], ssid: 'Pit-42' });

    await machine.start();
    expect(device.configures[0]).toEqual({ ssid: 'Pit-42', pass: 'hunter22', url: 'https://abc.trycloudflare.com', token: 'tok', after: 'archive' });
    device.advance({ state: 'SYNCING', progress: 40, file: 'a.csv', fileIndex: 1, fileCount: 2 });
    expect(machine.current).toMatchObject({ phase: 'syncing', progress: 40, file: 'a.csv', index: 1, count: 2 });

    device.finish(['a.csv', 'b.csv'], 12);
    await flush();
    expect(machine.current).toEqual({ phase: 'done', laps: 12, files: 2 });
    expect([...settings.processedFiles()].sort()).toEqual(['a.csv|1000', 'b.csv|1000', 'old.csv|1000']);
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
    expect([...settings.processedFiles()].sort()).toEqual(expect.arrayContaining(['a.csv|1000', 'b.csv|1000']));
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
    expect([...settings.processedFiles()].sort()).toEqual(expect.arrayContaining(['a.csv|1000', 'b.csv|1000']));
    expect([...settings.processedFiles()]).not.toContain('c.csv|1000');
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
    expect(machine.current).toMatchObject({ phase: 'error', code: 'SERVER_UNREACHABLE', retry: 'start' });
    expect((machine.current as { advice: string }).advice).toMatch(/server is unreachable/i);
    expect((machine.current as { detail?: string }).detail).toBeUndefined(); // said once, not twice
    expect([...settings.processedFiles()]).toEqual(['a.csv|1000']);
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

  it('says what to do when the racer closes the chooser, and when there is no adapter', async () => {
    device.connect = async () => { throw new BleFailure({ kind: 'cancelled', message: 'User cancelled the requestDevice() chooser.' }); };
    await machine.sync();
    expect(machine.current).toMatchObject({ phase: 'error', code: 'CHOOSER_CANCELLED', retry: 'sync' });
    device.connect = async () => { throw new BleFailure({ kind: 'no-adapter', message: 'Bluetooth adapter not available.' }); };
    await machine.sync();
    expect(machine.current).toMatchObject({ phase: 'error', code: 'NO_ADAPTER', retry: null });
  });

  it('cancels a run: the logger is told, and the outcome says the current file stays', async () => {
    device.addFiles('a.csv', 'b.csv');
    await machine.sync();
    await machine.start();
    device.advance({ state: 'SYNCING', progress: 30, file: 'b.csv', fileIndex: 2, fileCount: 2, filesDone: 1, laps: 3 });
    await machine.cancel();
    expect(device.cancels).toBe(1);
    expect(machine.current).toMatchObject({ phase: 'syncing', cancelling: true });
    device.files = device.files.filter((f) => f.name !== 'a.csv');
    device.advance({ state: 'ERROR', code: 'CANCELLED', message: 'Sync cancelled.', filesDone: 1, laps: 3 });
    await flush();
    expect(machine.current).toEqual({ phase: 'cancelled', files: 1, laps: 3 });
    expect([...settings.processedFiles()]).toEqual(['a.csv|1000']);
  });

  it('sends the cancel again once the lost link is back', async () => {
    device.addFiles('a.csv');
    await machine.sync();
    await machine.start();
    device.connected = false;
    await machine.cancel();
    expect(device.cancels).toBe(0);
    device.drop();
    for (let i = 0; i < 4; i++) await flush();
    expect(device.cancels).toBe(1);
  });

  it('tells a logger busy with another run apart from bad settings, and can follow that run', async () => {
    device.addFiles('a.csv');
    await machine.sync();
    device.current = status({ state: 'SYNCING', run: 7, progress: 10, fileCount: 3 }); // another phone started it
    await machine.start();
    expect(machine.current).toMatchObject({ phase: 'error', code: 'LOGGER_BUSY', retry: 'follow' });
    expect((machine.current as { advice: string }).advice).toMatch(/a sync is already running on this logger/i);
    await machine.follow();
    expect(machine.current).toMatchObject({ phase: 'syncing', count: 3 });
    device.advance({ state: 'DONE', progress: 100, filesDone: 3, laps: 9 });
    await flush();
    expect(machine.current).toEqual({ phase: 'done', laps: 9, files: 3 });
  });

  it('shows the field the logger refused when the settings are bad', async () => {
    device.addFiles('a.csv');
    await machine.sync();
    device.writeConfigure = async () => {
      device.current = status({ state: 'ERROR', code: 'BAD_CONFIG', message: 'pass: 8 to 63 characters' });
      throw new BleFailure({ kind: 'att', code: 0, message: 'GATT operation failed for unknown reason.' });
    };
    await machine.start();
    expect(machine.current).toMatchObject({ phase: 'error', code: 'BAD_CONFIG', detail: 'pass: 8 to 63 characters', retry: 'start' });
  });

  it('names a locked logger and a cancelled pairing plainly', async () => {
    device.connect = async () => {
      throw new BleFailure({ kind: 'pairing', reason: 'locked', message: 'Pairing is locked after 20 wrong codes.' });
    };
    await machine.sync();
    expect(machine.current).toMatchObject({ phase: 'error', code: 'PAIRING_LOCKED', detail: 'Pairing is locked after 20 wrong codes.' });
    expect((machine.current as { advice: string }).advice).toMatch(/Press the button on the logger/);
    device.connect = async () => { throw new BleFailure({ kind: 'cancelled', pairing: true, message: 'Pairing was cancelled.' }); };
    await machine.sync();
    expect(machine.current).toEqual({ phase: 'idle' });
  });
});

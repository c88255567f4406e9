import { describe, expect, it } from 'vitest';
import { SLEPT_NOTICE, SyncWakeLock, type PageVisibility, type WakeLockSentinelLike } from './wake-lock';
import type { SyncView } from '../sync/sync-machine';

class FakePage implements PageVisibility {
  visibilityState: DocumentVisibilityState = 'visible';
  private listeners: (() => void)[] = [];
  addEventListener(_t: 'visibilitychange', l: () => void) { this.listeners.push(l); }
  set(state: DocumentVisibilityState) { this.visibilityState = state; this.listeners.forEach((l) => l()); }
}

class FakeWakeLock {
  requests = 0;
  held: WakeLockSentinelLike[] = [];
  async request(): Promise<WakeLockSentinelLike> {
    this.requests++;
    const s: WakeLockSentinelLike = {
      release: async () => { this.held = this.held.filter((x) => x !== s); },
      addEventListener: () => undefined,
    };
    this.held.push(s);
    return s;
  }
}

const syncing: SyncView = { phase: 'syncing', progress: 10, index: 1, count: 2, reconnecting: false, cancelling: false, state: 'SYNCING' };
const done: SyncView = { phase: 'done', laps: 5, files: 2 };
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('SyncWakeLock', () => {
  it('holds the screen lock only while a sync runs', async () => {
    const lock = new FakeWakeLock();
    const w = new SyncWakeLock(lock, new FakePage());
    w.update({ phase: 'checking' });
    await settle();
    expect(lock.requests).toBe(0);
    w.update(syncing);
    w.update({ ...syncing, progress: 50 });
    await settle();
    expect(lock.requests).toBe(1);
    expect(lock.held).toHaveLength(1);
    w.update(done);
    await settle();
    expect(lock.held).toHaveLength(0);
  });

  it('tells the racer the phone slept mid-sync and takes the lock again', async () => {
    const lock = new FakeWakeLock();
    const page = new FakePage();
    const w = new SyncWakeLock(lock, page);
    const notices: (string | null)[] = [];
    w.onNotice((t) => notices.push(t));
    w.update(syncing);
    await settle();
    page.set('hidden');
    lock.held = []; // the browser drops the lock of a hidden page
    page.set('visible');
    await settle();
    expect(notices.at(-1)).toBe(SLEPT_NOTICE);
    expect(lock.requests).toBe(2);
    expect(lock.held).toHaveLength(1);
  });

  it('says nothing when the page was hidden outside a sync, and works without the API', async () => {
    const page = new FakePage();
    const w = new SyncWakeLock(undefined, page);
    const notices: (string | null)[] = [];
    w.onNotice((t) => notices.push(t));
    page.set('hidden');
    page.set('visible');
    w.update(syncing);
    await settle();
    expect(notices).toEqual([null]);
  });
});

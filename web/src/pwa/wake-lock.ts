// Keeps the phone's screen on while a sync runs (Screen Wake Lock), and notices when the phone went
// to sleep anyway (the lock is released whenever the page is hidden): the logger keeps uploading on
// its own, but the racer should know why the page lost track for a while.
import type { SyncView } from '../sync/sync-machine';

export interface WakeLockSentinelLike { release(): Promise<void>; addEventListener(type: 'release', l: () => void): void }
export interface WakeLockLike { request(type: 'screen'): Promise<WakeLockSentinelLike> }
export interface PageVisibility {
  readonly visibilityState: DocumentVisibilityState;
  addEventListener(type: 'visibilitychange', l: () => void): void;
}

export const SLEPT_NOTICE = 'The phone went to sleep during the sync. The logger carried on over Wi-Fi; ' +
  'the progress shown is current again. Keep the screen on until "Sync Complete!" next time.';

export class SyncWakeLock {
  private sentinel?: WakeLockSentinelLike;
  private syncing = false;
  private slept = false;
  private noticeListeners: ((text: string | null) => void)[] = [];

  constructor(private readonly wakeLock: WakeLockLike | undefined, private readonly page: PageVisibility) {
    page.addEventListener('visibilitychange', () => this.visibilityChanged());
  }

  onNotice(l: (text: string | null) => void) { this.noticeListeners.push(l); }

  /** Feed it the sync flow's views. */
  update(v: SyncView) {
    const was = this.syncing;
    this.syncing = v.phase === 'syncing';
    if (this.syncing && !was) {
      this.slept = false;
      this.notify(null);
      void this.acquire();
    }
    if (!this.syncing && was) void this.release();
  }

  private visibilityChanged() {
    if (this.page.visibilityState === 'hidden') {
      if (this.syncing) this.slept = true;
      this.sentinel = undefined; // the browser releases the lock of a hidden page
      return;
    }
    if (this.slept) this.notify(SLEPT_NOTICE);
    if (this.syncing) void this.acquire();
  }

  private async acquire() {
    if (!this.wakeLock || this.sentinel || this.page.visibilityState !== 'visible') return;
    try {
      const s = await this.wakeLock.request('screen');
      if (!this.syncing) return void s.release();
      this.sentinel = s;
      s.addEventListener('release', () => { if (this.sentinel === s) this.sentinel = undefined; });
    } catch {
      // Refused (battery saver, no permission): the sync works anyway; the notice covers a sleep.
    }
  }

  private async release() {
    const s = this.sentinel;
    this.sentinel = undefined;
    await s?.release().catch(() => undefined);
  }

  private notify(text: string | null) { this.noticeListeners.forEach((l) => l(text)); }
}

/** The notice element beside the sync panel; hidden until the phone slept mid-sync. */
export function wakeNotice(lock: SyncWakeLock, doc: Document = document): HTMLElement {
  const el = doc.createElement('p');
  el.className = 'notice';
  el.dataset.testid = 'slept-notice';
  el.setAttribute('role', 'status');
  el.hidden = true;
  lock.onNotice((text) => {
    el.hidden = !text;
    el.textContent = text ?? '';
  });
  return el;
}

/** Wires the wake lock to the sync flow; returns the notice element to show beside the panel. */
export function keepAwakeDuringSync(machine: { subscribe(l: (v: SyncView) => void): void }): HTMLElement {
  const lock = new SyncWakeLock('wakeLock' in navigator ? (navigator.wakeLock as WakeLockLike) : undefined, document);
  const notice = wakeNotice(lock);
  machine.subscribe((v) => lock.update(v));
  return notice;
}

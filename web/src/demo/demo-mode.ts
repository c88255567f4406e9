// Demo mode: without a logger at hand, scripts/demo.sh starts the server in demo mode beside
// rs-core-sim, and the page opened with ?demo=1 talks to that simulated RS-Core instead of the radio.
import type { SettingsStore } from '../settings';
import { DemoBluetooth } from './demo-bluetooth';
import { DemoLink, type SocketLike } from './demo-link';

const FLAG = 'demo_logger';
/** The hotspot scripts/demo.sh gives the simulated logger. */
export const DEMO_HOTSPOT = { ssid: 'Racesense-Pit', password: 'demo-paddock' };

export function demoLinkUrl(origin: string, token: string): string {
  return `${origin.replace(/^http/, 'ws')}/api/demo/link?token=${encodeURIComponent(token)}`;
}

/** ?demo=1 turns the demo logger on for this tab, ?demo=0 off. */
export function demoRequested(href: string, storage: Storage): boolean {
  const asked = new URL(href).searchParams.get('demo');
  if (asked === '1') storage.setItem(FLAG, '1');
  if (asked === '0') storage.removeItem(FLAG);
  return storage.getItem(FLAG) === '1';
}

/** Puts the demo logger in place of navigator.bluetooth when asked; true when it did. */
export function installDemoLoggerIfAsked(settings: SettingsStore, doc: Document = document): boolean {
  if (!demoRequested(location.href, sessionStorage)) return false;
  const link = new DemoLink(() => demoLinkUrl(location.origin, settings.load().token),
    (url) => new WebSocket(url) as unknown as SocketLike);
  Object.defineProperty(navigator, 'bluetooth', { value: new DemoBluetooth(link), configurable: true });
  if (!settings.load().password) settings.save({ ssid: DEMO_HOTSPOT.ssid, password: DEMO_HOTSPOT.password });
  const banner = doc.createElement('div');
  banner.dataset.testid = 'demo-banner';
  banner.setAttribute('style', 'background:#7c2d12;color:#fff;padding:.4rem .8rem;font-size:.9rem');
  banner.textContent = `Demo mode: "Sync" talks to a simulated RS-Core on this laptop (rs-core-sim), not over Bluetooth. ` +
    `Its hotspot: ${DEMO_HOTSPOT.ssid}, password ${DEMO_HOTSPOT.password}. Its pairing code is the one scripts/demo.sh printed. Open without ?demo=1 (or with ?demo=0) for a real logger.`;
  doc.body.prepend(banner);
  return true;
}

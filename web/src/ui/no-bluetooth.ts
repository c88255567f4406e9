// When this page cannot use Bluetooth at all: say the real cause (an insecure page, or a browser
// without Web Bluetooth) and the fix; the SD card upload below still works.
import type { BleError } from '../device/errors';
import { h } from './dom';

export function noBluetoothCard(why: BleError, pageUrl: string): HTMLElement {
  if (why.kind === 'insecure') {
    const origin = new URL(pageUrl).origin;
    return h('section', { class: 'card', 'data-testid': 'no-bluetooth', 'data-reason': 'insecure' },
      h('h2', {}, 'This page is not secure, so the browser blocks Bluetooth'),
      h('p', {}, `You opened ${origin} over plain http. Browsers allow Web Bluetooth only on secure pages: https, or localhost on the laptop itself.`),
      h('p', {}, 'Fix: open the https tunnel address on the phone (the https://… address cloudflared prints, with ?token=…). ' +
        'You can still browse the sessions and upload SD card files below.'));
  }
  return h('section', { class: 'card', 'data-testid': 'no-bluetooth', 'data-reason': 'unsupported' },
    h('h2', {}, 'Paddock Sync needs Web Bluetooth'),
    h('p', {}, 'This browser cannot talk to the RS-Core over Bluetooth (Firefox and Safari on iPhone do not support it). ' +
      'Open this page in Chrome on Android, or in Chrome or Edge on a laptop, to sync. ' +
      'You can still browse the uploaded sessions below, or upload the SD card’s files.'));
}

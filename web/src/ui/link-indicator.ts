// The Paddock Link icon: always visible, with a text label for screen readers.
import type { LinkState } from '../sync/device-link';
import { h } from './dom';

const LABELS: Record<LinkState, string> = { disconnected: 'Disconnected', scanning: 'Scanning', linked: 'Linked' };

export function linkIndicator(): { el: HTMLElement; set(state: LinkState, deviceName?: string): void } {
  const label = h('span', { class: 'link-label' }, LABELS.disconnected);
  const el = h('div', { class: 'link link-disconnected', role: 'status', 'aria-live': 'polite', 'data-testid': 'paddock-link' },
    h('span', { class: 'link-dot', 'aria-hidden': 'true' }), h('span', { class: 'sr-only' }, 'Paddock Link: '), label);
  return {
    el,
    /** Shows which logger is linked (three loggers in one pit: RS-Core-1A2B, …). */
    set(state, deviceName) {
      el.className = `link link-${state}`;
      el.dataset.state = state;
      label.textContent = state === 'linked' && deviceName ? `${LABELS[state]}: ${deviceName}` : LABELS[state];
    },
  };
}

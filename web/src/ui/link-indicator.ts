// The Paddock Link pill: an icon and a word, large enough to read at arm's length.
import type { LinkState } from '../device/device-link';
import { h } from './dom';

const LABELS: Record<LinkState, string> = { disconnected: 'Disconnected', scanning: 'Scanning', linked: 'Linked' };
const SVG = 'http://www.w3.org/2000/svg';

/** A check for linked, three dots for scanning, a struck circle for disconnected: readable without colour. */
function icon(state: LinkState): SVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('class', 'link-icon');
  const paths: Record<LinkState, string> = {
    linked: 'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm-1.5 14.5-4-4 1.4-1.4 2.6 2.6 5.6-5.6 1.4 1.4z',
    scanning: 'M5 10.5a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3zm7 0a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3zm7 0a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3z',
    disconnected: 'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm0 2a8 8 0 0 1 6.3 12.9L7.1 5.7A8 8 0 0 1 12 4zM4 12c0-1.8.6-3.5 1.7-4.9l11.2 11.2A8 8 0 0 1 4 12z',
  };
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('d', paths[state]);
  path.setAttribute('fill', 'currentColor');
  svg.append(path);
  return svg;
}

export function linkIndicator(): { el: HTMLElement; set(state: LinkState, deviceName?: string): void } {
  const word = h('span', { class: 'link-word' });
  const glyph = h('span', { class: 'link-glyph' });
  const el = h('div', { class: 'link', role: 'status', 'aria-live': 'polite', 'data-testid': 'paddock-link' },
    glyph, h('span', { class: 'sr-only' }, 'Paddock Link: '), word);
  /** Shows which logger is linked (three loggers in one pit: RS-Core-1A2B, …). */
  const set = (state: LinkState, deviceName?: string) => {
    el.className = `link link-${state}`;
    el.dataset.state = state;
    glyph.replaceChildren(icon(state));
    word.textContent = state === 'linked' && deviceName ? `${LABELS[state]}: ${deviceName}` : LABELS[state];
  };
  set('disconnected');
  return { el, set };
}

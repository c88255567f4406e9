// Renders the sync flow's state: status line, hotspot modal, progress, outcome.
import type { SyncMachine, SyncView } from '../sync/sync-machine';
import { h, replace } from './dom';

export function syncPanel(machine: SyncMachine, openSettings: () => void): HTMLElement {
  const status = h('div', { class: 'sync-status', 'aria-live': 'polite', 'data-testid': 'sync-status' });
  const modal = h('div', { class: 'modal-backdrop', hidden: true, 'data-testid': 'modal' });
  const syncButton = h('button', { class: 'primary big', 'data-testid': 'sync-button', onclick: () => void machine.sync() }, 'Sync');
  machine.subscribe((v) => {
    (syncButton as HTMLButtonElement).disabled = ['connecting', 'checking', 'syncing'].includes(v.phase);
    replace(status, statusLine(v));
    const body = modalBody(v, machine, openSettings);
    modal.hidden = !body;
    replace(modal, body ? h('div', { class: 'modal', role: 'dialog', 'aria-modal': 'true' }, body) : null);
  });
  return h('section', { class: 'card sync' }, syncButton, status, modal);
}

function statusLine(v: SyncView): string {
  switch (v.phase) {
    case 'idle': return 'Tap Sync next to the logger to bring its sessions over.';
    case 'connecting': return 'Choose your RS-Core…';
    case 'checking': return 'Reading the logger’s files…';
    case 'nothing-new': return `No new sessions on the logger (${v.total} file${v.total === 1 ? '' : 's'} already synced).`;
    default: return '';
  }
}

function modalBody(v: SyncView, machine: SyncMachine, openSettings: () => void): HTMLElement | null {
  switch (v.phase) {
    case 'new-data':
      return h('div', {},
        h('h2', {}, 'New data found!'),
        h('p', { 'data-testid': 'modal-text' }, `New data found! Please enable your hotspot [SSID: ${v.ssid}] now.`),
        h('p', { class: 'muted' }, `${v.files.length} new session file${v.files.length === 1 ? '' : 's'} on the logger.`),
        h('button', { class: 'primary', 'data-testid': 'start-sync', onclick: () => void machine.start() }, "I've turned it on - START SYNC"),
        h('button', { class: 'link-button', onclick: () => machine.dismiss() }, 'Not now'));
    case 'syncing':
      return h('div', {},
        h('h2', {}, 'Syncing...'),
        h('progress', { max: '100', value: String(v.progress), 'aria-label': 'Sync progress', 'data-testid': 'progress' }),
        h('p', { 'data-testid': 'progress-text' }, progressText(v)),
        v.reconnecting ? h('p', { class: 'warn' }, 'Bluetooth link lost — reconnecting to the logger…') : null);
    case 'done':
      return h('div', {},
        h('h2', {}, 'Done'),
        h('p', { class: 'success', 'data-testid': 'done-text' },
          `Sync Complete! ${v.laps} Lap${v.laps === 1 ? '' : 's'} uploaded. You can turn off your hotspot.`),
        h('a', { class: 'button primary', href: '#/session/latest', 'data-testid': 'see-laps', onclick: () => machine.dismiss() }, 'See the laps'),
        h('button', { class: 'secondary', 'data-testid': 'done-ok', onclick: () => machine.dismiss() }, 'OK'));
    case 'error':
      return h('div', {},
        h('h2', {}, 'Sync stopped'),
        h('p', { class: 'error', 'data-testid': 'error-advice' }, v.advice),
        v.message ? h('p', { class: 'muted' }, v.message) : null,
        h('div', { class: 'row' },
          h('button', { class: 'secondary', 'data-testid': 'error-settings', onclick: openSettings }, 'Settings'),
          v.canRetry ? h('button', { class: 'primary', 'data-testid': 'retry', onclick: () => void machine.start() }, 'Retry') : null),
        h('button', { class: 'link-button', 'data-testid': 'close-error', onclick: () => machine.dismiss() }, 'Close'));
    default:
      return null;
  }
}

function progressText(v: Extract<SyncView, { phase: 'syncing' }>): string {
  if (v.state === 'WIFI_CONNECTING') return 'The logger is joining your hotspot…';
  const file = v.file ? `${v.file} — ` : '';
  return `${file}file ${Math.max(v.index, 1)} of ${v.count} · ${v.progress}%`;
}

// Renders the sync flow's state inside the page (never blocking it): status line, hotspot step,
// progress with Cancel, outcome; a rejected upload token blocks Sync with the fix.
import { tokenSentence, type TokenStatus } from '../api/token-status';
import { HOTSPOT_BAND_HINT } from '../sync/advice';
import type { SyncMachine, SyncView } from '../sync/sync-machine';
import { h, replace } from './dom';

const HOTSPOT_SWITCH = 'The hotspot switch: on Android swipe down twice from the top and tap Hotspot; ' +
  'on iPhone open Settings › Personal Hotspot.';
const BUSY = ['connecting', 'checking', 'syncing'];

/** tokenSettled: the token of the link the page was opened with is saved (or refused); until then a
 *  sync would start with the old token (or none), so Sync waits for it. */
export function syncPanel(machine: SyncMachine, openSettings: () => void, token: TokenStatus,
  tokenSettled: Promise<unknown> = Promise.resolve()): HTMLElement {
  const status = h('div', { class: 'sync-status', 'aria-live': 'polite', 'data-testid': 'sync-status' });
  const flow = h('div', { class: 'sync-flow', hidden: true, role: 'region', 'aria-label': 'Sync', 'data-testid': 'sync-flow' });
  const blocked = h('div', { class: 'blocked', hidden: true, role: 'alert', 'data-testid': 'token-blocked' });
  const section = h('section', { class: 'card sync', 'data-testid': 'sync-card' });
  const syncButton = h('button', { class: 'primary big', 'data-testid': 'sync-button', onclick: () => void machine.sync() }, 'Sync') as HTMLButtonElement;
  let settled = false;
  const render = () => {
    const v = machine.current;
    const tokenBad = token.current === 'rejected' || token.current === 'missing';
    syncButton.disabled = !settled || BUSY.includes(v.phase) || tokenBad;
    blocked.hidden = !tokenBad;
    section.dataset.token = token.current;
    replace(blocked, h('p', {}, tokenSentence(token.current)),
      h('button', { class: 'secondary', onclick: openSettings }, 'Open Settings'));
    replace(status, ...statusLine(v, machine));
    const body = flowBody(v, machine, openSettings);
    flow.hidden = !body;
    flow.dataset.phase = v.phase;
    replace(flow, body);
  };
  machine.subscribe((v) => {
    if (v.phase === 'error' && v.code.startsWith('TOKEN_')) void token.check(); // the banner shows it too
    render();
    if (['new-data', 'done', 'cancelled', 'error'].includes(v.phase)) flow.scrollIntoView?.({ block: 'nearest' });
  });
  token.subscribe(render);
  void tokenSettled.finally(() => {
    settled = true;
    render();
  });
  section.append(blocked, syncButton, status, flow);
  return section;
}

function statusLine(v: SyncView, machine: SyncMachine): (Node | string)[] {
  switch (v.phase) {
    case 'idle': return ['Tap Sync next to the logger to bring its sessions over.'];
    case 'connecting': return ['Choose your RS-Core…'];
    case 'checking': return ['Reading the logger’s files and asking the server which are new…'];
    case 'nothing-new':
      return [
        h('span', {}, `No new sessions on the logger (${v.total} file${v.total === 1 ? '' : 's'} already on the server).`),
        h('button', { class: 'secondary', 'data-testid': 'resync-all', onclick: () => void machine.sync(true) }, 'Sync everything again'),
      ];
    default: return [];
  }
}

function flowBody(v: SyncView, machine: SyncMachine, openSettings: () => void): HTMLElement | null {
  switch (v.phase) {
    case 'new-data':
      return h('div', { class: 'step' },
        h('p', { class: 'lead', 'data-testid': 'modal-text' }, `New data found! Please enable your hotspot [SSID: ${v.ssid}] now.`),
        h('p', { class: 'hint', 'data-testid': 'hotspot-hint' }, HOTSPOT_BAND_HINT, ' ', HOTSPOT_SWITCH),
        h('p', { class: 'muted' }, `${v.files.length} new session file${v.files.length === 1 ? '' : 's'} on the logger.`),
        h('button', { class: 'primary', 'data-testid': 'start-sync', onclick: () => void machine.start() }, "I've turned it on - START SYNC"),
        h('button', { class: 'secondary', onclick: () => machine.dismiss() }, 'Not now'));
    case 'syncing':
      return h('div', { class: 'step' },
        h('h2', {}, 'Syncing...'),
        h('progress', { max: '100', value: String(v.progress), 'aria-label': 'Sync progress', 'data-testid': 'progress' }),
        h('p', { class: 'figure', 'data-testid': 'progress-text' }, progressText(v)),
        v.reconnecting ? h('p', { class: 'warn' }, 'Bluetooth link lost — reconnecting to the logger…') : null,
        h('button', { class: 'secondary', 'data-testid': 'cancel-sync', disabled: v.cancelling, onclick: () => void machine.cancel() },
          v.cancelling ? 'Cancelling…' : 'Cancel sync'));
    case 'done':
      return h('div', { class: 'step' },
        h('p', { class: 'success figure', 'data-testid': 'done-text' },
          `Sync Complete! ${v.laps} Lap${v.laps === 1 ? '' : 's'} uploaded. You can turn off your hotspot.`),
        h('a', { class: 'button primary', href: '#/session/latest', 'data-testid': 'see-laps', onclick: () => machine.dismiss() }, 'See the laps'),
        h('button', { class: 'secondary', 'data-testid': 'done-ok', onclick: () => machine.dismiss() }, 'OK'));
    case 'cancelled':
      return h('div', { class: 'step' },
        h('p', { class: 'lead', 'data-testid': 'cancelled-text' }, 'Sync cancelled: the current file stays on the logger.'),
        h('p', {}, v.files === 0 ? 'Nothing was uploaded; every file waits for the next sync.'
          : `${v.files} file${v.files === 1 ? '' : 's'} uploaded before the cancel (${v.laps} lap${v.laps === 1 ? '' : 's'}); the rest wait for the next sync.`),
        h('button', { class: 'primary', 'data-testid': 'cancelled-ok', onclick: () => machine.dismiss() }, 'OK'));
    case 'error':
      return h('div', { class: 'step' },
        h('h2', {}, errorTitle(v)),
        h('p', { class: 'error', 'data-testid': 'error-advice' }, v.advice),
        v.detail ? h('p', { 'data-testid': 'error-detail' }, `The logger said: ${v.detail}`) : null,
        h('p', { class: 'muted', 'data-testid': 'error-code' }, `Code ${v.code}`),
        h('div', { class: 'row' },
          h('button', { class: 'secondary', 'data-testid': 'error-settings', onclick: openSettings }, 'Settings'),
          retryButton(v.retry, machine)),
        h('button', { class: 'secondary', 'data-testid': 'close-error', onclick: () => machine.dismiss() }, 'Close'));
    default:
      return null;
  }
}

/** Before a run (preflight, Bluetooth) nothing has stopped yet; a busy logger is not a failure. */
function errorTitle(v: Extract<SyncView, { phase: 'error' }>): string {
  if (v.retry === 'follow') return 'The logger is busy';
  return v.retry === 'start' ? 'Sync stopped' : 'Not ready to sync';
}

function retryButton(retry: Extract<SyncView, { phase: 'error' }>['retry'], machine: SyncMachine): HTMLElement | null {
  if (retry === 'follow') return h('button', { class: 'primary', 'data-testid': 'follow', onclick: () => void machine.follow() }, 'Follow that sync');
  if (retry === 'sync') return h('button', { class: 'primary', 'data-testid': 'retry', onclick: () => void machine.sync() }, 'Try again');
  if (retry === 'start') return h('button', { class: 'primary', 'data-testid': 'retry', onclick: () => void machine.start() }, 'Retry');
  return null;
}

function progressText(v: Extract<SyncView, { phase: 'syncing' }>): string {
  if (v.state === 'WIFI_CONNECTING') return 'The logger is joining your hotspot…';
  const file = v.file ? `${v.file} — ` : '';
  return `${file}file ${Math.max(v.index, 1)} of ${v.count} · ${v.progress}%`;
}

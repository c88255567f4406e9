// Paddock Sync web app: wires the BLE client, the sync flow, settings and the sessions list.
import './styles.css';
import { mountAnalysisRoute } from './analysis/open';
import { ApiClient } from './api/api-client';
import { Pairing, StoredPairingCodes } from './ble/pairing';
import { RsCoreClient, webBluetoothAvailable } from './ble/rs-core-client';
import { installDemoLoggerIfAsked } from './demo/demo-mode';
import { keepAwakeDuringSync } from './pwa/wake-lock';
import { adoptTokenFromUrl, SettingsStore } from './settings';
import { SyncMachine } from './sync/sync-machine';
import { h } from './ui/dom';
import { linkIndicator } from './ui/link-indicator';
import { pairingDialog } from './ui/pairing-dialog';
import { sessionsView } from './ui/sessions-view';
import { settingsDialog } from './ui/settings-dialog';
import { syncPanel } from './ui/sync-panel';

const settings = new SettingsStore(localStorage);
adoptTokenFromUrl(settings, location, history);
installDemoLoggerIfAsked(settings); // ?demo=1 with scripts/demo.sh: a simulated logger instead of the radio
const serverBase = () => settings.load().serverUrl || location.origin;
const api = new ApiClient(serverBase, () => settings.load().token);
const sessions = sessionsView(api);
const link = linkIndicator();
const settingsUi = settingsDialog(settings, () => void sessions.refresh());
const pairingUi = pairingDialog();

const header = h('header', { class: 'top' },
  h('h1', {}, 'RaceSense'),
  link.el,
  h('button', { class: 'icon-button', 'aria-label': 'Settings', 'data-testid': 'open-settings', onclick: () => settingsUi.open() }, '⚙'));

function syncSection(): HTMLElement {
  if (!webBluetoothAvailable()) {
    return h('section', { class: 'card', 'data-testid': 'no-bluetooth' },
      h('h2', {}, 'Paddock Sync needs Web Bluetooth'),
      h('p', {}, 'This browser cannot talk to the RS-Core over Bluetooth (Firefox and Safari on iPhone do not support it). ' +
        'Open this page in Chrome on Android, or in Chrome or Edge on a laptop, to sync. ' +
        'You can still browse the uploaded sessions below, or pull the SD card and upload its files.'));
  }
  const client = new RsCoreClient(new Pairing(new StoredPairingCodes(localStorage), pairingUi.prompt));
  client.onLinkState((s) => link.set(s, client.deviceName));
  const machine = new SyncMachine(client, settings, serverBase, undefined, () => void sessions.refresh());
  const panel = syncPanel(machine, () => settingsUi.open());
  panel.append(keepAwakeDuringSync(machine));
  return panel;
}

const home = h('main', {}, syncSection(), sessions.el);
const sessionPage = h('main', { class: 'analysis', hidden: true, 'data-testid': 'session-page' });
document.getElementById('app')!.replaceChildren(header, home, sessionPage, settingsUi.el, pairingUi.el);
mountAnalysisRoute({ home, page: sessionPage, base: serverBase, token: () => settings.load().token, onHome: () => void sessions.refresh() });
void sessions.refresh();

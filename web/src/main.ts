// Paddock Sync web app: wires the BLE client, the sync flow, settings and the sessions list.
import './styles.css';
import { mountAnalysisRoute } from './analysis/open';
import { ApiClient } from './api/api-client';
import { TokenStatus } from './api/token-status';
import { Pairing, StoredPairingCodes } from './ble/pairing';
import { bluetoothUnavailable, RsCoreClient } from './ble/rs-core-client';
import { installDemoLoggerIfAsked } from './demo/demo-mode';
import { keepAwakeDuringSync } from './pwa/wake-lock';
import { adoptTokenFromUrl, SettingsStore } from './settings';
import { SyncMachine } from './sync/sync-machine';
import { h } from './ui/dom';
import { linkIndicator } from './ui/link-indicator';
import { noBluetoothCard } from './ui/no-bluetooth';
import { pairingDialog } from './ui/pairing-dialog';
import { sdUpload } from './ui/sd-upload';
import { sessionsView } from './ui/sessions-view';
import { settingsDialog } from './ui/settings-dialog';
import { syncPanel } from './ui/sync-panel';

const settings = new SettingsStore(localStorage);
installDemoLoggerIfAsked(settings); // ?demo=1 with scripts/demo.sh: a simulated logger instead of the radio
const serverBase = () => settings.load().serverUrl || location.origin;
const api = new ApiClient(serverBase, () => settings.load().token);
const token = new TokenStatus(api);
const sessions = sessionsView(api, (e) => token.learn(e));
const link = linkIndicator();
const pairingUi = pairingDialog();
const notice = h('p', { class: 'notice', role: 'alert', hidden: true, 'data-testid': 'notice' });
const settingsUi = settingsDialog(settings, token, () => {
  notice.hidden = true;
  void sessions.refresh();
});

const header = h('header', { class: 'top' },
  h('h1', {}, 'RaceSense'),
  link.el,
  h('button', { class: 'icon-button', 'aria-label': 'Settings', 'data-testid': 'open-settings', onclick: () => settingsUi.open() }, '⚙'));

// The token of the link the page was opened with (?token=…), checked with the server and saved.
const tokenSettled = adoptTokenFromUrl(settings, location, history, async (t) => {
  try {
    return (await api.tokenAccepted(t)) ? 'accepted' : 'rejected';
  } catch {
    return 'unreachable';
  }
}).then((message) => {
  notice.hidden = !message;
  notice.textContent = message;
  void token.check();
  void sessions.refresh();
});

function syncSection(): HTMLElement {
  const unavailable = bluetoothUnavailable();
  if (unavailable) return noBluetoothCard(unavailable, location.href);
  const client = new RsCoreClient(new Pairing(new StoredPairingCodes(localStorage), pairingUi.prompt));
  client.onLinkState((s) => link.set(s, client.deviceName));
  const machine = new SyncMachine(client, settings, serverBase, api, undefined, () => void sessions.refresh());
  const panel = syncPanel(machine, () => settingsUi.open(), token, tokenSettled);
  panel.append(keepAwakeDuringSync(machine));
  return panel;
}

const home = h('main', {}, notice, syncSection(), sessions.el, sdUpload(api, () => void sessions.refresh()));
const sessionPage = h('main', { class: 'analysis', hidden: true, 'data-testid': 'session-page' });
document.getElementById('app')!.replaceChildren(header, home, sessionPage, settingsUi.el, pairingUi.el);
mountAnalysisRoute({ home, page: sessionPage, base: serverBase, token: () => settings.load().token, onHome: () => void sessions.refresh() });


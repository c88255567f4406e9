// What the racer should do about each failure: the logger's ERROR codes (docs/protocol.md §1.1)
// and the ones the app finds itself (Bluetooth, preflight).
import type { DeviceStatus } from '../device/device-types';
import type { BleErrorKind } from '../device/errors';
import * as P from '../protocol';

export const HOTSPOT_BAND_HINT = 'The logger joins 2.4 GHz hotspots only: on iPhone turn on "Maximize Compatibility", ' +
  'on Android choose the 2.4 band under "AP band" in the hotspot settings.';

/** The codes the app itself gives to Bluetooth failures. */
export const BLE_CODES: Record<BleErrorKind, string> = {
  unsupported: 'NO_WEB_BLUETOOTH',
  insecure: 'INSECURE_PAGE',
  'no-adapter': 'NO_ADAPTER',
  'bluetooth-off': 'BLUETOOTH_OFF',
  'permission-denied': 'PERMISSION_DENIED',
  cancelled: 'CHOOSER_CANCELLED',
  'out-of-range': 'OUT_OF_RANGE',
  disconnected: 'BLE_LOST',
  busy: 'LOGGER_BUSY',
  att: P.ERROR_BAD_CONFIG,
  protocol: 'BLE_ERROR',
  pairing: 'PAIRING_WAIT', // reason 'locked' is PAIRING_LOCKED
};

function httpAdvice(status?: number): string {
  if (status === 401) return 'The server rejected the upload token. Open the link racesense-server printed (it ends in ?token=…), or paste the token in Settings.';
  if (status === 413) return 'A file is larger than the server accepts. Raise --max-upload-mb on the server.';
  if (status === 507) return 'The laptop’s disk is full. Free some space, then retry.';
  return 'The server refused the upload. Retry; if it persists, check the server log.';
}

const ADVICE: Record<string, (ssid: string) => string> = {
  [P.ERROR_WIFI_AUTH_FAILED]: (ssid) => `The hotspot "${ssid}" rejected the password. Check the hotspot password in Settings, then retry.`,
  [P.ERROR_WIFI_NOT_FOUND]: (ssid) => `The logger found no hotspot "${ssid}". Turn your hotspot on, keep the phone near the logger, then retry. ${HOTSPOT_BAND_HINT}`,
  [P.ERROR_WIFI_FAILED]: () => 'The logger joined the hotspot but got no connection. Retry.',
  [P.ERROR_SERVER_UNREACHABLE]: () => 'The server is unreachable from the hotspot. Check that the laptop runs racesense-server and the tunnel is up, then retry.',
  [P.ERROR_TLS_FAILED]: () => 'The secure connection to the server failed. Check the server URL in Settings (use the https tunnel address).',
  [P.ERROR_HASH_MISMATCH]: () => 'A file arrived damaged. Retry: nothing was deleted from the logger.',
  [P.ERROR_STORAGE]: () => 'The logger could not read its SD card. Check the card, then retry.',
  [P.ERROR_BAD_CONFIG]: () => 'The logger refused the settings. Check the hotspot name, password and server URL in Settings.',
  [P.ERROR_CANCELLED]: () => 'Sync cancelled: the current file stays on the logger.',
  [P.ERROR_BUSY]: () => 'The logger could not start the sync just now. Wait a moment, then tap Sync again.',
  PAIRING_LOCKED: () => 'Press the button on the logger (or switch it off and on), then Sync again with the code from its label.',
  PAIRING_WAIT: () => 'Wait a little, then Sync again with the code from the logger’s label.',
  BLE_LOST: () => 'The Bluetooth link to the logger was lost. Move closer and retry.',
  LOGGER_BUSY: () => 'A sync is already running on this logger (started from another phone, or still finishing). Follow it here, or wait until it ends.',
  NO_WEB_BLUETOOTH: () => 'This browser has no Web Bluetooth. Use Chrome on Android, or Chrome or Edge on a laptop.',
  INSECURE_PAGE: () => 'Web Bluetooth needs a secure page: open the https tunnel address (or localhost on the laptop itself).',
  NO_ADAPTER: () => 'This phone or laptop has no Bluetooth adapter the browser can use. Use a phone with Bluetooth, or upload the SD card’s files below.',
  BLUETOOTH_OFF: () => 'Bluetooth is turned off. Turn it on (quick settings), then tap Sync again.',
  PERMISSION_DENIED: () => 'The browser is not allowed to use Bluetooth here. Allow "Nearby devices" for Chrome (Android Settings › Apps › Chrome › Permissions) ' +
    'and Bluetooth for this site (the icon left of the address › Site settings), then tap Sync again. On a managed phone, ask whoever manages it.',
  CHOOSER_CANCELLED: () => 'No logger was chosen. Tap Sync and pick your RS-Core; if the list stays empty, switch the logger on, stand next to it and check that Bluetooth is on.',
  OUT_OF_RANGE: () => 'The logger did not answer. Stand within a few metres of it, check that it is switched on, then tap Sync again.',
  BLE_ERROR: () => 'The logger sent something the app did not understand. Retry; if it persists, restart the logger.',
};

export function adviceFor(status: Pick<DeviceStatus, 'code' | 'httpStatus'>, ssid: string): string {
  if (status.code === P.ERROR_HTTP) return httpAdvice(status.httpStatus);
  const advice = status.code ? ADVICE[status.code] : undefined;
  return advice ? advice(ssid) : 'Something went wrong. Retry.';
}

/** The logger's own sentence, when it adds something the advice does not already say. */
export function extraDetail(code: string, message: string | undefined): string | undefined {
  if (!message || code in ADVICE || code === P.ERROR_HTTP) return undefined;
  return message.length >= 118 ? `${message}…` : message; // the logger clips its message to 120 bytes
}

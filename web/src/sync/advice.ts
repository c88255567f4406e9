// What the racer should do about each ERROR the logger reports (docs/protocol.md §1.1).
import type { DeviceStatus } from './device-types';

export function adviceFor(status: Pick<DeviceStatus, 'code' | 'httpStatus'>, ssid: string): string {
  switch (status.code) {
    case 'WIFI_AUTH_FAILED':
      return `The hotspot "${ssid}" rejected the password. Check the hotspot password in Settings, then retry.`;
    case 'WIFI_NOT_FOUND':
      return `No hotspot "${ssid}" in range. Turn your hotspot on, keep the phone near the logger, then retry.`;
    case 'WIFI_FAILED':
      return 'The logger joined the hotspot but got no connection. Retry.';
    case 'SERVER_UNREACHABLE':
      return 'The server is unreachable. Check that the laptop runs racesense-server and the tunnel is up, then retry.';
    case 'TLS_FAILED':
      return 'The secure connection failed. Check the server URL in Settings.';
    case 'HTTP_ERROR':
      if (status.httpStatus === 401) return 'The upload token is wrong. Open the link the server printed, or paste the token in Settings.';
      if (status.httpStatus === 413) return 'A file is larger than the server accepts. Raise --max-upload-mb on the server.';
      if (status.httpStatus === 507) return 'The laptop’s disk is full. Free some space, then retry.';
      return 'The server refused the upload. Retry; if it persists, check the server log.';
    case 'HASH_MISMATCH':
      return 'A file arrived damaged. Retry: nothing was deleted from the logger.';
    case 'STORAGE_ERROR':
      return 'The logger could not read its SD card. Check the card, then retry.';
    case 'BAD_CONFIG':
      return 'The logger refused the settings. Check the hotspot name, password and server URL in Settings.';
    case 'CANCELLED':
      return 'The sync was cancelled.';
    case 'PAIRING_LOCKED':
      return 'Press the button on the logger (or switch it off and on), then Sync again with the code from its label.';
    case 'PAIRING_WAIT':
      return 'Wait a little, then Sync again with the code from the logger’s label.';
    case 'BLE_LOST':
      return 'The Bluetooth link to the logger was lost. Move closer and retry.';
    default:
      return 'Something went wrong. Retry.';
  }
}

// The RS-Core as the sync flow sees it; ble/RsCoreClient implements it over Web Bluetooth.
import type { ConfigurePayload, DeviceFile, DeviceStatus } from './device-types';

export type LinkState = 'disconnected' | 'scanning' | 'linked';

export interface DeviceLink {
  /** Opens the chooser (first time) or reconnects to the known device. */
  connect(): Promise<void>;
  /** Reconnects to the device chosen before, without the chooser. */
  reconnect(): Promise<void>;
  readFileList(): Promise<DeviceFile[]>;
  /** The list generation the last readFileList() saw (STATUS list_gen equal to it: nothing else changed). */
  readonly listGen?: number;
  /** The advertised name of the chosen logger, e.g. RS-Core-1A2B. */
  readonly deviceName?: string;
  /** The logger runs on this laptop (the demo's rs-core-sim), so a localhost server URL reaches it. */
  readonly onThisMachine?: boolean;
  readStatus(): Promise<DeviceStatus>;
  writeConfigure(config: ConfigurePayload): Promise<void>;
  /** CONFIGURE {"cmd":"cancel"}: the run stops at the next chunk, the current file stays on the card. */
  cancelRun(): Promise<void>;
  /** Full statuses from notifications (change markers are resolved by a read). */
  onStatus(listener: (status: DeviceStatus) => void): void;
  onDisconnect(listener: () => void): void;
  onLinkState(listener: (state: LinkState) => void): void;
}

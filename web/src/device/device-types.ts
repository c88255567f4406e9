// What the RS-Core says over BLE (docs/protocol.md §1), parsed defensively.
import { FILE_FLAG_BUSY } from '../protocol';
export type SyncState = 'IDLE' | 'WIFI_CONNECTING' | 'SYNCING' | 'DONE' | 'ERROR';

export interface DeviceStatus {
  state: SyncState;
  run: number;
  seq: number;
  progress: number;
  file?: string;
  fileIndex: number;
  fileCount: number;
  filesDone: number;
  laps: number;
  code?: string;
  message?: string;
  httpStatus?: number;
  batteryV?: number;
  /** Changes when the logger changed its session folder other than by this run's uploads (§1.3). */
  listGen?: number;
}

export interface DeviceFile {
  name: string;
  size: number;
  busy: boolean;
}

export interface FileListPage {
  total: number;
  offset: number;
  gen?: number;
  files: DeviceFile[];
}

export interface ConfigurePayload {
  ssid: string;
  pass: string;
  url: string;
  token: string;
  after: 'archive' | 'delete';
}

const STATES: SyncState[] = ['IDLE', 'WIFI_CONNECTING', 'SYNCING', 'DONE', 'ERROR'];
const num = (v: unknown, fallback = 0) => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

function parseObject(text: string): Record<string, unknown> | null {
  try {
    const v = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? v : null;
  } catch {
    return null;
  }
}

/** A full status, or null for a change marker ({"seq":N}) or garbage: the caller then reads. */
export function parseStatus(text: string): DeviceStatus | null {
  const o = parseObject(text);
  if (!o || !STATES.includes(o.state as SyncState)) return null;
  return {
    state: o.state as SyncState,
    run: num(o.run),
    seq: num(o.seq),
    progress: Math.max(0, Math.min(100, num(o.progress, num(o.sync_progress)))),
    file: str(o.file),
    fileIndex: num(o.file_index),
    fileCount: num(o.file_count),
    filesDone: num(o.files_done),
    laps: num(o.laps),
    code: str(o.code),
    message: str(o.message),
    httpStatus: typeof o.http_status === 'number' ? o.http_status : undefined,
    batteryV: typeof o.battery_v === 'number' ? o.battery_v : undefined,
    listGen: typeof o.list_gen === 'number' ? o.list_gen : undefined,
  };
}

export function parseFileListPage(text: string): FileListPage | null {
  const o = parseObject(text);
  if (!o || !Array.isArray(o.files)) return null;
  // Compact entries: [name, size] or [name, size, flags].
  const files = o.files
    .filter((f): f is unknown[] => Array.isArray(f) && typeof f[0] === 'string')
    .map((f) => ({ name: f[0] as string, size: num(f[1]), busy: (num(f[2]) & FILE_FLAG_BUSY) !== 0 }));
  return { total: num(o.total, files.length), offset: num(o.offset), gen: typeof o.gen === 'number' ? o.gen : undefined, files };
}

// POST /api/upload from the browser (the SD card fallback), with upload progress.
import { FILENAME_HEADER, SHA256_HEADER, UPLOAD_PATH } from '../protocol';
import type { ApiClient } from './api-client';

export type UploadOutcome =
  | { status: 'uploaded' | 'duplicate'; id: number; laps: number; parseError: string | null }
  | { status: 'failed'; httpStatus: number; message: string };

/** SHA-256 of the file in lower-case hex, or null where the page has no WebCrypto (insecure page). */
export async function sha256Hex(file: Blob): Promise<string | null> {
  if (!globalThis.crypto?.subtle) return null;
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export function uploadFile(api: ApiClient, file: File, sha256: string | null, onProgress: (fraction: number) => void): Promise<UploadOutcome> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', api.url(UPLOAD_PATH));
    xhr.setRequestHeader('Authorization', `Bearer ${api.token()}`);
    xhr.setRequestHeader('Content-Type', 'text/csv');
    xhr.setRequestHeader(FILENAME_HEADER, encodeURIComponent(file.name));
    if (sha256) xhr.setRequestHeader(SHA256_HEADER, sha256);
    xhr.upload.onprogress = (e) => { if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total); };
    xhr.onload = () => {
      const body = parseJson(xhr.responseText);
      if (xhr.status === 200 && body) {
        onProgress(1);
        return resolve({ status: body.duplicate ? 'duplicate' : 'uploaded', id: body.id, laps: body.laps ?? 0, parseError: body.parse_error ?? null });
      }
      resolve({ status: 'failed', httpStatus: xhr.status, message: body?.error?.message ?? `The server answered ${xhr.status}.` });
    };
    xhr.onerror = () => resolve({ status: 'failed', httpStatus: 0, message: `The server at ${api.base()} cannot be reached.` });
    xhr.send(file);
  });
}

interface UploadAnswer {
  id: number;
  laps?: number;
  duplicate?: boolean;
  parse_error?: string | null;
  error?: { message?: string };
}

function parseJson(text: string): UploadAnswer | null {
  try {
    return JSON.parse(text) as UploadAnswer;
  } catch {
    return null;
  }
}

// The SD card fallback: pick or drop session files, each uploaded through /api/upload with its own
// progress; files the server already holds are recognised (by SHA-256) and not sent again.
import type { ApiClient } from '../api/api-client';
import { sha256Hex, uploadFile, type UploadOutcome } from '../api/upload';
import { h } from './dom';

export function sdUpload(api: ApiClient, onUploaded: () => void): HTMLElement {
  const list = h('ul', { class: 'uploads', 'data-testid': 'upload-list' });
  const input = h('input', { type: 'file', multiple: true, accept: '.csv,text/csv', class: 'file-input', 'data-testid': 'upload-input', id: 'sd-files' }) as HTMLInputElement;
  const zone = h('label', { class: 'drop-zone', for: 'sd-files', 'data-testid': 'drop-zone' },
    input, h('span', { class: 'button-like' }, 'Choose files'), h('span', {}, ' or drop them here'));
  let queue = Promise.resolve();
  const take = (files: FileList | null) => {
    for (const file of Array.from(files ?? [])) {
      const row = uploadRow(file);
      list.append(row.el);
      queue = queue.then(() => send(api, file, row)).then((sent) => { if (sent) onUploaded(); });
    }
  };
  input.addEventListener('change', () => { take(input.files); input.value = ''; });
  zone.addEventListener('dragover', (e) => { e.preventDefault(); zone.classList.add('over'); });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.classList.remove('over');
    take((e as DragEvent).dataTransfer?.files ?? null);
  });
  return h('section', { class: 'card', 'data-testid': 'sd-upload' },
    h('h2', {}, 'Upload from the SD card'),
    h('p', {}, 'No logger at hand, or no Bluetooth? Put the logger’s SD card in this phone or laptop and pick the files in its sessions folder.'),
    zone, list);
}

interface Row {
  el: HTMLElement;
  progress(fraction: number): void;
  done(state: 'uploaded' | 'duplicate' | 'failed', text: string): void;
}

function uploadRow(file: File): Row {
  const bar = h('progress', { max: '100', value: '0', 'aria-label': `Upload of ${file.name}` }) as HTMLProgressElement;
  const text = h('span', { class: 'upload-state' }, 'Waiting…');
  const el = h('li', { 'data-testid': 'upload-row', 'data-status': 'waiting' }, h('span', { class: 'upload-name' }, file.name), bar, text);
  return {
    el,
    progress(f) {
      bar.value = Math.round(f * 100);
      text.textContent = `${bar.value}%`;
      el.dataset.status = 'sending';
    },
    done(state, sentence) {
      el.dataset.status = state;
      text.textContent = sentence;
      text.className = `upload-state ${state === 'failed' ? 'error' : state === 'uploaded' ? 'success' : ''}`;
      if (state !== 'failed') bar.value = 100;
    },
  };
}

/** Returns true when a new session was stored. */
async function send(api: ApiClient, file: File, row: Row): Promise<boolean> {
  row.progress(0);
  const sha = await sha256Hex(file).catch(() => null);
  if (sha) {
    const held = await api.known([{ sha256: sha }]).catch(() => []);
    if (held.length > 0) {
      row.done('duplicate', 'Already on the server: not sent again.');
      return false;
    }
  }
  const outcome = await uploadFile(api, file, sha, (f) => row.progress(f));
  row.done(outcome.status, sentence(outcome));
  return outcome.status === 'uploaded';
}

function sentence(o: UploadOutcome): string {
  if (o.status === 'failed') return o.httpStatus === 401 ? 'Refused: the upload token is wrong (see Settings).' : `Failed: ${o.message}`;
  if (o.status === 'duplicate') return 'Already on the server: not stored twice.';
  if (o.parseError) return `Stored, but no laps: ${o.parseError}`;
  return `Uploaded: ${o.laps} lap${o.laps === 1 ? '' : 's'}.`;
}

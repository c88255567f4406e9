// What a racer does with a stored session: download the original file, rename it, delete it
// (after a confirmation; the server removes the stored file too).
import { ApiError, type ApiClient, type SessionSummary } from '../api/api-client';
import { h, replace } from './dom';

export function sessionName(s: SessionSummary): string {
  return s.title || s.filename;
}

export function sessionActions(s: SessionSummary, api: ApiClient, onChanged: () => void): HTMLElement {
  const box = h('div', { class: 'session-actions', 'data-testid': 'session-actions' });
  const say = (text: string, cls = 'error') => h('p', { class: cls, role: 'status' }, text);
  const failed = (e: unknown) => replace(box, say(e instanceof ApiError ? e.message : String(e)), buttons());

  const download = async () => {
    try {
      const blob = await api.originalCsv(s.id);
      const a = h('a', { href: URL.createObjectURL(blob), download: s.filename }) as HTMLAnchorElement;
      a.click();
      setTimeout(() => URL.revokeObjectURL(a.href), 10000);
    } catch (e) {
      failed(e);
    }
  };

  const rename = () => {
    const input = h('input', { name: 'title', value: sessionName(s), maxlength: '120', 'aria-label': 'Session name' }) as HTMLInputElement;
    const save = async (e: Event) => {
      e.preventDefault();
      try {
        await api.rename(s.id, input.value.trim() || null);
        onChanged();
      } catch (err) {
        failed(err);
      }
    };
    replace(box, h('form', { class: 'rename', onsubmit: save },
      h('label', {}, h('span', {}, 'New name'), input),
      h('div', { class: 'row' },
        h('button', { type: 'button', class: 'secondary', onclick: () => replace(box, buttons()) }, 'Cancel'),
        h('button', { type: 'submit', class: 'primary', 'data-testid': 'save-name' }, 'Save name'))));
    input.focus();
  };

  const confirmDelete = () => {
    const remove = async () => {
      try {
        await api.remove(s.id);
        onChanged();
      } catch (e) {
        failed(e);
      }
    };
    replace(box, h('div', { class: 'confirm', role: 'alertdialog', 'aria-label': 'Delete session' },
      h('p', {}, `Delete “${sessionName(s)}” from the server? Its laps and the stored file go too; this cannot be undone.`),
      h('div', { class: 'row' },
        h('button', { class: 'secondary', 'data-testid': 'keep', onclick: () => replace(box, buttons()) }, 'Keep it'),
        h('button', { class: 'danger', 'data-testid': 'confirm-delete', onclick: () => void remove() }, 'Delete for good'))));
  };

  const buttons = () => h('div', { class: 'row wrap' },
    h('button', { class: 'secondary', 'data-testid': 'download', onclick: () => void download() }, 'Download original'),
    h('button', { class: 'secondary', 'data-testid': 'rename', onclick: rename }, 'Rename'),
    h('button', { class: 'secondary', 'data-testid': 'delete', onclick: confirmDelete }, 'Delete'));
  box.append(buttons());
  return box;
}

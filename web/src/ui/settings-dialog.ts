// Settings: hotspot SSID and password, after-upload action, server URL override, upload token
// (with whether the server accepts it), and whether a local-network server URL is allowed.
import { tokenSentence, type TokenStatus } from '../api/token-status';
import type { SettingsStore } from '../settings';
import { h } from './dom';

export function settingsDialog(store: SettingsStore, token: TokenStatus, onSaved: () => void): { el: HTMLElement; open(): void } {
  const dialog = h('dialog', { class: 'settings', 'data-testid': 'settings' }) as HTMLDialogElement;
  const field = (label: string, input: HTMLElement) => h('label', {}, h('span', {}, label), input);
  const tokenLine = h('p', { class: 'token-state', 'aria-live': 'polite', 'data-testid': 'token-state' });
  token.subscribe((s) => {
    tokenLine.textContent = tokenSentence(s);
    tokenLine.dataset.state = s;
  });
  const open = () => {
    const s = store.load();
    const ssid = h('input', { name: 'ssid', value: s.ssid, maxlength: '32', required: true, autocomplete: 'off' }) as HTMLInputElement;
    const pass = h('input', { name: 'password', type: 'password', value: s.password, maxlength: '63', autocomplete: 'off' }) as HTMLInputElement;
    const after = h('select', { name: 'after' }, h('option', { value: 'archive' }, 'Archive on the logger'),
      h('option', { value: 'delete' }, 'Delete from the logger')) as HTMLSelectElement;
    after.value = s.after;
    const url = h('input', { name: 'server', type: 'url', value: s.serverUrl, placeholder: location.origin }) as HTMLInputElement;
    const tokenInput = h('input', { name: 'token', value: s.token, autocomplete: 'off' }) as HTMLInputElement;
    const lan = h('input', { name: 'allow-lan', type: 'checkbox', checked: s.allowLanUrl }) as HTMLInputElement;
    const save = (e: Event) => {
      e.preventDefault();
      store.save({ ssid: ssid.value.trim(), password: pass.value, after: after.value as 'archive' | 'delete', serverUrl: url.value.trim(),
        token: tokenInput.value.trim(), allowLanUrl: lan.checked });
      dialog.close();
      void token.check();
      onSaved();
    };
    dialog.replaceChildren(h('form', { method: 'dialog', onsubmit: save },
      h('h2', {}, 'Settings'),
      field('Hotspot name (SSID)', ssid),
      field('Hotspot password', pass),
      field('After upload', after),
      field('Server URL (empty: this page’s address)', url),
      h('label', { class: 'check' }, lan, h('span', {}, 'The laptop is on the same hotspot (allow a local-network server URL)')),
      field('Upload token', tokenInput),
      tokenLine,
      h('div', { class: 'row' },
        h('button', { type: 'button', class: 'secondary', onclick: () => dialog.close() }, 'Cancel'),
        h('button', { type: 'submit', class: 'primary', 'data-testid': 'save-settings' }, 'Save'))));
    dialog.showModal();
  };
  return { el: dialog, open };
}

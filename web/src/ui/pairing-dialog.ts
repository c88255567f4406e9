// "Enter the pairing code from the label": asked once per logger (the phone remembers the code).
// Where the browser has BarcodeDetector, the label's QR code can be scanned with the camera instead.
import type { CodePrompt } from '../ble/pairing';
import { normalizePairingCode } from '../ble/pairing';
import { PAIRING_CODE_DIGITS } from '../protocol';
import { h } from './dom';

interface BarcodeDetectorLike {
  detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]>;
}
type BarcodeDetectorCtor = new (options: { formats: string[] }) => BarcodeDetectorLike;

const detectorCtor = () => (globalThis as { BarcodeDetector?: BarcodeDetectorCtor }).BarcodeDetector;

export function pairingDialog(): { el: HTMLElement; prompt: CodePrompt } {
  const dialog = h('dialog', { class: 'settings pairing', 'data-testid': 'pairing' }) as HTMLDialogElement;
  let answer: ((code: string | null) => void) | undefined;
  let stopScan = () => undefined as void;

  const settle = (code: string | null) => {
    stopScan();
    const a = answer;
    answer = undefined;
    a?.(code);
  };
  dialog.addEventListener('cancel', () => settle(null));

  async function scan(input: HTMLInputElement, video: HTMLVideoElement, error: HTMLElement) {
    const Detector = detectorCtor();
    if (!Detector) return;
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
      video.srcObject = stream;
      video.hidden = false;
      await video.play();
      const detector = new Detector({ formats: ['qr_code'] });
      let scanning = true;
      stopScan = () => {
        scanning = false;
        stream.getTracks().forEach((t) => t.stop());
        video.hidden = true;
      };
      while (scanning) {
        const found = (await detector.detect(video)).map((b) => normalizePairingCode(b.rawValue)).find((c) => c);
        if (found) {
          input.value = found;
          return settle(found);
        }
        await new Promise((r) => setTimeout(r, 250));
      }
    } catch {
      error.textContent = 'The camera is not available. Type the code instead.';
    }
  }

  const prompt: CodePrompt = {
    ask: ({ wrongCode }) => new Promise((resolve) => {
      answer = resolve;
      const input = h('input', {
        name: 'pairing-code', inputmode: 'numeric', autocomplete: 'off', maxlength: '12', required: true,
        placeholder: '1234 5678', 'aria-label': 'Pairing code', 'data-testid': 'pairing-code',
      }) as HTMLInputElement;
      const error = h('p', { class: 'pairing-error', role: 'alert', 'data-testid': 'pairing-error' },
        wrongCode ? 'That code is wrong. Check the label on the logger and enter it again.' : '');
      const video = h('video', { class: 'qr-video', playsinline: true, muted: true, hidden: true }) as HTMLVideoElement;
      const submit = (e: Event) => {
        e.preventDefault();
        const code = normalizePairingCode(input.value);
        if (!code) {
          error.textContent = `The code has ${PAIRING_CODE_DIGITS} digits, as printed on the label.`;
          return;
        }
        settle(code);
      };
      dialog.replaceChildren(h('form', { method: 'dialog', onsubmit: submit },
        h('h2', {}, 'Pair with this logger'),
        h('p', { 'data-testid': 'pairing-text' }, 'Enter the pairing code from the label'),
        input,
        error,
        video,
        detectorCtor()
          ? h('button', { type: 'button', class: 'link-button', 'data-testid': 'scan-qr', onclick: () => void scan(input, video, error) }, 'Scan the QR code')
          : null,
        h('p', { class: 'hint' }, 'This phone remembers it for this logger: you are asked only once.'),
        h('div', { class: 'row' },
          h('button', { type: 'button', class: 'link-button', 'data-testid': 'pairing-cancel', onclick: () => settle(null) }, 'Cancel'),
          h('button', { type: 'submit', class: 'primary', 'data-testid': 'pairing-submit' }, 'Pair'))));
      if (!dialog.open) dialog.showModal();
      input.focus();
    }),
    close: () => {
      stopScan();
      if (dialog.open) dialog.close();
    },
  };
  return { el: dialog, prompt };
}

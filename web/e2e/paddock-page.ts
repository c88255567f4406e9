// Page object of the Paddock Sync web app.
import type { Page } from 'playwright-core';

export class PaddockPage {
  constructor(readonly page: Page, private readonly remembered?: { salt: string; code: string }) {}

  /** Opens the app; by default as a phone that already paired with the logger (its code remembered). */
  async open(origin: string, token: string, options: { paired?: boolean } = {}) {
    await this.page.goto(`${origin}/?token=${token}`);
    await this.page.locator('[data-testid=sync-button], [data-testid=no-bluetooth]').first().waitFor();
    if (options.paired !== false && this.remembered) {
      const { salt, code } = this.remembered;
      await this.page.evaluate(([s, c]) => localStorage.setItem('pairing_codes', JSON.stringify({ [s]: c })), [salt, code]);
    }
  }
  async pairingText() {
    const dialog = this.page.getByTestId('pairing');
    await dialog.waitFor({ timeout: 15000 });
    return dialog.getByTestId('pairing-text').textContent();
  }
  async enterPairingCode(code: string) {
    const dialog = this.page.getByTestId('pairing');
    await dialog.getByTestId('pairing-code').fill(code);
    await dialog.getByTestId('pairing-submit').click();
  }
  async pairingError() {
    const error = this.page.getByTestId('pairing-error');
    await this.page.waitForFunction(() => !!document.querySelector('[data-testid=pairing-error]')?.textContent, null, { timeout: 15000 });
    return error.textContent();
  }
  pairingVisible() { return this.page.getByTestId('pairing').isVisible(); }
  rememberedCodes(): Promise<Record<string, string>> {
    return this.page.evaluate(() => JSON.parse(localStorage.getItem('pairing_codes') ?? '{}'));
  }
  async setProcessedFiles(names: string[]) {
    await this.page.evaluate((n) => localStorage.setItem('processed_files', JSON.stringify(n)), names);
  }
  async setSettings(values: { ssid?: string; password?: string }) {
    const fromError = this.page.getByTestId('error-settings');
    await (await fromError.isVisible() ? fromError : this.page.getByTestId('open-settings')).click();
    const dialog = this.page.getByTestId('settings');
    if (values.ssid !== undefined) await dialog.locator('input[name=ssid]').fill(values.ssid);
    if (values.password !== undefined) await dialog.locator('input[name=password]').fill(values.password);
    await dialog.getByTestId('save-settings').click();
  }
  /** Makes the page look like Firefox or Safari on iPhone: no navigator.bluetooth. */
  async withoutWebBluetooth() {
    await this.page.addInitScript(() => {
      delete (Navigator.prototype as { bluetooth?: unknown }).bluetooth;
    });
  }
  async noBluetoothText() {
    const box = this.page.getByTestId('no-bluetooth');
    await box.waitFor();
    return box.textContent();
  }
  sync() { return this.page.getByTestId('sync-button').click(); }
  modalText() { return this.page.getByTestId('modal-text').textContent(); }
  startSync() { return this.page.getByTestId('start-sync').click(); }
  async waitForSyncing() { await this.page.getByTestId('progress').waitFor({ timeout: 15000 }); }
  async doneText() {
    const done = this.page.getByTestId('done-text');
    await done.waitFor({ timeout: 30000 });
    return done.textContent();
  }
  async errorAdvice() {
    const advice = this.page.getByTestId('error-advice');
    await advice.waitFor({ timeout: 30000 });
    return advice.textContent();
  }
  retry() { return this.page.getByTestId('retry').click(); }
  async statusText() {
    const status = this.page.getByTestId('sync-status');
    await this.page.waitForFunction(() => !!document.querySelector('[data-testid=sync-status]')?.textContent?.includes('No new'), null, { timeout: 15000 });
    return status.textContent();
  }
  modalVisible() { return this.page.getByTestId('modal').isVisible(); }
  linkState() { return this.page.getByTestId('paddock-link').getAttribute('data-state'); }
  linkLabel() { return this.page.getByTestId('paddock-link').innerText(); }
  processedFiles(): Promise<string[]> {
    return this.page.evaluate(() => JSON.parse(localStorage.getItem('processed_files') ?? '[]'));
  }
  async sessionCount(expected: number) {
    await this.page.waitForFunction((n) => document.querySelectorAll('[data-testid=session]').length === n, expected, { timeout: 15000 });
    return this.page.locator('[data-testid=session]').count();
  }
  /** Closes the Done dialog, opens the first session and returns its lap times as shown. */
  async firstSessionLapTimes(): Promise<string[]> {
    await this.page.getByTestId('done-ok').click();
    await this.page.getByTestId('modal').waitFor({ state: 'hidden' });
    const first = this.page.getByTestId('session').first();
    await first.locator('summary').click();
    await first.locator('ol li').first().waitFor({ timeout: 15000 });
    return first.locator('ol li').allTextContents();
  }
  screenshot(path: string) { return this.page.screenshot({ path, fullPage: true }); }
}

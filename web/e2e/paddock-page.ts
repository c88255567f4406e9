// Page object of the Paddock Sync web app.
import type { Page } from 'playwright-core';

export class PaddockPage {
  constructor(readonly page: Page, private readonly remembered?: { salt: string; code: string }) {}

  /** Opens the app; by default as a phone that already paired with the logger (its code remembered). */
  async open(origin: string, token?: string, options: { paired?: boolean } = {}) {
    await this.page.goto(token === undefined ? `${origin}/` : `${origin}/?token=${token}`);
    await this.page.locator('[data-testid=sync-button], [data-testid=no-bluetooth]').first().waitFor();
    await this.page.waitForFunction(() => !!document.querySelector('[data-testid=no-bluetooth], [data-testid=sync-card]:not([data-token=checking])'));
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
  async setProcessedFiles(keys: string[]) {
    await this.page.evaluate((n) => localStorage.setItem('processed_files', JSON.stringify(n)), keys);
  }
  async openSettings() {
    const fromError = this.page.getByTestId('error-settings');
    await (await fromError.isVisible() ? fromError : this.page.getByTestId('open-settings')).click();
    return this.page.getByTestId('settings');
  }
  async setSettings(values: { ssid?: string; password?: string; token?: string; server?: string }) {
    const dialog = await this.openSettings();
    if (values.ssid !== undefined) await dialog.locator('input[name=ssid]').fill(values.ssid);
    if (values.password !== undefined) await dialog.locator('input[name=password]').fill(values.password);
    if (values.token !== undefined) await dialog.locator('input[name=token]').fill(values.token);
    if (values.server !== undefined) await dialog.locator('input[name=server]').fill(values.server);
    await dialog.getByTestId('save-settings').click();
  }
  /** Serves the page with a Permissions-Policy header that forbids Bluetooth, as a site or company policy would. */
  async withBluetoothForbidden() {
    await this.page.route('**/*', async (route) => {
      if (route.request().resourceType() !== 'document') return route.continue();
      const url = new URL(route.request().url());
      url.hostname = 'localhost'; // the test process resolves no tunnel name; the same server
      const res = await route.fetch({ url: url.href });
      await route.fulfill({ response: res, headers: { ...res.headers(), 'permissions-policy': 'bluetooth=()' } });
    });
  }
  /** Makes the page look like Firefox or Safari on iPhone: no navigator.bluetooth. */
  async withoutWebBluetooth() {
    await this.page.addInitScript(() => {
      delete (Navigator.prototype as { bluetooth?: unknown }).bluetooth;
    });
  }
  async noBluetooth() {
    const box = this.page.getByTestId('no-bluetooth');
    await box.waitFor();
    return { text: await box.textContent(), reason: await box.getAttribute('data-reason') };
  }
  sync() { return this.page.getByTestId('sync-button').click(); }
  syncEnabled() { return this.page.getByTestId('sync-button').isEnabled(); }
  async modalText() {
    await this.page.getByTestId('modal-text').waitFor({ timeout: 15000 });
    return this.page.getByTestId('modal-text').textContent();
  }
  startSync() { return this.page.getByTestId('start-sync').click(); }
  async waitForSyncing() { await this.page.getByTestId('progress').waitFor({ timeout: 15000 }); }
  async doneText() {
    const done = this.page.getByTestId('done-text');
    await done.waitFor({ timeout: 30000 });
    return done.textContent();
  }
  async error(): Promise<{ advice: string; code: string; detail: string | null }> {
    const advice = this.page.getByTestId('error-advice');
    await advice.waitFor({ timeout: 30000 });
    const detail = this.page.getByTestId('error-detail');
    return {
      advice: (await advice.textContent()) ?? '',
      code: ((await this.page.getByTestId('error-code').textContent()) ?? '').replace(/^Code /, ''),
      detail: (await detail.count()) ? await detail.textContent() : null,
    };
  }
  async errorAdvice() { return (await this.error()).advice; }
  retry() { return this.page.getByTestId('retry').click(); }
  async statusText() {
    const status = this.page.getByTestId('sync-status');
    await this.page.waitForFunction(() => !!document.querySelector('[data-testid=sync-status]')?.textContent?.includes('No new'), null, { timeout: 15000 });
    return status.textContent();
  }
  flowVisible() { return this.page.getByTestId('sync-flow').isVisible(); }
  linkState() { return this.page.getByTestId('paddock-link').getAttribute('data-state'); }
  linkLabel() { return this.page.getByTestId('paddock-link').innerText(); }
  linkText() { return this.page.getByTestId('paddock-link').textContent(); }
  async waitForLink(state: string) {
    await this.page.waitForFunction((s) => document.querySelector('[data-testid=paddock-link]')?.getAttribute('data-state') === s, state, { timeout: 15000 });
  }
  processedFiles(): Promise<string[]> {
    return this.page.evaluate(() => JSON.parse(localStorage.getItem('processed_files') ?? '[]'));
  }
  storedToken(): Promise<string | null> {
    return this.page.evaluate(() => localStorage.getItem('upload_token'));
  }
  async tokenState() {
    await this.page.waitForFunction(() => !!document.querySelector('[data-testid=sync-card]:not([data-token=checking])'));
    return this.page.getByTestId('sync-card').getAttribute('data-token');
  }
  async sessionCount(expected: number) {
    await this.page.waitForFunction((n) => document.querySelectorAll('[data-testid=session]').length === n, expected, { timeout: 15000 });
    return this.page.locator('[data-testid=session]').count();
  }
  /** Opens the session whose summary shows this text. */
  async openSession(text: string) {
    const s = this.page.getByTestId('session').filter({ hasText: text }).first();
    if (!(await s.evaluate((d) => (d as HTMLDetailsElement).open))) await s.locator('summary').click();
    return s;
  }
  /** Closes the Done step, opens the first session and returns its lap times as shown. */
  async firstSessionLapTimes(): Promise<string[]> {
    await this.page.getByTestId('done-ok').click();
    await this.page.getByTestId('sync-flow').waitFor({ state: 'hidden' });
    const first = this.page.getByTestId('session').first();
    await first.locator('summary').click();
    await first.locator('ol li').first().waitFor({ timeout: 15000 });
    return first.locator('ol li').allTextContents();
  }
  screenshot(path: string) { return this.page.screenshot({ path, fullPage: true }); }
}

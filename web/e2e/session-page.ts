// Page object of the session page (web/src/analysis): figures, lap table, map, comparison.
import type { Page } from 'playwright-core';

export class SessionPage {
  constructor(readonly page: Page) {}

  async waitForLaps() {
    await this.page.getByTestId('lap-table').waitFor({ timeout: 15000 });
  }
  text(testid: string) { return this.page.getByTestId(testid).first().textContent(); }
  async lapRows(): Promise<{ lap: number; time: string; gap: string; sectors: string[] }[]> {
    return this.page.$$eval('[data-testid=lap-row][data-kind=lap]', (rows) => rows.map((r) => ({
      lap: Number(r.getAttribute('data-lap')),
      time: r.querySelector('[data-testid=lap-time]')!.textContent!,
      gap: r.querySelector('[data-testid=lap-gap]')!.textContent!,
      sectors: ['s1', 's2', 's3'].map((s) => r.querySelector(`[data-testid=${s}]`)!.textContent!),
    })));
  }
  untimedRows() {
    return this.page.$$eval('[data-testid=lap-row]:not([data-kind=lap])', (rows) => rows.map((r) => r.getAttribute('data-kind')));
  }
  tab(name: 'laps' | 'map' | 'compare') { return this.page.getByTestId(`tab-${name}`).click(); }

  /** Drags the start/finish line's centre handle by (dx, dy) CSS pixels, as a finger or mouse would. */
  async dragLine(dx: number, dy: number, handle = 0) {
    const map = this.page.getByTestId('track-map');
    const box = (await map.boundingBox())!;
    const handles = JSON.parse((await map.getAttribute('data-handles'))!) as [number, number][];
    const [x, y] = [box.x + handles[handle][0], box.y + handles[handle][1]];
    await this.page.mouse.move(x, y);
    await this.page.mouse.down();
    for (let k = 1; k <= 5; k++) await this.page.mouse.move(x + (dx * k) / 5, y + (dy * k) / 5);
    await this.page.mouse.up();
  }
  /** Clicks an export button and returns the downloaded file's text. */
  async download(testid: string): Promise<string> {
    const [file] = await Promise.all([this.page.waitForEvent('download', { timeout: 30000 }), this.page.getByTestId(testid).click()]);
    const path = await file.path();
    const { readFileSync } = await import('node:fs');
    return readFileSync(path, 'utf8');
  }
  handles() {
    return this.page.getByTestId('track-map').getAttribute('data-handles').then((h) => JSON.parse(h!) as [number, number][]);
  }
}

// Checks run on every screen the scenarios reach: axe-core (WCAG 2.x A/AA, so text contrast at least
// 4.5:1), 7:1 (WCAG AAA) for the key figures, 48 px touch targets; and a phone-size screenshot.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axeSource: string = createRequire(import.meta.url)('axe-core').source;
/** The figures a racer reads at arm's length: lap counts, lap times, the outcome, the hotspot request. */
const KEY_FIGURES = ['.figure', '.laps li', '.lead', '.link-word', '.sessions .stat'];
const TARGETS = 'button, a[href], input:not([type=file]):not([type=checkbox]), select, summary, label.check, label.drop-zone';

interface Finding { id: string; nodes: string[] }
type AxeResult = { violations: { id: string; nodes: { target: string[]; failureSummary: string }[] }[] };
type Axe = { run: (context: unknown, options: unknown) => Promise<AxeResult> };

export async function checkScreen(page: Page, name: string) {
  // tsx names the helper functions below with __name(); the page needs it defined.
  await page.evaluate('window.__name = window.__name || ((f) => f)');
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
  const found = await page.evaluate(async (figures) => {
    const axe = (window as unknown as { axe: Axe }).axe;
    const summary = (r: AxeResult) =>
      r.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary}`) }));
    const aa = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
    const present = figures.filter((f: string) => document.querySelector(f));
    const aaa = present.length === 0 ? { violations: [] }
      : await axe.run({ include: present.map((f: string) => [f]) }, { runOnly: ['color-contrast-enhanced'], resultTypes: ['violations'] });
    return { aa: summary(aa), aaa: summary(aaa) };
  }, KEY_FIGURES) as { aa: Finding[]; aaa: Finding[] };
  assert.deepEqual(found.aa, [], `${name}: axe WCAG AA violations`);
  assert.deepEqual(found.aaa, [], `${name}: key figures below 7:1`);
  const small = await page.evaluate((selector) => [...document.querySelectorAll(selector)]
    .filter((el) => (el as HTMLElement).offsetParent !== null || el.closest('dialog[open]'))
    .map((el) => ({ el: `${el.tagName.toLowerCase()}${el.getAttribute('data-testid') ? `[${el.getAttribute('data-testid')}]` : ''} "${(el.textContent ?? '').trim().slice(0, 30)}"`, r: el.getBoundingClientRect() }))
    .filter(({ r }) => r.width > 0 && (r.height < 48 || r.width < 48))
    .map(({ el, r }) => `${el} ${Math.round(r.width)}x${Math.round(r.height)}`), TARGETS);
  assert.deepEqual(small, [], `${name}: touch targets under 48 px`);
  assert.deepEqual(await sidewaysAtPhoneWidth(page), [], `${name}: wider than a 360 px phone (the page scrolls sideways)`);
  await page.screenshot({ path: `${process.env.E2E_OUT}/${name}.png`, fullPage: true });
}

/** Most Android phones are 360 CSS px wide: the screen laid out at that width, and whatever sticks
 * out of it (an empty list when the page does not scroll sideways). */
async function sidewaysAtPhoneWidth(page: Page): Promise<string[]> {
  const size = page.viewportSize()!;
  await page.setViewportSize({ width: 360, height: size.height });
  try {
    // Two frames: resize observers (the charts) have laid their canvases out again.
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    return await page.evaluate(() => {
      const width = window.innerWidth;
      if (document.documentElement.scrollWidth <= width) return [];
      return [...document.querySelectorAll('body *')]
        .filter((el) => el.getBoundingClientRect().right > width + 0.5)
        .map((el) => `${el.tagName.toLowerCase()}.${el.getAttribute('class') ?? ''} right at ${Math.round(el.getBoundingClientRect().right)} px`)
        .slice(0, 8);
    });
  } finally {
    await page.setViewportSize(size);
  }
}

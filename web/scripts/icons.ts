// Renders the app icons (web/public/icons/*.png) from the logo with Debian's chromium.
// Run after changing the logo: npx tsx scripts/icons.ts
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';

const LOGO = '<path d="M6 22 L14 10 L18 16 L21 12 L26 22 Z" fill="#f97316"/>';
const plain = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#0f172a"/>${LOGO}</svg>`;
// Maskable: the platform crops to its own shape, so the background fills the square and the logo
// stays inside the central 80 % safe zone.
const maskable = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" fill="#0f172a"/><g transform="translate(3.2 3.2) scale(0.8)">${LOGO}</g></svg>`;

const out = resolve(import.meta.dirname, '../public/icons');
mkdirSync(out, { recursive: true });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_BIN ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage();
for (const [name, svg, size] of [['icon-192.png', plain, 192], ['icon-512.png', plain, 512], ['maskable-512.png', maskable, 512]] as const) {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(`<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`);
  await page.screenshot({ path: `${out}/${name}`, omitBackground: true });
}
await browser.close();
console.log(`icons written to ${out}`);

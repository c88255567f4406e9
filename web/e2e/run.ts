// Runs the browser scenarios one after another; saves a screenshot of each end state.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { paddockScenarios } from './paddock-scenarios';
import { scenarios as syncScenarios } from './scenarios';

const scenarios = [...syncScenarios, ...paddockScenarios];

const out = resolve(import.meta.dirname, '../test-results/e2e');
mkdirSync(out, { recursive: true });
process.env.E2E_OUT = out;

let passed = 0;
let failed = 0;
const only = process.env.E2E_ONLY;
for (const [i, s] of scenarios.entries()) {
  if (only && !s.name.includes(only)) continue;
  const started = Date.now();
  const shotPath = join(out, `${i + 1}-${s.name.split(/[:,]/)[0].replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.png`);
  try {
    await s.run(async (w) => { await w.page.screenshot(shotPath); });
    passed++;
    console.log(`ok   ${s.name} (${Date.now() - started} ms) → ${shotPath}`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${s.name}\n${(e as Error).stack}`);
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;

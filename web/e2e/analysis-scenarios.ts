// The session page end to end: sessions synced from rs-core-sim through the real server, the numbers
// shown checked against the API, the start/finish line moved and saved, two laps compared.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { checkScreen } from './checks';
import { TOKEN, World } from './fixture';
import { bins, putSessions } from './processes';
import type { Scenario } from './scenarios';  // type only: scenarios.ts lists these
import { SessionPage } from './session-page';

interface ApiSession { id: number; filename: string; best_lap_ms: number; lap_times: { lap: number; time_ms: number }[] }
interface ApiTrace { t: number[]; d: number[]; laps: { kind: string; lap: number; i0: number; i1: number; time_ms?: number }[]; top_speed_kmh: number }

async function api<T>(w: World, path: string): Promise<T> {
  const res = await fetch(`${w.local}${path}`, { headers: { Authorization: `Bearer ${TOKEN}` } });
  assert.equal(res.status, 200, `${path}: ${res.status}`);
  return res.json() as Promise<T>;
}

// The test's own arithmetic, written apart from web/src/analysis.
const lapText = (ms: number) => `${Math.floor(ms / 60000)}:${((ms % 60000) / 1000).toFixed(3).padStart(6, '0')}`;
const parseLap = (text: string) => { const [m, s] = text.split(':'); return Math.round((Number(m) * 60 + Number(s)) * 1000); };

function theoreticalBestFromTrace(trace: ApiTrace): number {
  const best = [Infinity, Infinity, Infinity];
  for (const lap of trace.laps.filter((l) => l.kind === 'lap')) {
    const t = trace.t.slice(lap.i0, lap.i1 + 1).map((x) => x - trace.t[lap.i0]);
    const d = trace.d.slice(lap.i0, lap.i1 + 1).map((x) => (x - trace.d[lap.i0]) / 10);
    const timeAt = (x: number) => {
      const k = d.findIndex((v) => v >= x);
      return k <= 0 ? t[Math.max(k, 0)] : t[k - 1] + ((t[k] - t[k - 1]) * (x - d[k - 1])) / (d[k] - d[k - 1]);
    };
    const length = d[d.length - 1];
    const cuts = [0, timeAt(length / 3), timeAt((2 * length) / 3), lap.time_ms!];
    for (let s = 0; s < 3; s++) best[s] = Math.min(best[s], cuts[s + 1] - cuts[s]);
  }
  return best.reduce((a, b) => a + b, 0);
}

async function checkNumbersAgainstApi(w: World, page: SessionPage, id: number) {
  const s = await api<ApiSession>(w, `/api/sessions/${id}`);
  const trace = await api<ApiTrace>(w, `/api/sessions/${id}/trace`);
  const rows = await page.lapRows();
  assert.deepEqual(rows.map((r) => r.lap), s.lap_times.map((l) => l.lap));
  assert.deepEqual(rows.map((r) => r.time), s.lap_times.map((l) => lapText(l.time_ms)));
  assert.deepEqual(rows.map((r) => r.gap), s.lap_times.map((l) => (l.time_ms === s.best_lap_ms ? 'best' : `+${((l.time_ms - s.best_lap_ms) / 1000).toFixed(3)}`)));
  assert.equal(await page.text('best-lap'), lapText(s.best_lap_ms));
  assert.equal(await page.text('lap-count'), String(s.lap_times.length));
  const theoretical = parseLap((await page.text('theoretical-best'))!);
  assert.ok(Math.abs(theoretical - theoreticalBestFromTrace(trace)) <= 2, `theoretical best ${theoretical} vs ${theoreticalBestFromTrace(trace)}`);
  assert.ok(theoretical <= s.best_lap_ms);
  for (const r of rows) {
    const sum = r.sectors.reduce((a, x) => a + Number(x) * 1000, 0);
    assert.ok(Math.abs(sum - parseLap(r.time)) <= 15, `sectors of lap ${r.lap} add up to its time`);
  }
  assert.deepEqual(await page.untimedRows(), ['out', 'in']);
  return s;
}

export const analysisScenarios: Scenario[] = [{
  name: 'session page: synced laps shown as the API has them, start/finish line moved, laps compared',
  run: (shot) => withAnalysisWorld(async (w) => {
    const tracks = join(w.card, 'tracks.json');
    const gen = spawnSync(bins.gen, ['--lap-times', '60', '--out', join(w.card, 'probe.csv'), '--tracks-out', tracks]);
    assert.equal(gen.status, 0);
    const track = JSON.parse(readFileSync(tracks, 'utf8'))[0];
    const posted = await fetch(`${w.local}/api/tracks`, { method: 'POST', body: JSON.stringify(track), headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' } });
    assert.equal(posted.status, 201);
    putSessions(w.card, [
      // The logger uploads in name order, so sess_noon is the newest; the day's best is in the morning.
      { name: 'sess_morning.csv', format: 'timestamp', laps: '61.8,60.5,61.2,60.9' },
      { name: 'sess_noon.csv', format: 'gps_time', laps: '62.4,61.1' },
    ]);
    const p = w.page.page;
    await p.setViewportSize({ width: 412, height: 915 });
    await w.page.open(w.origin, TOKEN);
    await w.page.setSettings({ password: 'pit-password-1' });
    await w.page.sync();
    await w.page.startSync();
    assert.match((await w.page.doneText()) ?? '', /^Sync Complete! 6 Laps uploaded/);

    // Right after "Sync Complete!": the newest session.
    await p.getByTestId('see-laps').click();
    const page = new SessionPage(p);
    await page.waitForLaps();
    const newest = (await api<{ sessions: ApiSession[] }>(w, '/api/sessions')).sessions[0];
    assert.equal(await page.text('venue'), 'Generated Circuit');
    const before = await checkNumbersAgainstApi(w, page, newest.id);
    await checkScreen(p, '7a-session-laps');

    // Lap against lap: best and last by default, then a lap of the other session at the venue.
    await page.tab('compare');
    const headline = p.getByTestId('compare-delta');
    await headline.waitFor({ timeout: 15000 });
    const laps = before.lap_times;
    // B is the last lap, or the one before it when the last is the best.
    const bestLap = laps.find((l) => l.time_ms === before.best_lap_ms)!;
    const last = laps[laps.length - 1] === bestLap ? laps[laps.length - 2] : laps[laps.length - 1];
    const expected = (last.time_ms - before.best_lap_ms) / 1000;
    assert.match((await headline.textContent())!, new RegExp(`\\+${expected.toFixed(2).replace('.', '\\.')} s`));
    await p.getByTestId('speed-chart').locator('canvas').first().waitFor();
    await p.getByTestId('delta-chart').locator('canvas').first().waitFor();
    const other = (await api<{ sessions: ApiSession[] }>(w, '/api/sessions')).sessions.find((s) => s.id !== newest.id)!;
    const otherLaps = (await api<ApiSession>(w, `/api/sessions/${other.id}`)).lap_times;
    await p.waitForFunction((id) => !!document.querySelector(`[data-testid=pick-b] option[value="${id}:1"]`), other.id, { timeout: 15000 });
    await p.getByTestId('pick-b').selectOption(`${other.id}:1`);
    await p.waitForFunction((t) => document.querySelector('[data-testid=compare-delta]')?.textContent?.includes(t), lapText(otherLaps[0].time_ms).slice(2), { timeout: 15000 });
    await p.getByTestId('best-of-day').click();
    const dayBest = Math.min(...laps.map((l) => l.time_ms), ...otherLaps.map((l) => l.time_ms));
    assert.ok(dayBest < before.best_lap_ms, 'the day\'s best is in the other session');
    await p.waitForFunction((t) => document.querySelector('[data-testid=pick-a]') && (document.querySelector('[data-testid=pick-a]') as HTMLSelectElement).selectedOptions[0].textContent!.includes(t), lapText(dayBest).slice(2));
    await p.getByTestId('speed-chart').locator('canvas').first().waitFor();
    await checkScreen(p, '7c-session-compare');
    await checkExports(w, page, newest.id);

    // Move the line 25 px and save: the server re-times the laps.
    await page.tab('map');
    await p.getByTestId('edit-line').waitFor();
    await checkScreen(p, '7d-session-map');
    await p.getByTestId('edit-line').click();
    // Along the direction of travel, i.e. across the line, so the line stays on the track.
    const [centre, end] = await page.handles();
    const len = Math.hypot(end[0] - centre[0], end[1] - centre[1]);
    const [dx, dy] = [(-(end[1] - centre[1]) / len) * 25, ((end[0] - centre[0]) / len) * 25];
    await page.dragLine(dx, dy);
    const [moved] = await page.handles();
    assert.ok(Math.hypot(moved[0] - centre[0] - dx, moved[1] - centre[1] - dy) <= 1.5, `line moved: ${centre} → ${moved}`);
    await p.screenshot({ path: `${process.env.E2E_OUT}/7b-session-map-edit.png` });
    await p.getByTestId('save-line').click();
    await p.getByTestId('edit-line').waitFor({ timeout: 15000 });
    const after = await api<ApiSession>(w, `/api/sessions/${newest.id}`);
    assert.notDeepEqual(after.lap_times.map((l) => l.time_ms), before.lap_times.map((l) => l.time_ms));
    await page.tab('laps');
    await page.waitForLaps();
    await checkNumbersAgainstApi(w, page, newest.id);

  }, shot),
}];

// The exports as downloaded, parsed back and held against every fix of the server's full-rate trace.
async function checkExports(w: World, page: SessionPage, id: number) {
  const full = await api<ApiTrace & { lat: number[]; lon: number[]; interpolated: number[] }>(w, `/api/sessions/${id}/trace?step_m=0`);
  const fixes = full.lat.map((lat, i) => ({ lat: lat / 1e7, lon: full.lon[i] / 1e7 })).filter((_, i) => !full.interpolated.includes(i));
  await page.tab('laps');
  await page.waitForLaps();
  const gpx = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(await page.download('export-gpx'));
  const points = [gpx.gpx.trk.trkseg].flat().flatMap((s: { trkpt: { lat: string; lon: string }[] }) => s.trkpt);
  assert.equal(points.length, fixes.length);
  assert.ok(points.every((p, i) => Math.abs(Number(p.lat) - fixes[i].lat) < 1e-6 && Math.abs(Number(p.lon) - fixes[i].lon) < 1e-6));
  const vbo = (await page.download('export-vbo')).split(/\r?\n/);
  const columns = vbo[vbo.indexOf('[column names]') + 1].split(' ');
  const rows = vbo.slice(vbo.indexOf('[data]') + 1).filter((l) => l.trim()).map((l) => l.split(' '));
  assert.equal(rows.length, fixes.length);
  const [lat, lon] = [columns.indexOf('lat'), columns.indexOf('long')];
  assert.ok(rows.every((r, i) => Math.abs(Number(r[lat]) / 60 - fixes[i].lat) < 1e-6 && Math.abs(-Number(r[lon]) / 60 - fixes[i].lon) < 1e-6));
  const csv = await page.download('export-csv');
  const stored = await (await fetch(`${w.local}/api/sessions/${id}/csv`, { headers: { Authorization: `Bearer ${TOKEN}` } })).text();
  assert.equal(csv, stored);
}

async function withAnalysisWorld(body: (w: World) => Promise<void>, shot: (w: World) => Promise<void>) {
  const w = await World.create('Racesense-Pit=pit-password-1');
  try {
    await body(w);
  } finally {
    await shot(w).catch(() => undefined);
    await w.close();
  }
}

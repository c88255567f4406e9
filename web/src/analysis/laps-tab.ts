// The lap table (time, gap to the best, three sectors; out-lap and in-lap listed, not timed) and the
// exports.
import { h } from '../ui/dom';
import type { AnalysisApi } from './analysis-api';
import { toGpx, toVbo } from './exports';
import * as fmt from './format';
import type { SessionData } from './session-data';

export function lapsTab(d: SessionData, api: AnalysisApi): HTMLElement {
  const rows: HTMLElement[] = [];
  for (const seg of d.trace.segments) {
    if (seg.kind !== 'lap') {
      rows.push(h('tr', { class: 'untimed', 'data-testid': 'lap-row', 'data-kind': seg.kind },
        h('th', { scope: 'row' }, seg.kind === 'out' ? 'Out' : 'In'),
        h('td', { colspan: '5', class: 'muted' }, seg.kind === 'out' ? 'out-lap, not timed' : 'in-lap, not timed')));
      continue;
    }
    const i = d.laps.findIndex((l) => l.lap === seg.lap);
    const lap = d.laps[i];
    const best = lap.timeMs === d.bestLapMs;
    rows.push(h('tr', { class: best ? 'best' : '', 'data-testid': 'lap-row', 'data-kind': 'lap', 'data-lap': String(lap.lap) },
      h('th', { scope: 'row' }, best ? `★ ${lap.lap}` : String(lap.lap)),
      h('td', { class: 'time', 'data-testid': 'lap-time' }, fmt.lapTime(lap.timeMs)),
      h('td', { class: 'gap', 'data-testid': 'lap-gap' }, fmt.gap(lap.timeMs, d.bestLapMs!)),
      ...d.sectors[i].map((ms, k) => h('td', { class: d.bestSectors[k] === i ? 'sector best-sector' : 'sector', 'data-testid': `s${k + 1}` }, fmt.sector(ms)))));
  }
  const table = h('table', { class: 'lap-table', 'data-testid': 'lap-table' },
    h('thead', {}, h('tr', {}, ...['Lap', 'Time', 'Gap', 'S1', 'S2', 'S3'].map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, ...rows));
  return h('div', {},
    d.laps.length ? h('div', { class: 'table-scroll' }, table) : h('p', { class: 'muted' }, 'No timed laps in this session: the car never crossed the start/finish line twice. Move the line on the Map tab.'),
    d.laps.length ? h('p', { class: 'muted' }, '★ best lap · purple: best sector · sectors split the lap in three by distance') : null,
    exportsBox(d, api));
}

function exportsBox(d: SessionData, api: AnalysisApi): HTMLElement {
  const status = h('p', { class: 'muted', 'aria-live': 'polite' });
  const base = d.session.filename.replace(/\.[^.]*$/, '') || `session-${d.session.id}`;
  const run = (label: string, make: () => Promise<Blob>, name: string) => async () => {
    status.textContent = `Preparing ${label}…`;
    try {
      download(await make(), name);
      status.textContent = `${label} saved.`;
    } catch (e) {
      status.textContent = `${label} failed: ${(e as Error).message}`;
    }
  };
  const fromTrace = (make: (t: Awaited<ReturnType<AnalysisApi['trace']>>) => string, type: string) => async () =>
    new Blob([make(await api.trace(d.session.id, 0))], { type });
  return h('section', { class: 'an-exports' },
    h('h3', {}, 'Take it elsewhere'),
    h('div', { class: 'row-left' },
      h('button', { class: 'secondary', 'data-testid': 'export-csv', onclick: run('CSV', () => api.csv(d.session.id), `${base}.csv`) }, 'CSV'),
      h('button', { class: 'secondary', 'data-testid': 'export-vbo', onclick: run('VBO', fromTrace((t) => toVbo(t, { name: d.session.filename }), 'text/plain'), `${base}.vbo`) }, 'VBO'),
      h('button', { class: 'secondary', 'data-testid': 'export-gpx', onclick: run('GPX', fromTrace((t) => toGpx(t, { name: d.session.filename }), 'application/gpx+xml'), `${base}.gpx`) }, 'GPX')),
    status);
}

function download(blob: Blob, name: string) {
  const a = h('a', { href: URL.createObjectURL(blob), download: name }) as HTMLAnchorElement;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
}

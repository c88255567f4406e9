// The map tab: the session's trace coloured by speed, and the start/finish line the racer can move,
// turn and save (the server stores the track and re-times that venue's sessions).
import { h, replace } from '../ui/dom';
import type { AnalysisApi } from './analysis-api';
import { SPEED_GRADIENT, speedColor } from './colors';
import * as fmt from './format';
import { TrackMap, type MapMarker } from './map-view';
import type { SessionData } from './session-data';
import { interpolate, type LapTrace, type StartLine } from './trace';

export function mapTab(d: SessionData, api: AnalysisApi, reload: () => Promise<void>): HTMLElement {
  const t = d.trace;
  if (t.t.length < 2) return h('p', { class: 'muted' }, 'This session has no GPS positions to draw.');
  // The colour range of the laps themselves (2nd to 98th percentile), so pit stops and one
  // spike do not wash the circuit out.
  const [min, max] = speedRange(d.laps.length ? d.laps.flatMap((l) => l.v) : Array.from(t.v));
  const map = new TrackMap(`Track map of ${d.session.track}, coloured by speed`);
  const line = t.startLine?.line ?? null;
  let shownLine = line;
  const show = (lap: string) => {
    const l = d.laps.find((x) => String(x.lap) === lap);
    const path = l ? { lat: l.lat, lon: l.lon, v: l.v } : { lat: t.lat, lon: t.lon, v: t.v };
    map.show([{ lat: path.lat, lon: path.lon, width: l ? 6 : 4, color: (i) => speedColor(path.v[i], min, max) }], shownLine,
      sectorMarks(l ?? d.laps.find((x) => x.timeMs === d.bestLapMs)));
  };
  const pick = h('select', { class: 'map-pick', 'aria-label': 'Show on the map', 'data-testid': 'map-lap' },
    h('option', { value: '' }, 'Whole session'),
    ...d.laps.map((l) => h('option', { value: String(l.lap) }, `Lap ${l.lap} · ${fmt.lapTime(l.timeMs)}`))) as HTMLSelectElement;
  pick.addEventListener('change', () => show(pick.value));
  show('');
  const legend = h('div', { class: 'legend' },
    h('span', {}, fmt.speed(min)), h('span', { class: 'legend-bar', style: `background:${SPEED_GRADIENT}` }), h('span', {}, fmt.speed(max)));
  const controls = h('div', { class: 'line-controls' });
  const status = h('p', { class: 'muted', 'aria-live': 'polite', 'data-testid': 'line-status' });
  const idle = () => replace(controls, line
    ? h('button', { class: 'primary wide', 'data-testid': 'edit-line', onclick: () => editing() }, 'Move start/finish line')
    : h('p', { class: 'muted' }, 'No start/finish line yet: the trace never closes a lap.'));
  const editing = () => {
    let draft: StartLine = { ...line! };
    map.edit(true, (l) => (draft = shownLine = l));
    const turn = (deg: number) => {
      draft = shownLine = { ...draft, heading: (draft.heading + deg + 360) % 360 };
      map.setLine(draft);
    };
    status.textContent = 'Drag the middle dot to move the line, an end dot to turn it. The arrow shows the direction of travel.';
    replace(controls,
      h('div', { class: 'row-left' },
        h('button', { class: 'secondary', 'aria-label': 'Turn left 5°', onclick: () => turn(-5) }, '⟲ 5°'),
        h('button', { class: 'secondary', 'aria-label': 'Turn right 5°', onclick: () => turn(5) }, '⟳ 5°')),
      h('div', { class: 'row-left' },
        h('button', { class: 'secondary', 'data-testid': 'cancel-line', onclick: () => { shownLine = line; map.edit(false); map.setLine(line!); status.textContent = ''; idle(); } }, 'Cancel'),
        h('button', { class: 'primary', 'data-testid': 'save-line', onclick: () => void save(draft) }, 'Save line')));
  };
  const save = async (draft: StartLine) => {
    status.textContent = 'Saving the line and re-timing the laps…';
    try {
      const trackId = d.trace.startLine?.track_id ?? d.session.track_id;
      const saved = await api.saveLine(trackId, draft, `Circuit near ${draft.lat.toFixed(4)},${draft.lon.toFixed(4)}`);
      status.textContent = `Saved. ${saved.reanalysed.length} session${saved.reanalysed.length === 1 ? '' : 's'} re-timed.`;
      await reload();
    } catch (e) {
      status.textContent = `Not saved: ${(e as Error).message}`;
    }
  };
  idle();
  const sectorsNote = h('p', { class: 'muted' }, 'Purple dots: where sectors 2 and 3 start (on the best lap, or the lap shown).');
  return h('div', {}, pick, map.el, legend, sectorsNote, controls, status);
}

function speedRange(v: number[]): [number, number] {
  const sorted = [...v].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return [at(0.02), at(0.98)];
}

/** Where the sectors split (a third and two thirds of the lap's distance), as the lap table counts them. */
function sectorMarks(lap: LapTrace | undefined): MapMarker[] {
  if (!lap) return [];
  const length = lap.d[lap.d.length - 1];
  return [1, 2].map((k) => ({
    lat: interpolate(lap.d, lap.lat, (length * k) / 3),
    lon: interpolate(lap.d, lap.lon, (length * k) / 3),
    label: `S${k + 1}`,
  }));
}

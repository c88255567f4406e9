// Lap against lap: two laps (default the best and the last; any lap of a session at the same venue),
// speed against distance, the running time difference, and the map showing where time goes.
import 'uplot/dist/uPlot.min.css';
import { h, replace } from '../ui/dom';
import type { AnalysisApi, SessionDetail } from './analysis-api';
import { LAP_A_COLOR, LAP_B_COLOR, lossColor } from './colors';
import { compareLaps, lossRate, type LapComparison } from './delta';
import * as fmt from './format';
import { TrackMap } from './map-view';
import { dayOf, sameVenue, summarise, type SessionData } from './session-data';
import { interpolate, type LapTrace } from './trace';

interface LapChoice {
  key: string;  // "<session id>:<lap>"
  session: SessionDetail;
  lap: number;
  timeMs: number;
}

export function compareTab(d: SessionData, api: AnalysisApi): HTMLElement {
  if (d.laps.length === 0) return h('p', { class: 'muted' }, 'No timed laps to compare in this session.');
  const loaded = new Map<number, Promise<SessionData>>([[d.session.id, Promise.resolve(d)]]);
  const lapOf = async (c: LapChoice): Promise<LapTrace> => {
    if (!loaded.has(c.session.id)) loaded.set(c.session.id, api.trace(c.session.id).then((t) => summarise(c.session, t)));
    return (await loaded.get(c.session.id)!).laps.find((l) => l.lap === c.lap)!;
  };
  const own = d.laps.map((l) => ({ key: `${d.session.id}:${l.lap}`, session: d.session, lap: l.lap, timeMs: l.timeMs }));
  let choices: LapChoice[] = own;
  const best = own.reduce((a, b) => (b.timeMs < a.timeMs ? b : a));
  const state = { a: best.key, b: own[own.length - 1].key };
  if (state.a === state.b && own.length > 1) state.b = own[own.length - 2].key;

  const pickA = h('select', { 'data-testid': 'pick-a', 'aria-label': 'Lap A (reference)' }) as HTMLSelectElement;
  const pickB = h('select', { 'data-testid': 'pick-b', 'aria-label': 'Lap B' }) as HTMLSelectElement;
  const result = h('div', { class: 'compare-result' });
  const dayBest = h('button', { class: 'secondary', 'data-testid': 'best-of-day', disabled: true }, 'A = best of the day');
  const fill = () => {
    for (const [sel, value] of [[pickA, state.a], [pickB, state.b]] as const) {
      replace(sel, ...groups(choices, d.session).map(([label, list]) =>
        h('optgroup', { label }, ...list.map((c) => h('option', { value: c.key, selected: c.key === value }, optionText(c, d.session))))));
    }
  };
  const update = async () => {
    replace(result, h('p', { class: 'muted' }, 'Comparing…'));
    const byKey = (k: string) => choices.find((c) => c.key === k)!;
    const [a, b] = await Promise.all([lapOf(byKey(state.a)), lapOf(byKey(state.b))]);
    replace(result, ...(await comparison(a, b, byKey(state.a), byKey(state.b), d.session)));
  };
  pickA.addEventListener('change', () => { state.a = pickA.value; void update(); });
  pickB.addEventListener('change', () => { state.b = pickB.value; void update(); });
  dayBest.addEventListener('click', () => {
    const today = choices.filter((c) => dayOf(c.session) === dayOf(d.session));
    state.a = today.reduce((x, y) => (y.timeMs < x.timeMs ? y : x)).key;
    fill();
    void update();
  });
  fill();
  void update();
  void venueLaps(api, d.session).then((others) => {
    choices = [...own, ...others];
    fill();
    (dayBest as HTMLButtonElement).disabled = false;
  }).catch(() => ((dayBest as HTMLButtonElement).disabled = false));
  return h('div', { class: 'compare' },
    h('label', { class: 'pick' }, h('span', { class: 'swatch', style: `background:${LAP_A_COLOR}` }), 'A', pickA),
    h('label', { class: 'pick' }, h('span', { class: 'swatch', style: `background:${LAP_B_COLOR}` }), 'B', pickB),
    h('div', { class: 'row-left' }, dayBest),
    result);
}

/** Laps of the other sessions at this venue (most recent ten), for "best of the day" and more. */
async function venueLaps(api: AnalysisApi, s: SessionDetail): Promise<LapChoice[]> {
  const others = sameVenue(await api.sessions(), s).filter((o) => o.id !== s.id).slice(0, 10);
  const details = await Promise.all(others.map((o) => api.session(o.id)));
  return details.flatMap((o) => o.lap_times.map((l) => ({ key: `${o.id}:${l.lap}`, session: o, lap: l.lap, timeMs: l.time_ms })));
}

function groups(choices: LapChoice[], current: SessionDetail): [string, LapChoice[]][] {
  const bySession = new Map<number, LapChoice[]>();
  for (const c of choices) bySession.set(c.session.id, [...(bySession.get(c.session.id) ?? []), c]);
  return [...bySession.values()].map((list) => [
    list[0].session.id === current.id ? 'This session' : `${fmt.sessionDate(list[0].session.started_at, list[0].session.uploaded_at)} · ${list[0].session.filename}`,
    list]);
}

function optionText(c: LapChoice, current: SessionDetail, withSession = false): string {
  const where = withSession && c.session.id !== current.id ? ' (other session)' : '';
  return `Lap ${c.lap} · ${fmt.lapTime(c.timeMs)}${where}`;
}

async function comparison(a: LapTrace, b: LapTrace, ca: LapChoice, cb: LapChoice, current: SessionDetail): Promise<HTMLElement[]> {
  const c = compareLaps(a, b);
  const final = c.delta[c.delta.length - 1];
  const level = Math.abs(final) < 0.005;
  const headline = h('p', { class: 'compare-headline', 'data-testid': 'compare-delta' },
    `B ${optionText(cb, current, true)} is `,
    level ? h('strong', {}, 'level with') : h('strong', { class: final > 0 ? 'slower' : 'faster' }, `${fmt.delta(final)}`),
    level ? '' : ` ${final > 0 ? 'slower' : 'faster'} than`, ` A ${optionText(ca, current, true)}`);
  const rate = lossRate(c);
  const map = new TrackMap('Where lap B loses time to lap A: red loses, green gains');
  map.show([{ lat: a.lat, lon: a.lon, width: 7, color: (i) => lossColor(interpolate(c.x, rate, a.d[i])) }], null);
  const charts = h('div', { class: 'charts' });
  const out = [headline, map.el,
    h('p', { class: 'legend-text' }, h('span', { class: 'lose' }, 'red: B loses time'), ' · ', h('span', { class: 'gain' }, 'green: B gains')),
    charts];
  void drawCharts(charts, c);
  return out;
}

async function drawCharts(box: HTMLElement, c: LapComparison) {
  const { default: UPlot } = await import('uplot');
  const widthOf = () => Math.max(200, box.clientWidth || 360);
  const width = widthOf();
  const axis = { stroke: '#e2e8f0', grid: { stroke: '#334155' }, ticks: { stroke: '#334155' }, font: '14px system-ui' };
  const common = { width, height: 200, scales: { x: { time: false } }, cursor: { sync: { key: 'lap-compare' } }, legend: { show: true } };
  const speedBox = h('div', { 'data-testid': 'speed-chart' });
  const deltaBox = h('div', { 'data-testid': 'delta-chart' });
  replace(box, h('h3', {}, 'Speed (km/h) over distance (m)'), speedBox, h('h3', {}, 'Time difference B − A (s)'), deltaBox);
  const plots = [new UPlot({
    ...common,
    axes: [axis, axis],
    series: [{ label: 'm' }, { label: 'A', stroke: LAP_A_COLOR, width: 2 }, { label: 'B', stroke: LAP_B_COLOR, width: 2 }],
  }, [c.x, c.speedRef.map((v) => Math.round(v * 10) / 10), c.speedOther.map((v) => Math.round(v * 10) / 10)], speedBox),
  new UPlot({
    ...common,
    axes: [axis, axis],
    series: [{ label: 'm' }, { label: 'B − A', stroke: '#facc15', width: 2, fill: 'rgba(250,204,21,.15)' }],
  }, [c.x, c.delta.map((v) => Math.round(v * 1000) / 1000)], deltaBox)];
  // A phone turned upright (or a narrower window): the charts take the box's new width.
  const resized = new ResizeObserver(() => {
    if (!box.isConnected) return resized.disconnect();
    for (const plot of plots) if (plot.width !== widthOf()) plot.setSize({ width: widthOf(), height: common.height });
  });
  resized.observe(box);
}

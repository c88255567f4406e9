// The session page: figures, lap table, track map and lap comparison, behind a bottom tab bar a
// thumb reaches. Loaded on demand (dynamic import) when a session opens.
import './analysis.css';
import { ApiError } from '../api/api-client';
import { h, replace } from '../ui/dom';
import type { AnalysisApi } from './analysis-api';
import { compareTab } from './compare-tab';
import * as fmt from './format';
import { lapsTab } from './laps-tab';
import { mapTab } from './map-tab';
import { loadSession, type SessionData } from './session-data';

export type Tab = 'laps' | 'map' | 'compare';
const TABS: [Tab, string][] = [['laps', 'Laps'], ['map', 'Map'], ['compare', 'Compare']];

export interface PageDeps {
  api: AnalysisApi;
}

export async function showSession(root: HTMLElement, idText: string, tab: Tab, deps: PageDeps) {
  replace(root, h('p', { class: 'an-loading' }, 'Loading the session…'));
  try {
    const id = idText === 'latest' ? (await deps.api.sessions())[0]?.id : Number(idText);
    if (!id) return replace(root, backLink(), h('p', { class: 'error' }, 'No session uploaded yet.'));
    const data = await loadSession(deps.api, id);
    render(root, data, tab, deps);
  } catch (e) {
    const msg = e instanceof ApiError && e.status === 401
      ? 'The server refused the token: open the link racesense-server printed, or paste the token in Settings.'
      : (e as Error).message;
    replace(root, backLink(), h('p', { class: 'error', 'data-testid': 'session-error' }, msg));
  }
}

function render(root: HTMLElement, data: SessionData, tab: Tab, deps: PageDeps) {
  const s = data.session;
  const body = h('div', { class: 'an-body' });
  const reload = async () => {
    const fresh = await loadSession(deps.api, s.id);
    render(root, fresh, tab, deps);
  };
  const content = tab === 'map' ? mapTab(data, deps.api, reload) : tab === 'compare' ? compareTab(data, deps.api) : lapsTab(data, deps.api);
  replace(body, content);
  replace(root,
    h('div', { class: 'an-head' },
      backLink(),
      h('h2', { 'data-testid': 'venue' }, s.track || 'Unknown track'),
      h('p', { class: 'an-date' }, fmt.sessionDate(s.started_at, s.uploaded_at), ' · ', s.filename)),
    figures(data, tab !== 'laps'),
    body,
    h('nav', { class: 'an-tabs', 'aria-label': 'Session views' }, ...TABS.map(([t, label]) =>
      h('a', { href: `#/session/${s.id}${t === 'laps' ? '' : '/' + t}`, class: t === tab ? 'active' : '',
        'aria-current': t === tab ? 'page' : false, 'data-testid': `tab-${t}` }, label))));
}

function backLink(): HTMLElement {
  return h('a', { href: '#/', class: 'back', 'data-testid': 'back' }, '‹ Sessions');
}

function figures(d: SessionData, compact: boolean): HTMLElement {
  const fig = (label: string, value: string, testid: string, cls = '') =>
    h('div', { class: `an-figure ${cls}` }, h('span', { class: 'an-label' }, label), h('span', { class: 'an-value', 'data-testid': testid }, value));
  return h('div', { class: compact ? 'an-figures compact' : 'an-figures' },
    fig('Best lap', fmt.lapTime(d.bestLapMs), 'best-lap', 'big'),
    fig('Laps', String(d.laps.length), 'lap-count'),
    fig('Top speed', fmt.speed(d.trace.topSpeedKmh), 'top-speed'),
    fig('Theoretical best', fmt.lapTime(d.theoreticalBestMs), 'theoretical-best'));
}

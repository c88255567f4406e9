// The sessions the racer came for: track, date, laps, best lap, and the lap times on demand.
import { ApiError, formatLap, type ApiClient, type SessionSummary } from '../api/api-client';
import { h, replace } from './dom';

export function sessionsView(api: ApiClient): { el: HTMLElement; refresh(): Promise<void> } {
  const list = h('div', { class: 'sessions', 'data-testid': 'sessions' });
  const el = h('section', { class: 'card' }, h('h2', {}, 'Sessions'), list);
  const refresh = async () => {
    try {
      const sessions = await api.sessions();
      if (sessions.length === 0) return replace(list, h('p', { class: 'muted' }, 'No sessions uploaded yet.'));
      replace(list, ...sessions.map((s) => sessionRow(s, api)));
    } catch (e) {
      const msg = e instanceof ApiError && e.status === 401
        ? 'Open the link racesense-server printed (it carries the upload token), or paste the token in Settings.'
        : (e as Error).message;
      replace(list, h('p', { class: 'error' }, msg));
    }
  };
  return { el, refresh };
}

function sessionRow(s: SessionSummary, api: ApiClient): HTMLElement {
  const laps = h('div', { class: 'laps' });
  const when = new Date(s.started_at ?? s.uploaded_at).toLocaleString();
  const details = h('details', { 'data-testid': 'session' },
    h('summary', {},
      h('span', { class: 'track' }, s.track || 'Unknown track'),
      h('span', { class: 'when' }, when),
      h('span', { class: 'stat' }, `${s.laps} lap${s.laps === 1 ? '' : 's'}`),
      h('span', { class: 'stat' }, `best ${formatLap(s.best_lap_ms)}`),
      h('a', { class: 'open-session', href: `#/session/${s.id}`, 'data-testid': 'open-session' }, 'Laps & map ›')),
    h('p', { class: 'muted' }, s.filename, s.parse_error ? ` — ${s.parse_error}` : ''),
    laps);
  details.addEventListener('toggle', async () => {
    if (!(details as HTMLDetailsElement).open || laps.childElementCount) return;
    const full = await api.session(s.id).catch(() => null);
    const best = full?.best_lap_ms;
    replace(laps, h('ol', {}, ...(full?.lap_times ?? []).map((l) =>
      h('li', { class: l.time_ms === best ? 'best' : '' }, formatLap(l.time_ms)))));
  });
  return details;
}

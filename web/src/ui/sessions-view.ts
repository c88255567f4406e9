// The sessions the racer came for: track, date, laps, best lap, and the lap times on demand.
import { ApiError, formatLap, type ApiClient, type SessionSummary } from '../api/api-client';
import { h, replace } from './dom';
import { sessionActions, sessionName } from './session-actions';

export function sessionsView(api: ApiClient, onError: (e: unknown) => void = () => undefined): { el: HTMLElement; refresh(): Promise<void> } {
  const list = h('div', { class: 'sessions', 'data-testid': 'sessions' });
  const el = h('section', { class: 'card' }, h('h2', {}, 'Sessions'), list);
  const refresh = async () => {
    try {
      const sessions = await api.sessions();
      if (sessions.length === 0) return replace(list, h('p', { class: 'muted' }, 'No sessions uploaded yet.'));
      replace(list, ...sessions.map((s) => sessionRow(s, api, refresh)));
    } catch (e) {
      onError(e);
      const msg = e instanceof ApiError && e.status === 401
        ? 'Open the link racesense-server printed (it carries the upload token), or paste the token in Settings.'
        : (e as Error).message;
      replace(list, h('p', { class: 'error' }, msg));
    }
  };
  return { el, refresh };
}

function sessionRow(s: SessionSummary, api: ApiClient, refresh: () => Promise<void>): HTMLElement {
  const laps = h('div', { class: 'laps' });
  const when = new Date(s.started_at ?? s.uploaded_at).toLocaleString();
  const details = h('details', { 'data-testid': 'session' },
    h('summary', {},
      h('span', { class: 'track' }, s.track || 'Unknown track'),
      h('span', { class: 'name', 'data-testid': 'session-name' }, sessionName(s)),
      h('span', { class: 'when' }, when),
      h('span', { class: 'stat' }, `${s.laps} lap${s.laps === 1 ? '' : 's'}`),
      h('span', { class: 'stat' }, `best ${formatLap(s.best_lap_ms)}`)),
    s.title || s.parse_error ? h('p', { class: 'muted' }, s.title ? s.filename : '', s.parse_error ? ` ${s.parse_error}` : '') : null,
    laps,
    sessionActions(s, api, () => void refresh()));
  details.addEventListener('toggle', async () => {
    if (!(details as HTMLDetailsElement).open || laps.childElementCount) return;
    const full = await api.session(s.id).catch(() => null);
    const best = full?.best_lap_ms;
    replace(laps, h('ol', {}, ...(full?.lap_times ?? []).map((l) =>
      h('li', { class: l.time_ms === best ? 'best' : '' }, formatLap(l.time_ms)))));
  });
  // The link sits beside the row, not inside <summary>: a control inside a control is lost to screen readers.
  return h('div', { class: 'session-row' }, details,
    h('a', { class: 'open-session', href: `#/session/${s.id}`, 'data-testid': 'open-session' }, 'Laps & map ›'));
}

// The sessions the racer came for: track, date, laps, best lap, and the lap times on demand.
import { ApiError, formatLap, type ApiClient, type SessionSummary } from '../api/api-client';
import { h, replace } from './dom';
import { sessionActions, sessionName } from './session-actions';

/** Sessions shown at first and added per "Show more": a season on the team laptop is hundreds, and a
 * phone laying them all out took seconds (1500 sessions: 2.2 s at a phone's CPU speed). */
const SESSIONS_PER_PAGE = 30;

export function sessionsView(api: ApiClient, onError: (e: unknown) => void = () => undefined): { el: HTMLElement; refresh(): Promise<void> } {
  const list = h('div', { class: 'sessions', 'data-testid': 'sessions' });
  const el = h('section', { class: 'card' }, h('h2', {}, 'Sessions'), list);
  let shown = SESSIONS_PER_PAGE;  // kept across refreshes: a sync does not fold the list up again
  const render = (sessions: SessionSummary[], focusFrom?: number) => {
    const rows = sessions.slice(0, shown).map((s) => sessionRow(s, api, refresh));
    const older = sessions.length - shown;
    const more = older > 0 ? h('button', {
      class: 'secondary', 'data-testid': 'more-sessions',
      onclick: () => { const from = shown; shown += SESSIONS_PER_PAGE; render(sessions, from); },
    }, `Show ${Math.min(older, SESSIONS_PER_PAGE)} older (${older} more)`) : null;
    replace(list, ...rows, more);
    // Keyboard and screen reader users go on from the first session the button brought in.
    if (focusFrom !== undefined) rows[focusFrom]?.querySelector('summary')?.focus();
  };
  const refresh = async () => {
    try {
      const sessions = await api.sessions();
      if (sessions.length === 0) return replace(list, h('p', { class: 'muted' }, 'No sessions uploaded yet.'));
      render(sessions);
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

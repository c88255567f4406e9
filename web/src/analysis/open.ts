// The only analysis module on the sync path: it watches the address (#/session/<id>[/map|/compare])
// and loads the session page (and its charts) only when a session opens.
export interface AnalysisRouteDeps {
  home: HTMLElement;
  page: HTMLElement;
  base: () => string;
  token: () => string;
  onHome: () => void;
}

const ROUTE = /^#\/session\/(\d+|latest)(?:\/(map|compare))?$/;

export function mountAnalysisRoute(deps: AnalysisRouteDeps) {
  const show = async () => {
    const m = ROUTE.exec(location.hash);
    deps.home.hidden = !!m;
    deps.page.hidden = !m;
    if (!m) return deps.onHome();
    const [{ showSession }, { AnalysisApi }] = await Promise.all([import('./session-page'), import('./analysis-api')]);
    await showSession(deps.page, m[1], (m[2] ?? 'laps') as 'laps' | 'map' | 'compare', { api: new AnalysisApi(deps.base, deps.token) });
    window.scrollTo(0, 0);
  };
  window.addEventListener('hashchange', () => void show());
  if (ROUTE.test(location.hash)) void show();
}

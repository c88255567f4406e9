// How times, gaps and speeds read on the session page.
export function lapTime(ms: number | null | undefined): string {
  if (ms == null || !Number.isFinite(ms)) return '–';
  const minutes = Math.floor(ms / 60000);
  const seconds = ((ms % 60000) / 1000).toFixed(3);
  return `${minutes}:${seconds.padStart(6, '0')}`;
}

/** Gap to the best lap: "+0.456", or "best" for the best lap itself. */
export function gap(ms: number, bestMs: number): string {
  return ms === bestMs ? 'best' : `+${((ms - bestMs) / 1000).toFixed(3)}`;
}

export function sector(ms: number): string {
  return (ms / 1000).toFixed(2);
}

export function delta(seconds: number): string {
  return `${seconds >= 0 ? '+' : '−'}${Math.abs(seconds).toFixed(2)} s`;
}

export function speed(kmh: number): string {
  return `${Math.round(kmh)} km/h`;
}

export function sessionDate(iso: string | null, fallback: string): string {
  return new Date(iso ?? fallback).toLocaleString(undefined, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
}

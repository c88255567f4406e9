// Colour scales that stay readable on the dark page in sunlight.
const SPEED_STOPS: [number, number, number][] = [[59, 130, 246], [34, 211, 238], [250, 204, 21], [239, 68, 68]];

function mix(stops: [number, number, number][], f: number): string {
  const x = Math.min(1, Math.max(0, f)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  const k = x - i;
  const c = stops[i].map((v, j) => Math.round(v + (stops[i + 1][j] - v) * k));
  return `rgb(${c[0]},${c[1]},${c[2]})`;
}

/** Blue (slow) → cyan → yellow → red (fast). */
export function speedColor(kmh: number, min: number, max: number): string {
  return mix(SPEED_STOPS, max > min ? (kmh - min) / (max - min) : 0.5);
}

export const SPEED_GRADIENT = `linear-gradient(90deg, ${[0, 1 / 3, 2 / 3, 1].map((f) => mix(SPEED_STOPS, f)).join(', ')})`;

const LOSS_STOPS: [number, number, number][] = [[34, 197, 94], [148, 163, 184], [239, 68, 68]];

/** Time lost per 100 m: green where the lap gains, grey where even, red where it loses. */
export function lossColor(secondsPer100m: number, full = 0.15): string {
  return mix(LOSS_STOPS, 0.5 + secondsPer100m / full / 2);
}

export const LAP_A_COLOR = '#f8fafc';
export const LAP_B_COLOR = '#f97316';

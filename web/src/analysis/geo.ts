// Flat-earth geometry around a circuit (metre-accurate over a few km) and the start/finish line.
import type { StartLine } from './trace';

const M_PER_DEG = 111320;
const RAD = Math.PI / 180;

export interface Projection {
  toXY(lat: number, lon: number): [number, number];  // metres east, north of the origin
  toLatLon(x: number, y: number): [number, number];
}

export function projection(lat0: number, lon0: number): Projection {
  const k = Math.cos(lat0 * RAD) * M_PER_DEG;
  return {
    toXY: (lat, lon) => [(lon - lon0) * k, (lat - lat0) * M_PER_DEG],
    toLatLon: (x, y) => [lat0 + y / M_PER_DEG, lon0 + x / k],
  };
}

/** Compass heading (degrees clockwise from north) of a vector in metres east, north. */
export function compass(x: number, y: number): number {
  const deg = Math.atan2(x, y) / RAD;
  return ((deg % 360) + 360) % 360;
}

/** The line's two ends in metres, `radius_m` either side of its centre, across the heading. */
export function lineEnds(line: StartLine, p: Projection): [[number, number], [number, number]] {
  const [cx, cy] = p.toXY(line.lat, line.lon);
  const h = line.heading * RAD;
  const ax = Math.cos(h) * line.radius_m;
  const ay = -Math.sin(h) * line.radius_m;
  return [[cx + ax, cy + ay], [cx - ax, cy - ay]];
}

/**
 * The heading that makes the line lie along (x, y) from its centre, of the two possible ones the one
 * closest to the current direction of travel (turning the line never reverses it).
 */
export function headingAcross(x: number, y: number, current: number): number {
  const a = (compass(x, y) + 270) % 360;
  const b = (a + 180) % 360;
  const off = (h: number) => Math.abs(((h - current + 540) % 360) - 180);
  return off(a) <= off(b) ? a : b;
}

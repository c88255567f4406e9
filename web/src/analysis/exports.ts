// Exports a racer can open elsewhere: GPX (any map tool) and VBO (Racelogic's text format, opened by
// Circuit Tools, RaceRender and RaceChrono). Built from the full-rate trace (?step_m=0); the points
// the server placed on lap boundaries are not logged fixes and are left out.
import type { Trace } from './trace';

export interface ExportMeta {
  name: string;
}

interface Fix {
  t: number;
  lat: number;
  lon: number;
  kmh: number;
  heading: number;
}

const RAD = Math.PI / 180;
const HEADING_SPAN_M = 5;  // heading over ±5 m of travel, so a metre of GPS jitter does not turn it

function metresBetween(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const x = (b.lon - a.lon) * Math.cos(((a.lat + b.lat) / 2) * RAD) * 111320;
  return Math.hypot(x, (b.lat - a.lat) * 111320);
}

function headingBetween(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const x = (b.lon - a.lon) * Math.cos(((a.lat + b.lat) / 2) * RAD);
  const y = b.lat - a.lat;
  const deg = Math.atan2(x, y) / RAD;
  return deg < 0 ? deg + 360 : deg;
}

/** The logged fixes of a segment range [i0, i1], with the heading of travel at each. */
function fixes(trace: Trace, i0 = 0, i1 = trace.t.length - 1): Fix[] {
  const out: Fix[] = [];
  for (let i = i0; i <= i1; i++) {
    if (trace.interpolated.has(i)) continue;
    out.push({ t: trace.t[i], lat: trace.lat[i], lon: trace.lon[i], kmh: trace.v[i], heading: 0 });
  }
  out.forEach((f, k) => {
    let a = k;
    let b = k;
    while (a > 0 && metresBetween(out[a], f) < HEADING_SPAN_M) a--;
    while (b < out.length - 1 && metresBetween(f, out[b]) < HEADING_SPAN_M) b++;
    f.heading = a === b ? 0 : headingBetween(out[a], out[b]);
  });
  return out;
}

const XML_ENTITIES: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' };
const xmlEscape = (s: string) => s.replace(/[<>&"']/g, (c) => XML_ENTITIES[c]);

export function toGpx(trace: Trace, meta: ExportMeta): string {
  const when = (t: number) => (trace.startedAtMs == null ? '' : `<time>${new Date(trace.startedAtMs + t).toISOString()}</time>`);
  const segments = trace.segments.map((s) => {
    // A boundary point belongs to both neighbours: each logged fix goes to exactly one segment.
    const last = s === trace.segments[trace.segments.length - 1] ? s.i1 : s.i1 - 1;
    const points = fixes(trace, s.i0, last).map((f) =>
      `<trkpt lat="${f.lat.toFixed(7)}" lon="${f.lon.toFixed(7)}">${when(f.t)}` +
      `<extensions><gpxtpx:TrackPointExtension><gpxtpx:speed>${(f.kmh / 3.6).toFixed(2)}</gpxtpx:speed>` +
      `<gpxtpx:course>${f.heading.toFixed(1)}</gpxtpx:course></gpxtpx:TrackPointExtension></extensions></trkpt>`);
    return `<trkseg>\n${points.join('\n')}\n</trkseg>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<gpx version="1.1" creator="RaceSense Paddock Sync" xmlns="http://www.topografix.com/GPX/1/1"' +
      ' xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v2">',
    `<metadata><name>${xmlEscape(meta.name)}</name>${when(0)}</metadata>`,
    `<trk><name>${xmlEscape(meta.name)}</name>`,
    ...segments,
    '</trk>',
    '</gpx>',
    '',
  ].join('\n');
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** UTC time of day as HHMMSS.SS, the VBO time column. */
function vboTime(epochMs: number): string {
  const dayMs = ((epochMs % 86400000) + 86400000) % 86400000;
  const cs = Math.round(dayMs / 10) % 8640000;
  const h = Math.floor(cs / 360000);
  const m = Math.floor((cs % 360000) / 6000);
  const s = (cs % 6000) / 100;
  return `${pad(h, 2)}${pad(m, 2)}${s.toFixed(2).padStart(5, '0')}`;
}

/** Signed minutes with a leading sign and fixed width, as VBOX writes them. */
function vboMinutes(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  return sign + Math.abs(minutes).toFixed(6).padStart(12, '0');
}

/**
 * Racelogic VBO: [header] channel titles, [column names], then space-separated [data] rows.
 * Latitude in minutes (+ north), longitude in minutes (+ WEST), velocity km/h, heading degrees,
 * time UTC of day. The logger does not record satellites in every format, so no sats column.
 */
export function toVbo(trace: Trace, meta: ExportMeta): string {
  const start = trace.startedAtMs ?? 0;
  const created = new Date(start);
  const date = `${pad(created.getUTCDate(), 2)}/${pad(created.getUTCMonth() + 1, 2)}/${created.getUTCFullYear()}`;
  const clock = `${pad(created.getUTCHours(), 2)}:${pad(created.getUTCMinutes(), 2)}:${pad(created.getUTCSeconds(), 2)}`;
  const rows = fixes(trace).map((f) => [
    vboTime(start + f.t), vboMinutes(f.lat * 60), vboMinutes(-f.lon * 60),
    f.kmh.toFixed(3).padStart(7, '0'), f.heading.toFixed(2).padStart(6, '0'),
  ].join(' '));
  return [
    `File created on ${date} at ${clock}`,
    '',
    '[header]', 'time', 'latitude', 'longitude', 'velocity kmh', 'heading',
    '',
    // Required even when empty: one units line per channel that is not a standard one (all are here).
    '[channel units]',
    '',
    '[comments]', `Exported by RaceSense Paddock Sync from ${meta.name.replace(/[\r\n]/g, ' ')}`,
    '',
    '[column names]', 'time lat long velocity heading',
    '',
    '[data]', ...rows, '',
  ].join('\r\n');
}

import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { toGpx, toVbo } from './exports';
import type { Trace } from './trace';

// Two laps of a 500 m oval west of Greenwich (negative longitudes, VBO's sign trap) at 10 Hz with
// ±1 m GPS noise; the server's interpolated boundary points sit between fixes.
function oval(): { trace: Trace; fixes: { t: number; lat: number; lon: number; kmh: number }[] } {
  const fixes: { t: number; lat: number; lon: number; kmh: number }[] = [];
  let seed = 7;
  const noise = () => ((seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5) * 2 / 111320;
  for (let i = 0; i < 1300; i++) {
    const a = (i / 10) * (2 * Math.PI / 40);  // one lap per 40 s
    fixes.push({ t: i * 100 + 37, lat: 51.5 + Math.sin(a) * 0.0007 + noise(), lon: -0.7 + Math.cos(a) * 0.0011 + noise(), kmh: 45 + 20 * Math.cos(2 * a) });
  }
  const points = [...fixes];
  const boundaries = [4050, 44050, 84050];
  for (const b of boundaries.reverse()) {
    const k = points.findIndex((p) => p.t > b);
    points.splice(k, 0, { ...points[k - 1], t: b });
  }
  const idx = (t: number) => points.findIndex((p) => p.t === t);
  const trace: Trace = {
    sessionId: 4,
    t: Float64Array.from(points, (p) => p.t),
    d: new Float64Array(points.length),
    lat: Float64Array.from(points, (p) => p.lat),
    lon: Float64Array.from(points, (p) => p.lon),
    v: Float64Array.from(points, (p) => p.kmh),
    interpolated: new Set([idx(4050), idx(44050), idx(84050)]),
    segments: [
      { lap: 0, kind: 'out', i0: 0, i1: idx(4050) },
      { lap: 1, kind: 'lap', i0: idx(4050), i1: idx(44050), time_ms: 40000, start_ms: 4050 },
      { lap: 2, kind: 'lap', i0: idx(44050), i1: idx(84050), time_ms: 40000, start_ms: 44050 },
      { lap: 3, kind: 'in', i0: idx(84050), i1: points.length - 1 },
    ],
    startedAtMs: Date.UTC(2026, 10, 28, 23, 58, 30, 0),  // crosses midnight UTC
    topSpeedKmh: 65,
    startLine: null,
  };
  return { trace, fixes };
}

describe('GPX export', () => {
  const { trace, fixes } = oval();
  const gpx = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(toGpx(trace, { name: 'Sess <1> & co' }));

  it('is GPX 1.1 with one segment per out-lap, lap and in-lap', () => {
    expect(gpx.gpx.version).toBe('1.1');
    expect(gpx.gpx.trk.name).toBe('Sess <1> & co');
    expect(gpx.gpx.trk.trkseg).toHaveLength(4);
  });

  it('holds every logged fix once, with its time and speed, and no interpolated point', () => {
    const points = gpx.gpx.trk.trkseg.flatMap((s: { trkpt: unknown[] }) => s.trkpt) as {
      lat: string; lon: string; time: string; extensions: { 'gpxtpx:TrackPointExtension': { 'gpxtpx:speed': number } };
    }[];
    expect(points).toHaveLength(fixes.length);
    points.forEach((p, i) => {
      expect(Number(p.lat)).toBeCloseTo(fixes[i].lat, 7);
      expect(Number(p.lon)).toBeCloseTo(fixes[i].lon, 7);
      expect(Date.parse(p.time)).toBe(trace.startedAtMs! + fixes[i].t);
      expect(p.extensions['gpxtpx:TrackPointExtension']['gpxtpx:speed']).toBeCloseTo(fixes[i].kmh / 3.6, 2);
    });
  });
});

// An independent reader of the VBO text format as Racelogic documents it.
function readVbo(text: string) {
  const lines = text.split(/\r?\n/);
  const section = (name: string) => {
    const start = lines.indexOf(`[${name}]`);
    const out: string[] = [];
    for (let i = start + 1; i < lines.length && !lines[i].startsWith('['); i++) if (lines[i].trim()) out.push(lines[i]);
    return out;
  };
  const columns = section('column names')[0].split(' ');
  const rows = section('data').map((r) => Object.fromEntries(r.split(/\s+/).map((v, i) => [columns[i], v])));
  const sections = lines.filter((l) => /^\[.+\]$/.test(l));
  const blankBeforeEachSection = lines.every((l, i) => !/^\[.+\]$/.test(l) || i === 0 || lines[i - 1] === '');
  return { first: lines[0], header: section('header'), units: section('channel units'), sections, blankBeforeEachSection, columns, rows };
}

describe('VBO export', () => {
  const { trace, fixes } = oval();
  const vbo = readVbo(toVbo(trace, { name: 'sess_1.csv' }));

  it('has the sections and columns VBOX tools look for', () => {
    expect(vbo.first).toBe('File created on 28/11/2026 at 23:58:30');
    expect(vbo.columns).toEqual(['time', 'lat', 'long', 'velocity', 'heading']);
    expect(vbo.header).toHaveLength(vbo.columns.length);
  });

  it('has every section the file structure requires, each after a blank line', () => {
    expect(vbo.sections).toEqual(['[header]', '[channel units]', '[comments]', '[column names]', '[data]']);
    expect(vbo.units).toEqual([]);  // one line per non-standard channel: all five are standard
    expect(vbo.blankBeforeEachSection).toBe(true);
  });

  it('round-trips every fix: minutes, longitude positive west, UTC time of day', () => {
    expect(vbo.rows).toHaveLength(fixes.length);
    vbo.rows.forEach((r, i) => {
      expect(Number(r.lat) / 60).toBeCloseTo(fixes[i].lat, 7);
      expect(-Number(r.long) / 60).toBeCloseTo(fixes[i].lon, 7);
      expect(Number(r.velocity)).toBeCloseTo(fixes[i].kmh, 3);
      const tod = trace.startedAtMs! + fixes[i].t;
      const hhmmss = new Date(Math.round(tod / 10) * 10).toISOString().slice(11, 22).replace(/:/g, '');
      expect(r.time).toBe(hhmmss);
    });
  });

  it('headings follow the direction of travel (anticlockwise oval)', () => {
    const h = Number(vbo.rows[0].heading);  // starts at the east end, moving north
    expect(Math.min(h, 360 - h)).toBeLessThan(15);
  });
});

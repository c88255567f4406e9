// The track map: the trace drawn from the GPS data on a canvas (no tiles: the paddock may have no
// data), coloured per segment, with the start/finish line the racer can move and turn.
import { h } from '../ui/dom';
import { headingAcross, lineEnds, projection, type Projection } from './geo';
import type { StartLine } from './trace';

export interface MapMarker {
  lat: number;
  lon: number;
  label: string;
}

export interface MapPath {
  lat: ArrayLike<number>;
  lon: ArrayLike<number>;
  /** colour of the segment from point i to i+1 */
  color: (i: number) => string;
  width: number;
}

interface Fit {
  p: Projection;
  scale: number;
  cx: number;
  cy: number;
}

const PAD = 56;  // room for the line's grips at the edge
const HANDLE_PX = 24;
const GRIP_PX = 56;

export class TrackMap {
  readonly el: HTMLElement;
  private readonly canvas: HTMLCanvasElement;
  private paths: MapPath[] = [];
  private line: StartLine | null = null;
  private markers: MapMarker[] = [];
  private editing = false;
  private fit: Fit | null = null;
  private drag: 'move' | 'turn' | null = null;
  private onLineChange: (l: StartLine) => void = () => undefined;

  constructor(label: string) {
    this.canvas = h('canvas', { class: 'track-map', role: 'img', 'aria-label': label, 'data-testid': 'track-map' }) as HTMLCanvasElement;
    this.el = h('div', { class: 'map-box' }, this.canvas);
    this.canvas.addEventListener('pointerdown', (e) => this.pointerDown(e));
    this.canvas.addEventListener('pointermove', (e) => this.pointerMove(e));
    for (const end of ['pointerup', 'pointercancel']) this.canvas.addEventListener(end, () => (this.drag = null));
    new ResizeObserver(() => this.draw()).observe(this.el);
  }

  show(paths: MapPath[], line: StartLine | null, markers: MapMarker[] = []) {
    this.paths = paths;
    this.markers = markers;
    this.line = line ? { ...line } : null;
    this.fit = null;
    const box = this.bounds();
    // As tall as the circuit's shape needs (plus room for the line's handles), within reason.
    if (box) this.canvas.style.aspectRatio = `1 / ${Math.min(1.3, Math.max(0.6, (box.h + 60) / (box.w + 60)))}`;
    this.draw();
  }

  private bounds(): { p: Projection; w: number; h: number } | null {
    const base = this.paths[0];
    if (!base || base.lat.length === 0) return null;
    let [minLat, maxLat, minLon, maxLon] = [Infinity, -Infinity, Infinity, -Infinity];
    for (let i = 0; i < base.lat.length; i++) {
      minLat = Math.min(minLat, base.lat[i]); maxLat = Math.max(maxLat, base.lat[i]);
      minLon = Math.min(minLon, base.lon[i]); maxLon = Math.max(maxLon, base.lon[i]);
    }
    const p = projection((minLat + maxLat) / 2, (minLon + maxLon) / 2);
    const [w, h] = p.toXY(maxLat, maxLon);
    return { p, w: 2 * w, h: 2 * h };
  }

  /** In edit mode dragging the centre moves the line, dragging near an end turns it. */
  edit(on: boolean, onChange: (l: StartLine) => void = () => undefined) {
    this.editing = on;
    this.onLineChange = onChange;
    this.canvas.classList.toggle('editing', on);
    this.draw();
  }

  setLine(line: StartLine) {
    this.line = { ...line };
    this.draw();
  }

  /** Where the line's centre and ends are on the canvas, in CSS pixels (for tests and hints). */
  lineOnScreen(): { centre: [number, number]; ends: [number, number][] } | null {
    const fit = this.currentFit();
    if (!fit || !this.line) return null;
    const centre = this.toPx(fit, fit.p.toXY(this.line.lat, this.line.lon));
    const [a] = lineEnds(this.line, fit.p).map((xy) => this.toPx(fit, xy));
    // The turning grips sit on the line's ends, or further out when the line is short on screen.
    const len = Math.hypot(a[0] - centre[0], a[1] - centre[1]);
    const k = Math.max(len, GRIP_PX) / (len || 1);
    const dx = (a[0] - centre[0]) * k;
    const dy = (a[1] - centre[1]) * k;
    return { centre, ends: [[centre[0] + dx, centre[1] + dy], [centre[0] - dx, centre[1] - dy]] };
  }

  private currentFit(): Fit | null {
    if (this.fit) return this.fit;
    const box = this.bounds();
    if (!box) return null;
    const width = this.canvas.clientWidth;
    const height = this.canvas.clientHeight;
    const scale = Math.min((width - 2 * PAD) / Math.max(box.w, 1), (height - 2 * PAD) / Math.max(box.h, 1));
    this.fit = { p: box.p, scale, cx: width / 2, cy: height / 2 };
    return this.fit;
  }

  private toPx(fit: Fit, [x, y]: [number, number]): [number, number] {
    return [fit.cx + x * fit.scale, fit.cy - y * fit.scale];
  }

  private draw() {
    const ratio = window.devicePixelRatio || 1;
    const width = this.canvas.clientWidth;
    const height = this.canvas.clientHeight;
    if (width === 0) return;
    if (this.canvas.width !== Math.round(width * ratio) || this.canvas.height !== Math.round(height * ratio)) this.fit = null;
    this.canvas.width = Math.round(width * ratio);
    this.canvas.height = Math.round(height * ratio);
    const ctx = this.canvas.getContext('2d');
    const fit = this.currentFit();
    if (!ctx || !fit) return;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);
    ctx.lineCap = 'round';
    for (const path of this.paths) this.drawPath(ctx, fit, path);
    for (const m of this.markers) this.drawMarker(ctx, this.toPx(fit, fit.p.toXY(m.lat, m.lon)), m.label);
    if (this.line) this.drawLine(ctx, fit, this.line);
    const at = this.lineOnScreen();
    // Where the handles are, for tests driving the pointer.
    if (at) this.canvas.dataset.handles = JSON.stringify([at.centre, ...at.ends].map(([x, y]) => [Math.round(x), Math.round(y)]));
  }

  private drawPath(ctx: CanvasRenderingContext2D, fit: Fit, path: MapPath) {
    ctx.lineWidth = path.width;
    let prev = this.toPx(fit, fit.p.toXY(path.lat[0], path.lon[0]));
    for (let i = 1; i < path.lat.length; i++) {
      const next = this.toPx(fit, fit.p.toXY(path.lat[i], path.lon[i]));
      ctx.strokeStyle = path.color(i - 1);
      ctx.beginPath();
      ctx.moveTo(prev[0], prev[1]);
      ctx.lineTo(next[0], next[1]);
      ctx.stroke();
      prev = next;
    }
  }

  private drawMarker(ctx: CanvasRenderingContext2D, [x, y]: [number, number], label: string) {
    ctx.fillStyle = '#a855f7';
    ctx.strokeStyle = '#fff';
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.arc(x, y, 6, 0, 2 * Math.PI);
    ctx.fill();
    ctx.stroke();
    ctx.font = 'bold 14px system-ui, sans-serif';
    ctx.lineWidth = 4;
    ctx.strokeStyle = '#000';
    ctx.strokeText(label, x + 9, y - 8);
    ctx.fillStyle = '#fff';
    ctx.fillText(label, x + 9, y - 8);
  }

  private drawLine(ctx: CanvasRenderingContext2D, fit: Fit, line: StartLine) {
    const [a, b] = lineEnds(line, fit.p).map((xy) => this.toPx(fit, xy));
    const c = this.toPx(fit, fit.p.toXY(line.lat, line.lon));
    for (const [color, w] of [['#000', 9], ['#fff', 5]] as const) {
      ctx.strokeStyle = color;
      ctx.lineWidth = w;
      ctx.beginPath();
      ctx.moveTo(a[0], a[1]);
      ctx.lineTo(b[0], b[1]);
      ctx.stroke();
    }
    // An arrow in the direction of travel.
    const rad = (line.heading * Math.PI) / 180;
    const dir: [number, number] = [Math.sin(rad), -Math.cos(rad)];
    const tip: [number, number] = [c[0] + dir[0] * 26, c[1] + dir[1] * 26];
    ctx.strokeStyle = '#fff';
    ctx.lineWidth = 4;
    ctx.beginPath();
    ctx.moveTo(c[0], c[1]);
    ctx.lineTo(tip[0], tip[1]);
    ctx.lineTo(tip[0] - dir[0] * 9 - dir[1] * 7, tip[1] - dir[1] * 9 + dir[0] * 7);
    ctx.moveTo(tip[0], tip[1]);
    ctx.lineTo(tip[0] - dir[0] * 9 + dir[1] * 7, tip[1] - dir[1] * 9 - dir[0] * 7);
    ctx.stroke();
    const grips = this.lineOnScreen();
    if (!this.editing || !grips) return;
    ctx.strokeStyle = '#f97316';
    ctx.lineWidth = 2;
    ctx.setLineDash([5, 5]);
    ctx.beginPath();
    ctx.moveTo(grips.ends[0][0], grips.ends[0][1]);
    ctx.lineTo(grips.ends[1][0], grips.ends[1][1]);
    ctx.stroke();
    ctx.setLineDash([]);
    for (const [p, r] of [[c, 14], [grips.ends[0], 11], [grips.ends[1], 11]] as const) {
      ctx.fillStyle = '#f97316';
      ctx.strokeStyle = '#000';
      ctx.lineWidth = 3;
      ctx.beginPath();
      ctx.arc(p[0], p[1], r, 0, 2 * Math.PI);
      ctx.fill();
      ctx.stroke();
    }
  }

  private eventXY(e: PointerEvent): [number, number] {
    const r = this.canvas.getBoundingClientRect();
    return [e.clientX - r.left, e.clientY - r.top];
  }

  private pointerDown(e: PointerEvent) {
    const at = this.lineOnScreen();
    if (!this.editing || !at) return;
    const [x, y] = this.eventXY(e);
    const near = (p: [number, number]) => Math.hypot(p[0] - x, p[1] - y) <= HANDLE_PX;
    this.drag = near(at.centre) ? 'move' : at.ends.some(near) ? 'turn' : null;
    if (this.drag) {
      this.canvas.setPointerCapture(e.pointerId);
      e.preventDefault();
    }
  }

  private pointerMove(e: PointerEvent) {
    const fit = this.currentFit();
    if (!this.drag || !fit || !this.line) return;
    const [px, py] = this.eventXY(e);
    const x = (px - fit.cx) / fit.scale;
    const y = (fit.cy - py) / fit.scale;
    if (this.drag === 'move') {
      [this.line.lat, this.line.lon] = fit.p.toLatLon(x, y);
    } else {
      const [cx, cy] = fit.p.toXY(this.line.lat, this.line.lon);
      this.line.heading = Math.round(headingAcross(x - cx, y - cy, this.line.heading) * 10) / 10;
    }
    this.draw();
    this.onLineChange({ ...this.line });
  }
}

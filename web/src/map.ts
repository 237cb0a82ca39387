import { geoMercator } from 'd3-geo';
import { drawn } from './marks.js';

/** One thing to draw: a point with a colour and a size, and what clicking it means. */
export interface MapPoint {
  lon: number;
  lat: number;
  color: string;
  /** Radius weight (fatalities for events); markers grow with its square root. */
  weight: number;
  key: string;
  shape: 'circle' | 'diamond';
  /** Drawn beside a lone marker (place names in the control view). */
  label?: string;
}

/** A marker as drawn on screen (what hit-testing and the browser tests read). */
export interface DrawnMarker {
  x: number;
  y: number;
  r: number;
  keys: string[];
}

/**
 * Rings of one basemap layer within one grid cell, read and turned into a Path2D when first
 * drawn. Decoding reads only boxes and offsets: a view meets a few dozen of the ~4,000 chunks, and
 * typed-array views made for all of them up front were most of the decoding and its garbage.
 */
interface BasemapChunk {
  /** Bounding box in unit Mercator: x0, y0, x1, y1. */
  box: [number, number, number, number];
  buf: ArrayBuffer;
  /** Byte offset of the ring lengths; the coordinates (`bytes` of varints) follow them. */
  at: number;
  rings: number;
  bytes: number;
  path: Path2D | null;
}

/**
 * The basemap projected once to unit Mercator coordinates, in chunks by region. Mercator under
 * pan and zoom is only a scale and a translation, so each frame draws these paths under a canvas
 * transform instead of re-projecting; and only the chunks the view meets are decoded and drawn
 * (a first view of one region touches a few percent of the world's ~350,000 vertices).
 */
interface Basemap {
  land: BasemapChunk[];
  provinceLines: BasemapChunk[];
  countryLines: BasemapChunk[];
}

/** Must match src/server/basemapBinary.ts, which documents the format. */
const MAGIC = 0x33425253;
const UNIT = 16384 / Math.PI;

/** Reads the server's pre-projected basemap (/basemap.bin): chunk boxes and views, no paths yet. */
export function decodeBasemap(buf: ArrayBuffer): Basemap {
  const u32 = new Uint32Array(buf, 0, 2);
  if (u32[0] !== MAGIC) throw new Error('not a sitrep basemap');
  const view = new DataView(buf);
  let at = 8;
  const layers: BasemapChunk[][] = [];
  for (let l = 0; l < u32[1]!; l++) {
    const n = view.getUint32(at, true);
    at += 4;
    const chunks: BasemapChunk[] = [];
    for (let c = 0; c < n; c++) {
      const box: BasemapChunk['box'] = [view.getInt16(at, true) / UNIT, view.getInt16(at + 2, true) / UNIT, view.getInt16(at + 4, true) / UNIT, view.getInt16(at + 6, true) / UNIT];
      const rings = view.getUint32(at + 8, true);
      const bytes = view.getUint32(at + 16, true);
      chunks.push({ box, buf, at: at + 20, rings, bytes, path: null });
      at += 20 + rings * 4 + Math.ceil(bytes / 4) * 4;
    }
    layers.push(chunks);
  }
  const [land, provinceLines, countryLines] = layers;
  return { land: land!, provinceLines: provinceLines!, countryLines: countryLines! };
}

function chunkPath(chunk: BasemapChunk): Path2D {
  if (chunk.path) return chunk.path;
  const lengths = new Uint32Array(chunk.buf, chunk.at, chunk.rings);
  const bytes = new Uint8Array(chunk.buf, chunk.at + chunk.rings * 4, chunk.bytes);
  let i = 0;
  // One zigzag varint (src/server/basemapBinary.ts writes them).
  const next = () => {
    let z = 0;
    let shift = 0;
    let b: number;
    do {
      b = bytes[i++]!;
      z |= (b & 0x7f) << shift;
      shift += 7;
    } while (b & 0x80);
    return z & 1 ? -(z + 1) / 2 : z / 2;
  };
  const path = new Path2D();
  for (const n of lengths) {
    let x = next();
    let y = next();
    path.moveTo(x / UNIT, y / UNIT);
    for (let j = 1; j < n; j++) {
      x += next();
      y += next();
      path.lineTo(x / UNIT, y / UNIT);
    }
  }
  return (chunk.path = path);
}

const CELL = 34; // clustering grid, CSS pixels

/**
 * The map: a Mercator projection on a canvas, basemap drawn from the bundled provinces, markers
 * clustered on a screen grid (so clusters split as you zoom in). Pan by dragging, zoom with the
 * wheel or the buttons.
 */
export class EventMap {
  private readonly ctx: CanvasRenderingContext2D;
  private readonly projection = geoMercator();
  private points: MapPoint[] = [];
  private basemap: Basemap | null = null;
  private width = 0;
  private height = 0;
  private frame = 0;
  /** The basemap rasterised for one view: filling ~350,000 vertices is the costly part of a frame. */
  private readonly base = document.createElement('canvas');
  private baseView: { k: number; tx: number; ty: number } | null = null;
  private settle = 0;
  private painted = false;
  drawn: DrawnMarker[] = [];
  onPick: (marker: DrawnMarker) => void = () => {};

  constructor(private readonly canvas: HTMLCanvasElement) {
    this.ctx = canvas.getContext('2d')!;
    new ResizeObserver(() => this.resize()).observe(canvas.parentElement!);
    this.resize();
    this.fit([[-20, -40], [60, 60]]);
    this.bindPointer();
  }

  setBasemap(b: Basemap) {
    this.basemap = b;
    this.request();
  }

  setPoints(points: MapPoint[]) {
    this.points = points;
    this.request();
  }

  /** Frames the given [[west, south], [east, north]] box. */
  fit(box: [[number, number], [number, number]]) {
    const [[w, s], [e, n]] = box;
    // At least ~4 degrees across: one event alone should still show its region.
    const pad = Math.max(0.15 * Math.max(e - w, n - s), 2 - Math.min(e - w, n - s) / 2);
    this.projection.fitExtent(
      [[24, 24], [Math.max(48, this.width - 24), Math.max(48, this.height - 24)]],
      { type: 'MultiPoint', coordinates: [[w - pad, s - pad], [e + pad, n + pad]] },
    );
    this.request();
  }

  fitPoints() {
    if (!this.points.length) return this.fit([[-20, -40], [60, 60]]);
    let w = 180, s = 90, e = -180, n = -90;
    for (const p of this.points) {
      w = Math.min(w, p.lon); e = Math.max(e, p.lon); s = Math.min(s, p.lat); n = Math.max(n, p.lat);
    }
    this.fit([[w, s], [e, n]]);
  }

  /** Zooms by `factor` keeping screen point (x, y) fixed. */
  zoom(factor: number, x = this.width / 2, y = this.height / 2) {
    const s = this.projection.scale();
    const next = Math.max(80, Math.min(2e6, s * factor));
    const f = next / s;
    const [tx, ty] = this.projection.translate();
    this.projection.scale(next).translate([x - (x - tx) * f, y - (y - ty) * f]);
    this.request();
  }

  private pan(dx: number, dy: number) {
    const [tx, ty] = this.projection.translate();
    this.projection.translate([tx + dx, ty + dy]);
    this.request();
  }

  private bindPointer() {
    let drag: { x: number; y: number; moved: number } | null = null;
    this.canvas.addEventListener('pointerdown', (e) => {
      drag = { x: e.offsetX, y: e.offsetY, moved: 0 };
      this.canvas.setPointerCapture(e.pointerId);
    });
    this.canvas.addEventListener('pointermove', (e) => {
      if (!drag) return this.hover(e.offsetX, e.offsetY);
      const dx = e.offsetX - drag.x;
      const dy = e.offsetY - drag.y;
      drag.moved += Math.abs(dx) + Math.abs(dy);
      drag.x = e.offsetX;
      drag.y = e.offsetY;
      this.pan(dx, dy);
    });
    this.canvas.addEventListener('pointerup', (e) => {
      const click = drag && drag.moved < 4;
      drag = null;
      if (click) this.click(e.offsetX, e.offsetY);
    });
    this.canvas.addEventListener('wheel', (e) => {
      e.preventDefault();
      this.zoom(Math.exp(-e.deltaY * 0.0015), e.offsetX, e.offsetY);
    }, { passive: false });
  }

  private markerAt(x: number, y: number) {
    // Topmost first: the last drawn wins.
    for (let i = this.drawn.length - 1; i >= 0; i--) {
      const m = this.drawn[i]!;
      if ((m.x - x) ** 2 + (m.y - y) ** 2 <= (m.r + 3) ** 2) return m;
    }
    return null;
  }

  private hover(x: number, y: number) {
    this.canvas.style.cursor = this.markerAt(x, y) ? 'pointer' : 'grab';
  }

  private click(x: number, y: number) {
    const m = this.markerAt(x, y);
    if (!m) return;
    // A cluster whose points still spread on screen zooms in; one that does not (same place) is picked.
    if (m.keys.length > 1 && this.spread(m) > 6) this.zoom(2.5, m.x, m.y);
    else this.onPick(m);
  }

  private spread(m: DrawnMarker) {
    const keys = new Set(m.keys);
    let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
    for (const p of this.points) {
      if (!keys.has(p.key)) continue;
      const [x, y] = this.projection([p.lon, p.lat]) ?? [0, 0];
      minX = Math.min(minX, x); maxX = Math.max(maxX, x); minY = Math.min(minY, y); maxY = Math.max(maxY, y);
    }
    return Math.max(maxX - minX, maxY - minY);
  }

  private resize() {
    const box = this.canvas.parentElement!.getBoundingClientRect();
    const dpr = window.devicePixelRatio || 1;
    const [ow, oh] = [this.width, this.height];
    this.width = Math.max(1, box.width);
    this.height = Math.max(1, box.height);
    // The observer's first call reports the size the constructor already set: resizing the canvas
    // again would clear it and reallocate its backing store on the first screen.
    if (this.width === ow && this.height === oh && this.canvas.width === Math.round(this.width * dpr)) return;
    this.canvas.width = Math.round(this.width * dpr);
    this.canvas.height = Math.round(this.height * dpr);
    this.canvas.style.width = `${this.width}px`;
    this.canvas.style.height = `${this.height}px`;
    if (ow && oh) this.pan((this.width - ow) / 2, (this.height - oh) / 2);
    this.request();
  }

  /** Coalesces redraws to one per animation frame. */
  request() {
    if (!this.frame) this.frame = requestAnimationFrame(() => ((this.frame = 0), this.draw()));
  }

  private draw() {
    // Nothing to show yet: the canvas's own background (style.css) is this sea colour, and every
    // frame that paints the canvas costs a full upload on the first screen's busy main thread.
    if (!this.painted && !this.basemap && !this.points.length) return;
    this.painted = true;
    const { ctx, width, height } = this;
    const dpr = this.canvas.width / width;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = '#dfe7ec';
    ctx.fillRect(0, 0, width, height);
    if (this.basemap) this.drawBasemap(dpr);
    this.drawn = this.drawMarkers();
    this.canvas.dataset.basemap = String(this.basemap !== null);
    this.canvas.dataset.markers = String(this.drawn.length);
    this.canvas.dataset.points = String(this.drawn.reduce((n, m) => n + m.keys.length, 0));
    if (this.basemap) drawn('basemap');
    if (this.drawn.length) drawn('markers');
    this.canvas.dispatchEvent(new CustomEvent('drawn'));
  }

  /**
   * Draws the cached basemap raster; while the view moves, the old raster is stretched and
   * shifted into place, and a sharp one is made once the view has been still for a moment.
   */
  private drawBasemap(dpr: number) {
    const k = this.projection.scale();
    const [tx, ty] = this.projection.translate();
    const v = this.baseView;
    const same = v && v.k === k && v.tx === tx && v.ty === ty && this.base.width === this.canvas.width && this.base.height === this.canvas.height;
    if (!same) {
      clearTimeout(this.settle);
      if (v) {
        // Screen point p = k·u + t, so the old raster maps to the new view by f = k/k0 and t − f·t0.
        const f = k / v.k;
        this.ctx.setTransform(dpr * f, 0, 0, dpr * f, dpr * (tx - f * v.tx), dpr * (ty - f * v.ty));
        this.ctx.drawImage(this.base, 0, 0, this.base.width / dpr, this.base.height / dpr);
        this.ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
        this.settle = window.setTimeout(() => this.rasterBasemap(dpr), 120);
        return;
      }
      this.rasterBasemap(dpr, false);
    }
    this.ctx.drawImage(this.base, 0, 0, this.width, this.height);
  }

  private rasterBasemap(dpr: number, redraw = true) {
    const b = this.basemap!;
    const k = this.projection.scale();
    const [tx, ty] = this.projection.translate();
    this.base.width = this.canvas.width;
    this.base.height = this.canvas.height;
    const ctx = this.base.getContext('2d')!;
    ctx.setTransform(dpr * k, 0, 0, dpr * k, dpr * tx, dpr * ty);
    // The view in unit Mercator (screen = k·u + t): chunks outside it are neither decoded nor drawn.
    const view = [-tx / k, -ty / k, (this.width - tx) / k, (this.height - ty) / k] as const;
    const visible = (chunks: BasemapChunk[]) =>
      chunks.filter(({ box }) => box[0] <= view[2] && box[2] >= view[0] && box[1] <= view[3] && box[3] >= view[1]).map(chunkPath);
    ctx.fillStyle = '#f7f5f0';
    for (const p of visible(b.land)) ctx.fill(p);
    if (k > 600) {
      ctx.strokeStyle = '#e2ddd2';
      ctx.lineWidth = 0.5 / k;
      for (const p of visible(b.provinceLines)) ctx.stroke(p);
    }
    ctx.strokeStyle = '#8d8678';
    ctx.lineWidth = 1.1 / k;
    for (const p of visible(b.countryLines)) ctx.stroke(p);
    this.baseView = { k, tx, ty };
    if (redraw) this.request();
  }

  private drawMarkers(): DrawnMarker[] {
    const { ctx, width, height } = this;
    const cells = new Map<number, { xs: number; ys: number; pts: MapPoint[] }>();
    // The projection's formula inline (d3's Mercator, unrotated, centred at 0,0: what fit and zoom
    // keep it): a call through d3's chain of closures per point was most of a 10,000-point frame.
    const k = this.projection.scale();
    const [tx, ty] = this.projection.translate();
    const rad = Math.PI / 180;
    for (const p of this.points) {
      const x = tx + k * p.lon * rad;
      const y = ty - k * Math.log(Math.tan(Math.PI / 4 + (p.lat * rad) / 2));
      if (!(x >= -20 && y >= -20 && x <= width + 20 && y <= height + 20)) continue;
      const key = Math.floor(x / CELL) * 100003 + Math.floor(y / CELL);
      let c = cells.get(key);
      if (!c) cells.set(key, (c = { xs: 0, ys: 0, pts: [] }));
      c.xs += x;
      c.ys += y;
      c.pts.push(p);
    }
    const out: DrawnMarker[] = [];
    // Big clusters under small ones, so small markers stay clickable.
    const list = [...cells.values()].sort((a, b) => b.pts.length - a.pts.length);
    for (const c of list) {
      const n = c.pts.length;
      const x = c.xs / n;
      const y = c.ys / n;
      const weight = c.pts.reduce((s, p) => s + p.weight, 0);
      const r = n === 1 ? 4 + Math.sqrt(weight) * 1.6 : 9 + Math.sqrt(n) * 2 + Math.sqrt(weight) * 0.6;
      const color = dominant(c.pts);
      ctx.beginPath();
      if (c.pts[0]!.shape === 'diamond' && n === 1) {
        ctx.moveTo(x, y - r - 2); ctx.lineTo(x + r + 2, y); ctx.lineTo(x, y + r + 2); ctx.lineTo(x - r - 2, y); ctx.closePath();
      } else ctx.arc(x, y, r, 0, Math.PI * 2);
      ctx.fillStyle = n === 1 ? hexAlpha(color, 0.85) : hexAlpha(color, 0.75);
      ctx.fill();
      ctx.lineWidth = n === 1 ? 1.2 : 2;
      ctx.strokeStyle = '#ffffff';
      ctx.stroke();
      const label = c.pts[0]!.label;
      if (n === 1 && label) {
        ctx.font = '600 12px system-ui, sans-serif';
        ctx.textAlign = 'left';
        ctx.textBaseline = 'middle';
        ctx.lineWidth = 3;
        ctx.strokeStyle = 'rgba(255,255,255,0.9)';
        ctx.strokeText(label, x + r + 6, y);
        ctx.fillStyle = '#1f2933';
        ctx.fillText(label, x + r + 6, y);
      }
      if (n > 1) {
        ctx.fillStyle = '#fff';
        ctx.font = '600 11px system-ui, sans-serif';
        ctx.textAlign = 'center';
        ctx.textBaseline = 'middle';
        ctx.fillText(String(n), x, y + 0.5);
      }
      out.push({ x, y, r, keys: c.pts.map((p) => p.key) });
    }
    return out;
  }
}

function dominant(pts: MapPoint[]): string {
  const n = new Map<string, number>();
  for (const p of pts) n.set(p.color, (n.get(p.color) ?? 0) + 1 + p.weight);
  return [...n].sort((a, b) => b[1] - a[1])[0]![0];
}

function hexAlpha(hex: string, a: number) {
  const v = parseInt(hex.slice(1), 16);
  return `rgba(${v >> 16},${(v >> 8) & 255},${v & 255},${a})`;
}

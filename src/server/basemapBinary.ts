import { geoArea, geoMercator, geoPath, type GeoPermissibleObjects } from 'd3-geo';
import { merge, mesh } from 'topojson-client';
import type { GeometryCollection, MultiPolygon, Polygon, Topology } from 'topojson-specification';
import { createError } from '../core/errors.js';

/**
 * The dashboard's basemap, pre-projected at build time (web/vite.config.ts writes it to
 * dist/web/basemap.bin). Parsing the TopoJSON, building features and meshes and projecting
 * ~300,000 vertices takes seconds; done once at build, the browser only turns typed arrays into
 * Path2D objects and the server only sends a file.
 *
 * Format (little-endian, 4-byte aligned): u32 magic "SRB3", u32 layer count, then per layer (land,
 * province borders, country borders): u32 chunk count, and per chunk: i16 × 4 bounding box (x0,
 * y0, x1, y1), u32 rings, u32 points, u32 coordinate bytes, u32 × rings ring lengths, then the
 * coordinates, padded to 4 bytes. Coordinates are unit Mercator (x, y in -π..π) times 2^14/π
 * (about 1 km at the equator), delta-coded within each ring (first point absolute), each value a
 * zigzag varint (7 bits a byte, low first): most deltas take one byte, where a fixed i16 took two,
 * and the page reads a third of the bytes on its busy first-screen main thread. A chunk holds what lies in one cell of a
 * GRID × GRID grid: land polygons clipped to the cell (a hair larger, so neighbouring cells'
 * fills overlap instead of leaving a seam), border lines cut where they leave it. The dashboard
 * decodes and draws only the chunks its view meets: a first screen over one region costs a few
 * percent of the world's vertices. (Whole rings by their box centre, the first layout, put all of
 * Russia or Iran in a chunk: 45,000 land vertices for a view of Iraq and Syria, where cut to the
 * cells it is about 3,000.)
 */
export const BASEMAP_MAGIC = 0x33425253; // "SRB3"
export const BASEMAP_UNIT = 16384 / Math.PI;
const GRID = 64;
/** A cell's side in quantised units, and the overlap of clipped land. */
const CELL = 32768 / GRID;
const OVERLAP = 2;

type Provinces = Topology<{ provinces: GeometryCollection<{ n: string; c: string; a: string }> }>;

/** Projects and packs the provinces topology (pure: topology in, bytes out). */
export function packBasemap(topo: Provinces): Uint8Array {
  const obj = topo.objects.provinces;
  if (!obj || obj.type !== 'GeometryCollection') throw createError('RESOURCE_INVALID', 'resources/basemap/admin1.topo.json', 'no "provinces" geometry collection');
  const country = (g: { properties?: unknown }) => (g.properties as { c?: string } | undefined)?.c;
  // Land is filled country by country, merged from its provinces: the borders between provinces
  // of one country (two thirds of the provinces' vertices) are never filled, and each ring stays
  // within one country, so it falls in few chunks.
  const byCountry = new Map<string | undefined, (Polygon | MultiPolygon)[]>();
  for (const g of obj.geometries) {
    if (g.type !== 'Polygon' && g.type !== 'MultiPolygon') continue;
    const list = byCountry.get(country(g)) ?? [];
    list.push(g);
    byCountry.set(country(g), list);
  }
  const land = { type: 'GeometryCollection', geometries: [...byCountry.values()].map((gs) => outward(merge(topo, gs))) } as GeoPermissibleObjects;
  const layers: GeoPermissibleObjects[] = [
    land,
    mesh(topo, obj, (a, b) => a !== b && country(a) === country(b)),
    mesh(topo, obj, (a, b) => a === b || country(a) !== country(b)),
  ];
  const chunks: Uint8Array[] = [new Uint8Array(new Uint32Array([BASEMAP_MAGIC, layers.length]).buffer)];
  for (const [i, layer] of layers.entries()) {
    const cells = new Map<number, number[][]>();
    const add = (cell: number, ring: number[]) => {
      const list = cells.get(cell) ?? [];
      list.push(ring);
      cells.set(cell, list);
    };
    for (const ring of projectRings(layer)) {
      if (i === 0) for (const [cell, part] of clipToCells(poleRing(ring))) add(cell, part);
      else for (const [cell, part] of cutAtCells(ring)) add(cell, part);
    }
    chunks.push(new Uint8Array(new Uint32Array([cells.size]).buffer));
    for (const [, rings] of [...cells].sort((a, b) => a[0] - b[0])) chunks.push(...packChunk(rings));
  }
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/**
 * The polygons wound as d3-geo reads them (exterior rings clockwise on the sphere). The source
 * follows RFC 7946 (counter-clockwise), which d3 reads as the whole sphere minus the country:
 * every country was drawn as a world-sized ring around a hole, the sea filled as land, and each
 * of those rings drawn from every view. A polygon larger than a hemisphere is turned round.
 */
function outward(m: GeoJSON.MultiPolygon): GeoJSON.MultiPolygon {
  const coordinates = m.coordinates.map((rings) =>
    geoArea({ type: 'Polygon', coordinates: rings }) > 2 * Math.PI ? rings.map((r) => [...r].reverse()) : rings);
  return { ...m, coordinates };
}

/** The layer's rings (and lines) as flat [x, y, x, y, ...] arrays in quantised unit Mercator. */
function projectRings(layer: GeoPermissibleObjects): number[][] {
  const unit = geoMercator().scale(1).translate([0, 0]).precision(0);
  const rings: number[][] = [];
  let ring: number[] = [];
  // Within ±16383, so a delta always fits in an i16.
  const q = (v: number) => Math.max(-16383, Math.min(16383, Math.round(v * BASEMAP_UNIT)));
  const context = {
    moveTo(x: number, y: number) {
      if (ring.length >= 4) rings.push(ring);
      ring = [q(x), q(y)];
    },
    lineTo(x: number, y: number) {
      ring.push(q(x), q(y));
    },
    closePath() {},
    arc() {},
  };
  geoPath(unit, context as unknown as CanvasRenderingContext2D)(layer);
  if (ring.length >= 4) rings.push(ring);
  return rings;
}

function ringBox(ring: number[]): [number, number, number, number] {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (let i = 0; i < ring.length; i += 2) {
    x0 = Math.min(x0, ring[i]!); x1 = Math.max(x1, ring[i]!);
    y0 = Math.min(y0, ring[i + 1]!); y1 = Math.max(y1, ring[i + 1]!);
  }
  return [x0, y0, x1, y1];
}

const gridCell = (v: number) => Math.max(0, Math.min(GRID - 1, Math.floor((v + 16384) / CELL)));
const cellOf = (x: number, y: number) => gridCell(x) * GRID + gridCell(y);

/**
 * A land ring around a pole (Antarctica) reaches the map's edge at infinity, and d3 closes it
 * along the frame the long way round: past the far edge too, so it holds the whole world but
 * Antarctica. Its points on the far edge are dropped, which closes it along the near edge.
 */
function poleRing(ring: number[]): number[] {
  const [, y0, , y1] = ringBox(ring);
  if (y0 > -16383 || y1 < 16383) return ring;
  let sum = 0;
  for (let j = 1; j < ring.length; j += 2) sum += ring[j]!;
  const far = sum > 0 ? -16383 : 16383;
  return ring.filter((_, j) => j % 2 === 0 ? ring[j + 1] !== far : ring[j] !== far);
}

/** A closed ring clipped to every cell its box meets (Sutherland–Hodgman, one pass a side). */
function* clipToCells(ring: number[]): Generator<[number, number[]]> {
  const [x0, y0, x1, y1] = ringBox(ring);
  for (let cx = gridCell(x0); cx <= gridCell(x1); cx++) {
    for (let cy = gridCell(y0); cy <= gridCell(y1); cy++) {
      const left = -16384 + cx * CELL - OVERLAP;
      const top = -16384 + cy * CELL - OVERLAP;
      let part = ring;
      part = clipSide(part, 0, left, 1);
      part = clipSide(part, 0, left + CELL + 2 * OVERLAP, -1);
      part = clipSide(part, 1, top, 1);
      part = clipSide(part, 1, top + CELL + 2 * OVERLAP, -1);
      if (part.length >= 6) yield [cx * GRID + cy, part];
    }
  }
}

/** The ring's part on the side of `axis` = `at` where sign·(v − at) ≥ 0, still closed. */
function clipSide(ring: number[], axis: 0 | 1, at: number, sign: 1 | -1): number[] {
  const out: number[] = [];
  const n = ring.length / 2;
  const inside = (j: number) => sign * (ring[2 * j + axis]! - at) >= 0;
  for (let j = 0; j < n; j++) {
    const k = (j + n - 1) % n;
    const [a, b] = [inside(k), inside(j)];
    if (a !== b) {
      // Where the edge k -> j crosses the line, rounded to the grid like every other point.
      const t = (at - ring[2 * k + axis]!) / (ring[2 * j + axis]! - ring[2 * k + axis]!);
      const other = 1 - axis;
      const v = Math.round(ring[2 * k + other]! + t * (ring[2 * j + other]! - ring[2 * k + other]!));
      out.push(...(axis === 0 ? [at, v] : [v, at]));
    }
    if (b) out.push(ring[2 * j]!, ring[2 * j + 1]!);
  }
  return out;
}

/**
 * An open line cut into runs of points in one cell; the segment that crosses into the next cell
 * is kept by both runs, so the line stays whole, and each run's box covers its segments.
 */
function* cutAtCells(line: number[]): Generator<[number, number[]]> {
  let cell = cellOf(line[0]!, line[1]!);
  let run = [line[0]!, line[1]!];
  for (let j = 2; j < line.length; j += 2) {
    const [x, y] = [line[j]!, line[j + 1]!];
    run.push(x, y);
    const next = cellOf(x, y);
    if (next === cell) continue;
    yield [cell, run];
    cell = next;
    run = [line[j - 2]!, line[j - 1]!, x, y];
  }
  if (run.length >= 4) yield [cell, run];
}

/** One chunk: its box, ring lengths and delta-coded points as zigzag varints, padded to 4 bytes. */
function packChunk(rings: number[][]): Uint8Array[] {
  const box = rings.map(ringBox).reduce((a, b) => [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])]);
  const points = rings.reduce((n, r) => n + r.length / 2, 0);
  const bytes: number[] = [];
  const varint = (v: number) => {
    let z = v < 0 ? -2 * v - 1 : 2 * v;
    while (z >= 0x80) {
      bytes.push((z & 0x7f) | 0x80);
      z >>>= 7;
    }
    bytes.push(z);
  };
  for (const r of rings) {
    varint(r[0]!);
    varint(r[1]!);
    for (let j = 2; j < r.length; j++) varint(r[j]! - r[j - 2]!);
  }
  const head = new Uint32Array([rings.length, points, bytes.length, ...rings.map((r) => r.length / 2)]);
  const coords = new Uint8Array(Math.ceil(bytes.length / 4) * 4);
  coords.set(bytes);
  return [new Uint8Array(new Int16Array(box).buffer), new Uint8Array(head.buffer), coords];
}

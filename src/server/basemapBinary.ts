import { geoMercator, geoPath, type GeoPermissibleObjects } from 'd3-geo';
import { merge, mesh } from 'topojson-client';
import type { GeometryCollection, MultiPolygon, Polygon, Topology } from 'topojson-specification';
import { createError } from '../core/errors.js';

/**
 * The dashboard's basemap, pre-projected at build time (web/vite.config.ts writes it to
 * dist/web/basemap.bin). Parsing the TopoJSON, building features and meshes and projecting
 * ~300,000 vertices takes seconds; done once at build, the browser only turns typed arrays into
 * Path2D objects and the server only sends a file.
 *
 * Format (little-endian, 4-byte aligned): u32 magic "SRB2", u32 layer count, then per layer (land,
 * province borders, country borders): u32 chunk count, and per chunk: i16 × 4 bounding box (x0,
 * y0, x1, y1), u32 rings, u32 points, u32 × rings ring lengths, i16 × 2 × points coordinates.
 * Coordinates are unit Mercator (x, y in -π..π) times 2^14/π (about 1 km at the equator),
 * delta-coded within each ring (first point absolute). A chunk holds the rings whose box centre
 * falls in one cell of a GRID × GRID grid, so the dashboard decodes and draws only the chunks
 * its view meets: a first screen over one region costs a few percent of the world's vertices.
 */
export const BASEMAP_MAGIC = 0x32425253; // "SRB2"
export const BASEMAP_UNIT = 16384 / Math.PI;
const GRID = 16;

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
  const land = { type: 'GeometryCollection', geometries: [...byCountry.values()].map((gs) => merge(topo, gs)) } as GeoPermissibleObjects;
  const layers: GeoPermissibleObjects[] = [
    land,
    mesh(topo, obj, (a, b) => a !== b && country(a) === country(b)),
    mesh(topo, obj, (a, b) => a === b || country(a) !== country(b)),
  ];
  const chunks: Uint8Array[] = [new Uint8Array(new Uint32Array([BASEMAP_MAGIC, layers.length]).buffer)];
  for (const layer of layers) {
    const cells = new Map<number, number[][]>();
    for (const ring of projectRings(layer)) {
      const [x0, y0, x1, y1] = ringBox(ring);
      const cell = gridCell((x0 + x1) / 2) * GRID + gridCell((y0 + y1) / 2);
      const list = cells.get(cell) ?? [];
      list.push(ring);
      cells.set(cell, list);
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

const gridCell = (v: number) => Math.min(GRID - 1, Math.floor(((v + 16384) / 32768) * GRID));

/** One chunk: its box, ring lengths and delta-coded points (4 bytes a point: stays aligned). */
function packChunk(rings: number[][]): Uint8Array[] {
  const box = rings.map(ringBox).reduce((a, b) => [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])]);
  const points = rings.reduce((n, r) => n + r.length / 2, 0);
  const head = new Uint32Array([rings.length, points, ...rings.map((r) => r.length / 2)]);
  const coords = new Int16Array(points * 2);
  let i = 0;
  for (const r of rings) {
    coords[i++] = r[0]!;
    coords[i++] = r[1]!;
    for (let j = 2; j < r.length; j++) coords[i++] = r[j]! - r[j - 2]!;
  }
  return [new Uint8Array(new Int16Array(box).buffer), new Uint8Array(head.buffer), new Uint8Array(coords.buffer)];
}

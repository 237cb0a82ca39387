import { geoMercator, geoPath, type GeoPermissibleObjects } from 'd3-geo';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { createError } from '../core/errors.js';

/**
 * The dashboard's basemap, pre-projected at build time (web/vite.config.ts writes it to
 * dist/web/basemap.bin). Parsing the TopoJSON, building features and meshes and projecting
 * ~500,000 vertices takes seconds; done once at build, the browser only turns typed arrays into
 * Path2D objects and the server only sends a file.
 *
 * Format (little-endian): u32 magic "SRB1", u32 layer count, then per layer (land, province
 * borders, country borders): u32 rings, u32 points, u32 × rings ring lengths, i16 × 2 × points
 * coordinates, padded to 4 bytes. Coordinates are unit Mercator (x, y in -π..π) times
 * 2^14/π (about 1 km at the equator), delta-coded within each ring (first point absolute).
 */
export const BASEMAP_MAGIC = 0x31425253; // "SRB1"
export const BASEMAP_UNIT = 16384 / Math.PI;

type Provinces = Topology<{ provinces: GeometryCollection<{ n: string; c: string; a: string }> }>;

/** Projects and packs the provinces topology (pure: topology in, bytes out). */
export function packBasemap(topo: Provinces): Uint8Array {
  const obj = topo.objects.provinces;
  if (!obj || obj.type !== 'GeometryCollection') throw createError('RESOURCE_INVALID', 'resources/basemap/admin1.topo.json', 'no "provinces" geometry collection');
  const country = (g: { properties?: unknown }) => (g.properties as { c?: string } | undefined)?.c;
  const layers: GeoPermissibleObjects[] = [
    feature(topo, obj) as GeoPermissibleObjects,
    mesh(topo, obj, (a, b) => a !== b && country(a) === country(b)),
    mesh(topo, obj, (a, b) => a === b || country(a) !== country(b)),
  ];
  const unit = geoMercator().scale(1).translate([0, 0]).precision(0);
  const chunks: Uint8Array[] = [new Uint8Array(new Uint32Array([BASEMAP_MAGIC, layers.length]).buffer)];
  for (const layer of layers) {
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
    const points = rings.reduce((n, r) => n + r.length / 2, 0);
    const head = new Uint32Array([rings.length, points, ...rings.map((r) => r.length / 2)]);
    const coords = new Int16Array(points * 2); // 4 bytes a point: stays 4-byte aligned
    let i = 0;
    for (const r of rings) {
      coords[i++] = r[0]!;
      coords[i++] = r[1]!;
      for (let j = 2; j < r.length; j++) coords[i++] = r[j]! - r[j - 2]!;
    }
    chunks.push(new Uint8Array(head.buffer), new Uint8Array(coords.buffer));
  }
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** Small geometry and naming helpers shared by event fusion and the control timeline. */

const EARTH_KM = 6371.0088;
const rad = (d: number) => (d * Math.PI) / 180;

/** Great-circle distance in km. */
export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dLat = rad(lat2 - lat1);
  const dLon = rad(lon2 - lon1);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Grid cell size in degrees for candidate indexes (~55 km north-south). */
export const CELL_DEG = 0.5;
const KM_PER_DEG = 111.2;

/** Integer cell coordinates of a point. */
export function cellOf(lat: number, lon: number): [number, number] {
  return [Math.floor(lat / CELL_DEG), Math.floor(lon / CELL_DEG)];
}

/**
 * Cells that may hold a point within `km` of (lat, lon). Longitude cells shrink towards the
 * poles, so the east-west reach is computed at the cell row nearest the pole.
 */
export function cellsWithin(lat: number, lon: number, km: number): [number, number][] {
  const out: [number, number][] = [];
  forEachCellWithin(lat, lon, km, (y, x) => out.push([y, x]));
  return out;
}

/**
 * `cellsWithin` without the arrays, for hot loops: calls `fn(cellY, cellX)` for each cell the
 * bounding box of the circle touches (4 to 9 cells for 50 km at mid latitudes, not a fixed 3x5).
 */
export function forEachCellWithin(lat: number, lon: number, km: number, fn: (y: number, x: number) => void): void {
  // 1% over the reach: the box must hold the whole circle whatever the rounding.
  const dLat = (km * 1.01) / KM_PER_DEG;
  const poleLat = Math.min(89.9, Math.abs(lat) + dLat);
  const lonCells = Math.round(360 / CELL_DEG);
  const dLon = (km * 1.01) / (KM_PER_DEG * Math.cos(rad(poleLat)));
  const y0 = Math.floor((lat - dLat) / CELL_DEG);
  const y1 = Math.floor((lat + dLat) / CELL_DEG);
  let x0 = Math.floor((lon - dLon) / CELL_DEG);
  let x1 = Math.floor((lon + dLon) / CELL_DEG);
  if (x1 - x0 >= lonCells) [x0, x1] = [0, lonCells - 1];
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      // Wrap across the antimeridian so Fiji's neighbours are found on both sides.
      fn(y, ((((x + lonCells / 2) % lonCells) + lonCells) % lonCells) - lonCells / 2);
    }
  }
}

/**
 * Place or actor name reduced for comparison: case, accents, apostrophes, hyphens, a leading
 * Arabic article ("al-Bab" = "Al Bab" = "Bab") and surrounding space do not distinguish names.
 */
export function normaliseName(name: string | null): string | null {
  if (name === null) return null;
  let n = normalised.get(name);
  if (n === undefined) {
    // Names repeat across reports (the same towns, actors, provinces); the cache stays bounded.
    if (normalised.size >= 50_000) normalised.clear();
    normalised.set(name, (n = normalise(name)));
  }
  return n;
}
const normalised = new Map<string, string | null>();

function normalise(name: string): string | null {
  const n = name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’‘`ʿʾ]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/^(?:al|el|ad|ar|as|at|an|az|ash) /, '');
  return n === '' ? null : n;
}

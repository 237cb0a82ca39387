import { weekOf } from './dates.js';
import type { FusionNode } from './EventCompatibility.js';
import { PRECISION_KM } from './EventCompatibility.js';
import { CELL_DEG, forEachCellWithin } from './geo.js';

/**
 * Finds the reports that could be the same event as a given one without comparing all pairs:
 * buckets by (event_type, week, grid cell) for located reports and by (event_type, week,
 * country, admin1) for province/country-level ones. `candidates(n)` gives a superset of every
 * node `linkEvents` could accept; the predicate decides.
 *
 * Built once and updated with `add` / `remove` as reports come and go. Bucket keys are numbers
 * (names interned to small integers), so a lookup allocates no strings.
 */
export class CandidateIndex {
  /** Located reports by type|week|cellY|cellX. */
  private readonly grid = new Map<number, FusionNode[]>();
  /** Vague reports (province/country level) by type|week|country, then by admin1 (0: none). */
  private readonly vague = new Map<number, Map<number, FusionNode[]>>();
  /** Every report the same way, for vague reports to search. */
  private readonly all = new Map<number, Map<number, FusionNode[]>>();
  private readonly typeIds = new Map<string, number>();
  private readonly countryIds = new Map<string, number>();
  private readonly admin1Ids = new Map<string, number>();
  private scan = 0;

  add(n: FusionNode): void {
    this.each(n, (bucket) => bucket.push(n));
  }

  remove(n: FusionNode): void {
    this.each(n, (bucket) => {
      const i = bucket.indexOf(n);
      if (i >= 0) bucket.splice(i, 1);
    });
  }

  /**
   * Fills `out` with the possible matches of `n`, each once, never `n` itself.
   * @example index.candidates(n, buffer); for (const c of buffer) if (linkEvents(n, c, rules)) ...
   */
  candidates(n: FusionNode, out: FusionNode[]): void {
    out.length = 0;
    if (!n.window) return;
    const stamp = ++this.scan;
    n.stamp = stamp;
    const take = (bucket: FusionNode[] | undefined) => {
      if (!bucket) return;
      for (const c of bucket) {
        if (c.stamp === stamp) continue;
        c.stamp = stamp;
        out.push(c);
      }
    };
    const type = this.id(this.typeIds, n.type);
    const country = this.id(this.countryIds, n.country);
    const admin1 = n.admin1 === null ? 0 : this.id(this.admin1Ids, n.admin1);
    // A vague side matches the other's admin1 when equal or when either is unknown.
    const areas = n.precise ? this.vague : this.all;
    for (let w = weekOf(n.window.start); w <= weekOf(n.window.end); w++) {
      const byAdmin1 = areas.get(countryKey(type, w, country));
      if (byAdmin1) {
        if (admin1 === 0) for (const bucket of byAdmin1.values()) take(bucket);
        else {
          take(byAdmin1.get(admin1));
          take(byAdmin1.get(0));
        }
      }
      if (n.precise) forEachCellWithin(n.lat, n.lon, PRECISION_KM[2], (y, x) => take(this.grid.get(gridKey(type, w, y, x))));
    }
  }

  /** Calls `fn` with every bucket `n` belongs in (created when missing). */
  private each(n: FusionNode, fn: (bucket: FusionNode[]) => void): void {
    if (!n.window) return;
    const type = this.id(this.typeIds, n.type);
    const country = this.id(this.countryIds, n.country);
    const admin1 = n.admin1 === null ? 0 : this.id(this.admin1Ids, n.admin1);
    const y = Math.floor(n.lat / CELL_DEG);
    const x = Math.floor(n.lon / CELL_DEG);
    for (let w = weekOf(n.window.start); w <= weekOf(n.window.end); w++) {
      const key = countryKey(type, w, country);
      fn(bucketOf(this.all, key, admin1));
      if (n.precise) {
        const g = gridKey(type, w, y, x);
        let bucket = this.grid.get(g);
        if (!bucket) this.grid.set(g, (bucket = []));
        fn(bucket);
      } else fn(bucketOf(this.vague, key, admin1));
    }
  }

  /** Small integer for a name (1, 2, ...; stable for the index's life). */
  private id(ids: Map<string, number>, name: string): number {
    let id = ids.get(name);
    if (id === undefined) ids.set(name, (id = ids.size + 1));
    return id;
  }
}

// Keys pack small integers into one number, exact below 2^53: types and countries under 2^10,
// weeks offset by 2^14 (years ~1656-2284), cells within +-256 rows and +-512 columns.
const weekPart = (type: number, week: number) => type * 32768 + Math.max(0, Math.min(32767, week + 16384));
const gridKey = (type: number, week: number, y: number, x: number) => (weekPart(type, week) * 512 + (y + 256)) * 1024 + (x + 512);
const countryKey = (type: number, week: number, country: number) => weekPart(type, week) * 1024 + country;

function bucketOf(m: Map<number, Map<number, FusionNode[]>>, key: number, admin1: number): FusionNode[] {
  let inner = m.get(key);
  if (!inner) m.set(key, (inner = new Map()));
  let bucket = inner.get(admin1);
  if (!bucket) inner.set(admin1, (bucket = []));
  return bucket;
}

import { weekOf } from './dates.js';
import type { FusionNode } from './EventCompatibility.js';
import { PRECISION_KM } from './EventCompatibility.js';
import { cellOf, cellsWithin } from './geo.js';

/**
 * Finds the reports that could be the same event as a given one without comparing all pairs:
 * buckets by (event_type, week, grid cell) for located reports and by (event_type, week,
 * country, admin1) for province/country-level ones. `candidates(n)` returns a superset of every
 * node `linkEvents` could accept; the predicate decides.
 */
export class CandidateIndex {
  /** Located reports by type|week|cellY|cellX. */
  private readonly grid = new Map<string, FusionNode[]>();
  /** Vague reports (province/country level) by type|week|country|admin1 and by type|week|country. */
  private readonly vagueByArea = new Map<string, FusionNode[]>();
  private readonly vagueByCountry = new Map<string, FusionNode[]>();
  /** Every report, the same two ways, for vague reports to search. */
  private readonly allByArea = new Map<string, FusionNode[]>();
  private readonly allByCountry = new Map<string, FusionNode[]>();

  add(n: FusionNode): void {
    if (!n.window) return;
    for (let w = weekOf(n.window.start); w <= weekOf(n.window.end); w++) {
      const country = `${n.type}|${w}|${n.country}`;
      const area = `${country}|${n.admin1 ?? ''}`;
      push(this.allByCountry, country, n);
      push(this.allByArea, area, n);
      if (n.precise) {
        const [y, x] = cellOf(n.lat, n.lon);
        push(this.grid, `${n.type}|${w}|${y}|${x}`, n);
      } else {
        push(this.vagueByCountry, country, n);
        push(this.vagueByArea, area, n);
      }
    }
  }

  /** Possible matches of `n` (may repeat a node; may include `n` itself). */
  *candidates(n: FusionNode): Generator<FusionNode> {
    if (!n.window) return;
    const cells = n.precise ? cellsWithin(n.lat, n.lon, PRECISION_KM[2]) : [];
    // A vague side matches the other's admin1 when equal or when either is unknown.
    const [byArea, byCountry] = n.precise ? [this.vagueByArea, this.vagueByCountry] : [this.allByArea, this.allByCountry];
    for (let w = weekOf(n.window.start); w <= weekOf(n.window.end); w++) {
      const country = `${n.type}|${w}|${n.country}`;
      if (n.admin1 === null) yield* byCountry.get(country) ?? [];
      else {
        yield* byArea.get(`${country}|${n.admin1}`) ?? [];
        yield* byArea.get(`${country}|`) ?? [];
      }
      for (const [y, x] of cells) yield* this.grid.get(`${n.type}|${w}|${y}|${x}`) ?? [];
    }
  }
}

function push<T>(m: Map<string, T[]>, k: string, v: T): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

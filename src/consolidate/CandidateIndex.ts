import { weekOf } from './dates.js';
import type { FusionNode } from './EventCompatibility.js';
import { PRECISION_KM } from './EventCompatibility.js';
import { cellOf, cellsWithin } from './geo.js';

/**
 * Finds the reports that could be the same event as a given one without comparing all pairs:
 * buckets by (event_type, week, grid cell) for located reports and by (event_type, week,
 * country) for province/country-level ones. `candidates(n)` returns a superset of every node
 * `linkEvents` could accept; the predicate decides.
 */
export class CandidateIndex {
  /** Located reports by type|week|cellY|cellX. */
  private readonly grid = new Map<string, FusionNode[]>();
  /** Vague reports (province/country level) by type|week|country. */
  private readonly vague = new Map<string, FusionNode[]>();
  /** Every report by type|week|country, for vague reports to search. */
  private readonly byCountry = new Map<string, FusionNode[]>();

  add(n: FusionNode): void {
    if (!n.window) return;
    for (let w = weekOf(n.window.start); w <= weekOf(n.window.end); w++) {
      const ck = `${n.type}|${w}|${n.country}`;
      push(this.byCountry, ck, n);
      if (n.precise) {
        const [y, x] = cellOf(n.lat, n.lon);
        push(this.grid, `${n.type}|${w}|${y}|${x}`, n);
      } else {
        push(this.vague, ck, n);
      }
    }
  }

  /** Possible matches of `n` (may repeat a node; may include `n` itself). */
  *candidates(n: FusionNode): Generator<FusionNode> {
    if (!n.window) return;
    const cells = n.precise ? cellsWithin(n.lat, n.lon, PRECISION_KM[2]) : [];
    for (let w = weekOf(n.window.start); w <= weekOf(n.window.end); w++) {
      const ck = `${n.type}|${w}|${n.country}`;
      if (!n.precise) {
        yield* this.byCountry.get(ck) ?? [];
        continue;
      }
      yield* this.vague.get(ck) ?? [];
      for (const [y, x] of cells) yield* this.grid.get(`${n.type}|${w}|${y}|${x}`) ?? [];
    }
  }
}

function push<T>(m: Map<string, T[]>, k: string, v: T): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

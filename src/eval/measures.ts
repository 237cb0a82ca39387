/**
 * The comparisons the scorer is built from (../shared/corpus/METRICS.md). They must give the
 * same numbers as ../shared/tools/score.mjs, so each keeps its arithmetic in the same order.
 */

/** Case-, accent-, quote-, dash- and space-insensitive form of a string (null reads as ""). */
export function normalise(s: string | null | undefined): string {
  return (s ?? '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[‘’'`´]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/[–—]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** Only the letters of the normalised form: compares ACLED type names across punctuation. */
export const letters = (s: string | null | undefined) => normalise(s).replace(/[^a-z]/g, '');

/** Days since 1970-01-01 of a YYYY-MM-DD… string; NaN when absent or unreadable. */
export function dayNumber(d: string | null | undefined): number {
  return d ? Math.round(Date.parse(String(d).slice(0, 10) + 'T00:00:00Z') / 86400000) : NaN;
}

/** Great-circle distance in km (haversine); Infinity when either point lacks coordinates. */
export function distanceKm(a: { lat?: number | null; lon?: number | null }, b: { lat?: number | null; lon?: number | null }): number {
  const coords = [a.lat, a.lon, b.lat, b.lon];
  if (!coords.every((v) => typeof v === 'number' && isFinite(v))) return Infinity;
  const [aLat, aLon, bLat, bLon] = coords as number[];
  const r = Math.PI / 180;
  const dLat = (bLat! - aLat!) * r;
  const dLon = (bLon! - aLon!) * r;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(aLat! * r) * Math.cos(bLat! * r) * Math.sin(dLon / 2) ** 2;
  return 12742 * Math.asin(Math.sqrt(h));
}

/** Multiset of character bigrams of the normalised string, letters, digits and spaces only. */
function bigrams(s: string | null | undefined): Map<string, number> {
  const t = normalise(s).replace(/[^a-z0-9 ]/g, '');
  const m = new Map<string, number>();
  for (let i = 0; i < t.length - 1; i++) {
    const g = t.slice(i, i + 2);
    m.set(g, (m.get(g) ?? 0) + 1);
  }
  return m;
}

/** Dice coefficient over character bigrams, 0..1 (headline alignment, actor names). */
export function bigramDice(a: string | null | undefined, b: string | null | undefined): number {
  const A = bigrams(a);
  const B = bigrams(b);
  let inter = 0;
  let n = 0;
  for (const [g, c] of A) {
    inter += Math.min(c, B.get(g) ?? 0);
    n += c;
  }
  for (const c of B.values()) n += c;
  return n ? (2 * inter) / n : 0;
}

/**
 * One-to-one greedy matching: every compatible (gold, system) pair is scored, best scores are
 * taken first, and each item is used once. Ties keep gold order, then system order.
 */
export function greedyMatch<G, S>(gold: G[], system: S[], compatible: (g: G, s: S) => boolean, score: (g: G, s: S) => number): [G, S][] {
  const candidates: [number, number, number][] = [];
  gold.forEach((g, i) => system.forEach((s, j) => {
    if (compatible(g, s)) candidates.push([score(g, s), i, j]);
  }));
  candidates.sort((a, b) => b[0] - a[0]);
  const usedG = new Set<number>();
  const usedS = new Set<number>();
  const out: [G, S][] = [];
  for (const [, i, j] of candidates) {
    if (usedG.has(i) || usedS.has(j)) continue;
    usedG.add(i);
    usedS.add(j);
    out.push([gold[i]!, system[j]!]);
  }
  return out;
}

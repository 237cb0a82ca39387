import { bigramDice, normalise } from './measures.js';

/**
 * Canonical actor names and the aliases scored as equal to them (first entry is canonical).
 * This is part of the metric's definition (METRICS.md "canonical names"), shared with
 * ../shared/tools/score.mjs, not an extraction dictionary.
 */
const ACTOR_ALIASES: readonly (readonly string[])[] = [
  ['islamic state', 'is', 'isis', 'isil', 'daesh', 'islamic state (is)'],
  ['military forces of iraq', 'iraqi army', 'iraqi forces', 'iraqi military'],
  ['police forces of iraq', 'iraqi police', 'federal police', 'rapid response'],
  ['military forces of syria', 'syrian army', 'syrian government forces', 'syrian forces'],
  ['syrian democratic forces', 'sdf'],
  ['us-led coalition', 'u.s.-led coalition', 'coalition', 'international coalition', 'global coalition'],
  ['military forces of the united states', 'us forces', 'u.s. forces', 'military forces of united states'],
];

export function canonicalActor(a: string | null | undefined): string {
  const n = normalise(a);
  return ACTOR_ALIASES.find((group) => group.includes(n))?.[0] ?? n;
}

/** Same actor: both absent, equal canonical names, both civilians, or near-identical names. */
export function sameActor(a: string | null | undefined, b: string | null | undefined): boolean {
  if (!a && !b) return true;
  if (!a || !b) return false;
  const A = canonicalActor(a);
  const B = canonicalActor(b);
  if (A === B) return true;
  if (A.startsWith('civilians') && B.startsWith('civilians')) return true;
  return bigramDice(A, B) >= 0.8;
}

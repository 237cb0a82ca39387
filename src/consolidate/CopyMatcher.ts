import { linkEvents, prepareNode, sourceKey, type FusionNode } from './EventCompatibility.js';
import type { FusionRules } from './FusionRules.js';
import type { SourcedEvent } from './types.js';

/**
 * Pairs the reports of a near-duplicate story with the reports of the story it repeats. The
 * text is the same wire story run again, so its events are the original's events: a paired copy
 * joins the original report's fused record as it is, without a candidate search. What the coder
 * read differently in the re-run (a figure, a date, a dropped word) does not split them.
 *
 * Pairs are one to one and of the same event type; among those, a copy goes with the original
 * report it agrees with most (linked by `linkEvents`, then same sub-event group, same place,
 * same first actor, then the nearest position in the story). A copy left without a partner
 * (the re-run coded an event the original did not) is fused as a report of its own.
 * @returns copy key -> the original report it repeats
 * @example matchCopies(copyStoryEvents, originalStoryEvents, rules).get('b2#0') // { storyId: 'a1', index: 0, ... }
 */
export function matchCopies(copies: SourcedEvent[], originals: SourcedEvent[], rules: FusionRules): Map<string, SourcedEvent> {
  const out = new Map<string, SourcedEvent>();
  if (copies.length === 0 || originals.length === 0) return out;
  const targets = originals.map((o) => prepareNode(o, rules));
  const pairs: { copy: FusionNode; target: FusionNode; score: number }[] = [];
  for (const c of copies) {
    const copy = prepareNode(c, rules);
    for (const target of targets) {
      if (copy.type !== target.type) continue;
      const score = (linkEvents(copy, target, rules) ? 8 : 0) + (copy.subGroup === target.subGroup ? 4 : 0) +
        (copy.location !== null && copy.location === target.location ? 2 : 0) + (copy.actor1 === target.actor1 ? 1 : 0) -
        Math.abs(copy.src.index - target.src.index) / 1000;
      pairs.push({ copy, target, score });
    }
  }
  // Greedy by agreement; ties to the smaller keys, so the pairing depends only on the two stories.
  pairs.sort((a, b) => b.score - a.score || cmp(a.copy.key, b.copy.key) || cmp(a.target.key, b.target.key));
  const taken = new Set<FusionNode>();
  for (const { copy, target } of pairs) {
    if (out.has(copy.key) || taken.has(target)) continue;
    taken.add(target);
    out.set(sourceKey(copy.src), target.src);
  }
  return out;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

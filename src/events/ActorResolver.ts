import type { Iso2 } from '../core/types.js';
import { roleName, type ActorDictionary } from './ActorDictionary.js';
import type { ActorMention } from './ActorMentionExtractor.js';

/**
 * Turns actor mentions into canonical names. Named aliases are already canonical; "<demonym>
 * <noun>" becomes "Military Forces of X" etc.; contextual words are resolved from the story:
 * "the militants"/"the jihadists" corefer to the story's main non-state actor, "troops" and
 * "the army" to the forces of the event's country, "civilians" to Civilians (<event country>).
 */
export interface ActorContext {
  dict: ActorDictionary;
  /** The non-state actor the story names most often (coreference target of "the militants"). */
  mainNonState: string | null;
  /** Country the story is mostly about (most toponym mentions). */
  focusCountry: Iso2 | null;
}

export const UNIDENTIFIED = 'Unidentified armed group';

/** Canonical name of a mention for an event located in `country` (null when it cannot be told). */
export function resolveActor(m: ActorMention, ctx: ActorContext, country: Iso2 | null): string | null {
  if (m.name) return m.name;
  if (!m.role) return null;
  if (m.role === 'nonstate') return /gunm[ae]n|attackers?|assailants?/i.test(m.text) && !ctx.mainNonState ? UNIDENTIFIED : ctx.mainNonState ?? UNIDENTIFIED;
  // a demonym fixes the country ("Egyptian troops"); a bare word takes the event's
  const code = m.country ?? country ?? ctx.focusCountry;
  return roleName(ctx.dict, m.role, code);
}

/** The non-state actor named most often in the mentions (ties: the first named). */
export function mainNonStateActor(mentions: ActorMention[], dict: ActorDictionary): string | null {
  const counts = new Map<string, number>();
  for (const m of mentions) {
    if (!m.name) continue;
    const a = dict.actors.find((x) => x.name === m.name);
    if (a?.kind === 'nonstate') counts.set(m.name, (counts.get(m.name) ?? 0) + 1);
  }
  let best: string | null = null;
  let n = 0;
  for (const [k, v] of counts) if (v > n) { best = k; n = v; }
  return best;
}

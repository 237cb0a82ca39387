import type { Article, Iso2 } from '../core/types.js';
import { actorKind, roleName, type ActorDictionary } from './ActorDictionary.js';
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
  /** The coalition the story names ("Saudi-led coalition"): the referent of a bare "coalition". */
  mainCoalition?: string | null;
  /** Country the story is mostly about (most toponym mentions). */
  focusCountry: Iso2 | null;
}

export const UNIDENTIFIED = 'Unidentified armed group';
const BARE_COALITION = /^(?:the\s+)?coalition\b/i;

/** Canonical name of a mention for an event located in `country` (null when it cannot be told). */
export function resolveActor(m: ActorMention, ctx: ActorContext, country: Iso2 | null): string | null {
  // "coalition aircraft" in a story about the Saudi-led coalition is that coalition's
  if (m.name && ctx.mainCoalition && m.name !== ctx.mainCoalition && BARE_COALITION.test(m.text)) return ctx.mainCoalition;
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
    if (actorKind(dict, m.name) === 'nonstate') counts.set(m.name, (counts.get(m.name) ?? 0) + 1);
  }
  let best: string | null = null;
  let n = 0;
  for (const [k, v] of counts) if (v > n) { best = k; n = v; }
  return best;
}

/** The coalition a story names with its leader ("Saudi-led coalition"), most often first; null when none. */
export function mainCoalition(mentions: ActorMention[]): string | null {
  const counts = new Map<string, number>();
  for (const m of mentions) if (m.name && /coalition$/i.test(m.name) && !BARE_COALITION.test(m.text)) counts.set(m.name, (counts.get(m.name) ?? 0) + 1);
  let best: string | null = null;
  let n = 0;
  for (const [k, v] of counts) if (v > n) { best = k; n = v; }
  return best;
}

const REBEL_WORDS = /\b(?:rebels?|separatists?|insurgents)\b/i;
/**
 * A story that names no armed group but speaks of rebels or separatists: they are its non-state
 * side (the referent of "the militants", the opponent of the army), by the country's rebels entry.
 */
export function rebelsOfStory(article: Article, dict: ActorDictionary, country: Iso2 | null): string | null {
  if (!country || !article.paragraphs.some((p) => p.kind === 'body' && REBEL_WORDS.test(p.text))) return null;
  return roleName(dict, 'rebels', country);
}

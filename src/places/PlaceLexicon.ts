import type { PlaceKind } from '../core/types.js';
import type { Compass } from './Gazetteer.js';

/**
 * The hand-made word lists of resources/places/lexicon.json (documented in its README): words that
 * are place names somewhere but rarely mean a place, person titles, capitalised function words,
 * compass words and the cue phrases that tell what kind of place follows or precedes.
 */
export interface PlaceLexicon {
  /** Single-token matches dropped unless a cue or the dateline vouches for them. */
  stopWords: string[];
  /** Lower-cased titles: a name right after one is a person ("President Jordan"). */
  personTitles: string[];
  /** Lower-cased words that start sentences capitalised without being part of a proper name. */
  capitalizedFunctionWords: string[];
  /** Lower-case words allowed inside a multi-word name ("Isle of Man"). */
  connectors: string[];
  compass: Record<Compass, string[]>;
  /** "village of" -> village: the kind of place the next name is. */
  precedingCues: Record<string, PlaceKind>;
  /** "province" -> admin1: the kind of place the name before is; the cue joins the span. */
  followingCues: Record<string, PlaceKind>;
  /** Following admin cues that join the span even in lower case ("Raqqa province"); other admin
   *  cues join only when capitalised ("Homs Governorate"). */
  joiningCues: string[];
  /** Postal-style abbreviations of first-level divisions ("Calif." -> "US.CA"), read only right after
   *  "<place>, ". */
  admin1Abbreviations: Record<string, string>;
  /** Cues that make an unknown capitalised name a place mention, resolved near the story focus. */
  unknownNameCues: string[];
  unknownNameFollowingCues: string[];
  /** "Kerry said": a one-word name before a speech verb is a person, unless it is a country. */
  speechVerbs: string[];
  /** Names of armed groups and organisations that are never places ("Houthi", "Al Qaeda"); the
   *  loader adds the non-state actors' aliases of resources/events/actors.json. */
  organisationNames: string[];
  /** Capitalised nouns that make the name before them a site ("Monday Market", "Baga Road",
   *  "Splendid Hotel"), placed in the town the sentence names, not at a same-named town. */
  facilityNouns: string[];
  /** Capitalised nouns of a town's streets and markets ("Baga Road", "Monday Market"): the site is
   *  in the story's town even when its name is another town's (the road leads there). */
  streetNouns: string[];
}

export function validatePlaceLexicon(x: unknown): string[] {
  const l = x as Partial<PlaceLexicon> | null;
  if (!l || typeof l !== 'object') return ['not an object'];
  const errors: string[] = [];
  const lists = ['joiningCues', 'stopWords', 'personTitles', 'capitalizedFunctionWords', 'connectors', 'unknownNameCues', 'unknownNameFollowingCues', 'speechVerbs', 'organisationNames', 'facilityNouns', 'streetNouns'] as const;
  for (const k of lists) if (!Array.isArray(l[k]) || !l[k]!.every((w) => typeof w === 'string')) errors.push(`${k} must be a string array`);
  for (const k of ['compass', 'precedingCues', 'followingCues', 'admin1Abbreviations'] as const) if (!l[k] || typeof l[k] !== 'object') errors.push(`${k} must be an object`);
  return errors;
}

import type { Iso2, Span } from '../core/types.js';
import type { ActorDictionary, ActorRole, NounRole } from './ActorDictionary.js';
import { trieAlternation } from './trieAlternation.js';

/**
 * Finds actor mentions in a sentence: named actors by alias ("Daesh", "CTS"), "<demonym> <force
 * noun>" for any country ("Egyptian troops"), "<Country>'s army", bare country names used as
 * actors ("Turkey said"), and contextual words ("the militants", "troops", "civilians") that a
 * resolver later ties to the story.
 */
export interface ActorMention {
  span: Span;
  text: string;
  /** Canonical name when the words fix it (named alias, demonym + noun); null for contextual words. */
  name: string | null;
  /** Role to resolve from context (contextual words) or the role the words name (demonym + noun). */
  role: ActorRole | null;
  country: Iso2 | null;
  how: 'alias' | 'demonym' | 'country' | 'contextual';
}

export interface ActorMatcher {
  dict: ActorDictionary;
  /** Named actors: every casing of every alias and the acronyms, as one trie (the story-wide pass). */
  names: RegExp;
  /** Named actors and contextual words together, one trie (the pass over sentences with a trigger). */
  words: RegExp;
  /** Exact forms (as matched) of the aliases written with lower-case letters. */
  aliasForms: Set<string>;
  /**
   * What each exact form the `names` / `words` pass can match stands for, worked out once: an
   * alias casing, then an acronym, then a contextual word (the first that lists the form).
   */
  formOf: Map<string, FormSense>;
  demonym: RegExp | null;
  /** "<demonym or country>-led coalition": a coalition is named by who leads it, for any country. */
  led: RegExp | null;
  possessive: RegExp | null;
  country: RegExp | null;
  aliasTarget: Map<string, string>;
  acronymTarget: Map<string, string>;
  demonymCountry: Map<string, Iso2>;
  nameCountry: Map<string, Iso2>;
  nounRole: Map<string, NounRole>;
  contextualRole: Map<string, ActorRole>;
}

interface FormSense {
  name: string | null;
  role: ActorRole | null;
  how: 'alias' | 'contextual';
}

const alt = (xs: Iterable<string>) => trieAlternation(new Set(xs));
const lc = (s: string) => {
  const l = s.toLowerCase();
  return l.includes('’') ? l.replace(/’/g, "'") : l;
};
// case-sensitive alternations are several times faster in V8 than /i ones: list the casings wire
// copy uses instead (as written, sentence-initial capital, both apostrophes)
const casings = (s: string) => {
  const v = [s, s[0]!.toUpperCase() + s.slice(1)];
  return [...v, ...v.map((x) => x.replace(/'/g, '’')), ...v.map((x) => x.replace(/’/g, "'"))];
};
// aliases written without lower-case letters are acronyms and match case-sensitively ("IS" is not "is")
const isAcronym = (s: string) => !/[a-z]/.test(s);

/** Compiles the dictionary into a handful of regular expressions (done once per dictionary). */
export function compileActorMatcher(dict: ActorDictionary): ActorMatcher {
  const aliasTarget = new Map<string, string>();
  const acronymTarget = new Map<string, string>();
  for (const a of dict.actors)
    for (const s of a.aliases) (isAcronym(s) ? acronymTarget.set(s, a.name) : aliasTarget.set(lc(s), a.name));
  const demonymCountry = new Map<string, Iso2>();
  const nameCountry = new Map<string, Iso2>();
  for (const c of dict.countries) {
    for (const d of c.demonyms) demonymCountry.set(d, c.code);
    for (const n of c.names) nameCountry.set(n, c.code);
  }
  const nounRole = new Map<string, NounRole>();
  for (const [role, nouns] of Object.entries(dict.nouns) as [NounRole, string[]][]) for (const n of nouns) nounRole.set(lc(n), role);
  const contextualRole = new Map<string, ActorRole>();
  for (const g of dict.contextual) for (const p of g.patterns) contextualRole.set(lc(p), g.role);
  const nouns = alt(nounRole.keys());
  const aliasForms = new Set(dict.actors.flatMap((a) => a.aliases.filter((x) => !isAcronym(x)).flatMap(casings)));
  const acronymKeys = [...acronymTarget.keys()];
  const contextualForms = [...contextualRole.keys()].flatMap(casings);
  const formOf = new Map<string, FormSense>();
  for (const w of aliasForms) formOf.set(w, { name: aliasTarget.get(lc(w)) ?? null, role: null, how: 'alias' });
  for (const w of acronymKeys) if (!formOf.has(w)) formOf.set(w, { name: acronymTarget.get(w)!, role: null, how: 'alias' });
  for (const w of contextualForms) if (!formOf.has(w)) formOf.set(w, { name: null, role: contextualRole.get(lc(w)) ?? null, how: 'contextual' });
  const never = /(?!)/g;
  const words = (xs: string[]) => (xs.length ? new RegExp(`\\b(?:${alt(xs)})(?![\\w])`, 'g') : never);
  return {
    dict,
    names: words([...aliasForms, ...acronymKeys]),
    words: words([...aliasForms, ...acronymKeys, ...contextualForms]),
    aliasForms,
    formOf,
    demonym: demonymCountry.size
      ? new RegExp(`\\b(${alt(demonymCountry.keys())})\\s+(?:(?:government|state|regular|elite|special|security|pro-government|national)\\s+)?(${nouns})(?![\\w])`, 'g')
      : null,
    led: demonymCountry.size ? new RegExp(`\\b(${alt([...demonymCountry.keys(), ...nameCountry.keys()])})-led\\s+(?:(?:Arab|military|international|multinational|regional|African|Western|Gulf)\\s+)?(?:coalition|alliance)(?![\\w])`, 'g') : null,
    // any capitalised name then 's: cheaper than an alternation of every country name; the map decides
    possessive: nameCountry.size ? new RegExp(`\\b([A-Z][\\w.]*(?: [A-Z][\\w.]*)?)['’]s\\s+(?:[\\w-]+\\s+)?(${nouns})(?![\\w])`, 'g') : null,
    country: nameCountry.size ? new RegExp(`\\b(${alt(nameCountry.keys())})(?![\\w-])`, 'g') : null,
    aliasTarget, acronymTarget, demonymCountry, nameCountry, nounRole, contextualRole,
  };
}

// "Islamic State-held", "U.S.-backed": the actor modifies a noun; it is not acting here
const MODIFIER_AFTER = /^-(?:held|controlled|backed|led|trained|allied|linked|inspired|run|affiliated|occupied|style|related|friendly|supported|dominated|majority|era|occupied|besieged|encircled|ruled)\b/i;
// "the main government building", "government offices": the word names a site, not an actor
const SITE_AFTER = /^\s+(?:buildings?|complex|compound|headquarters|offices?|palace|quarter|institutions?|hospital)\b/i;
// "a military source said", "army spokesman": the words name a speaker, not an actor
const SPEAKER_AFTER = /^\s+(?:sources?|spokes(?:man|woman|person)|statements?|media|news agency|television|TV|channel|website|outlets?|Telegram|account|estimates?|officer said|commander said|official said)\b/;
const PREPOSITION_BEFORE = /\b(?:in|of|to|from|near|across|into|at|throughout|inside|within|outside|toward|towards|on|for|with|via|through|between|and|or)\s+(?:the\s+)?$/i;
const ACCORDING_BEFORE = /\baccording to\s+(?:the\s+)?$/i;
const LOYAL_BETWEEN = /^\s+(?:who are\s+)?(?:loyal|allied|linked|affiliated)\s+(?:to|with)\s+(?:the\s+)?(?:(?:exiled|ousted|former|deposed|internationally recognised|internationally recognized|embattled)\s+)?(?:[A-Z][\w.’'-]*['’]s\s+)?(?:[\w-]+\s+)?$/;
// cheap cues that the "-led" and possessive patterns can match at all: one regex test (~50 ns on
// a sentence) where String#includes cost ~90 ns per needle (Node 20)
const LED_CUE = /-led /;
const POSSESSIVE_CUE = /['’]s/;
// demonyms that are also common words lower-case ("us") must be capitalised to count
const CASE_SENSITIVE_DEMONYM = new Set(['US', 'UK', 'UAE']);

/**
 * Actor mentions in `text`, spans shifted by `base`, in text order, without overlaps (longer wins).
 * @example extractActorMentions('Egyptian troops killed 12 militants.', 0, m)
 *   // [{ text: 'Egyptian troops', name: 'Military Forces of Egypt', ... }, { text: 'militants', role: 'nonstate', ... }]
 */
export function extractActorMentions(text: string, base: number, m: ActorMatcher, namedOnly = false): ActorMention[] {
  const found: ActorMention[] = [];
  // Loops over exec rather than matchEach callbacks, and no closure over `found`: this runs on every
  // sentence of every story, and a closure made per call was a visible part of its time.
  // one trie pass finds aliases, acronyms and (unless only names are wanted) contextual words;
  // the exact form says which (formOf)
  const first = namedOnly ? m.names : m.words;
  first.lastIndex = 0;
  for (let x = first.exec(text); x; x = first.exec(text)) {
    const w = x[0];
    const f = m.formOf.get(w) ?? { name: null, role: m.contextualRole.get(lc(w)) ?? null, how: 'contextual' };
    addMention(found, text, base, x.index, x.index + w.length, f.name, f.role, null, f.how);
  }
  if (m.led && LED_CUE.test(text)) {
    m.led.lastIndex = 0;
    for (let x = m.led.exec(text); x; x = m.led.exec(text)) {
      const w = x[0];
      addMention(found, text, base, x.index, x.index + w.length, m.aliasTarget.get(lc(w)) ?? m.aliasTarget.get(lc(`${x[1]}-led coalition`)) ?? `${x[1]}-led coalition`, null, null, 'alias');
    }
  }
  // named actors alone are what a story-wide count needs (the story's main non-state actor)
  if (!namedOnly && m.demonym) {
    m.demonym.lastIndex = 0;
    for (let x = m.demonym.exec(text); x; x = m.demonym.exec(text)) {
      const dem = x[1]!;
      const code = m.demonymCountry.get(dem) ?? (CASE_SENSITIVE_DEMONYM.has(dem.toUpperCase()) ? undefined : findCi(m.demonymCountry, dem));
      if (!code || !/^[A-Z]/.test(dem)) continue;
      const role = m.nounRole.get(lc(x[2]!)) ?? 'military';
      addMention(found, text, base, x.index, x.index + x[0].length, null, role, code, 'demonym');
    }
  }
  if (!namedOnly && m.possessive && POSSESSIVE_CUE.test(text)) {
    m.possessive.lastIndex = 0;
    for (let x = m.possessive.exec(text); x; x = m.possessive.exec(text)) {
      const name = x[1]!.split(' ').slice(-2);
      const code = m.nameCountry.get(name.join(' ')) ?? m.nameCountry.get(name[name.length - 1]!);
      if (code) addMention(found, text, base, x.index, x.index + x[0].length, null, m.nounRole.get(lc(x[2]!)) ?? 'military', code, 'demonym');
    }
  }
  if (!namedOnly && m.country) {
    m.country.lastIndex = 0;
    for (let x = m.country.exec(text); x; x = m.country.exec(text)) {
      if (!PREPOSITION_BEFORE.test(text.slice(Math.max(0, x.index - 30), x.index)))
        addMention(found, text, base, x.index, x.index + x[0].length, null, 'government', m.nameCountry.get(x[1]!) ?? null, 'country');
    }
  }

  // mostly in order already (one pass finds most mentions): a stable sort of a sorted list is a no-op
  if (!inTextOrder(found)) found.sort(byTextOrder);
  const out: ActorMention[] = [];
  for (const f of found) {
    const last = out[out.length - 1];
    if (last && f.span.start < last.span.end) continue;
    const s = f.span.start - base;
    const e = f.span.end - base;
    if (MODIFIER_AFTER.test(text.slice(e, e + 16)) && !(f.how === 'contextual')) continue;
    if (SPEAKER_AFTER.test(text.slice(e, e + 24))) continue;
    if (f.role === 'government' && SITE_AFTER.test(text.slice(e, e + 16))) continue;
    if (ACCORDING_BEFORE.test(text.slice(Math.max(0, s - 20), s))) continue;
    // "Islamic State fighters", "Iraqi army units": a fixed name absorbs the contextual word after it
    if (last && f.how === 'contextual' && last.how !== 'contextual' && /^\s+$/.test(text.slice(last.span.end - base, s))) {
      last.span = { start: last.span.start, end: f.span.end };
      last.text = text.slice(last.span.start - base, e);
      continue;
    }
    out.push(f);
  }
  // "fighters loyal to the exiled president", "militiamen loyal to Islamic State": whom a group is
  // loyal to says who it is (a state's forces, or that named group)
  for (let i = 0; i + 1 < out.length; i++) {
    const f = out[i]!;
    const to = out[i + 1]!;
    if (f.how !== 'contextual' || (f.role !== 'nonstate' && f.role !== 'rebels' && f.role !== 'military')) continue;
    if (!LOYAL_BETWEEN.test(text.slice(f.span.end - base, to.span.start - base))) continue;
    if (to.name) out[i] = { ...f, name: to.name, how: 'alias' };
    else if (to.role === 'government' || to.role === 'military') out[i] = { ...f, role: 'military', country: to.country };
  }
  return out;
}

const byTextOrder = (a: ActorMention, b: ActorMention) => a.span.start - b.span.start || b.span.end - a.span.end;
function inTextOrder(found: ActorMention[]): boolean {
  for (let i = 1; i < found.length; i++) if (byTextOrder(found[i - 1]!, found[i]!) > 0) return false;
  return true;
}

/** "pro-government forces" is not "government forces": a match may not start right after a hyphen. */
function addMention(found: ActorMention[], text: string, base: number, start: number, end: number, name: string | null, role: ActorRole | null, country: Iso2 | null, how: ActorMention['how']): void {
  if (text.charCodeAt(start - 1) !== 45) found.push({ span: { start: base + start, end: base + end }, text: text.slice(start, end), name, role, country, how });
}

function findCi(map: Map<string, Iso2>, key: string): Iso2 | undefined {
  const k = key.toLowerCase();
  for (const [n, c] of map) if (n.toLowerCase() === k) return c;
  return undefined;
}

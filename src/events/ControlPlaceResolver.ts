import type { Span, Toponym } from '../core/types.js';
import type { PlaceNouns, Trigger } from './TriggerExtractor.js';

/**
 * Which places a change of control is about. The words around the trigger say it:
 * - active voice, the object list after the trigger: "recaptured A, B and C", "retook the
 *   airport on Monday, as well as the museum" -> one change per conjunct;
 * - passive voice and relative clauses, the noun phrase before it: "the dam was retaken by X",
 *   "the bridge, captured on Monday", "the bridge that X captured";
 * - a road or supply route cut between two named places lies between them.
 * A conjunct that holds a toponym is that place. A conjunct that names a site by a common noun
 * ("the central bank branch", "the dam") is placed at the story's place it refers to: a toponym
 * of the story whose name holds the noun ("Mosul Dam" for "the dam"), else the town of the
 * sentence, else the story's focus. Vague ("territory", "positions") and partial ("half the
 * city", "parts of") phrases name no change of the whole place: the trigger yields none.
 */
export interface ControlPlace {
  toponym: Toponym;
  /** Name of the place: the toponym's, or the site's own words ("central bank branch"). */
  name: string;
  /** True when a common noun named the site (two reports of "the museum" are one place). */
  site: boolean;
  reason: string;
}

export interface ControlPlaceInput {
  text: string;
  span: Span;
  /** Toponyms inside the sentence, in text order. */
  places: Toponym[];
}

export interface ControlPlaceContext {
  nouns: PlaceNouns;
  /** The story's toponyms outside the dateline, in text order (coreference targets of "the dam"). */
  storyPlaces: Toponym[];
  /** Where the sentence happens when no words say: its town, else the story's focus. */
  anchor: Toponym | null;
}

/** What the words say: places, none (a vague or partial phrase), or nothing either way (null). */
export type ControlPlaces = ControlPlace[] | 'vague' | null;

const DETERMINER = /^(?:(?:the|a|an|its|their|his|her|this|that|these|those|[\w’'.-]+['’]s)\s+)+/i;
// where an object noun phrase ends: a preposition, a relative word, a time word, a verb of saying
const NP_END = /\s+(?:from|on|in|at|near|along|across|around|inside|outside|into|toward|towards|beyond|between|north|south|east|west|after|since|during|with|before|when|while|which|who|whom|where|that|to|by|under|for|following|amid|as|earlier|later|overnight|yesterday|today|last|this|said|says|and|or|after)\b|\s*[,;:.()“”"–—]|\s+-\s/i;
const PREPOSITION_START = /^(?:from|on|in|at|near|along|across|around|inside|outside|into|toward|towards|to|by|with|for|during|after|before|since|over|under)\b/i;
const LIST_SEP = /^(?:\s*,\s*(?:as well as|along with|and|plus)\s+|\s*,\s+(?!(?:a|an|said|says|according|which|who|where|while|after|before|when|but|as|the\s+\w+\s+said)\b)|\s+(?:and|as well as|along with)\s+)/i;
// a time phrase between conjuncts ("recaptured the headquarters on Tuesday, as well as the bank")
const TIME_PHRASE = /^\s+(?:on|in|at|late|early|earlier|later|overnight|this|last)\s+(?:[\w.]+\s+){0,2}?[\w.]+(?=\s*,|\s+and\b|\s+as well as\b)/i;
// "officials said that rebels had taken P": "that" opens what was said, not a relative clause
const SAID_THAT = /\b(?:said|says|say|announced|reported|added|claimed|stated|confirmed|told \w+)\s+that\s+(?:[\w’'.-]+\s+){1,4}$/i;
const ROAD = /\b(?:road|highway|route|supply line|motorway)s?\b/i;
/** True when the trigger itself names a road or route cut ('cut the main road'). */
export const isRoadTrigger = (t: Trigger) => ROAD.test(t.text);
const BROAD = new Set(['country', 'admin1', 'region']);
const PASSIVE_BEFORE = /\b(?:was|were|been|being|be|is|are|had been|have been|has been)\s+(?:\w+ly\s+)?$/i;
// "the bridge, captured on Monday", "the bridge that X captured", "the city lost to X"
const REDUCED_BEFORE = /(?:,\s*|\b(?:that|which)\s+(?:[\w’'.-]+\s+){1,4})(?:(?:also|later|then|recently|newly)\s+)?$/i;

/**
 * The places the control trigger `t` is about, read from the words (see the file comment).
 * @example controlPlaces({ text: 'Troops retook the airport and the dam.', ... }, t, ctx)
 *   // [{ name: 'airport', site: true, ... }, { name: 'dam', site: true, ... }]
 */
export function controlPlaces(s: ControlPlaceInput, t: Trigger, passive: boolean, ctx: ControlPlaceContext): ControlPlaces {
  const base = s.span.start;
  const rel = t.span.end - base;
  if (isRoadTrigger(t)) return roadPlace(s, t);
  const beforeTrigger = s.text.slice(0, t.span.start - base);
  if (passive || (REDUCED_BEFORE.test(beforeTrigger) && !SAID_THAT.test(beforeTrigger))) {
    const np = npBefore(s.text, t.span.start - base, passive);
    const found = np ? conjuncts(s, [np], t, ctx, false) : null;
    // a relative clause that is not about a place ("forces, backed by jets, retook P") reads on
    if (found || passive) return found;
  }
  if (t.entry.direction === 'place-subject') return null;
  return conjuncts(s, objectList(s.text, rel), t, ctx, true);
}

/** Noun phrases of the object list after the trigger, as [start, end) offsets into the sentence. */
function objectList(text: string, from: number): [number, number][] {
  const out: [number, number][] = [];
  // items joined by a bare comma are a list only when "and" closes it ("A, B and C"); otherwise
  // the comma opens an apposition ("the town of P, now its main base")
  let closed = 0;
  let at = from;
  for (let k = 0; k < 6; k++) {
    const lead = /^\s*/.exec(text.slice(at))![0].length;
    const start = at + lead;
    const rest = text.slice(start);
    if (PREPOSITION_START.test(rest)) break;
    const end = start + endOfNp(rest);
    if (end <= start) break;
    out.push([start, end]);
    let next = end;
    const time = TIME_PHRASE.exec(text.slice(next));
    if (time) next += time[0].length;
    const sep = LIST_SEP.exec(text.slice(next));
    if (!sep) break;
    if (/\b(?:and|as well as|along with|plus)\b/i.test(sep[0])) closed = out.length + 1;
    at = next + sep[0].length;
  }
  return out.slice(0, Math.max(1, closed));
}

/** Length of the noun phrase at the start of `rest`: "X of Y" stays one phrase ("the eastern side of the city"). */
function endOfNp(rest: string): number {
  let len = 0;
  for (;;) {
    const m = NP_END.exec(rest.slice(len));
    const stop = m ? len + m.index : rest.length;
    const of = /^\s+of\s+/i.exec(rest.slice(stop));
    if (!of || stop === len) return stop;
    len = stop + of[0].length;
  }
}

/** The noun phrase right before a passive or relative trigger: "the dam was", "the bridge, captured". */
function npBefore(text: string, at: number, passive: boolean): [number, number] | null {
  let end = at;
  const strip = passive ? PASSIVE_BEFORE.exec(text.slice(0, end)) : REDUCED_BEFORE.exec(text.slice(0, end));
  if (strip) end -= strip[0].length;
  while (end > 0 && /\s/.test(text[end - 1]!)) end--;
  // the phrase starts at its determiner ("the city’s southernmost bridge"), else after the last
  // clause break, at most six words back
  const words = /(?:^|[,;:“”"(]\s*|\s)((?:[\w’'.-]+\s+){0,5}[\w’'.-]+)$/.exec(text.slice(0, end));
  // "two aid workers who ran a clinic in P were seized": the subject is who, not the place in its clause
  if (!words || /\bwho\b/i.test(words[1]!)) return null;
  const det = /\b(?:the|a|an|its|their|his|her|this|that)\s+(?:(?!(?:the|a|an|its|their|his|her|this|that)\b)[\w’'.-]+\s+){0,4}[\w’'.-]+$/i.exec(words[1]!);
  const np = det ? det[0] : words[1]!.split(/\s+/).slice(-3).join(' ');
  return [end - np.length, end];
}

function conjuncts(s: ControlPlaceInput, nps: [number, number][], t: Trigger, ctx: ControlPlaceContext, rescue: boolean): ControlPlaces {
  const base = s.span.start;
  const out: ControlPlace[] = [];
  for (const [a, b] of nps) {
    const words = s.text.slice(a, b);
    const bare = words.replace(DETERMINER, '');
    const named = s.places.filter((p) => p.lat !== null && p.span.start - base >= a && p.span.end - base <= b);
    const partial = ctx.nouns.partial.test(bare) || /^(?:about|nearly|almost)\s+half\b/i.test(words);
    if (named.length > 0 && !partial) {
      for (const p of named) out.push({ toponym: p, name: p.name, site: false, reason: `place "${p.text}" (what "${t.text}" is about)` });
      continue;
    }
    if (partial || ctx.nouns.vague.test(bare)) {
      // "took positions west of P", "retook some ground, notably east of P": the place the phrase locates
      const at = rescue ? locatedAfter(s, b) : null;
      if (at) out.push({ toponym: at, name: at.name, site: false, reason: `place "${at.text}" (where "${words}" lies)` });
      return out.length ? out : 'vague';
    }
    const site = siteOf(bare, t, ctx);
    if (!site) break;
    out.push(site);
  }
  return out.length ? out : null;
}

const LOCATED_BEFORE = /\b(?:near|around|outside|in|of|at|inside|along)\s+(?:the\s+)?$/i;
/** The first toponym after `from` in the same clause that a locative introduces. */
function locatedAfter(s: ControlPlaceInput, from: number): Toponym | null {
  const base = s.span.start;
  const stop = s.text.slice(from).search(/[;“”"]|,\s+(?:said|says|according)\b/);
  const end = stop < 0 ? s.text.length : from + stop;
  for (const p of s.places) {
    const at = p.span.start - base;
    if (at < from || at >= end || p.lat === null || p.kind === 'country') continue;
    if (LOCATED_BEFORE.test(s.text.slice(Math.max(0, at - 20), at))) return p;
  }
  return null;
}

/** A site named by a common noun, placed at the story place it refers to. */
function siteOf(words: string, t: Trigger, ctx: ControlPlaceContext): ControlPlace | null {
  const facility = ctx.nouns.facility.exec(words);
  const settlement = facility ? null : ctx.nouns.settlement.exec(words);
  if (!facility && !settlement) return null;
  if (facility) {
    // "the dam" after "Mosul Dam" earlier in the story: the nearest earlier toponym holding the noun
    const noun = nounPattern(facility[0]);
    for (let i = ctx.storyPlaces.length - 1; i >= 0; i--) {
      const p = ctx.storyPlaces[i]!;
      if (p.span.start >= t.span.start || p.lat === null || BROAD.has(p.kind) || !noun.test(p.text)) continue;
      return { toponym: p, name: p.name, site: false, reason: `place "${p.text}" (named earlier; "${words}" refers to it)` };
    }
  }
  const at = ctx.anchor;
  if (!at) return null;
  // "the city", "the eastern side of the town": the town itself
  if (settlement) return { toponym: at, name: at.name, site: false, reason: `place "${at.name}" ("${words}" stands for it)` };
  return { toponym: at, name: words, site: true, reason: `place: site "${words}" in ${at.name}` };
}

const nounPatterns = new Map<string, RegExp>();
/** "dam" -> /\bdam/i, compiled once per noun. */
function nounPattern(noun: string): RegExp {
  const key = noun.toLowerCase();
  let re = nounPatterns.get(key);
  if (!re) nounPatterns.set(key, (re = new RegExp(`\\b${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'i')));
  return re;
}

/** A road cut between two named places lies between them; with one place named, at that place. */
function roadPlace(s: ControlPlaceInput, t: Trigger): ControlPlaces {
  const after = s.places.filter((p) => p.lat !== null && p.lon !== null && p.kind !== 'country' && p.span.start >= t.span.end);
  const ends: Toponym[] = [];
  for (const p of after) if (!ends.some((e) => e.name === p.name)) ends.push(p);
  if (ends.length === 0) return null;
  const [a, b] = ends;
  if (!b) return [{ toponym: a!, name: a!.name, site: false, reason: `place "${a!.text}" (the road "${t.text}" leads out of)` }];
  const mid: Toponym = { ...a!, name: `road between ${a!.name} and ${b.name}`, kind: 'other', lat: (a!.lat! + b.lat!) / 2, lon: (a!.lon! + b.lon!) / 2 };
  return [{ toponym: mid, name: mid.name, site: false, reason: `place: between "${a!.text}" and "${b.text}" (the road "${t.text}" joins them)` }];
}

import type { Iso2, PlaceKind, Span } from '../core/types.js';
import type { Compass } from './Gazetteer.js';
import type { PlaceIndex, TrieEntry } from './PlaceIndex.js';
import type { PlaceLexicon } from './PlaceLexicon.js';
import { boundedMemo } from '../core/boundedMemo.js';

/**
 * Finds toponym mentions: one pass over the text's tokens, walking the gazetteer trie from each
 * capitalised token (longest match wins), then filters that use the words around a match: demonyms
 * are country evidence, "U.S.-backed" is a modifier, a name inside a longer proper name or after a
 * person title is not a place, stop-words need a cue. Cue phrases ("village of", "province") set the
 * expected kind and let an unknown name count as a place.
 */

export interface Zones {
  /** Dateline parts: all-caps and stop-words are fine there. */
  dateline: Span[];
  /** Byline and credit lines: people, not places. */
  skip: Span[];
}

export interface Mention {
  span: Span;
  text: string;
  /** Candidate place indexes; empty for an unknown name a cue vouches for. */
  candidates: number[];
  /** Kind a cue asks for, and the cue, for reasons. */
  cueKind: PlaceKind | null;
  cue: string | null;
  compass: Compass[];
  inDateline: boolean;
  /** True when the text differs from every candidate name beyond case and diacritics (a variant). */
  variant: boolean;
  /** Matched one edit away from a well-known name ("Damscus"): the story's countries must agree. */
  fuzzy: boolean;
  /** The surface in plain letters, article dropped (plainText), to tell exact spellings from variants. */
  light?: string;
  /** Sentence-initial single word: weaker evidence of a proper name. */
  sentenceStart: boolean;
  /** Written in capitals outside the dateline (subheads, captions). */
  allCaps: boolean;
  /** A name and a facility noun ("Baga Road", "Splendid Hotel"): a site in the town the sentence
   *  names, whatever town its name also matches. */
  facility?: 'building' | 'street';
  /** A stated relation to the next or previous toponym ("X east of Y", "near Y", "Y's X district",
   *  "X, known in Russian as Y"): the resolver keeps X within `km` of Y's place. */
  relation?: Relation;
}

export interface Relation {
  to: Mention;
  kind: 'near' | 'within' | 'alias';
  /** Largest distance from `to` the relation allows. */
  km: number;
  /** The words that state it, for reasons. */
  cue: string;
}

export interface Recognition {
  mentions: Mention[];
  /** Demonym evidence: country -> count. */
  demonymCountries: Map<Iso2, number>;
  /** Offsets where sentences (or lines) start, ascending: the resolver anchors unknown names and
   *  rivers to places of the same sentence. */
  sentenceStarts: number[];
}

const QUOTES = new Set([0x22, 0x201c, 0x201d, 0x2019, 0x2018]);
const SPACES = new Set([0x20, 0x09, 0x0a, 0x0d, 0xa0]);

/** Sentence start offsets of a text (a cheap splitter over character codes: end punctuation and space
 *  before a capital, or a line break). */
export function sentenceStarts(text: string): number[] {
  const out = [0];
  const n = text.length;
  // the regex engine finds the next candidate faster than a loop over every character
  const ends = /[\n.!?]/g;
  for (let hit = ends.exec(text); hit; hit = ends.exec(text)) {
    let p = hit.index;
    const c = text.charCodeAt(p);
    ends.lastIndex = p + 1;
    if (c === 10) {
      while (p + 1 < n && text.charCodeAt(p + 1) === 10) p++;
      out.push(p + 1);
      ends.lastIndex = p + 1;
    } else {
      let q = p + 1;
      if (QUOTES.has(text.charCodeAt(q))) q++;
      const sp = q;
      while (q < n && SPACES.has(text.charCodeAt(q)) && text.charCodeAt(q) !== 10) q++;
      if (q === sp) continue;
      const r = QUOTES.has(text.charCodeAt(q)) ? q + 1 : q;
      if (classOf(text, r) & U) out.push(q);
    }
  }
  return out;
}

/** What a recogniser knows of a word as written (see `wordOf`). */
interface Word {
  text: string;
  lower?: string;
  key?: string;
  /** The trie's answer for `key`. */
  entry?: TrieEntry;
  /** Well-known places one edit away (PlaceIndex.fuzzy). */
  fuzzy?: number[];
  /** plainText of the word. */
  light?: string;
  /** A contraction ("We're"): never a name. */
  contraction?: boolean;
  /** The plural of a one-word group name ("Houthis"). */
  groupPlural?: boolean;
}

interface Token {
  text: string;
  start: number;
  end: number;
  cap: boolean;
  upper: boolean;
}

const LETTER = /[\p{L}\p{M}]/u;
const UPPER = /\p{Lu}/u;
const DIGIT = /\p{N}/u;
// Unicode-class regexes live at module level: transpiled, an inline one is rebuilt at every call
const MARKS = /\p{M}/gu;
const MARK_CHAR = /\p{M}/u;
const HYPHEN_LOWER = /^[-‐‑]\p{Ll}/u;
const NEXT_LOWER_WORD = /^\s+(\p{Ll}+)/u;
const NEXT_TWO_WORDS = /^ (\p{L}+)(?: (\p{L}+))?/u;
const CAPITALISED = /^\p{Lu}/u;
const ANY_LETTER = /\p{L}/u;
const SPACE_CHAR = /\s/;
/** Character classes of the first 0x3000 code points (Latin, Greek, Cyrillic, Arabic, punctuation),
 *  computed once, so the tokeniser tests a table, not a regex, per character. */
const L = 1;
const U = 2;
const D = 4;
const INNER = 8;
const OPEN = 16;
/** Changes when upper-cased: a token without one is written in capitals. */
const LOWER = 32;
/** A combining mark (\p{M}): inside a token, but no letter of a cue word. */
const MARK = 64;
const TABLE_SIZE = 0x3000;
const CLASSES = (() => {
  const t = new Uint8Array(TABLE_SIZE);
  for (let c = 0; c < TABLE_SIZE; c++) {
    const ch = String.fromCharCode(c);
    if (LETTER.test(ch)) t[c]! |= L;
    if (UPPER.test(ch)) t[c]! |= U;
    if (DIGIT.test(ch)) t[c]! |= D;
    if (ch.toUpperCase() !== ch) t[c]! |= LOWER;
    if (MARK_CHAR.test(ch)) t[c]! |= MARK;
  }
  // apostrophes and ‘ayn/hamza marks stay inside a token ("Shi'ite", "Ma‘arrat"); some open one ("‘Afar")
  for (const c of [0x27, 0x2019, 0x2018, 0x2bb, 0x2bc, 0x2bf, 0x2be]) t[c]! |= INNER;
  for (const c of [0x2018, 0x2bb, 0x2bf]) t[c]! |= OPEN;
  return t;
})();
const classOf = (text: string, p: number): number => {
  const c = text.charCodeAt(p);
  if (c < TABLE_SIZE) return CLASSES[c]!;
  if (Number.isNaN(c)) return 0;
  const ch = text[p]!;
  return (LETTER.test(ch) ? L : 0) | (UPPER.test(ch) ? U : 0) | (DIGIT.test(ch) ? D : 0);
};
const isLetter = (text: string, p: number): boolean => (classOf(text, p) & L) !== 0;

/**
 * Word tokens in one pass over character codes (a regex with Unicode classes allocates a match per
 * word and is the recogniser's main cost): letter runs with inner digits and apostrophes, an opening
 * ‘ayn mark, dotted abbreviations ("U.S."); a possessive "'s" is left out ("Syria's" names Syria).
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const n = text.length;
  let p = 0;
  while (p < n) {
    const k = classOf(text, p);
    if (k & U && text.charCodeAt(p + 1) === 46 && classOf(text, p + 2) & U && text.charCodeAt(p + 3) === 46) {
      const s = p;
      while (p < n && classOf(text, p) & U && text.charCodeAt(p + 1) === 46) p += 2;
      tokens.push({ text: text.slice(s, p), start: s, end: p, cap: true, upper: true });
      continue;
    }
    const s = p;
    let first = p;
    if (k & OPEN && classOf(text, p + 1) & L) first = p + 1;
    else if (!(k & L)) {
      p++;
      continue;
    }
    p = first + 1;
    while (p < n && classOf(text, p) & (L | D | INNER)) p++;
    let e = p;
    const last = text.charCodeAt(e - 1);
    if ((last === 115 || last === 83) && e - first > 2 && (text.charCodeAt(e - 2) === 0x27 || text.charCodeAt(e - 2) === 0x2019)) e -= 2;
    const t = text.slice(s, e);
    const cap = (classOf(text, first) & U) !== 0;
    tokens.push({ text: t, start: s, end: e, cap, upper: cap && e - s > 1 && inCapitals(text, s, e, t) });
  }
  return tokens;
}

/** text[s..e) (= t) is unchanged by upper-casing: the class table answers below 0x3000 (no string made). */
function inCapitals(text: string, s: number, e: number, t: string): boolean {
  for (let p = s; p < e; p++) {
    const c = text.charCodeAt(p);
    if (c >= TABLE_SIZE) return t === t.toUpperCase();
    if (CLASSES[c]! & LOWER) return false;
  }
  return true;
}

const isHyphen = (c: number) => c === 45 || c === 0x2010 || c === 0x2011;
const withoutDot = (w: string) => (w.charCodeAt(w.length - 1) === 46 ? w.slice(0, -1) : w);

/** "Calif.", "Ind.", "W.Va.", "N.Y." */
const ABBREVIATION = /^(?:[A-Z][a-z]{0,4}\.|[A-Z]\.[A-Z][a-z]?\.)/;
/** "We're", "I've", "Don't": contractions are never names. */
const CONTRACTION = /['’](?:re|ve|ll|d|m|t)$/i;
/** A country or a city of 100,000: evidence of a place even where a person would fit. */
const isMajor = (index: PlaceIndex, id: number) => index.kindOf(id) === 'country' || index.populationOf(id) >= 100_000;

/** Kinds whose cue word belongs to the name ("Mosul dam", "Tigris river", "Zaatari camp"). */
const NAMED_KINDS = new Set<PlaceKind>(['site', 'river', 'camp', 'other']);
/** A capitalised name in a list, with an optional joined article ("al-Shuhada", "Wadi Hajr"). */
const ITEM = String.raw`(?:\p{Ll}{1,3}-)?\p{Lu}[\p{L}\p{M}'’]*(?:[ -](?:\p{Ll}{1,3}[- ])?\p{Lu}[\p{L}\p{M}'’]*)*`;
/** "Moalimin and Silo districts", "A, B and C villages": a plural cue after a list covers every
 *  item; group 1 is the plural (the last item sees it directly). */
const PLURAL_CUE = new RegExp(String.raw`^(?:(?:,\s+${ITEM})*,?\s+and\s+${ITEM})?\s(\p{Ll}+s)\b`, 'u');
const COMPASS_OF = String.raw`(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:ern)?\s+of`;
/** Text between X and Y that places X near Y: "X, 40 km east of Y", "X near Y", "X, a village outside
 *  the town of Y", "X district of Y". Group 1 is a stated distance. */
const NEAR_BETWEEN = new RegExp(String.raw`^,?\s+(?:(?:an?|the|two|three|several)\s+(?:[\p{Ll}-]+\s+){0,2}?)?(?:(?:about|some|around|nearly|roughly|only|just)\s+)?(?:(\d+(?:[.,]\d+)?)\s*(?:km|kilometres|kilometers|miles)\s+(?:\(\d+\s*miles?\)\s+)?)?(?:${COMPASS_OF}|near|outside|close\s+to|next\s+to|(?:on|in)\s+the\s+outskirts\s+of|(?:district|neighbou?rhood|quarter|suburb|village|area)s?\s+(?:of|in))\s+(?:the\s+(?:(?:\p{Ll}+\s+)?(?:city|town|village|capital)\s+of\s+)?)?$`, 'u');
/** "X, known in Russian as Y", "X, also called Y", "X (Y)": two names of one place. */
const ALIAS_BETWEEN = /^(?:,?\s+(?:(?:also|locally|formerly|previously|now|officially)\s+)?(?:known|called|spelt|spelled)\s+(?:(?:locally|in\s+\p{L}+)\s+)?as\s+|\s*\(\s*(?:or\s+|also\s+)?)$/u;
/** "Y's X district": a possessive before a name that a sub-unit cue follows. */
const POSSESSIVE_BETWEEN = /^['’]s\s+(?:\p{Ll}+\s+)?$/u;
/** ", a crowded neighbourhood", " and Sakhanka, two villages": group 1 is the kind noun. */
const APPOSITIVE = new RegExp(String.raw`^(?:(?:,\s+${ITEM})*,?\s+and\s+${ITEM})?,\s+(?:a|an|two|three|four|several|both)\s+(?:[\p{Ll}-]+\s+){0,3}?(villages?|towns?|neighbou?rhoods?|districts?|suburbs?|hamlets?|settlements?|quarters?)\b`, 'u');
/** Kinds a possessive makes a part of the town before it. */
const PART_KINDS = new Set<PlaceKind>(['district', 'site', 'camp', 'other']);

/** Weekdays and months end a date, not a proper name: "on Monday Ankara said". */
const CALENDAR = /^(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day$|^(?:January|February|March|April|May|June|July|August|September|October|November|December)$/;

/** Abbreviated heads of place names ("St. Louis", "Ste. Marie", "Mt. Kenya", "Ft. Worth"): their dot
 *  ends no sentence, so the name runs on past it. */
const NAME_HEAD_ABBREVIATION = /^(?:St|Ste|Mt|Ft)$/;

/** One space, no-break space or hyphen between token i-1 and token i, or ". " after a name head's
 *  abbreviation. */
function joinedAt(text: string, tokens: Token[], i: number): boolean {
  if (i <= 0 || i >= tokens.length) return false;
  const a = tokens[i - 1]!.end;
  const gap = tokens[i]!.start - a;
  if (gap === 2) return text.charCodeAt(a) === 46 && text.charCodeAt(a + 1) === 32 && NAME_HEAD_ABBREVIATION.test(tokens[i - 1]!.text);
  if (gap !== 1) return false;
  const c = text.charCodeAt(a);
  return c === 32 || c === 0xa0 || c === 45 || c === 0x2010 || c === 0x2011;
}

/** "Baghdad-based", "London-born": the compound still says where something is (unlike "U.S.-backed"). */
const LOCATIVE_SUFFIX = /^[-‐‑](?:based|born|bound|headquartered)\b/;
/** Verbs that follow a country used as a noun ("the U.S. has", "UK will"). */
const AUXILIARIES = new Set(['is', 'are', 'was', 'were', 'has', 'have', 'had', 'will', 'would', 'can', 'could', 'should', 'must', 'may', 'might', 'does', 'did', 'and', 'or']);
const ASCII_WORDS = /^[A-Za-z -]*$/;
/** Lower case, no marks, apostrophes or dots: how spellings are compared. */
export const plainText = (s: string) => ASCII_WORDS.test(s) ? s.toLowerCase() : s.normalize('NFD').replace(MARKS, '').replace(/[‘’'ʻʼʿʾ`.]/g, '').toLowerCase();

/** Whether place row `id`'s name is spelled as the surface `light` (plainText, article dropped): the
 *  same letters, or its last words ("Tall Afar" ~ "afar"), or with its article dropped. */
export function spellingCheck(index: PlaceIndex): (id: number, light: string) => boolean {
  // per row, computed once: the plain name and the same without its article (arrays sized up front:
  // rows set far apart would turn a growing array into a dictionary)
  const lightNames: (string | undefined)[] = new Array(index.size);
  const bareNames: (string | undefined)[] = new Array(index.size);
  return (id, light) => {
    let n = lightNames[id];
    if (n === undefined) {
      n = lightNames[id] = plainText(index.place(id).name);
      bareNames[id] = n.replace(/^(?:al|el|ar|as|ad|an|at|az|ash) /, '');
    }
    return n === light || (n.length > light.length && n.charCodeAt(n.length - light.length - 1) === 32 && n.endsWith(light)) || bareNames[id] === light;
  };
}

/** A test whether s[from..to), lower-cased, is a key of `set`: a slice longer than its longest key
 *  is not even made (lower-casing never shortens a string). */
function sliceIn(set: ReadonlySet<string> | ReadonlyMap<string, unknown>): (s: string, from: number, to: number) => boolean {
  let max = 0;
  // first letters of the keys (a..z): a slice opening with another ASCII letter is no key
  const firsts = new Uint8Array(128);
  for (const k of set.keys()) {
    max = Math.max(max, k.length);
    firsts[k.charCodeAt(0) & 127] = 1;
  }
  return (s, from, to) => {
    if (to - from > max) return false;
    const c = s.charCodeAt(from) | 32;
    if (to > from && c >= 97 && c <= 122 && firsts[c] === 0) return false;
    return set.has(s.slice(from, to).toLowerCase());
  };
}

export interface RecognizerData {
  index: PlaceIndex;
  lexicon: PlaceLexicon;
}

export function createRecognizer({ index, lexicon }: RecognizerData) {
  const norm = index.normalizer;
  const stop = new Set(lexicon.stopWords);
  const speech = new Set(lexicon.speechVerbs);
  const titles = new Set(lexicon.personTitles);
  const fnWords = new Set(lexicon.capitalizedFunctionWords);
  const connectors = new Set(lexicon.connectors);
  // capitalised forms, so the per-token tests need no lower-casing
  const capitalise = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);
  const titlesCap = new Set(lexicon.personTitles.map(capitalise));
  const fnWordsCap = new Set(lexicon.capitalizedFunctionWords.map(capitalise));
  const compassWord = new Map<string, Compass>();
  for (const [k, words] of Object.entries(lexicon.compass)) for (const w of words) compassWord.set(w, k as Compass);
  const cw = [...compassWord.keys()].sort((a, b) => b.length - a.length).join('|');
  // "northern and western " / "north, east and " right before a name
  const compassRe = new RegExp(`(?<![\\p{L}-])((?:${cw})(?:\\s*(?:,|and)\\s*(?:${cw}))*)\\s+$`, 'iu');
  const precede = new Map(Object.entries(lexicon.precedingCues));
  const follow = new Map(Object.entries(lexicon.followingCues));
  const precedeLast = new Set([...precede.keys()].map((c) => c.split(' ').pop()!));
  const followWords = new Set(Object.keys(lexicon.followingCues).map((c) => c.split(' ')[0]!));
  const joining = new Set(lexicon.joiningCues);
  const abbreviations = new Map(Object.entries(lexicon.admin1Abbreviations));
  const unknownBefore = new Set(lexicon.unknownNameCues);
  const unknownAfter = new Set(lexicon.unknownNameFollowingCues);
  const unknownBeforeList = [...unknownBefore];
  const cueLastWords = new Set(lexicon.unknownNameCues.map((c) => c.split(' ').pop()!));
  const cueFirstWords = new Set(lexicon.unknownNameFollowingCues.map((c) => c.split(' ')[0]!));
  const cueLastAt = sliceIn(cueLastWords);
  const cueFirstAt = sliceIn(cueFirstWords);
  /** Whether the lower-cased word after a single space at `end` ("" when none) opens a following cue. */
  const cueFirstAfter = (text: string, end: number) => {
    if (text.charCodeAt(end) !== 32) return cueFirstWords.has('');
    let e = end + 1;
    while (e < text.length && (classOf(text, e) & L) !== 0) e++;
    return cueFirstAt(text, end + 1, e);
  };
  const pluralWords = new Set([...follow.keys(), ...unknownAfter].filter((w) => !w.includes(' ')).map((w) => `${w}s`));
  /** Offsets of plural cue words in the text being read (found once per text among its tokens). */
  let plurals: number[] = [];
  const pluralNear = (at: number): boolean => {
    let lo = 0;
    let hi = plurals.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (plurals[mid]! < at) lo = mid + 1;
      else hi = mid;
    }
    return lo < plurals.length && plurals[lo]! < at + 80;
  };
  const unknownAfterList = [...unknownAfter];
  const streets = new Set(lexicon.streetNouns);
  const facilities = new Set([...lexicon.facilityNouns, ...streets]);
  // organisation names by first token (as written and capitalised), longest first
  const orgs = new Map<string, { words: string[]; caps: string[] }[]>();
  for (const name of lexicon.organisationNames) {
    // "the Taliban" is found from "Taliban": only capitalised words and articles open a name
    const words = tokenize(name).map((t) => t.text).filter((w, k) => k > 0 || w !== 'the');
    if (words.length === 0) continue;
    const entry = { words, caps: words.map(capitalise) };
    for (const k of new Set([words[0]!, entry.caps[0]!])) {
      const list = orgs.get(k) ?? [];
      list.push(entry);
      list.sort((a, b) => b.words.length - a.words.length);
      orgs.set(k, list);
    }
  }
  const spelledAs = spellingCheck(index);
  const precedeLastAt = sliceIn(precedeLast);
  const compassWordAt = sliceIn(compassWord);
  const followWordAt = sliceIn(followWords);
  /** Words as written, kept across texts: a token's text is replaced by the kept string, whose hash is
   *  computed once, so the many set look-ups per token are probes; its lower case and key are kept too. */
  const wordOf = boundedMemo(100_000, (w: string): Word => ({ text: w }));

  return function recognize(text: string, zones: Zones): Recognition {
    const tokens = tokenize(text);
    // a token's Word is looked up when first needed (most lower-case words never are)
    const words: Word[] = new Array(tokens.length);
    const word = (k: number) => {
      let w = words[k];
      if (!w) {
        w = words[k] = wordOf(tokens[k]!.text);
        tokens[k]!.text = w.text;
      }
      return w;
    };
    const lowerOf = (k: number) => {
      const w = word(k);
      return (w.lower ??= w.text.toLowerCase());
    };
    const keyOf = (k: number) => {
      const w = word(k);
      return (w.key ??= norm.tokenKey(w.text));
    };
    plurals = [];
    // capitalised words are looked up many times: kept strings from the start; of the others, only
    // those ending in "s" are hashed
    for (let k = 0; k < tokens.length; k++) {
      const t = tokens[k]!;
      if (t.cap) word(k);
      else if (t.text.charCodeAt(t.text.length - 1) === 115 && pluralWords.has(t.text)) plurals.push(t.start);
    }
    const within = (spans: Span[], s: number) => {
      for (const z of spans) if (s >= z.start && s < z.end) return true;
      return false;
    };
    /** `within(spans, s)` for many s: outside the spans' hull, no walk (the dateline is a few words). */
    const inside = (spans: Span[]) => {
      let lo = Infinity;
      let hi = -Infinity;
      for (const z of spans) {
        lo = Math.min(lo, z.start);
        hi = Math.max(hi, z.end);
      }
      return (s: number) => s >= lo && s < hi && within(spans, s);
    };
    const inDatelineAt = inside(zones.dateline);
    const sep = (i: number) => text.slice(tokens[i - 1]!.end, tokens[i]!.start);
    const joined = (i: number) => joinedAt(text, tokens, i);
    /** An article joined to the next word: by a hyphen, or by a space when it is "al"/"el", capitalised
     *  ("Ar Raqqah"), or inside a name ("Dayr az Zawr"); "fighting at Raqqa" keeps its "at". */
    const isArticleAt = (i: number, inside = false) => {
      const t = tokens[i]!;
      if (!norm.isArticle(t.text) || i + 1 >= tokens.length) return false;
      const s = sep(i + 1);
      return s === '-' || s === '‑' || (s === ' ' && !t.upper && (inside || t.cap || norm.isSpaceArticle(t.text)));
    };
    // title-case lines (headlines in Title Case) suspend the proper-name adjacency rules: a line is
    // one when three quarters of its words of four letters or more are capitalised (counted once,
    // over the tokens)
    const lineStarts = [0];
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', nl + 1)) lineStarts.push(nl + 1);
    const titleLine: boolean[] = [];
    {
      let line = 0;
      let words = 0;
      let titled = 0;
      const close = () => {
        titleLine[line] = words >= 4 && titled / words >= 0.75;
        words = 0;
        titled = 0;
      };
      for (const t of tokens) {
        while (line + 1 < lineStarts.length && lineStarts[line + 1]! <= t.start) {
          close();
          line++;
        }
        if (t.end - t.start < 4) continue;
        words++;
        if (t.cap && !t.upper) titled++;
      }
      close();
    }
    const lineIsTitleCase = (pos: number) => {
      let lo = 0;
      let hi = lineStarts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (lineStarts[mid]! <= pos) lo = mid;
        else hi = mid - 1;
      }
      return titleLine[lo] === true;
    };

    // people: the names after a title ("President Bashar al-Assad") and photo credits ("REUTERS/Name")
    const personKeys = new Set<string>();
    const credit: Span[] = [];
    for (let k = 0; k + 1 < tokens.length; k++) {
      const t = tokens[k]!;
      // a title introduces a person only when written as one: "Major Smith", not "a major Iraq stronghold"
      const isTitle = t.cap && (titlesCap.has(t.text) || (t.upper && titles.has(lowerOf(k))));
      const isCredit = t.upper && sep(k + 1) === '/' && !tokens[k + 1]!.upper && !within(zones.dateline, t.start);
      if (!isTitle && !isCredit) continue;
      let e = k + 1;
      while (e < tokens.length && (tokens[e]!.cap || norm.isArticle(tokens[e]!.text)) && (e === k + 1 || joined(e))) {
        if (!isCredit) personKeys.add(keyOf(e));
        e++;
      }
      if (isCredit && e > k + 1) credit.push({ start: tokens[k + 1]!.start, end: tokens[e - 1]!.end });
    }

    const inSkip = inside(zones.skip);
    const inCredit = inside(credit);
    const mentions: Mention[] = [];
    const orgSpans: Span[] = [];
    const demonymCountries = new Map<Iso2, number>();
    let i = 0;
    while (i < tokens.length) {
      const t = tokens[i]!;
      // most tokens: a lower-case word that is no article opens nothing outside the dateline
      if (!t.cap && !norm.isArticle(t.text) && !inDatelineAt(t.start)) {
        i++;
        continue;
      }
      if (inSkip(t.start) || inCredit(t.start)) {
        i++;
        continue;
      }
      const org = orgEnd(i);
      if (org >= 0) {
        orgSpans.push({ start: t.start, end: tokens[org]!.end });
        i = org + 1;
        continue;
      }
      const inDateline = inDatelineAt(t.start);
      // walk the trie: articles are transparent, connectors may be lower-case, other words capitalised
      let j = i;
      if (isArticleAt(j)) j++;
      const head = tokens[j];
      if (!head || !(head.cap || inDateline) || (word(j).contraction ??= CONTRACTION.test(head.text))) {
        i++;
        continue;
      }
      let acc = '';
      let best: { end: number; ids: number[] } | null = null;
      for (let k = j; k < tokens.length; k++) {
        if (k > j && !joined(k)) {
          // a name whose own form has a comma ("Washington, D.C."), written out in full
          const tk = tokens[k]!;
          const ids = sep(k) === ', ' && tk.cap ? index.trie.get(`${acc} ${keyOf(k)}`) : undefined;
          if (ids) best = { end: k, ids };
          break;
        }
        const tk = tokens[k]!;
        if (k > j && isArticleAt(k, true)) continue;
        const key = keyOf(k);
        if (k > j && !tk.cap && !connectors.has(tk.text) && !inDateline) break;
        acc = acc ? `${acc} ${key}` : key;
        const found = acc === key ? (word(k).entry ??= index.trie.find(key)) : index.trie.find(acc);
        const ids = found.rows;
        // a name never ends on a lower-case connector ("Mali and" ~ Mile End)
        if (ids && (tk.cap || k === j || inDateline)) best = { end: k, ids };
        if (!found.prefix) break;
      }
      let fuzzy = false;
      if (head.cap && !head.upper && (!best || (best.end === j && tokens[j + 1]?.cap && joined(j + 1)))) {
        const f = fuzzyMatch(j);
        if (f && (!best || f.end > best.end)) {
          best = f;
          fuzzy = true;
        }
      }
      const demonym = index.demonyms.get(head.text) ?? attributiveCountry(j, best);
      if (!best || (demonym && best.end === j)) {
        if (demonym) demonymCountries.set(demonym, (demonymCountries.get(demonym) ?? 0) + 1);
        i = j + 1;
        continue;
      }
      const startTok = i;
      const endTok = best.end;
      i = endTok + 1;
      const span = { start: tokens[startTok]!.start, end: tokens[endTok]!.end };
      const surface = text.slice(span.start, span.end);
      const after = text.slice(span.end, span.end + 80);
      const before = text.slice(Math.max(0, span.start - 40), span.start);
      const next = tokens[endTok + 1];
      const prev = tokens[startTok - 1];

      // "U.S.-backed", "Iraq-based": a modifier, not a place
      if (isHyphen(after.charCodeAt(0)) && HYPHEN_LOWER.test(after) && !LOCATIVE_SUFFIX.test(after)) continue;
      const facEnd = facilityEnd(endTok);
      if (facEnd > endTok && !inDateline) {
        i = facEnd + 1;
        mentions.push(facilityMention(startTok, facEnd, best.ids));
        continue;
      }
      const cue = precedingCue(text, span.start) ?? followingCue(after, span.end);
      const titled = !!prev && prev.cap && titles.has(withoutDot(lowerOf(startTok - 1))) && /^\.? $/.test(sep(startTok));
      if (titled && !cue) continue;
      const titleCase = lineIsTitleCase(span.start);
      const single = endTok === j;
      if (!inDateline && !titleCase) {
        // inside a longer proper name ("Washington Post", "George Washington"), unless a cue follows
        // "Wadi al-Hajar": an article and a capitalised word continue the name past the gazetteer's match
        const nextProper = (!!next && next.cap && joined(endTok + 1) && !followWords.has(lowerOf(endTok + 1))
          && !index.demonyms.has(next.text)) || (!!next && isArticleAt(endTok + 1, true) && !!tokens[endTok + 2]?.cap);
        const prevProper = !!prev && prev.cap && joined(startTok) && !fnWords.has(lowerOf(startTok - 1)) && !CALENDAR.test(prev.text)
          && !compassWord.has(lowerOf(startTok - 1)) && !index.demonyms.has(prev.text) && !atSentenceStart(startTok - 1);
        // (candidates are looked at only when it matters: a common name has hundreds)
        if (prevProper || (nextProper && !best.ids.some((id) => index.kindOf(id) === 'country'))) {
          // "Dan Lincoln": a surname that is also a small town names the person later in the story too
          if (prevProper && single && !best.ids.some((id) => isMajor(index, id))) personKeys.add(keyOf(j));
          continue;
        }
      }
      // a cue of the candidate's own kind vouches for a stop-word name ("Unity State"); a plural
      // after a list does not ("Western states")
      const vouched = !!cue && (cue.before || (cue.length > 0 && best.ids.some((id) => index.kindOf(id) === cue.kind)));
      if (single && !inDateline && !vouched) {
        if (stop.has(head.text.includes('’') ? head.text.replace(/’/g, "'") : head.text) || fnWords.has(lowerOf(j)) || personKeys.has(keyOf(j))) continue;
        // "Kerry said" is a person; "Ankara said" a government: keep countries and major cities
        // "Kerry said" / "said Kerry"
        // printable ASCII is no space: the regex runs only after a space
        const c0 = after.charCodeAt(0);
        const said = c0 > 32 && c0 < 127 ? null : NEXT_LOWER_WORD.exec(after);
        const saidBefore = prev && !prev.cap && speech.has(prev.text) && sep(startTok) === ' ';
        if (((said && speech.has(said[1]!)) || saidBefore) && !best.ids.some((id) => isMajor(index, id))) continue;
      }

      // one token has no hyphen or space, so no article to drop: its word keeps the plain form
      const light = startTok === endTok ? (word(j).light ??= plainText(surface)) : plainText(surface.replace(/^(?:al|el)[- ]/i, ''));
      const variant = !best.ids.some((id) => spelledAs(id, light));
      // "In Iraq" keys like ‘Ayn ‘Arīk: a function word opening a name only as a spelling variant
      // is the sentence's, not the name's; the name starts after it
      if (variant && !single && fnWords.has(lowerOf(j)) && !inDateline) {
        i = j + 1;
        continue;
      }
      // compass words ("northern and western ") right before the name: its region, and the span's lead
      const compass = compassMatch(before);
      const mention: Mention = {
        span, text: surface, candidates: best.ids, cueKind: cue?.kind ?? null, cue: cue?.cue ?? null,
        compass: compassBefore(compass), inDateline, variant: variant || fuzzy, fuzzy, light, sentenceStart: single && atSentenceStart(startTok),
        // abbreviations (US, UK, UAE) are capitals by nature; a capitalised word of four letters or more is not
        allCaps: !inDateline && allCapsRun(j, endTok),
      };
      if (cue && !cue.before && cue.joins) {
        mention.span = { start: span.start, end: span.end + cue.length };
        mention.text = text.slice(mention.span.start, mention.span.end);
      }
      const lead = compass ? compass[0].length : 0;
      if (lead > 0) {
        mention.span = { start: span.start - lead, end: mention.span.end };
        mention.text = text.slice(mention.span.start, mention.span.end);
      }
      mentions.push(mention);
    }
    abbreviatedDivisions(text, mentions);
    mentions.push(...unknownNames(text, tokens, lowerOf, mentions, zones, orgSpans));
    mentions.sort((a, b) => a.span.start - b.span.start);
    relate(text, mentions);
    return { mentions, demonymCountries, sentenceStarts: sentenceStarts(text) };

    /** Last token of an organisation name starting at token k ("Al Qaeda in the Arabian Peninsula",
     *  "Houthis"), or -1. */
    function orgEnd(k: number): number {
      const t = tokens[k]!;
      if (!t.cap && !norm.isArticle(t.text)) return -1;
      const list = orgs.get(t.text);
      if (list) {
        for (const { words, caps } of list) {
          let n = 1;
          while (n < words.length && k + n < tokens.length && (tokens[k + n]!.text === words[n] || tokens[k + n]!.text === caps[n])) n++;
          if (n === words.length) return k + n - 1;
        }
      }
      // a plural of a one-word group name ("Houthis", "Talibans")
      const last = t.text.charCodeAt(t.text.length - 1);
      if (t.cap && last === 115 && (word(k).groupPlural ??= !!orgs.get(t.text.slice(0, -1))?.some((o) => o.words.length === 1))) return k;
      return -1;
    }

    /** Last token of a run of capitalised facility nouns right after token k ("Road", "University
     *  College"), or k when none follows. */
    function facilityEnd(k: number): number {
      let e = k;
      while (e + 1 < tokens.length && joined(e + 1) && tokens[e + 1]!.cap && facilities.has(tokens[e + 1]!.text)) e++;
      return e;
    }

    function facilityMention(a: number, b: number, candidates: number[]): Mention {
      const span = { start: tokens[a]!.start, end: tokens[b]!.end };
      return {
        span, text: text.slice(span.start, span.end), candidates, cueKind: 'site', cue: lowerOf(b), compass: [],
        inDateline: false, variant: false, fuzzy: false, sentenceStart: false, allCaps: false,
        facility: streets.has(tokens[b]!.text) ? 'street' : 'building',
      };
    }

    /** "U.S. military", "UK government": an abbreviated country before a noun is an adjective, like
     *  "American" (country evidence, not a toponym); "the U.S. said" stays a toponym. */
    function attributiveCountry(k: number, match: { end: number; ids: number[] } | null): Iso2 | undefined {
      const t = tokens[k]!;
      if (!match || match.end !== k || !t.upper || t.text.replace(/\./g, '').length > 3) return undefined;
      const next = tokens[k + 1];
      if (!next || next.cap || sep(k + 1) !== ' ' || fnWords.has(next.text) || speech.has(next.text) || AUXILIARIES.has(next.text)) return undefined;
      const country = match.ids.find((id) => index.kindOf(id) === 'country');
      return country === undefined ? undefined : (index.place(country).country ?? undefined);
    }

    /** The longest run of up to three capitalised words from `j` (articles transparent) that is one
     *  edit from a well-known place's name: "Damscus", "Ben Guerdane". */
    function fuzzyMatch(j: number): { end: number; ids: number[] } | null {
      const ends: number[] = [];
      for (let k = j; k < tokens.length && ends.length < 3; k++) {
        if (k > j && !joined(k)) break;
        const tk = tokens[k]!;
        if (!tk.cap || tk.upper || stop.has(tk.text) || fnWords.has(lowerOf(k)) || index.demonyms.has(tk.text)) break;
        ends.push(k);
      }
      for (let n = ends.length; n > 0; n--) {
        // one word: its own text, whose answer the word keeps
        const ids = n === 1 ? (word(j).fuzzy ??= index.fuzzy(tokens[j]!.text)) : index.fuzzy(text.slice(tokens[j]!.start, tokens[ends[n - 1]!]!.end));
        if (ids.length > 0) return { end: ends[n - 1]!, ids };
      }
      return null;
    }

    /** Token k opens a sentence or line: only spaces between it and end punctuation, a quote or a line break. */
    /** Tokens a..b are written in capitals, one of them a word of four letters or more (not "US", "UAE"). */
    function allCapsRun(a: number, b: number): boolean {
      let long = false;
      for (let k = a; k <= b; k++) {
        const x = tokens[k]!;
        if (x.cap && !x.upper) return false;
        if (x.upper && x.text.replace(/\./g, '').length > 3) long = true;
      }
      return long;
    }

    function atSentenceStart(k: number): boolean {
      if (k <= 0) return true;
      const from = tokens[k - 1]!.end;
      let p = tokens[k]!.start - 1;
      while (p >= from && SPACES.has(text.charCodeAt(p))) {
        if (text.charCodeAt(p) === 10) return true;
        p--;
      }
      if (p < from) return false;
      const c = text.charCodeAt(p);
      return c === 46 || c === 33 || c === 63 || c === 58 || c === 34 || c === 0x201c || c === 10;
    }
  };

  /** The cue phrase (1-3 words) ending right before a name: "the village of |Golat" (an "al-" of the
   *  name may stand between). Walks back over words by character codes. */
  function precedingCue(text: string, start: number): { kind: PlaceKind; cue: string; before: true; joins: false; length: 0 } | null {
    let e = start;
    if (e >= 3 && text.charCodeAt(e - 1) === 45 && text.slice(e - 3, e - 1).toLowerCase() === 'al') e -= 3;
    // cheap guard: the word right before must end some cue ("of", "capital")
    if (e < 2 || text.charCodeAt(e - 1) !== 32) return null;
    if (!precedeLastAt(text, text.lastIndexOf(' ', e - 2) + 1, e - 1)) return null;
    const words: string[] = [];
    while (words.length < 3 && e > 0 && text.charCodeAt(e - 1) === 32) {
      let q = e - 1;
      while (q > 0 && isLetter(text, q - 1)) q--;
      if (q === e - 1) break;
      words.unshift(text.slice(q, e - 1).toLowerCase());
      e = q;
    }
    for (let k = 0; k < words.length; k++) {
      const cue = words.slice(k).join(' ');
      const kind = precede.get(cue);
      if (kind) return { kind, cue, before: true, joins: false, length: 0 };
    }
    return null;
  }

  /** The cue phrase (1-2 words) right after a name: "Mosul| dam". */
  function followingCue(after: string, at: number): { kind: PlaceKind; cue: string; before: false; joins: boolean; length: number } | null {
    // cheap guard: every cue starts with a word of `followWords`
    const m = opensCue(after) ? NEXT_TWO_WORDS.exec(after) : null;
    const one = m ? m[1]!.toLowerCase() : '';
    const two = m?.[2] ? `${one} ${m[2].toLowerCase()}` : null;
    for (const cue of !m ? [] : two ? [two, one] : [one]) {
      const kind = follow.get(cue);
      if (!kind) continue;
      // the span takes the cue when it is part of the name: a site or water body ("Mosul dam"), a
      // capitalised unit ("Homs Governorate", "Unity State") or a unit noun English uses as the name
      // ("Raqqa province"); descriptive nouns stay outside ("the Waer district", "Raqqa city")
      const joins = NAMED_KINDS.has(kind) || CAPITALISED.test(m![1]!) || joining.has(cue);
      return { kind, cue, before: false, joins, length: cue.length + 1 };
    }
    const cue = pluralCue(after, at);
    const kind = cue ? follow.get(cue) : undefined;
    return cue && kind ? { kind, cue, before: false, joins: false, length: 0 } : null;
  }

  /** Whether the word after a space at the start of `after` (letters only, as NEXT_TWO_WORDS reads it)
   *  may open a following cue; true when a character beyond the class table leaves it to the regex. */
  function opensCue(after: string): boolean {
    if (after.charCodeAt(0) !== 32) return false;
    let q = 1;
    for (; q < after.length; q++) {
      const c = after.charCodeAt(q);
      if (c >= TABLE_SIZE) return true;
      if ((CLASSES[c]! & (L | MARK)) !== L) break;
    }
    return q > 1 && followWordAt(after, 1, q);
  }

  /** "Columbus, Ind.", "Charleston, W.Va.": a postal-style abbreviation of a first-level division
   *  right after a place and a comma is that division (it replaces whatever the word matched). */
  function abbreviatedDivisions(text: string, mentions: Mention[]): void {
    for (const m of mentions.slice()) {
      const at = m.span.end + 2;
      if (text.charCodeAt(m.span.end) !== 44 || text.charCodeAt(m.span.end + 1) !== 32) continue;
      const ab = ABBREVIATION.exec(text.slice(at, at + 8));
      const code = ab ? abbreviations.get(ab[0]) : undefined;
      const place = code ? index.admin1.get(code) : undefined;
      if (!ab || !place) continue;
      const end = at + ab[0].length;
      const k = mentions.findIndex((x) => x.span.start < end && at < x.span.end);
      if (k >= 0) mentions.splice(k, 1);
      mentions.push({
        span: { start: at, end }, text: ab[0], candidates: [place.index], cueKind: 'admin1', cue: 'abbreviation', compass: [],
        inDateline: m.inDateline, variant: false, fuzzy: false, sentenceStart: false, allCaps: false,
      });
    }
  }

  /** The singular of a plural cue after a name or after the list it opens ("and Silo districts"). */
  function pluralCue(after: string, at: number): string | null {
    // the list regex only runs when a plural cue word is in sight
    if (!pluralNear(at)) return null;
    const m = PLURAL_CUE.exec(after);
    return m ? m[1]!.slice(0, -1) : null;
  }

  /** Cheap test first: the word right before the name must be a compass word. */
  function compassMatch(before: string): RegExpExecArray | null {
    const end = before.length - 1;
    if (end < 0 || before.charCodeAt(end) !== 32) return null;
    const sp = before.lastIndexOf(' ', end - 1);
    if (!compassWordAt(before, sp + 1, end)) return null;
    return compassRe.exec(before);
  }

  function compassBefore(m: RegExpExecArray | null): Compass[] {
    if (!m) return [];
    return m[1]!.toLowerCase().split(/\s*(?:,|and)\s*/).map((w) => compassWord.get(w)!).filter(Boolean);
  }

  /** Capitalised names no gazetteer knows, made places by a cue: "the village of Golat", "Tayyaran district". */
  function unknownNames(text: string, tokens: Token[], lowerOf: (k: number) => string, known: Mention[], zones: Zones, orgSpans: Span[]): Mention[] {
    const out: Mention[] = [];
    const taken = (s: number, e: number) => known.some((m) => m.span.start < e && s < m.span.end);
    // tokens inside known mentions and organisation names are skipped by walking the sorted spans alongside
    const spans = [...known.map((m) => m.span), ...orgSpans].sort((a, b) => a.start - b.start);
    let next = 0;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      while (next < spans.length && spans[next]!.end <= t.start) next++;
      if (next < spans.length && spans[next]!.start <= t.start) continue;
      if (!t.cap || t.upper || fnWordsCap.has(t.text) || index.demonyms.has(t.text) || zones.skip.some((z) => t.start >= z.start && t.start < z.end)) continue;
      // the name: capitalised words (and articles/connectors between them)
      let e = i;
      while (e + 1 < tokens.length && joinedAt(text, tokens, e + 1)
        && (tokens[e + 1]!.cap || (norm.isArticle(tokens[e + 1]!.text) && tokens[e + 2]?.cap))) e++;
      let s = i;
      if (s > 0 && norm.isArticle(tokens[s - 1]!.text) && /^[-‐‑]$/.test(text.slice(tokens[s - 1]!.end, t.start))) s--;
      const start = tokens[s]!.start;
      const end = tokens[e]!.end;
      // "Monday Market", "Splendid Hotel": a name and facility nouns is a site; a market day names one
      let f = e;
      while (f > i && facilities.has(tokens[f]!.text)) f--;
      if (f < e && !facilities.has(tokens[f]!.text) && (!stop.has(tokens[f]!.text) || (f === i && CALENDAR.test(t.text))) && !taken(start, end)) {
        i = e;
        out.push({
          span: { start, end }, text: text.slice(start, end), candidates: [], cueKind: 'site', cue: lowerOf(e), compass: [],
          inDateline: false, variant: false, fuzzy: false, sentenceStart: false, allCaps: false,
          facility: streets.has(tokens[e]!.text) ? 'street' : 'building',
        });
        continue;
      }
      if (stop.has(t.text)) continue;
      i = e;
      // cheap guards first: the word before must end a cue ("village of"), or a cue word or a list
      // must follow
      const cueLastBefore = start >= 2 && text.charCodeAt(start - 1) === 32 ? cueLastAt(text, text.lastIndexOf(' ', start - 2) + 1, start - 1) : cueLastWords.has('');
      const c0 = text.charCodeAt(end);
      if (!cueLastBefore && !pluralNear(end) && !cueFirstAfter(text, end) && c0 !== 44 && !text.startsWith(' and ', end)) continue;
      if (taken(start, end)) continue;
      const after = text.slice(end, end + 30).toLowerCase();
      // a cue before ends with the word before; one after starts after a space; an appositive after a
      // comma or a space: the lists and regexes run only then
      const cueBefore = cueLastBefore ? cueEndingAt(text.slice(Math.max(0, start - 30), start).toLowerCase()) : undefined;
      const plural = pluralNear(end) ? pluralCue(text.slice(end, end + 80), end) : null;
      const cueAfter = (c0 === 32 ? unknownAfterList.find((c) => after.startsWith(c, 1) && !ANY_LETTER.test(after.charAt(c.length + 1))) : undefined)
        ?? (plural && unknownAfter.has(plural) ? plural : undefined) ?? (c0 === 44 || SPACE_CHAR.test(text.charAt(end)) ? appositiveCue(text.slice(end, end + 100)) : undefined);
      if (!cueBefore && !cueAfter) continue;
      const cue = (cueBefore ?? cueAfter)!;
      const kind = (lexicon.followingCues[cue] ?? lexicon.precedingCues[cue] ?? lexicon.precedingCues[`${cue} of`] ?? 'other') as PlaceKind;
      // the cue joins the span as it does after a known name: sites and the units English names by it
      const spanEnd = cueAfter && (kind === 'site' || joining.has(cueAfter)) && c0 === 32 && after.startsWith(cueAfter, 1) ? end + cueAfter.length + 1 : end;
      out.push({
        span: { start, end: spanEnd }, text: text.slice(start, spanEnd), candidates: [], cueKind: kind, cue, compass: [],
        inDateline: false, variant: false, fuzzy: false, sentenceStart: false, allCaps: false,
      });
    }
    return out;
  }

  /** The cue of `unknownNameCues` that `before` (lower case) ends with, and a space: "the village of ". */
  function cueEndingAt(before: string): string | undefined {
    const n = before.length;
    if (before.charCodeAt(n - 1) !== 32) return undefined;
    return unknownBeforeList.find((c) => n >= c.length + 2 && before.charCodeAt(n - c.length - 2) === 32 && before.endsWith(c, n - 1));
  }

  /** "X, a crowded neighbourhood", "X and Y, two villages": an appositive naming a kind of place after
   *  a name (or a list it ends) is a cue; returns the cue word, singular. */
  function appositiveCue(after: string): string | undefined {
    const m = APPOSITIVE.exec(after);
    if (!m) return undefined;
    return m[1]!.toLowerCase().replace(/s$/, '');
  }

  /** Stated relations between neighbouring mentions: "X east of Y", "X near Y", "X district of Y"
   *  (X near Y), "Y's X district" (X in Y), "X, known in Russian as Y" (one place). */
  function relate(text: string, mentions: Mention[]): void {
    for (let k = 0; k + 1 < mentions.length; k++) {
      const a = mentions[k]!;
      const b = mentions[k + 1]!;
      const gap = b.span.start - a.span.end;
      if (gap > 80 || gap < 0) continue;
      const between = text.slice(a.span.end, b.span.start);
      const near = NEAR_BETWEEN.exec(between);
      if (near) {
        const stated = near[1] ? Number(near[1].replace(',', '.')) * (/miles/.test(between) ? 1.6 : 1) : 0;
        a.relation ??= { to: b, kind: 'near', km: stated > 0 ? stated * 1.3 + 30 : 100, cue: between.trim() };
        continue;
      }
      // an acronym in brackets is an agency or a group ("Yemen (AP)"), not a second name
      if (ALIAS_BETWEEN.test(between) && !b.inDateline && b.text !== b.text.toUpperCase()) {
        b.relation ??= { to: a, kind: 'alias', km: 50, cue: between.trim() };
        continue;
      }
      if (POSSESSIVE_BETWEEN.test(between) && b.cueKind && PART_KINDS.has(b.cueKind) && a.candidates.length > 0) {
        b.relation ??= { to: a, kind: 'within', km: 50, cue: `${a.text}'s` };
      }
    }
  }
}

export type Recognizer = ReturnType<typeof createRecognizer>;

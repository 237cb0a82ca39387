import { createError } from '../core/errors.js';
import type { Span } from '../core/types.js';
import { regexPrefixes } from './regexPrefixes.js';

/**
 * Event triggers: words and phrases (verbs and nouns) that report an event or a change of control,
 * each mapped by data (resources/events/triggers.json) to an ACLED event_type / sub_event_type and
 * a role pattern that tells the coder where the actors and the place are.
 */

/**
 * How roles sit around a control trigger:
 * - gainer-subject: "X captured/retook/drove Y out of P" (X gains P, from Y)
 * - place-subject:  "P fell to X"
 * - loser-subject:  "Y withdrew from / lost control of P (to X)"
 * - transfer:       "Y handed over P to X" (non-violent)
 */
export type ControlDirection = 'gainer-subject' | 'place-subject' | 'loser-subject' | 'transfer';

export interface TriggerEntry {
  id: string;
  /** event: codes an event; control: a change of control (and its territory event); casualty: a killing. */
  kind: 'event' | 'control' | 'casualty';
  /** verb: subject acts on object (passive swaps); noun: actor is a modifier, "by X", or the clause subject. */
  form: 'verb' | 'noun';
  event_type?: string;
  sub_event_type?: string;
  direction?: ControlDirection;
  /** Weak triggers ("attack", "fighting", "blast") also name events in general talk; they code only
   * when the sentence pins them down with a time expression or a toll. */
  weak?: boolean;
  /** Statements (verdicts, declarations) happen where they are made: with no place in the
   * sentence, the dateline city is their place rather than the story's focus. */
  statement?: boolean;
  /** Who acts, when the data knows better than the syntax: the `speaker` of the sentence ("genocide
   * was committed, the United States said": the declarer), or the `government` of the place
   * (a court's verdict; the subject is the defendant). */
  actor1?: 'speaker' | 'government';
  pattern: string;
}

/**
 * Common nouns that name the place a change of control is about when no place name does
 * ("recaptured the museum", "the dam was retaken"): `settlement` words stand for the town the
 * sentence or story is about, `facility` words name a site inside it, `vague` words ("territory",
 * "positions") name no place, and `partial` quantifiers ("half", "parts of") say the holder did not
 * change for the whole place.
 */
export interface PlaceNouns {
  settlement: RegExp;
  facility: RegExp;
  vague: RegExp;
  partial: RegExp;
}

export interface TriggerLexicon {
  entries: TriggerEntry[];
  placeNouns: PlaceNouns;
  /**
   * Entries to try at a word, by the first three lower-case letters of their matches: `pairs` maps
   * the first two (first << 8 | second) to a block of 256 slots of `byPrefix` (block number + 1; 0 =
   * no entry starts with them, where most words stop), the third letter picks the slot. Arrays,
   * not a Map keyed by the three letters: this lookup runs at every word of every story.
   */
  byPrefix: (Candidate[] | null)[];
  pairs: Uint16Array;
  /** Entries whose first letters the index cannot tell: tried at every word. */
  anywhere: Candidate[];
  /** Each entry's pattern, sticky and case-insensitive, to test at one position. */
  sticky: RegExp[];
}

/**
 * An entry (index, in lexicon order) under one three-letter key, with the fourth letters its
 * matches can have after those three (1 = can), or null when the reader cannot tell them. The
 * finer test saves running the pattern where it cannot match: "the" shares its first three
 * letters with "they" (an arrest trigger's subject).
 */
export interface Candidate {
  entry: number;
  fourth: Uint8Array | null;
}

export interface Trigger {
  entry: TriggerEntry;
  span: Span;
  text: string;
}

const KINDS = ['event', 'control', 'casualty'];
const DIRECTIONS = ['gainer-subject', 'place-subject', 'loser-subject', 'transfer'];

/** Validates and compiles resources/events/triggers.json; throws RESOURCE_INVALID naming the entry. */
export function validateTriggerLexicon(raw: unknown, file: string): TriggerLexicon {
  const bad = (detail: string) => createError('RESOURCE_INVALID', file, detail);
  const list = (raw as { triggers?: unknown })?.triggers;
  if (!Array.isArray(list)) throw bad('expected { "triggers": [...] }');
  const entries = list.map((t: Record<string, unknown>, i) => {
    const where = `triggers[${i}]${typeof t?.id === 'string' ? ` ("${t.id}")` : ''}`;
    if (typeof t?.id !== 'string' || typeof t.pattern !== 'string') throw bad(`${where}: needs "id" and "pattern" strings`);
    if (!KINDS.includes(t.kind as string)) throw bad(`${where}: "kind" must be one of ${KINDS.join(', ')}`);
    if (t.form !== 'verb' && t.form !== 'noun') throw bad(`${where}: "form" must be "verb" or "noun"`);
    if (t.kind === 'control' && !DIRECTIONS.includes(t.direction as string)) throw bad(`${where}: "direction" must be one of ${DIRECTIONS.join(', ')}`);
    if (t.statement !== undefined && typeof t.statement !== 'boolean') throw bad(`${where}: "statement" must be true or false`);
    if (t.actor1 !== undefined && t.actor1 !== 'speaker' && t.actor1 !== 'government') throw bad(`${where}: "actor1" must be "speaker" or "government"`);
    if (t.kind !== 'control' && (typeof t.event_type !== 'string' || typeof t.sub_event_type !== 'string'))
      throw bad(`${where}: needs "event_type" and "sub_event_type"`);
    try {
      new RegExp(t.pattern);
    } catch (e) {
      throw bad(`${where}: bad pattern (${(e as Error).message})`);
    }
    return t as unknown as TriggerEntry;
  });
  const nouns = (raw as { place_nouns?: Record<string, unknown> }).place_nouns;
  const lists = {} as Record<keyof PlaceNouns, string[]>;
  for (const k of PLACE_NOUN_KINDS) {
    const v = nouns?.[k];
    if (!Array.isArray(v) || !v.every((x) => typeof x === 'string' && x.trim() !== '')) throw bad(`place_nouns.${k}: must be an array of words`);
    lists[k] = v as string[];
  }
  return compileTriggerLexicon(entries, lists);
}

const PLACE_NOUN_KINDS = ['settlement', 'facility', 'vague', 'partial'] as const;
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const words = (xs: string[]) => [...xs].sort((a, b) => b.length - a.length).map(esc).join('|');

export function compileTriggerLexicon(entries: TriggerEntry[], nouns: Record<keyof PlaceNouns, string[]>): TriggerLexicon {
  const byKey = new Map<number, number[]>();
  const anywhere: number[] = [];
  // per entry, the four-letter keys its matches can start with, by their first three letters
  const fourths = entries.map((e) => {
    const four = regexPrefixes(e.pattern, PREFIX + 1);
    if (!four) return null;
    const byFirst3 = new Map<number, Uint8Array>();
    for (const k of prefixKeys(four, PREFIX + 1)) {
      const k3 = Math.floor(k / 256);
      const next = byFirst3.get(k3) ?? new Uint8Array(256);
      next[k % 256] = 1;
      byFirst3.set(k3, next);
    }
    return byFirst3;
  });
  entries.forEach((e, i) => {
    const firsts = regexPrefixes(e.pattern, PREFIX);
    if (!firsts) { anywhere.push(i); return; }
    for (const key of prefixKeys(firsts, PREFIX)) {
      const list = byKey.get(key) ?? [];
      list.push(i);
      byKey.set(key, list);
    }
  });
  const candidate = (key: number | null) => (entry: number): Candidate => {
    const f = fourths[entry];
    return { entry, fourth: f && key !== null ? f.get(key) ?? new Uint8Array(256) : null };
  };
  // every list in lexicon order, with the entries that may start anywhere merged in
  const byPrefix: (Candidate[] | null)[] = [];
  const pairs = new Uint16Array(1 << 16);
  for (const [k, list] of byKey) {
    if (pairs[k >> 8] === 0) {
      for (let j = 0; j < 256; j++) byPrefix.push(null);
      pairs[k >> 8] = byPrefix.length / 256;
    }
    byPrefix[(pairs[k >> 8]! - 1) * 256 + (k & 255)] = [...new Set([...list, ...anywhere])].sort((a, b) => a - b).map(candidate(k));
  }
  return {
    entries,
    placeNouns: {
      settlement: new RegExp(`\\b(?:${words(nouns.settlement)})\\b`, 'i'),
      facility: new RegExp(`\\b(?:${words(nouns.facility)})\\b`, 'i'),
      // the whole phrase is vague: "territory", "some areas" (a named place inside it is not)
      vague: new RegExp(`^(?:${words(nouns.vague)})$`, 'i'),
      partial: new RegExp(`^(?:(?:about|nearly|almost|roughly|around)\\s+)?(?:${words(nouns.partial)})\\b`, 'i'),
    },
    byPrefix, pairs, anywhere: anywhere.map(candidate(null)),
    sticky: entries.map((e) => new RegExp(`(?:${e.pattern})(?![\\w])`, 'iy')),
  };
}

const PREFIX = 3;
/** The three characters at `i` as one number, ASCII letters lower-cased (characters beyond Latin-1
 * share one code, so the index only ever over-approximates; past the end is 0). Char codes, not
 * toLowerCase(): lower-casing a two-byte string (curly quotes, dashes) takes V8's slow path. */
function keyOf(text: string, i: number): number {
  const n = text.length;
  return (low(text.charCodeAt(i)) << 16) | ((i + 1 < n ? low(text.charCodeAt(i + 1)) : 0) << 8) | (i + 2 < n ? low(text.charCodeAt(i + 2)) : 0);
}
/**
 * Keys of lower-cased prefixes of `length` letters under every casing the text may use (only
 * ASCII is folded by `low`). Arithmetic, not shifts: four letters overflow a signed 32-bit shift.
 */
function prefixKeys(prefixes: Set<string>, length: number): Set<number> {
  const keys = new Set<number>();
  for (const f of prefixes) {
    let combos = [0];
    for (const ch of f) {
      const forms = new Set([low(ch.charCodeAt(0)), low(ch.toUpperCase().charCodeAt(0))]);
      combos = combos.flatMap((k) => [...forms].map((c) => k * 256 + c));
    }
    for (const k of combos) keys.add(k * 256 ** (length - [...f].length));
  }
  return keys;
}
const isWordChar = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
const low = (c: number) => (c >= 65 && c <= 90 ? c | 32 : c > 255 ? 255 : c);

/**
 * Triggers in `text`, spans shifted by `base`, leftmost-longest; on a tie the entry listed first in
 * the lexicon wins, so specific entries go before general ones. One pass over the words: at each
 * word start (not after a hyphen) only the entries whose matches can start with its first three
 * letters (then four) are tried.
 */
export function extractTriggers(text: string, base: number, lex: TriggerLexicon): Trigger[] {
  const out: Trigger[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (!isWordChar(text.charCodeAt(i))) { i++; continue; }
    // a word start: try it unless it follows a hyphen; then, without a match, skip the whole word
    if (i === 0 || text.charCodeAt(i - 1) !== 45) {
      const len = longestAt(text, i, base, lex, out);
      if (len > 0) {
        i += len;
        continue;
      }
    }
    i++;
    while (i < n && isWordChar(text.charCodeAt(i))) i++;
  }
  return out;
}

/** Length of the longest trigger starting at `i` (pushed to `out`), or 0. */
function longestAt(text: string, i: number, base: number, lex: TriggerLexicon, out: Trigger[]): number {
  const n = text.length;
  const key = keyOf(text, i);
  const block = lex.pairs[key >> 8]!;
  const cands = (block === 0 ? null : lex.byPrefix[(block - 1) * 256 + (key & 255)]) ?? lex.anywhere;
  if (cands.length === 0) return 0;
  const fourth = i + 3 < n ? low(text.charCodeAt(i + 3)) : 0;
  let best = -1;
  let len = 0;
  for (const c of cands) {
    if (c.fourth && c.fourth[fourth] === 0) continue;
    const re = lex.sticky[c.entry]!;
    re.lastIndex = i;
    const x = re.exec(text);
    if (x && x[0].length > len) { best = c.entry; len = x[0].length; }
  }
  if (best >= 0) out.push({ entry: lex.entries[best]!, span: { start: base + i, end: base + i + len }, text: text.slice(i, i + len) });
  return len;
}

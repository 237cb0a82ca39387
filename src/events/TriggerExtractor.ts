import { createError } from '../core/errors.js';
import type { Span } from '../core/types.js';

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
  /** One alternation of every pattern: finds where triggers start (one pass per sentence). */
  all: RegExp;
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
  const body = entries.map((e) => e.pattern).join('|');
  return {
    entries,
    placeNouns: {
      settlement: new RegExp(`\\b(?:${words(nouns.settlement)})\\b`, 'i'),
      facility: new RegExp(`\\b(?:${words(nouns.facility)})\\b`, 'i'),
      // the whole phrase is vague: "territory", "some areas" (a named place inside it is not)
      vague: new RegExp(`^(?:${words(nouns.vague)})$`, 'i'),
      partial: new RegExp(`^(?:(?:about|nearly|almost|roughly|around)\\s+)?(?:${words(nouns.partial)})\\b`, 'i'),
    },
    // \b first (not a lookbehind): lets the engine skip to word starts quickly
    all: new RegExp(`\\b(?<!-)(?:${body})(?![\\w])`, 'gi'),
  };
}

/**
 * Triggers in `text`, spans shifted by `base`, leftmost-longest; on a tie the entry listed first in
 * the lexicon wins, so specific entries go before general ones.
 */
export function extractTriggers(text: string, base: number, lex: TriggerLexicon): Trigger[] {
  const out: Trigger[] = [];
  const re = lex.all;
  re.lastIndex = 0;
  for (let x = re.exec(text); x; x = re.exec(text)) {
    // the engine takes the first alternative that matches here; a later entry may match longer
    const hit = longestAt(text, x.index, lex, 0);
    if (!hit) continue;
    out.push({ entry: hit.entry, span: { start: base + x.index, end: base + x.index + hit.len }, text: text.slice(x.index, x.index + hit.len) });
    re.lastIndex = x.index + hit.len;
  }
  return out;
}

const sticky = new WeakMap<TriggerEntry, RegExp>();
function longestAt(text: string, at: number, lex: TriggerLexicon, minLen: number): { entry: TriggerEntry; len: number } | null {
  let res: { entry: TriggerEntry; len: number } | null = null;
  for (const e of lex.entries) {
    let re = sticky.get(e);
    if (!re) {
      re = new RegExp(`(?:${e.pattern})(?![\\w])`, 'iy');
      sticky.set(e, re);
    }
    re.lastIndex = at;
    const x = re.exec(text);
    if (x && x[0].length > (res?.len ?? minLen)) res = { entry: e, len: x[0].length };
  }
  return res;
}

import type { Iso2, PlaceKind, Span } from '../core/types.js';
import type { Compass } from './Gazetteer.js';
import type { PlaceIndex } from './PlaceIndex.js';
import type { PlaceLexicon } from './PlaceLexicon.js';

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
  /** Sentence-initial single word: weaker evidence of a proper name. */
  sentenceStart: boolean;
}

export interface Recognition {
  mentions: Mention[];
  /** Demonym evidence: country -> count. */
  demonymCountries: Map<Iso2, number>;
}

interface Token {
  text: string;
  start: number;
  end: number;
  cap: boolean;
  upper: boolean;
}

const TOKEN = /(?:\p{Lu}\.){2,}|[‘ʻʿ]?[\p{L}\p{M}][\p{L}\p{M}\p{N}'’‘ʻʼʿʾ]*/gu;
const JOIN = /^(?: |\u00a0|-|‐|‑)$/;
const plain = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/[‘’'ʻʼʿʾ`.]/g, '').toLowerCase();

export interface RecognizerData {
  index: PlaceIndex;
  lexicon: PlaceLexicon;
}

export function createRecognizer({ index, lexicon }: RecognizerData) {
  const norm = index.normalizer;
  const stop = new Set(lexicon.stopWords);
  const titles = new Set(lexicon.personTitles);
  const fnWords = new Set(lexicon.capitalizedFunctionWords);
  const connectors = new Set(lexicon.connectors);
  const compassWord = new Map<string, Compass>();
  for (const [k, words] of Object.entries(lexicon.compass)) for (const w of words) compassWord.set(w, k as Compass);
  const cw = [...compassWord.keys()].sort((a, b) => b.length - a.length).join('|');
  // "northern and western " / "north, east and " right before a name
  const compassRe = new RegExp(`(?<![\\p{L}-])((?:${cw})(?:\\s*(?:,|and)\\s*(?:${cw}))*)\\s+$`, 'iu');
  const precede = Object.entries(lexicon.precedingCues).sort((a, b) => b[0].length - a[0].length);
  const follow = Object.entries(lexicon.followingCues).sort((a, b) => b[0].length - a[0].length);
  const followWords = new Set(Object.keys(lexicon.followingCues).map((c) => c.split(' ')[0]!));
  const unknownBefore = new Set(lexicon.unknownNameCues);
  const unknownAfter = new Set(lexicon.unknownNameFollowingCues);
  const nameLight = (i: number) => plain(index.places[i]!.name);

  return function recognize(text: string, zones: Zones): Recognition {
    const tokens: Token[] = [];
    for (const m of text.matchAll(TOKEN)) {
      let t = m[0];
      // possessive: "Syria's" names Syria
      const poss = /['’]s$/.exec(t);
      if (poss) t = t.slice(0, -2);
      const first = t.replace(/^[‘ʻʿ]/, '');
      const cap = /^\p{Lu}/u.test(first);
      tokens.push({ text: t, start: m.index!, end: m.index! + t.length, cap, upper: cap && t.length > 1 && t === t.toUpperCase() });
    }
    const within = (spans: Span[], s: number) => spans.some((z) => s >= z.start && s < z.end);
    const sep = (i: number) => text.slice(tokens[i - 1]!.end, tokens[i]!.start);
    const joined = (i: number) => i > 0 && i < tokens.length && JOIN.test(sep(i));
    /** An article joined to the next word: by a hyphen, or by a space when it is "al"/"el", capitalised
     *  ("Ar Raqqah"), or inside a name ("Dayr az Zawr"); "fighting at Raqqa" keeps its "at". */
    const isArticleAt = (i: number, inside = false) => {
      const t = tokens[i]!;
      if (!norm.isArticle(t.text) || i + 1 >= tokens.length) return false;
      const s = sep(i + 1);
      return s === '-' || s === '‑' || (s === ' ' && (inside || t.cap || norm.isSpaceArticle(t.text)));
    };
    const lineIsTitleCase = (pos: number) => {
      const ls = text.lastIndexOf('\n', pos) + 1;
      const le = text.indexOf('\n', pos);
      const words = text.slice(ls, le < 0 ? text.length : le).match(/\p{L}{4,}/gu) ?? [];
      return words.length >= 3 && words.filter((w) => /^\p{Lu}/u.test(w)).length / words.length >= 0.6;
    };

    const mentions: Mention[] = [];
    const demonymCountries = new Map<Iso2, number>();
    let i = 0;
    while (i < tokens.length) {
      const t = tokens[i]!;
      if (within(zones.skip, t.start)) {
        i++;
        continue;
      }
      const inDateline = within(zones.dateline, t.start);
      // walk the trie: articles are transparent, connectors may be lower-case, other words capitalised
      let j = i;
      if (isArticleAt(j)) j++;
      const head = tokens[j];
      if (!head || !(head.cap || inDateline) || (head.upper && !inDateline && head.text.length > 4 && !lineIsTitleCase(head.start))) {
        i++;
        continue;
      }
      let acc = '';
      let best: { end: number; ids: number[] } | null = null;
      for (let k = j; k < tokens.length; k++) {
        if (k > j && !joined(k)) break;
        const tk = tokens[k]!;
        if (k > j && isArticleAt(k, true)) continue;
        const key = norm.tokenKey(tk.text);
        if (k > j && !tk.cap && !connectors.has(tk.text) && !inDateline) break;
        acc = acc ? `${acc} ${key}` : key;
        const ids = index.trie.names.get(acc);
        if (ids) best = { end: k, ids };
        if (!index.trie.prefixes.has(acc)) break;
      }
      const demonym = index.demonyms.get(head.text);
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
      const after = text.slice(span.end, span.end + 40);
      const before = text.slice(Math.max(0, span.start - 40), span.start);
      const next = tokens[endTok + 1];
      const prev = tokens[startTok - 1];

      // "U.S.-backed", "Iraq-based": a modifier, not a place
      if (/^[-‐‑]\p{Ll}/u.test(after)) continue;
      const cue = precedingCue(before) ?? followingCue(after);
      const titled = !!prev && titles.has(prev.text.toLowerCase().replace(/\.$/, '')) && /^\.? $/.test(sep(startTok));
      if (titled && !cue) continue;
      const titleCase = lineIsTitleCase(span.start);
      const single = endTok === j;
      if (!inDateline && !titleCase) {
        // inside a longer proper name ("Washington Post", "George Washington"), unless a cue follows
        const nextProper = !!next && next.cap && joined(endTok + 1) && !followWords.has(next.text.toLowerCase())
          && !index.demonyms.has(next.text);
        const prevProper = !!prev && prev.cap && joined(startTok) && !fnWords.has(prev.text.toLowerCase())
          && !compassWord.has(prev.text.toLowerCase()) && !index.demonyms.has(prev.text) && !atSentenceStart(startTok - 1);
        const isCountry = best.ids.some((id) => index.places[id]!.kind === 'country');
        if ((nextProper && !isCountry) || prevProper) continue;
      }
      if (single && stop.has(head.text) && !inDateline && !(cue && cue.before)) continue;

      const light = plain(surface.replace(/^(?:al|el)[- ]/i, ''));
      const variant = !best.ids.some((id) => {
        const n = nameLight(id);
        return n === light || n.endsWith(` ${light}`) || n.replace(/^(?:al|el|ar|as|ad|an|at|az|ash) /, '') === light;
      });
      const mention: Mention = {
        span, text: surface, candidates: best.ids, cueKind: cue?.kind ?? null, cue: cue?.cue ?? null,
        compass: compassBefore(before), inDateline, variant, sentenceStart: single && atSentenceStart(startTok),
      };
      if (cue && !cue.before && cue.joins) {
        mention.span = { start: span.start, end: span.end + cue.length };
        mention.text = text.slice(mention.span.start, mention.span.end);
      }
      const lead = compassLead(before);
      if (lead > 0) {
        mention.span = { start: span.start - lead, end: mention.span.end };
        mention.text = text.slice(mention.span.start, mention.span.end);
      }
      mentions.push(mention);
    }
    mentions.push(...unknownNames(text, tokens, mentions, zones));
    return { mentions: mentions.sort((a, b) => a.span.start - b.span.start), demonymCountries };

    function atSentenceStart(k: number): boolean {
      if (k <= 0) return true;
      return /[.!?:"“\n]\s*$|^\s*\n/.test(text.slice(tokens[k - 1]!.end, tokens[k]!.start));
    }
  };

  function precedingCue(before: string): { kind: PlaceKind; cue: string; before: true; joins: false; length: 0 } | null {
    const b = before.toLowerCase();
    for (const [cue, kind] of precede) {
      if (b.endsWith(` ${cue} `) || b.endsWith(` ${cue} al-`) || b === `${cue} `) return { kind, cue, before: true, joins: false, length: 0 };
    }
    return null;
  }

  function followingCue(after: string): { kind: PlaceKind; cue: string; before: false; joins: boolean; length: number } | null {
    const a = after.toLowerCase();
    for (const [cue, kind] of follow) {
      if (a.startsWith(` ${cue}`) && !/\p{L}/u.test(a.charAt(cue.length + 1))) {
        return { kind, cue, before: false, joins: true, length: cue.length + 1 };
      }
    }
    return null;
  }

  function compassBefore(before: string): Compass[] {
    const m = compassRe.exec(before);
    if (!m) return [];
    return m[1]!.toLowerCase().split(/\s*(?:,|and)\s*/).map((w) => compassWord.get(w)!).filter(Boolean);
  }

  /** Characters of compass words ("northern and western ") right before a name. */
  function compassLead(before: string): number {
    const m = compassRe.exec(before);
    return m ? m[0].length : 0;
  }

  /** Capitalised names no gazetteer knows, made places by a cue: "the village of Golat", "Tayyaran district". */
  function unknownNames(text: string, tokens: Token[], known: Mention[], zones: Zones): Mention[] {
    const out: Mention[] = [];
    const taken = (s: number, e: number) => known.some((m) => m.span.start < e && s < m.span.end);
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      if (!t.cap || t.upper || stop.has(t.text) || index.demonyms.has(t.text) || zones.skip.some((z) => t.start >= z.start && t.start < z.end)) continue;
      // the name: capitalised words (and articles/connectors between them)
      let e = i;
      while (e + 1 < tokens.length && JOIN.test(text.slice(tokens[e]!.end, tokens[e + 1]!.start))
        && (tokens[e + 1]!.cap || (norm.isArticle(tokens[e + 1]!.text) && tokens[e + 2]?.cap))) e++;
      let s = i;
      if (s > 0 && norm.isArticle(tokens[s - 1]!.text) && /^[-‐‑]$/.test(text.slice(tokens[s - 1]!.end, t.start))) s--;
      const start = tokens[s]!.start;
      const end = tokens[e]!.end;
      i = e;
      if (taken(start, end)) continue;
      const before = text.slice(Math.max(0, start - 30), start).toLowerCase();
      const after = text.slice(end, end + 30).toLowerCase();
      const cueBefore = [...unknownBefore].find((c) => before.endsWith(` ${c} `));
      const cueAfter = [...unknownAfter].find((c) => after.startsWith(` ${c}`) && !/\p{L}/u.test(after.charAt(c.length + 1)));
      if (!cueBefore && !cueAfter) continue;
      const cue = (cueBefore ?? cueAfter)!;
      const kind = (lexicon.followingCues[cue] ?? lexicon.precedingCues[cue] ?? 'other') as PlaceKind;
      const spanEnd = cueAfter && kind === 'site' ? end + cueAfter.length + 1 : end;
      out.push({
        span: { start, end: spanEnd }, text: text.slice(start, spanEnd), candidates: [], cueKind: kind, cue, compass: [],
        inDateline: false, variant: false, sentenceStart: false,
      });
    }
    return out;
  }
}

export type Recognizer = ReturnType<typeof createRecognizer>;

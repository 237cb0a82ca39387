import type { Span } from '../core/types.js';

/**
 * Line-level cues of wire copy. A dump has no markup, so every structural decision the
 * segmenters make rests on the shape of single lines: where a dateline starts, whether a line
 * reads like a headline, a byline, a photo caption, a credit line or an ALL-CAPS sub-head.
 * Each predicate is pure and looks at one trimmed line.
 */

/** One non-blank line of the input, trimmed, with its span in the text it was cut from. */
export interface Line {
  text: string;
  start: number;
  end: number;
}

/** Splits text into trimmed non-blank lines (any of \n, \r\n, \r ends a line). */
export function splitLines(text: string, base = 0): Line[] {
  const out: Line[] = [];
  const re = /[^\r\n]+/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    let s = m.index;
    let e = s + m[0].length;
    while (s < e && isLineSpace(text.charCodeAt(s))) s++;
    while (e > s && isLineSpace(text.charCodeAt(e - 1))) e--;
    if (e > s) out.push({ text: text.slice(s, e), start: base + s, end: base + e });
  }
  return out;
}

/** Whitespace trimmed off a line. */
export function isLineSpace(c: number): boolean {
  // space, tab, vertical tab, form feed, NBSP, BOM, and the Unicode space block
  return c === 32 || c === 9 || c === 11 || c === 12 || c === 0xa0 || c === 0xfeff || (c >= 0x2000 && c <= 0x200b) || c === 0x3000;
}

const OPEN_QUOTES = /^[“"‘'«]/;
/** Closing quotes and brackets: ’ ” " ' » ) ] */
const isCloser = (c: number) => c === 0x2019 || c === 0x201d || c === 34 || c === 39 || c === 0xbb || c === 41 || c === 93;

/** The line's last character before closing quotes/brackets at its end, to see its real end. */
function lastChar(text: string): string {
  let e = text.length;
  while (e > 0 && isCloser(text.charCodeAt(e - 1))) e--;
  return e > 0 ? text.charAt(e - 1) : '';
}

/** Ends like a finished sentence or clause: "." "!" "?" ";" ":" "," (before closing quotes). */
export function endsSentence(text: string): boolean {
  const c = lastChar(text);
  return c !== '' && '.!?;:,…'.includes(c);
}

/** True when the line is wrapped in parentheses or brackets, like wire notes and credit lines. */
export function isParenthesised(text: string): boolean {
  if (text.length < 2) return false;
  const a = text.charCodeAt(0);
  const z = text.charCodeAt(text.length - 1);
  return (a === 40 || a === 91) && (z === 41 || z === 93);
}

/**
 * A credit line: "(Reporting by X; Additional reporting by Y; Writing by Z; Editing by W)".
 * Recognised by a role word followed, in the same clause, by "by".
 */
export function isCredit(text: string): boolean {
  return isParenthesised(text) && text.length < 600 && CREDIT_ROLE.test(text);
}
const CREDIT_ROLE = /\b(reporting|writing|editing|compiled|compiling|produced|contributed|translated|translation|research|graphics)\b[^()]{0,40}?\bby\b/i;

/** "By Name and Name" (also "By Name, Name and Name"); returns the span of the names. */
export function matchByline(text: string): Span | null {
  if (text.length > 150 || (text.charCodeAt(0) | 32) !== 98) return null; // "b" or "B"
  const m = /^by\s+(?=\p{Lu})/iu.exec(text);
  if (!m || text.length > 150) return null;
  const names = text.slice(m[0].length).replace(/[.,;:]+$/, '');
  // every word of a name list is capitalised, an initial, a joiner or a name particle
  const words = names.split(/[\s,]+/).filter(Boolean);
  if (words.length === 0 || words.length > 20) return null;
  const ok = words.every((w) => /^(\p{Lu}|and$|&$|al-|el-|de$|da$|van$|von$|der$|bin$|ibn$|le$|la$|du$|di$)/u.test(w));
  return ok ? { start: m[0].length, end: m[0].length + names.length } : null;
}

/**
 * Photo-agency marks that only captions carry: "REUTERS/Name", "via REUTERS", "FILE PHOTO:",
 * "(AP Photo/Name)", "AFP PHOTO", "Getty Images". Uppercase on purpose: body text says "Reuters".
 */
const CAPTION_MARK =
  /\b(?:REUTERS|AFP|EPA|AP|ANSA|XINHUA|SANA|KCNA|IRNA|ANADOLU|HANDOUT)\s?\/\s?\p{Lu}|\bvia (?:REUTERS|AFP|AP)\b|\bFILE (?:PHOTO|PICTURE|IMAGE)\b|\(AP Photo\b|\bAFP PHOTO\b|\bGetty Images\b|\bPhoto(?:graph)?: \p{Lu}|\bPhoto by \p{Lu}/u;

export function isMarkedCaption(text: string): boolean {
  // every mark holds one of these substrings; most body lines hold none, and these scans are
  // much cheaper than trying the alternation at every position
  const maybe = text.includes('/') || text.includes('Photo') || text.includes('PHOTO') || text.includes('FILE ') ||
    text.includes('via ') || text.includes('Getty');
  return maybe && CAPTION_MARK.test(text);
}

/**
 * An ALL-CAPS sub-head ("STRAFING FROM ABOVE", "‘WE’VE DONE AN ENORMOUS AMOUNT’"): short, no
 * lowercase letter, at least one word of two capitals, no final period.
 */
export function isSubhead(text: string): boolean {
  if (text.length > 80 || /\.$/.test(text)) return false;
  return !/\p{Ll}/u.test(text) && /\p{Lu}{2}/u.test(text);
}

/**
 * Reads like a headline by its shape: a short line of 2-25 words starting with a capital or
 * digit, not a quote, with no final sentence punctuation, not ALL CAPS. Headlines may end in
 * "?" or "!": that is 'loose', because a body line ending in "?" is likelier than a headline
 * when nothing else (a dateline) confirms a story starts here; otherwise 'strict'.
 */
function headlineShape(text: string, parenthesised: boolean, subhead: boolean): 'strict' | 'loose' | null {
  if (text.length < 8 || text.length > 160) return null;
  if (OPEN_QUOTES.test(text) || parenthesised || subhead) return null;
  if (!/^[\p{Lu}\p{N}]/u.test(text)) return null;
  const words = text.split(/\s+/).length;
  if (words < 2 || words > 25) return null;
  const last = lastChar(text);
  if (/[.;:,…]/.test(last)) return null;
  return /[?!]/.test(last) ? 'loose' : 'strict';
}

/** Every cue of one line, computed once: the segmenters consult each of them several times. */
export interface LineCues {
  dateline: DatelineMatch | null;
  /** Span of the names of a "By ..." line. */
  byline: Span | null;
  credit: boolean;
  parenthesised: boolean;
  subhead: boolean;
  markedCaption: boolean;
  /** Reads like a headline (see headlineShape) and is no caption, byline or dateline. */
  headline: boolean;
  /** `headline`, and not ending in "?" or "!". */
  strictHeadline: boolean;
  /** Ends a finished sentence or clause, or is a parenthesised note. */
  ends: boolean;
}

export interface ClassifiedLine extends Line {
  cues: LineCues;
}

export function classifyLine(text: string): LineCues {
  const dateline = matchDateline(text);
  const byline = matchByline(text);
  const parenthesised = isParenthesised(text);
  const subhead = isSubhead(text);
  const markedCaption = isMarkedCaption(text);
  const shape = dateline || byline || markedCaption ? null : headlineShape(text, parenthesised, subhead);
  return {
    dateline,
    byline,
    credit: parenthesised && isCredit(text),
    parenthesised,
    subhead,
    markedCaption,
    headline: shape !== null,
    strictHeadline: shape === 'strict',
    ends: parenthesised || endsSentence(text),
  };
}

/** `splitLines` with every line classified. */
export function classifyLines(text: string, base = 0): ClassifiedLine[] {
  return splitLines(text, base).map((l) => ({ ...l, cues: classifyLine(l.text) }));
}

/** A dateline: the place names before an agency tag, each with its span in the line. */
export interface DatelineMatch {
  places: Span[];
  agency: string | null;
  /** Where the story text after the dateline starts in the line. */
  bodyStart: number;
}

/** Agencies whose tag confirms a dateline even when the places are in Title case ("Beirut (AFP) -"). */
const KNOWN_AGENCY = /^(Reuters|AFP|AP|UPI|dpa|DPA|Xinhua|ANI|PTI|IANS|AA|EFE|ANSA|TASS|IRNA|Bloomberg|Kyodo|Interfax|RIA|CNN|BBC|Yonhap|Bernama|KUNA|WAM|SPA|MENA)$/;
const TAGGED = /^([^()\[\]\n]{0,100}?)\s*[(\[]\s*(\p{Lu}[\p{L}.&-]*(?: \p{Lu}[\p{L}.&-]*){0,2})\s*[)\]]\s*[-–—:]+\s*/u;
const UNTAGGED = /^([^()\[\]\n]{2,80}?)\s+[-–—]+\s+/u;
const ALL_CAPS_TOKEN = /^\p{Lu}[\p{Lu}.'’ -]*$/u;
const MONTH_OR_DAY = /^(?:\p{L}{3,9}\.? \d{1,2}|\d{1,2} \p{L}{3,9}|\d{1,4}|\p{L}{3,9}\.? \d{4})$/u;

/**
 * Matches "MOSUL/BAGHDAD, Iraq (Reuters) – ", "(Reuters) - ", "Beirut (AFP) - ",
 * "WASHINGTON — " (AP style without a tag) and "BAGHDAD, Jan 5 (Reuters) -". Places are split at
 * "/" and ","; a date printed in the dateline ("Jan 5") is not a place and is left out.
 */
export function matchDateline(text: string): DatelineMatch | null {
  const maybe = datelineShape(text);
  if (maybe === 0) return null;
  const tagged = maybe & MAYBE_TAGGED ? TAGGED.exec(text) : null;
  if (tagged) {
    const pre = tagged[1]!;
    const agency = tagged[2]!;
    const places = placeSpans(pre);
    if (places === null) return null;
    const firstCaps = places.length > 0 && ALL_CAPS_TOKEN.test(text.slice(places[0]!.start, places[0]!.end));
    // an all-caps first place is the wire convention; otherwise only a known agency confirms it
    if (!firstCaps && !KNOWN_AGENCY.test(agency)) return null;
    if (places.length === 0 && pre.trim() !== '') return null;
    return { places, agency, bodyStart: tagged[0].length };
  }
  const plain = maybe & MAYBE_UNTAGGED ? UNTAGGED.exec(text) : null;
  if (plain) {
    const places = placeSpans(plain[1]!);
    if (!places || places.length === 0) return null;
    const first = text.slice(places[0]!.start, places[0]!.end);
    if (!ALL_CAPS_TOKEN.test(first) || !/\p{Lu}{3}/u.test(first)) return null;
    return { places, agency: null, bodyStart: plain[0].length };
  }
  return null;
}

const MAYBE_TAGGED = 1;
const MAYBE_UNTAGGED = 2;

/**
 * Which of TAGGED and UNTAGGED can match, from one scan of the line's first ~100 characters
 * (a necessary condition for each, so skipping a regex never changes a result). Both regexes
 * start with a lazy prefix free of brackets: TAGGED needs the first bracket to be an opening
 * one, with at most 100 characters before the whitespace in front of it; UNTAGGED needs a run
 * of whitespace starting within 80 characters (and at or after index 2, or covering it) that is
 * followed by dashes and whitespace, before any bracket.
 */
function datelineShape(text: string): number {
  const n = text.length;
  let out = 0;
  let lastInk = -1;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 40 || c === 91) {
      // "(" or "[": the lazy prefix ends where the whitespace before it starts
      if (lastInk + 1 <= 100) out |= MAYBE_TAGGED;
      return out;
    }
    if (c === 41 || c === 93) return out;
    if (isJsSpace(c)) {
      let j = i + 1;
      while (j < n && isJsSpace(text.charCodeAt(j))) j++;
      if (j > 2 && Math.max(i, 2) <= 80 && j < n && isDash(text.charCodeAt(j))) {
        let k = j + 1;
        while (k < n && isDash(text.charCodeAt(k))) k++;
        if (k < n && isJsSpace(text.charCodeAt(k))) out |= MAYBE_UNTAGGED;
      }
      i = j - 1;
      continue;
    }
    lastInk = i;
    if (i > 100) return out;
  }
  return out;
}

const isDash = (c: number) => c === 45 || c === 0x2013 || c === 0x2014;

/** Exactly the characters of the regex class \s. */
function isJsSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** Spans of the place tokens of a dateline prefix, or null when a token cannot be a place. */
function placeSpans(pre: string): Span[] | null {
  const out: Span[] = [];
  const re = /[^\/,]+/g;
  for (let m = re.exec(pre); m; m = re.exec(pre)) {
    let s = m.index;
    let e = s + m[0].length;
    while (s < e && /\s/.test(pre[s]!)) s++;
    while (e > s && /\s/.test(pre[e - 1]!)) e--;
    if (e === s) continue;
    const tok = pre.slice(s, e);
    if (MONTH_OR_DAY.test(tok) && /\d/.test(tok)) continue;
    if (!/^\p{Lu}/u.test(tok) || tok.split(/\s+/).length > 4 || /[.!?]$/.test(tok) && !/^\p{Lu}\.(\p{Lu}\.)+$/u.test(tok)) {
      return null;
    }
    out.push({ start: s, end: e });
  }
  return out;
}

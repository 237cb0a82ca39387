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
    while (s < e && isSpace(text.charCodeAt(s))) s++;
    while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
    if (e > s) out.push({ text: text.slice(s, e), start: base + s, end: base + e });
  }
  return out;
}

function isSpace(c: number): boolean {
  // space, tab, vertical tab, form feed, NBSP, BOM, and the Unicode space block
  return c === 32 || c === 9 || c === 11 || c === 12 || c === 0xa0 || c === 0xfeff || (c >= 0x2000 && c <= 0x200b) || c === 0x3000;
}

const OPEN_QUOTES = /^[“"‘'«]/;
const CLOSERS = /[’”"'»)\]]+$/;

/** The line without wrapping quotes/brackets at its end, to see its real last character. */
function lastChar(text: string): string {
  const t = text.replace(CLOSERS, '');
  return t.charAt(t.length - 1);
}

/** Ends like a finished sentence or clause: "." "!" "?" ";" ":" "," (before closing quotes). */
export function endsSentence(text: string): boolean {
  return /[.!?;:,…]/.test(lastChar(text));
}

/** True when the line is wrapped in parentheses or brackets, like wire notes and credit lines. */
export function isParenthesised(text: string): boolean {
  return /^[(\[].*[)\]]$/s.test(text);
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
  return CAPTION_MARK.test(text);
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
 * Reads like a headline: a short line of 2-25 words starting with a capital or digit, not a
 * quote, with no final sentence punctuation, not ALL CAPS. Headlines may end in "?" or "!";
 * `strict` refuses those, because a body line ending in "?" is likelier than a headline when
 * nothing else (a dateline) confirms a story starts here.
 */
export function isHeadlineLike(text: string, strict = false): boolean {
  if (text.length < 8 || text.length > 160) return false;
  if (OPEN_QUOTES.test(text) || isParenthesised(text) || isSubhead(text)) return false;
  if (!/^[\p{Lu}\p{N}]/u.test(text)) return false;
  const words = text.split(/\s+/).length;
  if (words < 2 || words > 25) return false;
  const last = lastChar(text);
  if (/[.;:,…]/.test(last)) return false;
  if (strict && /[?!]/.test(last)) return false;
  return !isMarkedCaption(text) && !matchByline(text) && !matchDateline(text);
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
  const tagged = TAGGED.exec(text);
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
  const plain = UNTAGGED.exec(text);
  if (plain) {
    const places = placeSpans(plain[1]!);
    if (!places || places.length === 0) return null;
    const first = text.slice(places[0]!.start, places[0]!.end);
    if (!ALL_CAPS_TOKEN.test(first) || !/\p{Lu}{3}/u.test(first)) return null;
    return { places, agency: null, bodyStart: plain[0].length };
  }
  return null;
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

import type { Span } from '../core/types.js';

/**
 * Splits text into sentences, keeping spans. Wire copy is full of abbreviations that end in a
 * period ("U.S.", "Feb.", "Gen.", "Lt. Col."), so a period ends a sentence only when it is not
 * one of them and the next word starts with a capital, a quote or a digit.
 */
const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'st', 'gen', 'lt', 'col', 'maj', 'capt', 'cpt', 'sgt', 'brig', 'adm', 'gov', 'sen', 'rep',
  'rev', 'prof', 'jr', 'sr', 'no', 'vs', 'inc', 'corp', 'co', 'ltd', 'mt', 'ft',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
]);
const MAX_ABBREVIATION = Math.max(...[...ABBREVIATIONS].map((a) => a.length));

export interface Sentence {
  text: string;
  span: Span;
}

/**
 * Char codes, not one-character regex tests, and a native search from one possible end to the next:
 * this runs over every story (it was a twentieth of the events stage). The tests below match
 * exactly what the regexes in their comments would.
 */
export function splitSentences(text: string, base = 0): Sentence[] {
  const out: Sentence[] = [];
  const n = text.length;
  let start = 0;
  for (let i = nextStop(text, 0); i >= 0; i = nextStop(text, i + 1)) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      pushTrimmed(out, text, base, start, i + 1);
      start = i + 1;
      continue;
    }
    // closing quotes and brackets belong to the sentence they end
    let j = i + 1;
    while (j < n && isCloser(text.charCodeAt(j))) j++;
    if (j < n && !isSpace(text.charCodeAt(j))) continue;
    let k = j;
    while (k < n && text.charCodeAt(k) === 32) k++;
    if (k < n && !isOpener(text.charCodeAt(k))) continue;
    if (c === 46 && isAbbreviation(text, i)) continue;
    pushTrimmed(out, text, base, start, j);
    start = j;
  }
  pushTrimmed(out, text, base, start, n);
  return out;
}

/** Where a sentence may end: a newline, ".", "!" or "?" (a native search jumps between them). */
const STOP = /[\n.!?]/g;
function nextStop(text: string, from: number): number {
  STOP.lastIndex = from;
  return STOP.exec(text)?.index ?? -1;
}

function pushTrimmed(out: Sentence[], text: string, base: number, s: number, e: number): void {
  while (s < e && isSpace(text.charCodeAt(s))) s++;
  while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
  if (e > s) out.push({ text: text.slice(s, e), span: { start: base + s, end: base + e } });
}

/** /\s/: ECMAScript white space and line terminators. */
function isSpace(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** /["'”’)\]]/ */
const isCloser = (c: number) => c === 34 || c === 39 || c === 0x201d || c === 0x2019 || c === 41 || c === 93;

/** /[A-Z0-9"“‘'(\u2013\u2014-]/ */
const isOpener = (c: number) =>
  (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 34 || c === 0x201c || c === 0x2018 || c === 39 || c === 40 || c === 0x2013 || c === 0x2014 || c === 45;

const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

function isAbbreviation(text: string, dot: number): boolean {
  let w = dot;
  while (w > 0 && (isLetter(text.charCodeAt(w - 1)) || text.charCodeAt(w - 1) === 46)) w--;
  // U.S, U.N, initials: /^[A-Za-z](\.[A-Za-z])*$/
  const len = dot - w;
  if (len % 2 === 1) {
    let initials = true;
    for (let p = 0; p < len && initials; p++) initials = p % 2 === 0 ? isLetter(text.charCodeAt(w + p)) : text.charCodeAt(w + p) === 46;
    if (initials) return true;
  }
  return len <= MAX_ABBREVIATION && ABBREVIATIONS.has(text.slice(w, dot).toLowerCase());
}

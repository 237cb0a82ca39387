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

export interface Sentence {
  text: string;
  span: Span;
}

export function splitSentences(text: string, base = 0): Sentence[] {
  const out: Sentence[] = [];
  let start = 0;
  const push = (end: number) => {
    let s = start;
    let e = end;
    while (s < e && /\s/.test(text[s]!)) s++;
    while (e > s && /\s/.test(text[e - 1]!)) e--;
    if (e > s) out.push({ text: text.slice(s, e), span: { start: base + s, end: base + e } });
    start = end;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\n') {
      push(i + 1);
      continue;
    }
    if (c !== '.' && c !== '!' && c !== '?') continue;
    // closing quotes and brackets belong to the sentence they end
    let j = i + 1;
    while (j < text.length && /["'”’)\]]/.test(text[j]!)) j++;
    if (j < text.length && !/\s/.test(text[j]!)) continue;
    let k = j;
    while (k < text.length && text[k] === ' ') k++;
    if (k < text.length && !/[A-Z0-9"“‘'(\u2013\u2014-]/.test(text[k]!)) continue;
    if (c === '.' && isAbbreviation(text, i)) continue;
    push(j);
  }
  push(text.length);
  return out;
}

function isAbbreviation(text: string, dot: number): boolean {
  let w = dot;
  while (w > 0 && /[A-Za-z.]/.test(text[w - 1]!)) w--;
  const word = text.slice(w, dot);
  if (/^[A-Za-z](\.[A-Za-z])*$/.test(word) || /^[A-Z]\.[A-Z]$/.test(word)) return true; // U.S, U.N, initials
  return ABBREVIATIONS.has(word.toLowerCase());
}

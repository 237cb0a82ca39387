/**
 * Transliteration-aware keys for place names in Latin script (resources/places/normalisation.json,
 * documented in resources/places/README.md). "Deir al-Zor", "Deir ez-Zor" and "Dayr az Zawr" all
 * become the token keys ["dar", "zur"]; "Raqqa" and "Ar Raqqah" become ["raka"]. The gazetteer and
 * the text are keyed by the same function, so a variant matches whatever spelling GeoNames used.
 */
const MARKS = /\p{M}+/gu;

export interface NormalisationTable {
  /** Letters NFD does not decompose (Turkish dotless i, Polish l-stroke...). */
  charMap: Record<string, string>;
  /** Apostrophes, ‘ayn/hamza marks and dots dropped from a token ("U.S." -> "us"). */
  removeChars: string;
  /** Arabic article forms, incl. sun-letter assimilations; dropped from keys. */
  articles: string[];
  /** Articles that also join by a space ("Al Bab"); the others only by a hyphen ("as-Sukhna"). */
  spaceArticles: string[];
  /** Word-final replacements applied before the rules (ta marbuta: -ah, -eh -> -a). */
  wordFinal: [string, string][];
  /** Ordered [regular expression, replacement] pairs, applied globally. */
  rules: [string, string][];
}

export interface NameNormalizer {
  /** Key of one token, or "" when nothing is left. */
  tokenKey(token: string): string;
  /** True when the (lower-cased, mark-free) token is an Arabic article. */
  isArticle(token: string): boolean;
  /** True for articles that may join their noun by a space. */
  isSpaceArticle(token: string): boolean;
  /** Keys of a whole name, articles dropped (unless the name is only an article). */
  nameKeys(name: string): string[];
}

/** Splits a name into tokens: letters, marks, apostrophes and dots stay inside a token. */
export function splitNameTokens(name: string): string[] {
  return name.split(/[\s\-‐‑–—,/()]+/u).filter((t) => t.length > 0);
}

/** Validates the table's shape (the loader calls it on the JSON it read). */
export function validateNormalisationTable(x: unknown): string[] {
  const errors: string[] = [];
  const t = x as Partial<NormalisationTable> | null;
  if (!t || typeof t !== 'object') return ['not an object'];
  if (!t.charMap || typeof t.charMap !== 'object') errors.push('charMap must be an object');
  if (typeof t.removeChars !== 'string') errors.push('removeChars must be a string');
  for (const k of ['articles', 'spaceArticles'] as const) {
    if (!Array.isArray(t[k]) || !t[k]!.every((a) => typeof a === 'string')) errors.push(`${k} must be a string array`);
  }
  for (const k of ['wordFinal', 'rules'] as const) {
    const v = t[k];
    if (!Array.isArray(v) || !v.every((p) => Array.isArray(p) && p.length === 2 && p.every((s) => typeof s === 'string'))) {
      errors.push(`${k} must be a list of [from, to] pairs`);
    } else if (k === 'rules') {
      for (const [re] of v) {
        try {
          new RegExp(re, 'g');
        } catch {
          errors.push(`rules: bad regular expression ${re}`);
        }
      }
    }
  }
  return errors;
}

/** Every character below 128. */
export function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 128) return false;
  return true;
}

/** A word of one to four letters a-z as a number in base 27 (a = 1), else -1. */
function asciiCode(w: string): number {
  if (w.length === 0 || w.length > 4) return -1;
  let v = 0;
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c < 97 || c > 122) return -1;
    v = v * 27 + (c - 96);
  }
  return v;
}

export function createNameNormalizer(table: NormalisationTable): NameNormalizer {
  const articles = new Set(table.articles);
  const spaceArticles = new Set(table.spaceArticles);
  const remove = new Set([...table.removeChars]);
  const cache = new Map<string, string>();
  // a rule of plain letters ("kh" -> "k") is a literal replacement: a substring test skips it when it
  // cannot apply, where a global regex would be run on every new token
  const rules = table.rules.map(([re, to]): ((s: string) => string) => {
    if (/^[a-z]+$/.test(re) && !to.includes('$')) return (s) => (s.includes(re) ? s.replaceAll(re, to) : s);
    const r = new RegExp(re, 'g');
    return (s) => s.replace(r, to);
  });

  const folded = new Map<string, string>();
  const fold = (token: string): string => {
    const hit = folded.get(token);
    if (hit !== undefined) return hit;
    const v = foldUncached(token);
    if (folded.size < 200_000) folded.set(token, v);
    return v;
  };
  const foldUncached = (token: string): string => {
    // ASCII has nothing to decompose and no marks
    const base = isAscii(token) ? token.toLowerCase() : token.normalize('NFD').replace(MARKS, '').toLowerCase();
    // most tokens are plain ASCII letters: skip the per-character pass
    if (/^[a-z]*$/.test(base)) return base;
    let s = '';
    for (const ch of base) if (!remove.has(ch)) s += table.charMap[ch] ?? ch;
    return s;
  };

  const tokenKey = (token: string): string => {
    const hit = cache.get(token);
    if (hit !== undefined) return hit;
    // the key is kept below: keeping the folded form too would be a second entry per new word
    let s = foldUncached(token);
    for (const [from, to] of table.wordFinal) {
      if (s.length > from.length + 1 && s.endsWith(from)) s = s.slice(0, -from.length) + to;
    }
    for (const rule of rules) s = rule(s);
    if (cache.size < 200_000) cache.set(token, s);
    return s;
  };

  // articles are short
  const maxArticle = Math.max(...table.articles.map((a) => a.length)) + 1;
  // and start with one of few letters (a, e, i...): most tokens are rejected before a look-up
  const firstLetters = new Set(table.articles.map((a) => a.charCodeAt(0)));
  // a lower-case ASCII word of up to four letters is its own folded form, and a number in base 27:
  // articles are asked about at most tokens, and answered from a table without hashing a string
  const codeTable = (words: Iterable<string>) => {
    const t = new Uint8Array(27 ** 4);
    for (const w of words) {
      const v = asciiCode(w);
      if (v >= 0) t[v] = 1;
    }
    return t;
  };
  const articleCodes = codeTable(articles);
  const spaceArticleCodes = codeTable(spaceArticles);
  const isArticle = (token: string) => {
    if (token.length > maxArticle) return false;
    const v = asciiCode(token);
    if (v >= 0) return articleCodes[v] === 1;
    return firstLetters.has(token.charCodeAt(0) | 32) && articles.has(fold(token));
  };
  return {
    tokenKey,
    isArticle,
    isSpaceArticle: (token) => {
      if (token.length > maxArticle) return false;
      const v = asciiCode(token);
      if (v >= 0) return spaceArticleCodes[v] === 1;
      return firstLetters.has(token.charCodeAt(0) | 32) && spaceArticles.has(fold(token));
    },
    nameKeys(name) {
      const tokens = splitNameTokens(name);
      const kept = tokens.filter((t) => !isArticle(t));
      return (kept.length > 0 ? kept : tokens).map(tokenKey).filter((k) => k.length > 0);
    },
  };
}

import type { Iso2 } from '../core/types.js';
import type { CompactGazetteer } from './CompactGazetteer.js';
import { FUZZY_MIN_LENGTH, deletions, hashString, plainName } from './CompactGazetteer.js';
import type { CountryInfo, Place } from './Gazetteer.js';
import type { NameNormalizer } from './NameNormalizer.js';

/**
 * The in-memory gazetteer: places, and a token-level trie over normalised names, so recognition is
 * one pass over the text's tokens (a walk per capitalised token), never one regex per name. It reads
 * the compact gazetteer's columns in place; a Place object is made the first time a row is asked for.
 */

/** Name keys (normalised tokens joined by a space) -> place rows, and every proper word prefix of a
 *  multi-word key, so a longest-match walk is a chain of hash look-ups. */
export interface NameTrie {
  /** Rows named by exactly this key, or undefined. */
  get(key: string): number[] | undefined;
  /** True when a longer key starts with this one and a space. */
  hasPrefix(key: string): boolean;
  /** Both answers for a key in one look-up (a caller may keep the object: it never changes). */
  find(key: string): TrieEntry;
  /** Number of distinct name keys. */
  size: number;
}

export interface TrieEntry {
  rows: number[] | undefined;
  prefix: boolean;
}

export interface PlaceIndex {
  /** Rows: places, then regions and sites. */
  size: number;
  place(row: number): Place;
  trie: NameTrie;
  countries: Map<Iso2, CountryInfo & { place: Place }>;
  /** Demonym (as written, e.g. "Syrian") -> country. */
  demonyms: Map<string, Iso2>;
  /** "SY.07" -> admin1 place */
  admin1: Map<string, Place>;
  normalizer: NameNormalizer;
  /** Places named exactly `name` (keys compared), best population first. */
  lookup(name: string): number[];
  /** Well-known places whose plain spelling is one edit (insertion, deletion, substitution, adjacent
   *  swap, not of the first letter) from `name`'s; [] for names shorter than FUZZY_MIN_LENGTH letters. */
  fuzzy(name: string): number[];
}

/** Every character below 128. */
function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 128) return false;
  return true;
}

/** Optimal-string-alignment distance is at most one. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // substitution
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // swap
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

export function createPlaceIndex(g: CompactGazetteer, normalizer: NameNormalizer): PlaceIndex {
  const text = g.strings;
  const made: (Place | undefined)[] = new Array(g.n);
  const place = (i: number): Place => {
    const hit = made[i];
    if (hit) return hit;
    const a1 = g.admin1[i]!;
    const pts = g.points[i];
    const p: Place = {
      index: i, geonameId: g.geonameId[i]! > 0 ? g.geonameId[i]! : null, name: text.slice(g.nameOff[i]!, g.nameOff[i + 1]!),
      lat: g.lat[i]!, lon: g.lon[i]!, country: g.ccList[g.cc[i]!] || null, admin1Code: a1 >= 0 ? g.admin1Codes[a1]! : null,
      admin1: a1 >= 0 ? g.admin1Names[a1] || null : null, fcode: g.fcodeList[g.fcode[i]!]!, population: g.population[i]!,
      kind: g.kindList[g.kind[i]!]!, points: pts ?? null,
    };
    made[i] = p;
    return p;
  };

  /** Index of `key` in the exact-key table, or -1 (compares against the text, no substring made). */
  const mask = g.keySlots.length - 1;
  const findKey = (key: string): number => {
    for (let slot = hashString(key) & mask; ; slot = (slot + 1) & mask) {
      const k = g.keySlots[slot]! - 1;
      if (k < 0) return -1;
      const at = g.keyOff[k]!;
      if (g.keyOff[k + 1]! - at === key.length && text.startsWith(key, at)) return k;
    }
  };
  // one memo for both questions the trie walk asks of a key (rows, and whether a longer key follows)
  const memo = new Map<string, TrieEntry>();
  const entry = (key: string): TrieEntry => {
    let e = memo.get(key);
    if (!e) {
      const k = findKey(key);
      e = {
        rows: k >= 0 && g.keyIsName[k] ? Array.from(g.keyIds.subarray(g.keyIdsOff[k]!, g.keyIdsOff[k + 1]!)) : undefined,
        prefix: k >= 0 && g.keyIsPrefix[k] === 1,
      };
      if (memo.size > 100_000) memo.clear();
      memo.set(key, e);
    }
    return e;
  };
  const trie: NameTrie = {
    size: g.keyIsName.reduce((a, x) => a + x, 0),
    get: (key) => entry(key).rows,
    hasPrefix: (key) => entry(key).prefix,
    find: entry,
  };

  const countries = new Map<Iso2, CountryInfo & { place: Place }>();
  const demonyms = new Map<string, Iso2>();
  const admin1 = new Map<string, Place>();
  const pcli = g.fcodeList.indexOf('PCLI');
  const adm1 = g.fcodeList.indexOf('ADM1');
  const countryRow = new Map<string, number>();
  for (let i = 0; i < g.n; i++) {
    const f = g.fcode[i];
    if (f === pcli) countryRow.set(g.ccList[g.cc[i]!]!, i);
    else if (f === adm1 && g.admin1[i]! >= 0) admin1.set(g.admin1Codes[g.admin1[i]!]!, place(i));
  }
  for (const c of g.countries) {
    const row = countryRow.get(c.cc);
    if (row === undefined) continue;
    countries.set(c.cc, { ...c, place: place(row) });
    for (const d of c.demonyms) if (!demonyms.has(d)) demonyms.set(d, c.cc);
  }

  const fuzzyCache = new Map<string, number[]>();
  const delMask = g.delOff.length - 2;
  /** Candidates share a one-letter deletion (or the whole spelling) with the query; the check on the
   *  real spellings decides. */
  const fuzzyUncached = (name: string): number[] => {
    const key = plainName(name);
    if (key.length < FUZZY_MIN_LENGTH) return [];
    const seen = new Set<number>();
    const out: number[] = [];
    for (const d of [key, ...deletions(key)]) {
      const b = hashString(d) & delMask;
      for (let j = g.delOff[b]!; j < g.delOff[b + 1]!; j++) {
        const fk = g.delKeys[j]!;
        if (seen.has(fk)) continue;
        seen.add(fk);
        const spelling = text.slice(g.fuzzyOff[fk]!, g.fuzzyOff[fk + 1]!);
        // a typo keeps the first letter: "Damscus", "Palmrya"
        if (spelling !== key && spelling[0] === key[0] && withinOneEdit(spelling, key)) {
          for (let r = g.fuzzyIdsOff[fk]!; r < g.fuzzyIdsOff[fk + 1]!; r++) out.push(g.fuzzyIds[r]!);
        }
      }
    }
    return out;
  };

  return {
    size: g.n, place, trie, countries, demonyms, admin1, normalizer,
    lookup(name) {
      return [...(trie.get(normalizer.nameKeys(name).join(' ')) ?? [])].sort((a, b) => g.population[b]! - g.population[a]!);
    },
    fuzzy(name) {
      // most capitalised words are short: a plain spelling is never longer than an ASCII name
      if (name.length < FUZZY_MIN_LENGTH && isAscii(name)) return [];
      const hit = fuzzyCache.get(name);
      if (hit) return hit;
      const out = fuzzyUncached(name);
      // names repeat within and across stories: remember the answers
      if (fuzzyCache.size > 50_000) fuzzyCache.clear();
      fuzzyCache.set(name, out);
      return out;
    },
  };
}

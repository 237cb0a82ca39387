import type { Iso2, PlaceKind } from '../core/types.js';
import type { CompactGazetteer } from './CompactGazetteer.js';
import { FUZZY_MIN_LENGTH, hashString, plainName } from './CompactGazetteer.js';
import type { CountryInfo, Place } from './Gazetteer.js';
import type { NameNormalizer } from './NameNormalizer.js';
import { isAscii } from './NameNormalizer.js';
import { boundedMemo } from '../core/boundedMemo.js';

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
  /** A row's kind and population read from the columns, no Place made: the recogniser asks them of
   *  every candidate of a name it may still drop ("Jordan Smith"). */
  kindOf(row: number): PlaceKind;
  populationOf(row: number): number;
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

/** The trie's answer for a key no name has. */
const NO_ENTRY: TrieEntry = Object.freeze({ rows: undefined, prefix: false });

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
  const entry = boundedMemo(100_000, (key: string): TrieEntry => {
    const k = findKey(key);
    // most capitalised words of a story name nothing: they share one answer (no object per word)
    if (k < 0) return NO_ENTRY;
    let rows: number[] | undefined;
    if (g.keyIsName[k]) {
      rows = [];
      for (let r = g.keyIdsOff[k]!; r < g.keyIdsOff[k + 1]!; r++) rows.push(g.keyIds[r]!);
    }
    return { rows, prefix: g.keyIsPrefix[k] === 1 };
  });
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

  const delMask = g.delOff.length - 2;
  // spellings already looked at for the current query, by generation stamp (no Set per query)
  const seenAt = new Uint32Array(g.fuzzyOff.length);
  const { delOff, delKeys, fuzzyOff, fuzzyIdsOff, fuzzyIds } = g;
  // one bit per deletion bucket, set when it holds a spelling: half the buckets are empty, and this
  // 64 KB table stays in cache where the 2 MB bucket offsets do not (a miss costs more than the hashing)
  const occupied = new Uint8Array((delOff.length + 6) >> 3);
  for (let b = 0; b + 1 < delOff.length; b++) if (delOff[b + 1]! > delOff[b]!) occupied[b >> 3]! |= 1 << (b & 7);
  let generation = 0;
  /** Candidates share a one-letter deletion (or the whole spelling) with the query; the check on the
   *  real spellings decides. Most queries are capitalised words that name no place: the deletions are
   *  hashed in place (FNV-1a resumed after the dropped letter, no string made per deletion) and a
   *  spelling is read only when its first letter agrees. */
  const fuzzyUncached = (name: string): number[] => {
    const key = plainName(name);
    if (key.length < FUZZY_MIN_LENGTH) return [];
    if (++generation === 0xffffffff) {
      seenAt.fill(0);
      generation = 1;
    }
    const first = key.charCodeAt(0);
    const out: number[] = [];
    // the whole key first, then the deletion of each letter (spaces stay), as the index was built
    let prefix = 0x811c9dc5;
    for (let del = -1; del < key.length; del++) {
      if (del >= 0) {
        if (del > 0) prefix = Math.imul(prefix ^ key.charCodeAt(del - 1), 0x01000193);
        if (key.charCodeAt(del) === 32) continue;
      }
      let h = prefix;
      for (let i = del < 0 ? 0 : del + 1; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
      const b = (h >>> 0) & delMask;
      if ((occupied[b >> 3]! & (1 << (b & 7))) === 0) continue;
      for (let j = delOff[b]!; j < delOff[b + 1]!; j++) {
        const fk = delKeys[j]!;
        if (seenAt[fk] === generation) continue;
        seenAt[fk] = generation;
        const at = fuzzyOff[fk]!;
        // a typo keeps the first letter: "Damscus", "Palmrya"
        if (text.charCodeAt(at) !== first) continue;
        const spelling = text.slice(at, fuzzyOff[fk + 1]!);
        if (spelling !== key && withinOneEdit(spelling, key)) {
          for (let r = fuzzyIdsOff[fk]!; r < fuzzyIdsOff[fk + 1]!; r++) out.push(fuzzyIds[r]!);
        }
      }
    }
    return out;
  };
  // names repeat within and across stories: remember the answers
  const fuzzyKnown = boundedMemo(50_000, fuzzyUncached);

  return {
    size: g.n, place, trie, countries, demonyms, admin1, normalizer,
    kindOf: (row) => g.kindList[g.kind[row]!]!,
    populationOf: (row) => g.population[row]!,
    lookup(name) {
      return [...(trie.get(normalizer.nameKeys(name).join(' ')) ?? [])].sort((a, b) => g.population[b]! - g.population[a]!);
    },
    fuzzy(name) {
      // most capitalised words are short: a plain spelling is never longer than an ASCII name
      if (name.length < FUZZY_MIN_LENGTH && isAscii(name)) return [];
      return fuzzyKnown(name);
    },
  };
}

import type { Iso2 } from '../core/types.js';
import type { CountryInfo, GazetteerData, Place } from './Gazetteer.js';
import { kindOf } from './Gazetteer.js';
import type { NameNormalizer } from './NameNormalizer.js';
const MARKS = /\p{M}/gu;

/**
 * The in-memory gazetteer: places, and a trie over normalised name tokens, so recognition is one pass
 * over the text's tokens (a walk per capitalised token), never one regex per name.
 */
/** Name keys (normalised tokens joined by a space) -> place indexes, with every proper prefix of a
 *  multi-word key, so a longest-match walk is a chain of hash look-ups (a token-level trie). */
export interface NameTrie {
  names: Map<string, number[]>;
  prefixes: Set<string>;
}

export interface PlaceIndex {
  places: Place[];
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

/** Misspellings are matched only for names this long (short names are one edit from too many words). */
export const FUZZY_MIN_LENGTH = 6;
/** Places a misspelling may name: countries, first-level divisions, capitals and towns this large. */
const FUZZY_MIN_POPULATION = 10_000;

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

/** Lower case, marks and apostrophes dropped, hyphens as spaces: "Al-Ḩasakah" -> "al hasakah". */
const plainName = (s: string) => /^[A-Za-z ]*$/.test(s) ? s.toLowerCase() : s.normalize('NFD').replace(MARKS, '').replace(/[‘’'ʻʼʿʾ`.]/g, '').replace(/[-‐‑–]/g, ' ').toLowerCase();

const deletions = (k: string): string[] => {
  const out: string[] = [];
  for (let i = 0; i < k.length; i++) if (k[i] !== ' ') out.push(k.slice(0, i) + k.slice(i + 1));
  return out;
};

export function createPlaceIndex(data: GazetteerData, normalizer: NameNormalizer): PlaceIndex {
  const trie: NameTrie = { names: new Map(), prefixes: new Set() };
  const places: Place[] = [];
  const admin1Names = new Map<string, string>();
  for (const r of data.places) if (r[6] === 'ADM1') admin1Names.set(r[5], r[1]);

  const insertKeys = (key: string, id: number) => {
    if (key.length === 0) return;
    const ids = trie.names.get(key);
    if (!ids) trie.names.set(key, [id]);
    else if (!ids.includes(id)) ids.push(id);
    for (let sp = key.indexOf(' '); sp > 0; sp = key.indexOf(' ', sp + 1)) trie.prefixes.add(key.slice(0, sp));
  };
  const names = (row: number, all: string[]) =>
    data.keys?.[row] ?? all.map((n) => normalizer.nameKeys(n).join(' '));

  for (const [id, name, lat, lon, cc, a1, fcode, pop, alt] of data.places) {
    const index = places.length;
    places.push({
      index, geonameId: id > 0 ? id : null, name, lat, lon, country: cc || null, admin1Code: a1 || null,
      admin1: a1 ? (admin1Names.get(a1) ?? null) : null, fcode, population: pop, kind: kindOf(fcode, pop), points: null,
    });
    for (const keys of names(index, [name, ...alt])) insertKeys(keys, index);
  }
  for (const [name, kind, cc, points] of data.regions) {
    const index = places.length;
    const [lat, lon] = points[0]!;
    const fcode = kind === 'river' ? 'STM' : kind === 'region' ? 'RGN' : 'OTHER';
    places.push({ index, geonameId: null, name, lat, lon, country: cc || null, admin1Code: null, admin1: null, fcode, population: 0, kind, points });
    for (const keys of names(index, [name])) insertKeys(keys, index);
  }

  const countries = new Map<Iso2, CountryInfo & { place: Place }>();
  const demonyms = new Map<string, Iso2>();
  const countryPlace = new Map<string, Place>();
  for (const p of places) if (p.fcode === 'PCLI' && p.country) countryPlace.set(p.country, p);
  for (const c of data.countries) {
    const place = countryPlace.get(c.cc);
    if (!place) continue;
    countries.set(c.cc, { ...c, place });
    for (const d of c.demonyms) if (!demonyms.has(d)) demonyms.set(d, c.cc);
  }
  const admin1 = new Map<string, Place>();
  for (const p of places) if (p.fcode === 'ADM1' && p.admin1Code) admin1.set(p.admin1Code, p);

  // symmetric-deletion index over the plain spellings (lower case, no marks) of well-known places: a
  // misspelt word and a name meet at a shared one-letter deletion, so a query is a dozen hash
  // look-ups, not a scan. Plain spellings, not transliteration keys: a typo is an error of letters,
  // and keys, with their folded vowels, sit one edit from too many ordinary words.
  const eligible = (p: Place) => p.kind === 'country' || p.kind === 'admin1' || p.fcode === 'PPLC' || p.fcode === 'PPLA' || p.population >= FUZZY_MIN_POPULATION;
  const fuzzyKeys = new Map<string, number[]>();
  const fuzzyDel = new Map<string, string[]>();
  data.places.forEach((row, id) => {
    if (!eligible(places[id]!)) return;
    for (const name of [row[1], ...row[8]]) {
      const key = plainName(name);
      if (key.length < FUZZY_MIN_LENGTH) continue;
      const ids = fuzzyKeys.get(key);
      if (ids) {
        if (!ids.includes(id)) ids.push(id);
        continue;
      }
      fuzzyKeys.set(key, [id]);
      for (const d of deletions(key)) {
        const keys = fuzzyDel.get(d);
        if (!keys) fuzzyDel.set(d, [key]);
        else keys.push(key);
      }
    }
  });

  // names repeat within and across stories: remember the answers
  const fuzzyCache = new Map<string, number[]>();
  return {
    places, trie, countries, demonyms, admin1, normalizer,
    lookup(name) {
      return [...(trie.names.get(normalizer.nameKeys(name).join(' ')) ?? [])].sort((a, b) => places[b]!.population - places[a]!.population);
    },
    fuzzy(name) {
      const hit = fuzzyCache.get(name);
      if (hit) return hit;
      const out = fuzzyUncached(name);
      if (fuzzyCache.size > 50_000) fuzzyCache.clear();
      fuzzyCache.set(name, out);
      return out;
    },
  };

  function fuzzyUncached(name: string): number[] {
    const key = plainName(name);
    if (key.length < FUZZY_MIN_LENGTH) return [];
    const hits = new Set<string>();
    const probe = (k: string) => {
      if (fuzzyKeys.has(k)) hits.add(k);
      for (const x of fuzzyDel.get(k) ?? []) hits.add(x);
    };
    probe(key);
    for (const d of deletions(key)) probe(d);
    const out: number[] = [];
    // a typo keeps the first letter: "Damscus", "Palmrya"
    for (const k of hits) if (k !== key && k[0] === key[0] && withinOneEdit(k, key)) out.push(...fuzzyKeys.get(k)!);
    return out;
  }
}

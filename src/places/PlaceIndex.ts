import type { Iso2 } from '../core/types.js';
import type { CountryInfo, GazetteerData, Place } from './Gazetteer.js';
import { kindOf } from './Gazetteer.js';
import type { NameNormalizer } from './NameNormalizer.js';

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
}

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

  return {
    places, trie, countries, demonyms, admin1, normalizer,
    lookup(name) {
      return [...(trie.names.get(normalizer.nameKeys(name).join(' ')) ?? [])].sort((a, b) => places[b]!.population - places[a]!.population);
    },
  };
}

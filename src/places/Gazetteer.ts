import type { Iso2, PlaceKind } from '../core/types.js';

/**
 * The gazetteer's data shapes, shared by the builder (GazetteerBuilder), the GeoNames importer and
 * the geoparser. The cache holds its compact binary form (CompactGazetteer.ts).
 */

/** GeoNames-like feature codes sitrep uses: PCLI country, ADM1/ADM2 admin areas, PPL* places,
 *  RGN region, STM river, SITE, OTHER (seas, canals), CMP camp, PPLX section of a city. */
export type FeatureCode = string;

/** [geonameId or 0, name, lat, lon, country, admin1 code ("SY.07") or "", feature code, population, alternate names] */
export type PlaceRow = [number, string, number, number, string, string, FeatureCode, number, string[]];

/** A named region or water body with points along it: [name, kind, country or "", [[lat, lon], ...]] */
export type RegionRow = [string, PlaceKind, string, [number, number][]];

export type Compass = 'n' | 's' | 'e' | 'w' | 'ne' | 'nw' | 'se' | 'sw' | 'c';

export interface CountryInfo {
  cc: Iso2;
  name: string;
  /** Adjectives and nouns of nationality ("Syrian", "Syrians"): country evidence, never toponyms. */
  demonyms: string[];
  /** Every name it goes by, lower-cased ("turkey", "türkiye", "republic of turkey"): a mention that
   *  meets the country's key only through folded vowels ("Columbia") is none of them. */
  names?: string[];
  /** Compass sub-regions computed from the country's places ("northern Iraq"). */
  compass: Partial<Record<Compass, [number, number]>>;
}

export interface GazetteerData {
  version: number;
  /** What went in, for `sitrep gazetteer` listings. */
  sources: string[];
  places: PlaceRow[];
  regions: RegionRow[];
  countries: CountryInfo[];
}

export const GAZETTEER_VERSION = 3;

/** A place as the geoparser sees it. */
export interface Place {
  index: number;
  geonameId: number | null;
  name: string;
  lat: number;
  lon: number;
  country: Iso2 | null;
  admin1Code: string | null;
  admin1: string | null;
  fcode: FeatureCode;
  population: number;
  kind: PlaceKind;
  /** Several points for rivers and long regions; the resolver picks the nearest to the story focus. */
  points: [number, number][] | null;
}

/** PlaceKind from feature code and population (the gold guide's city/town/village split). */
export function kindOf(fcode: FeatureCode, population: number): PlaceKind {
  if (fcode.startsWith('PCL')) return 'country';
  if (fcode === 'ADM1') return 'admin1';
  if (fcode.startsWith('ADM')) return 'district';
  if (fcode === 'PPLX') return 'district';
  if (fcode === 'RGN') return 'region';
  if (fcode === 'STM') return 'river';
  if (fcode === 'CMP') return 'camp';
  if (fcode === 'SITE') return 'site';
  if (fcode === 'OTHER') return 'other';
  if (fcode === 'PPLC' || fcode === 'PPLA' || population >= 100_000) return 'city';
  if (population >= 10_000 || fcode === 'PPLA2') return 'town';
  return 'village';
}

/** Great-circle distance in km. */
export function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const r = Math.PI / 180;
  const a =
    Math.sin(((lat2 - lat1) * r) / 2) ** 2 +
    Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(((lon2 - lon1) * r) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(a)));
}

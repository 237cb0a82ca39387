import { createReadStream } from 'node:fs';
import { basename, join } from 'node:path';
import { createInterface } from 'node:readline';
import { createError } from '../core/errors.js';
import type { PlaceRow } from './Gazetteer.js';
import type { ImportedRows } from './GazetteerLoader.js';
import { IMPORT_FILE, buildGazetteerFile, defaultCacheDir, readImports, writeJsonAtomic } from './GazetteerLoader.js';

/**
 * Adds GeoNames dumps a user downloaded to the gazetteer, for village-level coverage:
 * - a geoname table (allCountries.txt, cities500.txt, or a country file such as SY.txt),
 * - alternateNamesV2.txt / alternateNames.txt (names for geonames already known),
 * - admin1CodesASCII.txt (first-level division names).
 * The kind of file is told by its columns. Imported rows are kept in the cache (geonames-import.json)
 * and merged over the package data, then the gazetteer is rebuilt.
 *
 * @example await importGeonames(['SY.txt', 'IQ.txt', 'alternateNamesV2.txt'], {})
 */
export interface ImportOptions {
  cacheDir?: string;
  /** Feature classes kept from geoname tables: P places, A admin areas, H water, L areas, S sites, T terrain. */
  featureClasses?: string[];
  /** Alternate-name languages kept ('' = no language, 'en', 'ar'...; 'link', 'post', 'iata'... are always dropped). */
  languages?: string[];
}

export interface ImportResult {
  files: { file: string; kind: 'geonames' | 'alternateNames' | 'admin1'; rows: number }[];
  places: number;
  alternateNames: number;
}

/** Feature codes kept from classes H, L, S, T: what news names as places. */
const KEPT_CODES = new Set(['STM', 'LK', 'RSV', 'CNL', 'RGN', 'AREA', 'OAS', 'DSRT', 'VAL', 'MT', 'MTS', 'PLAT', 'ISL', 'PEN',
  'AIRP', 'AIRB', 'AIRF', 'DAM', 'MSQE', 'CH', 'MUS', 'RUIN', 'ANS', 'CMP', 'CMPRF', 'BDG', 'PRN', 'HSP', 'UNIV', 'CSTL', 'PAL',
  'OILF', 'OILR', 'BCN', 'MLSW', 'HTL', 'STDM', 'PO', 'MNMT', 'FT', 'INSM']);

/** GeoNames feature code -> sitrep's codes (kindOf reads them). */
function sitrepCode(fclass: string, fcode: string): string | null {
  if (fclass === 'P') return fcode;
  if (fclass === 'A') return /^(PCL|ADM[1-4]$)/.test(fcode) ? (fcode.startsWith('PCL') ? 'PCLI' : fcode.replace(/H$/, '')) : null;
  if (!KEPT_CODES.has(fcode)) return null;
  if (fcode === 'STM' || fcode === 'CNL') return 'STM';
  if (fcode === 'CMP' || fcode === 'CMPRF') return 'CMP';
  if (fclass === 'L' || fclass === 'T') return 'RGN';
  if (fclass === 'H') return 'OTHER';
  return 'SITE';
}

/** Parses one geoname-table line into a row; null for kinds sitrep does not keep. */
export function parseGeonameLine(line: string, featureClasses: Set<string>): PlaceRow | null {
  const c = line.split('\t');
  if (c.length < 15) return null;
  const [id, name, , alternates, lat, lon, fclass, fcode, cc, , admin1] = c;
  if (!featureClasses.has(fclass!)) return null;
  const code = sitrepCode(fclass!, fcode!);
  if (!code || (code === 'PCLI' && fclass === 'A')) return null;
  // GeoNames' own alternates column: keep Latin-script names, where news spellings are
  const alt = (alternates ?? '').split(',').filter((a) => a && a !== name && /^[\p{Script=Latin}\p{M}\s'’‘ʻʿ.-]+$/u.test(a) && a.length > 2);
  const a1 = admin1 && admin1 !== '00' ? `${cc}.${admin1}` : '';
  return [Number(id), name!, Number(lat), Number(lon), cc!, a1, code, Number(c[14]) || 0, [...new Set(alt)].slice(0, 40)];
}

export async function importGeonames(paths: string[], opts: ImportOptions = {}): Promise<ImportResult> {
  const cacheDir = opts.cacheDir ?? defaultCacheDir();
  const { imports, result } = await readGeonamesFiles(paths, readImports(cacheDir), opts);
  writeJsonAtomic(join(cacheDir, IMPORT_FILE), imports);
  buildGazetteerFile(cacheDir);
  return result;
}

/** Reads GeoNames files into `imports` (earlier imports, merged by geoname id). */
export async function readGeonamesFiles(paths: string[], imports: ImportedRows, opts: ImportOptions = {}): Promise<{ imports: ImportedRows; result: ImportResult }> {
  const classes = new Set(opts.featureClasses ?? ['P', 'A', 'H', 'L', 'S', 'T']);
  const langs = new Set(opts.languages ?? ['', 'en', 'ar', 'ku', 'tr', 'fr']);
  const byId = new Map<number, PlaceRow>(imports.places.map((p) => [p[0], p]));
  const pendingAlt = new Map<number, string[]>();
  const result: ImportResult = { files: [], places: 0, alternateNames: 0 };

  for (const file of paths) {
    let kind: ImportResult['files'][number]['kind'] | null = null;
    let rows = 0;
    let stream;
    try {
      stream = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
      for await (const line of stream) {
        if (!line || line.startsWith('#')) continue;
        const cols = line.split('\t');
        kind ??= cols.length >= 15 ? 'geonames' : cols.length >= 4 && /^[A-Z]{2}\.[\w]+$/.test(cols[0]!) ? 'admin1' : cols.length >= 4 ? 'alternateNames' : null;
        if (kind === 'geonames') {
          const row = parseGeonameLine(line, classes);
          if (row) {
            const old = byId.get(row[0]);
            if (old) row[8] = [...new Set([...old[8], ...row[8]])];
            byId.set(row[0], row);
            rows++;
          }
        } else if (kind === 'admin1') {
          imports.admin1[cols[0]!] = cols[1]!;
          rows++;
        } else if (kind === 'alternateNames') {
          const [, gid, lang, name] = cols;
          if (!name || !langs.has(lang ?? '') || cols[7] === '1') continue; // historic names are not news names
          const list = pendingAlt.get(Number(gid)) ?? [];
          list.push(name);
          pendingAlt.set(Number(gid), list);
          rows++;
        } else throw createError('INPUT_BAD_CSV', file, 'not a GeoNames geoname, alternate-name or admin1 table');
      }
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw createError('INPUT_NOT_FOUND', file);
      throw e;
    } finally {
      stream?.close();
    }
    if (!kind) throw createError('INPUT_EMPTY', file);
    result.files.push({ file, kind, rows });
    imports.files = [...new Set([...imports.files, basename(file)])];
  }

  // alternate names attach to imported rows; names for package rows ride on a stub row with the
  // same id, which the merge folds into the package row
  for (const [gid, names] of pendingAlt) {
    const row = byId.get(gid) ?? ([gid, '', 0, 0, '', '', 'ALT', 0, []] as PlaceRow);
    row[8] = [...new Set([...row[8], ...names])];
    byId.set(gid, row);
    result.alternateNames += names.length;
  }
  imports.places = [...byId.values()];
  result.places = imports.places.filter((p) => p[6] !== 'ALT').length;
  return { imports, result };
}

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { PROJECT_ROOT } from '../../src/core/projectPaths.js';
import { noDebug } from '../../src/core/types.js';
import { loadNormalisationTable, loadPlaceLexicon, mergeImported } from '../../src/places/GazetteerLoader.js';
import { createGeoparser } from '../../src/places/Geoparser.js';
import { parseGeonameLine, readGeonamesFiles } from '../../src/places/GeonamesImporter.js';
import { fixtureGazetteer } from './fixtures/gazetteer.js';

const dir = join(PROJECT_ROOT, 'test', 'places', 'fixtures');
const empty = () => ({ places: [], admin1: {}, files: [] });

test('a geoname line becomes a row; unwanted feature codes are dropped', () => {
  const row = parseGeonameLine('9\tAl Bab\tAl Bab\tal-Bab,Bab\t36.37\t37.52\tP\tPPLA2\tSY\t\t09\t\t\t\t130000\t\t400\tAsia/Damascus\t2020-01-01', new Set(['P']));
  assert.deepEqual(row?.slice(0, 8), [9, 'Al Bab', 36.37, 37.52, 'SY', 'SY.09', 'PPLA2', 130000]);
  assert.deepEqual(row?.[8], ['al-Bab', 'Bab']);
  assert.equal(parseGeonameLine('9\tX\tX\t\t1\t1\tP\tPPL\tSY\t\t09\t\t\t\t0\t\t\t\t', new Set(['A'])), null);
});

test('country file, alternate names and admin1 codes are read and told apart by their columns', async () => {
  const { imports, result } = await readGeonamesFiles(
    ['SY.txt', 'alternateNames.txt', 'admin1CodesASCII.txt'].map((f) => join(dir, f)), empty());
  assert.deepEqual(result.files.map((f) => f.kind), ['geonames', 'alternateNames', 'admin1']);
  assert.equal(result.places, 2, 'the wadi (WAD) is not kept');
  const ghazal = imports.places.find((p) => p[0] === 9000001)!;
  assert.ok(ghazal[8].includes('Ghazal Village') && ghazal[8].includes('Khirbet el-Ghazal'));
  assert.ok(!imports.places.some((p) => p[8].includes('Palmyra Township')), 'historic names are dropped');
  assert.equal(imports.admin1['SY.07'], 'Deir ez-Zor');
  await assert.rejects(readGeonamesFiles([join(dir, 'missing.txt')], empty()), /no such file/);
});

test('imported villages and dams become resolvable', async () => {
  const { imports } = await readGeonamesFiles([join(dir, 'SY.txt'), join(dir, 'alternateNames.txt')], empty());
  const data = fixtureGazetteer();
  mergeImported(data, imports.places);
  const geo = createGeoparser(data, loadNormalisationTable(), loadPlaceLexicon());
  assert.equal(geo.resolve('Khirbet el-Ghazal')?.country, 'SY');
  const t = geo.parse({ id: 'x', file: 't', n: 1, offset: 0, text: 'Fighters reached Khirbat Ghazal and the Tabqa Dam on Monday.', headline: null, captions: [], byline: null, dateline: [], paragraphs: [], credits: null, given: {} }, noDebug);
  assert.deepEqual(t.map((x) => x.text), ['Khirbat Ghazal', 'Tabqa Dam']);
  assert.equal(t[1]!.kind, 'site');
});

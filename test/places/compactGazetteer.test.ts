import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compactGazetteer, decodeCompact, encodeCompact } from '../../src/places/CompactGazetteer.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GAZETTEER_FILE, loadCompactGazetteer, loadNormalisationTable, loadPlaceLexicon, sharedGazetteerBytes, tableHash } from '../../src/places/GazetteerLoader.js';
import { createGeoparser } from '../../src/places/Geoparser.js';
import { createNameNormalizer } from '../../src/places/NameNormalizer.js';
import { withinOneEdit } from '../../src/places/PlaceIndex.js';
import { fixtureGazetteer } from './fixtures/gazetteer.js';

const table = loadNormalisationTable();

test('the binary cache round-trips: same rows, same answers', () => {
  const compact = compactGazetteer(fixtureGazetteer(), createNameNormalizer(table), 'k');
  const bytes = encodeCompact(compact);
  // a view at an odd offset, as a pooled Buffer may give
  const shifted = new Uint8Array(bytes.length + 3);
  shifted.set(bytes, 3);
  const back = decodeCompact(shifted.subarray(3));
  assert.ok(back);
  assert.equal(back.n, compact.n);
  assert.equal(back.strings, compact.strings);
  assert.deepEqual(Array.from(back.lat), Array.from(compact.lat));
  assert.deepEqual(back.countries, compact.countries);
  const a = createGeoparser(compact, table, loadPlaceLexicon());
  const b = createGeoparser(back, table, loadPlaceLexicon());
  for (const name of ['Dayr az Zawr', 'Palmyra', 'Washington', 'Euphrates', 'Damascus']) {
    assert.deepEqual(b.resolve(name, { country: 'SY' }), a.resolve(name, { country: 'SY' }), name);
  }
  assert.equal(b.index.place(b.index.lookup('Mosul')[0]!).name, 'Mosul');
});

test('threads share one read of the cache file: the columns are views of the shared bytes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-gaz-'));
  try {
    const compact = compactGazetteer(fixtureGazetteer(), createNameNormalizer(table), tableHash(table));
    writeFileSync(join(dir, GAZETTEER_FILE), encodeCompact(compact));
    const bytes = sharedGazetteerBytes(dir);
    assert.ok(bytes.buffer instanceof SharedArrayBuffer);
    const g = loadCompactGazetteer(dir, bytes);
    assert.equal(g.lat.buffer, bytes.buffer);
    assert.equal(g.keySlots.buffer, bytes.buffer);
    assert.equal(g.strings, compact.strings);
    // bytes that are no gazetteer: the file is read instead
    const own = loadCompactGazetteer(dir, new Uint8Array(16));
    assert.equal(own.n, compact.n);
    assert.notEqual(own.lat.buffer, bytes.buffer);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('bytes that are not a gazetteer decode to null', () => {
  assert.equal(decodeCompact(new Uint8Array(4)), null);
  assert.equal(decodeCompact(new TextEncoder().encode('{"places": []}')), null);
});

test('one edit: insertion, deletion, substitution, adjacent swap', () => {
  assert.ok(withinOneEdit('damascus', 'damscus'));
  assert.ok(withinOneEdit('palmyra', 'palmrya'));
  assert.ok(withinOneEdit('aleppo', 'alepo'));
  assert.ok(withinOneEdit('mosul', 'mosel'));
  assert.ok(!withinOneEdit('mosul', 'mosaic'));
  assert.ok(!withinOneEdit('raqqa', 'qarra'));
});

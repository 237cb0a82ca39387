import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { resourcePath } from '../../src/core/projectPaths.js';
import { controlTimeline } from '../../src/consolidate/ControlTimelineBuilder.js';
import { controlAt } from '../../src/consolidate/ControlTimelineQuery.js';
import { fuse } from '../../src/consolidate/EventFuser.js';
import { ACLED_COLUMNS, acledCsvChunks, csvLine } from '../../src/export/AcledCsvExporter.js';
import { loadActorTyping } from '../../src/export/ActorTyping.js';
import { controlFeatureCollection, eventFeature, eventsFeatureCollection, featureCollectionChunks } from '../../src/export/GeoJsonExporter.js';
import { eventsJsonChunks, jsonLines } from '../../src/export/JsonExporter.js';
import { control, report, rules } from '../consolidate/fixtures.js';
import { geoJsonProblems } from './geojsonValidity.js';

const typing = loadActorTyping(resourcePath());
const ctx = { rules, typing, timestamp: 1700000000 };

// A bombing reported twice with different tolls (one headline with a comma and quotes), an air
// strike by foreign forces, and an unlocated arrest.
const { events } = fuse([], [
  report('s1', 0, '2017-03-08', { fatalities: 7, fatalities_min: 7, fatalities_text: 'seven', evidence: 'A bomber, police said, killed "seven" people.\nMore later.' }),
  { ...report('s2', 0, '2017-03-09', { fatalities: 12, fatalities_min: 12, fatalities_text: 'at least 12' }), headline: 'Iraq bombing toll rises, "12 dead"' },
  report('s3', 0, '2017-03-08', { event_type: 'Explosions/Remote violence', sub_event_type: 'Air/drone strike', actor1: 'Military Forces of Turkey', actor2: 'Syrian Democratic Forces', location: 'Manbij', country: 'SY', admin1: 'Aleppo', lat: 36.53, lon: 37.95 }),
  report('s4', 0, '2017-03-08', { event_type: 'Strategic developments', sub_event_type: 'Arrests', actor1: 'Police Forces of Iraq', actor2: null, location: null, lat: null, lon: null, geo_precision: 3 }),
], rules);

const csvText = () => [...acledCsvChunks(events, ctx)].join('');

test('ACLED CSV round-trips through csv-parse with ACLED column names', () => {
  const rows = parse(csvText(), { columns: true, record_delimiter: '\r\n' }) as Record<string, string>[];
  assert.equal(rows.length, 3);
  assert.deepEqual(Object.keys(rows[0]!), [...ACLED_COLUMNS]);
  const bomb = rows.find((r) => r.sub_event_type === 'Suicide bomb')!;
  assert.match(bomb.event_id_cnty!, /^IRQ\d{15}$/);
  assert.equal(bomb.event_date, '2017-03-08');
  assert.equal(bomb.year, '2017');
  assert.equal(bomb.disorder_type, 'Political violence');
  assert.equal(bomb.inter1, '2');
  assert.equal(bomb.inter2, '7');
  assert.equal(bomb.interaction, '27');
  assert.equal(bomb.civilian_targeting, 'Civilian targeting');
  assert.equal(bomb.iso, '368');
  assert.equal(bomb.country, 'Iraq');
  assert.equal(bomb.latitude, '34.6000');
  assert.equal(bomb.fatalities, '7', 'ACLED codes the lowest reported figure');
  assert.equal(bomb.notes, 'A bomber, police said, killed "seven" people.\nMore later. Reported fatalities differ: seven; at least 12.');
  assert.equal(bomb.source, 'Story s1; Iraq bombing toll rises, "12 dead"');
  assert.equal(bomb.timestamp, '1700000000');
  const strike = rows.find((r) => r.sub_event_type === 'Air/drone strike')!;
  assert.equal(strike.inter1, '8', 'state forces outside their country are external forces');
  assert.equal(strike.interaction, '28');
  assert.equal(strike.civilian_targeting, '');
  assert.equal(strike.country, 'Syria');
  assert.equal(strike.iso, '760');
  const arrest = rows.find((r) => r.event_type === 'Strategic developments')!;
  assert.equal(arrest.interaction, '10');
  assert.equal(arrest.latitude, '');
  assert.equal(arrest.fatalities, '0');
});

test('CSV quoting follows RFC 4180', () => {
  assert.equal(csvLine(['a', 'b,c', 'say "hi"', 'x\ny', '']), 'a,"b,c","say ""hi""","x\ny",\r\n');
});

test('GeoJSON of events is valid RFC 7946 with [lon, lat] points and round-trips through JSON', () => {
  const text = [...featureCollectionChunks(events.map(eventFeature))].join('');
  const doc = JSON.parse(text);
  assert.deepEqual(geoJsonProblems(doc), []);
  assert.deepEqual(doc, JSON.parse(JSON.stringify(eventsFeatureCollection(events))));
  const manbij = doc.features.find((f: { properties: { location: string } }) => f.properties.location === 'Manbij');
  assert.deepEqual(manbij.geometry.coordinates, [37.95, 36.53]);
  assert.equal(doc.features.filter((f: { geometry: unknown }) => f.geometry === null).length, 1);
});

test('the GeoJSON check catches swapped or out-of-range coordinates', () => {
  const bad = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [43.6, 134.6] } }] };
  assert.match(geoJsonProblems(bad).join(), /latitude 134.6 out of range/);
  assert.match(geoJsonProblems({ type: 'Feature' }).join(), /not a FeatureCollection/);
});

test('GeoJSON of control state at a date', () => {
  const tls = controlTimeline([control('c1', 0, '2016-03-28', {})]);
  const doc = JSON.parse(JSON.stringify(controlFeatureCollection(controlAt(tls, '2016-06-01'), '2016-06-01')));
  assert.deepEqual(geoJsonProblems(doc), []);
  assert.equal(doc.features[0].properties.holder, 'Military Forces of Syria');
  assert.deepEqual(doc.features[0].geometry.coordinates, [38.28, 34.56]);
});

test('JSON export keeps full provenance and round-trips', () => {
  const doc = JSON.parse([...eventsJsonChunks(events)].join(''));
  assert.equal(doc.format, 'sitrep.events');
  assert.deepEqual(doc.events, JSON.parse(JSON.stringify(events)));
  const bomb = doc.events.find((e: { sources: unknown[] }) => e.sources.length === 2);
  assert.deepEqual(bomb.sources[0].event.span, { start: 0, end: 10 });
  assert.equal(bomb.sources[0].event.rule, 'test');
  assert.ok(bomb.reasons.length > 1);
  const lines = [...jsonLines(events)];
  assert.equal(lines.length, events.length);
  assert.deepEqual(JSON.parse(lines[0]!), JSON.parse(JSON.stringify(events[0])));
});

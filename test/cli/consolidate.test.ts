import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { ingestCommand } from '../../src/cli/commands/ingest.js';
import type { FusedEvent } from '../../src/consolidate/types.js';
import { ACLED_COLUMNS } from '../../src/export/AcledCsvExporter.js';
import { geoJsonProblems } from '../export/geojsonValidity.js';
import { runCli as sitrep } from './runCli.js';

/**
 * Consolidation end to end: stories written for this test (news-style, own words) go through
 * the real pipeline, store and CLI process — ingest, then events, control, search and export.
 */
const tmp = mkdtempSync(join(tmpdir(), 'sitrep-consolidate-'));
const db = join(tmp, 'fused.db');

const kirkuk = {
  title: 'Car bomb kills 12 in Kirkuk market', date: '2017-03-14', source: 'Wire A',
  body: 'KIRKUK, Iraq - A car bomb killed 12 civilians in the main market of Kirkuk on Tuesday, police said.\n\nThe blast set several stalls on fire, a police officer said.',
};
const wireA = [
  kirkuk,
  {
    title: 'Suicide bomber kills nine in Tikrit', date: '2017-03-14', source: 'Wire A',
    body: 'TIKRIT, Iraq - A suicide bomber killed nine civilians in the main market of Tikrit on Tuesday, police said.',
  },
  {
    title: 'Militants take Qaryatain', date: '2017-03-15', source: 'Wire A',
    body: 'BEIRUT - Islamic State fighters seized the town of al-Qaryatain from the Syrian army on Monday after a day of fighting, state media said on Wednesday.',
  },
];
const wireB = [
  {
    // A rewrite of the Kirkuk story a day later, with a revised toll.
    title: 'Kirkuk market bombing toll rises to 15', date: '2017-03-15', source: 'Wire B',
    body: 'KIRKUK, Iraq - A car bomb that killed 15 civilians in the main market of Kirkuk on Tuesday was the deadliest attack in the city this year, police said on Wednesday.',
  },
  // The same story again, as aggregators repost it.
  kirkuk,
  {
    title: 'Syrian army retakes al-Qaryatain from Islamic State', date: '2017-04-04', source: 'Wire B',
    body: 'BEIRUT - Syrian government forces recaptured the town of al-Qaryatain from Islamic State militants on Monday, state media said.',
  },
];

const json = <T>(args: string[]): T => {
  const r = sitrep(args);
  assert.equal(r.code, 0, `sitrep ${args.join(' ')}: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
};
const near = (e: FusedEvent, place: string) => (e.location ?? '').toLowerCase().startsWith(place);

describe('sitrep events, control, search, export over fused events', () => {
  before(() => {
    writeFileSync(join(tmp, 'wire-a.jsonl'), wireA.map((s) => JSON.stringify(s)).join('\n') + '\n');
    writeFileSync(join(tmp, 'wire-b.jsonl'), wireB.map((s) => JSON.stringify(s)).join('\n') + '\n');
    // One extraction thread where ingest has several: six stories need no pool.
    const inline = 'workers' in ingestCommand.options ? ['--workers', '1'] : [];
    const r = sitrep(['ingest', join(tmp, 'wire-a.jsonl'), join(tmp, 'wire-b.jsonl'), '--db', db, ...inline]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /ingested 2 inputs .* 6 stories, 1 duplicates/);
  });

  it('fuses the duplicate and the rewrite into one event with several sources; another town stays apart', () => {
    const events = json<FusedEvent[]>(['events', '--db', db, '--json', '--from', '2017-03-14', '--to', '2017-03-14']);
    const kirkukEvents = events.filter((e) => near(e, 'kirkuk'));
    assert.equal(kirkukEvents.length, 1, JSON.stringify(kirkukEvents.map((e) => e.reasons)));
    const k = kirkukEvents[0]!;
    assert.equal(new Set(k.sources.map((s) => s.storyId)).size, 3);
    assert.deepEqual(new Set(k.sources.map((s) => s.headline)), new Set([kirkuk.title, wireB[0]!.title]));
    assert.ok(k.sources.every((s) => s.event.evidence.includes('Kirkuk') && s.event.span.end > s.event.span.start));
    const tikrit = events.filter((e) => near(e, 'tikr'));
    assert.equal(tikrit.length, 1);
    assert.equal(tikrit[0]!.sources.length, 1);
    assert.equal(tikrit[0]!.fatalities, 9);
  });

  it('--explain shows what each fused record merged', () => {
    const r = sitrep(['events', '--db', db, '--explain', '--bbox', '44,35,45,36']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /fused 3 reports from 3 stories/);
    assert.match(r.stdout, /joins .*Kirkuk \/ Kirkuk/);
    assert.match(r.stdout, /sources \(3\):/);
    assert.match(r.stdout, /"Kirkuk market bombing toll rises to 15"/);
    assert.doesNotMatch(r.stdout, /Tikrit/i);
  });

  it('filters by country, fatalities, type and actor; rejects malformed filters', () => {
    const sy = json<FusedEvent[]>(['events', '--db', db, '--json', '--country', 'sy']);
    assert.ok(sy.length >= 1);
    assert.ok(sy.every((e) => e.country === 'SY'));
    const deadly = json<FusedEvent[]>(['events', '--db', db, '--json', '--min-fatalities', '10']);
    assert.deepEqual(deadly.map((e) => e.location), ['Kirkuk']);
    const civilians = json<FusedEvent[]>(['events', '--db', db, '--json', '--actor', 'civilians', '--type', 'Explosions/Remote violence']);
    assert.equal(civilians.length, 2);
    assert.equal(json<FusedEvent[]>(['events', '--db', db, '--json', '--limit', '1']).length, 1);
    for (const bad of [['--bbox', '44,35,45'], ['--bbox', '45,35,44,36'], ['--from', 'March'], ['--country', 'Iraq']]) {
      const r = sitrep(['events', '--db', db, ...bad]);
      assert.equal(r.code, 2, `${bad.join(' ')}: ${r.stdout}`);
    }
  });

  it('prints a place\'s control timeline and answers who held it on a date', () => {
    const r = sitrep(['control', 'al-Qaryatayn', '--db', db]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /held by Military Forces of Syria until 13 March 2017/);
    assert.match(r.stdout, /held by Islamic State from 13 March 2017 to 3 April 2017/);
    assert.match(r.stdout, /held by Military Forces of Syria since 3 April 2017/);
    const holder = (date: string) => json<{ places: { holder: string }[] }>(['control', 'Qaryatayn', '--at', date, '--db', db, '--json']).places[0]?.holder;
    assert.equal(holder('2017-03-01'), 'Military Forces of Syria');
    assert.equal(holder('2017-03-20'), 'Islamic State');
    assert.equal(holder('2017-04-10'), 'Military Forces of Syria');
    const table = sitrep(['control', '--at', '2017-03-20', '--db', db]);
    assert.match(table.stdout, /Qaryatayn +SY +Islamic State +2017-03-13/);
    const missing = sitrep(['control', 'Atlantis', '--db', db]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /control changes of Atlantis not found/);
  });

  it('searches story text with snippets', () => {
    const r = sitrep(['search', 'car', 'bomb', 'Kirkuk', '--db', db]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Kirkuk market bombing toll rises to 15\n +.*\[bomb\]/);
    const hits = json<{ headline: string }[]>(['search', 'seized', 'Qaryatain', '--db', db, '--json']);
    assert.deepEqual(hits.map((h) => h.headline), ['Militants take Qaryatain']);
    assert.equal(sitrep(['search', '--db', db]).code, 2);
  });

  it('exports ACLED CSV, GeoJSON and JSON that read back', () => {
    const all = json<FusedEvent[]>(['events', '--db', db, '--json', '--limit', '1000']);
    const csvFile = join(tmp, 'events.csv');
    assert.equal(sitrep(['export', '--db', db, '--format', 'acled-csv', '--out', csvFile]).code, 0);
    const rows = parse(readFileSync(csvFile, 'utf8'), { columns: true }) as Record<string, string>[];
    assert.deepEqual(Object.keys(rows[0]!), [...ACLED_COLUMNS]);
    assert.equal(rows.length, all.length);
    const k = rows.find((r) => r.location === 'Kirkuk')!;
    assert.equal(k.fatalities, '12');
    assert.match(k.tags ?? '', /sources=3/);
    assert.match(k.notes ?? '', /Kirkuk/);

    const geo = json<{ features: { geometry: { coordinates: number[] } | null; properties: { sources: unknown[] } }[] }>(['export', '--db', db, '--format', 'geojson']);
    assert.deepEqual(geoJsonProblems(geo), []);
    assert.equal(geo.features.length, all.length);
    assert.ok(geo.features.some((f) => f.properties.sources.length === 3));

    const doc = json<{ format: string; events: FusedEvent[] }>(['export', '--db', db, '--format', 'json', '--country', 'IQ']);
    assert.equal(doc.format, 'sitrep.events');
    assert.ok(doc.events.length >= 2 && doc.events.every((e) => e.country === 'IQ'));
    assert.ok(doc.events.every((e) => e.sources.every((s) => s.storyId && s.event.evidence && s.event.rule)));

    const control = json<{ features: { properties: { place: string; holder: string } }[] }>(['export', '--db', db, '--format', 'geojson', '--control-at', '2017-03-20']);
    assert.deepEqual(geoJsonProblems(control), []);
    assert.deepEqual(control.features.map((f) => [f.properties.place, f.properties.holder]), [['Al Qaryatayn', 'Islamic State']]);
    assert.equal(sitrep(['export', '--db', db, '--format', 'acled-csv', '--control-at', '2017-03-20']).code, 2);
    assert.equal(sitrep(['export', '--db', db, '--format', 'xml']).code, 2);
  });
});

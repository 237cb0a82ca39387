import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fuse } from '../../src/consolidate/EventFuser.js';
import { addCopies, copyReports, latestReport, type CopyFigures } from '../../src/consolidate/FusedEventBuilder.js';
import { matchCopies } from '../../src/consolidate/CopyMatcher.js';
import type { FusedEvent, SourcedEvent } from '../../src/consolidate/types.js';
import { report, rules } from './fixtures.js';

/** A fused event's figures as its stored row holds them (no copies yet). */
const figuresOf = (e: FusedEvent): CopyFigures => ({
  fatalities: e.fatalities, fatalities_min: e.fatalities_min, fatalities_max: e.fatalities_max,
  fatalities_disagree: e.fatalities_disagree, reasons: e.reasons, n_fatality_reports: e.fatality_reports.length,
  fatality_latest: ((r) => (r ? { source: r.source, pubDate: r.pubDate } : null))(latestReport(e.fatality_reports)),
  n_sources: e.sources.length, n_stories: new Set(e.sources.map((s) => s.storyId)).size, n_copies: 0,
});
const added = (copies: SourcedEvent[]) => ({ count: copies.length, reports: copyReports(copies), newStories: new Set(copies.map((c) => c.storyId)).size });

test('copies added one by one give the record that adding them all at once gives, with min, best and max over every figure', () => {
  const [record] = fuse([], [
    report('p1', 0, '2017-03-08', { fatalities: 10, fatalities_min: 10, fatalities_text: '10' }),
    report('p2', 0, '2017-03-09', { lat: 34.61, lon: 43.67 }),
  ], rules).events;
  // 150 re-runs: figures 8..14, one of them published last with 40, some with no figure at all.
  const copies = Array.from({ length: 150 }, (_, i) => report(`c${String(i).padStart(3, '0')}`, 0, i === 77 ? '2017-03-30' : '2017-03-10',
    i % 10 === 3 ? {} : { fatalities: i === 77 ? 40 : 8 + (i % 7), fatalities_min: i === 77 ? 40 : 8 + (i % 7), fatalities_text: 'n' }));
  const once = addCopies(figuresOf(record!), added(copies));
  let stepwise = figuresOf(record!);
  for (const c of [...copies].reverse()) stepwise = addCopies(stepwise, added([c]));
  assert.deepEqual(stepwise, once);
  assert.deepEqual([once.fatalities_min, once.fatalities, once.fatalities_max, once.fatalities_disagree], [8, 40, 40, true]);
  assert.deepEqual([once.n_sources, once.n_stories, once.n_copies], [152, 152, 150]);
  assert.equal(once.n_fatality_reports, 1 + 135);
  assert.deepEqual(once.fatality_latest, { source: 'c077#0', pubDate: '2017-03-30' });
  assert.equal(once.reasons[0], 'fused 152 reports from 152 stories');
  assert.match(once.reasons[1]!, /^150 of them from near-duplicate stories/);
  assert.ok(once.reasons.some((r) => r.startsWith('p2#0 joins p1#0')), 'what the primary reports said is kept');
  assert.equal(once.reasons.at(-1), 'fatalities from 136 reports -> min 8, best 40 (latest report, c077#0), max 40; the sources disagree');
});

test('the reports of a near-duplicate story pair one to one with the original reports of their type', () => {
  const original = [
    report('orig', 0, '2017-03-08', { fatalities: 12, fatalities_min: 12 }),
    report('orig', 1, '2017-03-08', { location: 'Samarra', lat: 34.2, lon: 43.87 }),
    report('orig', 2, '2017-03-08', { event_type: 'Battles', sub_event_type: 'Armed clash', actor1: 'Military Forces of Iraq', actor2: 'Islamic State' }),
  ];
  const copy = [
    // Coded in another order, the Samarra date read two days off and a toll revised.
    report('copy', 0, '2017-03-08', { location: 'Samarra', lat: 34.2, lon: 43.87, date: '2017-03-10', date_earliest: '2017-03-10', date_latest: '2017-03-10' }),
    report('copy', 1, '2017-03-08', { fatalities: 14, fatalities_min: 14 }),
    // An event the original was not coded with: no partner of its type left.
    report('copy', 2, '2017-03-08', { event_type: 'Protests', sub_event_type: 'Peaceful protest', actor1: 'Protesters (Iraq)', actor2: null }),
  ];
  const pairs = matchCopies(copy, original, rules);
  assert.deepEqual([...pairs].map(([k, o]) => [k, `${o.storyId}#${o.index}`]).sort(), [['copy#0', 'orig#1'], ['copy#1', 'orig#0']]);
});

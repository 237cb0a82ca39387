import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { EventFuser, fuse } from '../../src/consolidate/EventFuser.js';
import type { SourcedEvent } from '../../src/consolidate/types.js';
import { report, rules } from './fixtures.js';

const fuseAll = (xs: SourcedEvent[]) => fuse([], xs, rules).events;

test('a first take, an update and a round-up of one bombing fuse into one event with every source', () => {
  const first = report('s1', 0, '2017-03-08', { fatalities: 7, fatalities_min: 7, fatalities_text: 'seven', evidence: 'A bomber killed seven people at a market in Tikrit.', sub_event_type: 'Remote explosive/landmine/IED', actor1: 'Unidentified armed group' });
  const update = report('s2', 2, '2017-03-09', { fatalities: 12, fatalities_min: 12, fatalities_text: 'at least 12', lat: 34.61, lon: 43.67 });
  const roundup = report('s3', 5, '2017-03-14', { location: 'Salah ad Din', lat: 34.5, lon: 43.5, geo_precision: 3, date: '2017-03-09', date_earliest: '2017-03-06', date_latest: '2017-03-12', time_precision: 2 });
  const out = fuse([], [roundup, update, first], rules);
  assert.equal(out.events.length, 1);
  const e = out.events[0]!;
  assert.deepEqual(e.sources.map((s) => `${s.storyId}#${s.index}`), ['s1#0', 's2#2', 's3#5']);
  assert.equal(e.id, 'ev:s1#0', 'id derives from the earliest-published source');
  assert.equal(e.sub_event_type, 'Suicide bomb', 'two of three sources say suicide bomb');
  assert.equal(e.actor1, 'Islamic State', 'the named actor wins over an unidentified one');
  assert.equal(e.location, 'Tikrit');
  assert.equal(e.geo_precision, 1);
  assert.equal(e.date, '2017-03-08');
  assert.equal(e.time_precision, 1);
  assert.equal(e.fatalities_min, 7);
  assert.equal(e.fatalities_max, 12);
  assert.equal(e.fatalities, 12, 'best is the latest report stating a figure');
  assert.equal(e.fatalities_disagree, true);
  assert.equal(e.fatality_reports.length, 2);
  assert.ok(e.reasons.some((r) => r.includes('s3#5 joins')), e.reasons.join('\n'));
  assert.ok(e.reasons.some((r) => r.includes('the sources disagree')));
  assert.deepEqual(out.changed, [e.id]);
});

test('a duplicate story (same event, different story id) fuses; the same story twice is idempotent', () => {
  const a = report('s1', 0, '2017-03-08', {});
  const dup = report('s1-copy', 0, '2017-03-08', {});
  const once = fuseAll([a, dup]);
  assert.equal(once.length, 1);
  assert.equal(once[0]!.sources.length, 2);
  const again = fuse(once, [a], rules);
  assert.deepEqual(again.events, once);
  assert.deepEqual(again.changed, []);
  assert.deepEqual(again.removed, []);
});

test('distinct events on the same day in different towns stay apart', () => {
  const tikrit = report('s1', 0, '2017-03-08', {});
  const samarra = report('s2', 0, '2017-03-08', { location: 'Samarra', lat: 34.2, lon: 43.87 });
  const baiji = report('s3', 0, '2017-03-08', { location: 'Baiji', lat: 34.93, lon: 43.49 });
  assert.equal(fuseAll([tikrit, samarra, baiji]).length, 3);
});

test('two villages 15 km apart at geo_precision 1 stay apart; spelling variants of one town fuse', () => {
  const a = report('s1', 0, '2017-03-08', { location: 'Village A', lat: 34.6, lon: 43.68 });
  const b = report('s2', 0, '2017-03-08', { location: 'Village B', lat: 34.6, lon: 43.84 });
  assert.equal(fuseAll([a, b]).length, 2);
  const c = report('s3', 0, '2017-03-08', { location: 'al-Bab', lat: 36.37, lon: 37.52, country: 'SY', admin1: 'Aleppo' });
  const d = report('s4', 0, '2017-03-08', { location: 'Al Bab', lat: 36.39, lon: 37.5, country: 'SY', admin1: 'Aleppo' });
  assert.equal(fuseAll([c, d]).length, 1);
});

test('a vague province-level report does not chain two towns into one event', () => {
  const tikrit = report('s1', 0, '2017-03-08', {});
  const samarra = report('s2', 0, '2017-03-08', { location: 'Samarra', lat: 34.2, lon: 43.87 });
  const vague = report('s3', 0, '2017-03-10', { location: 'Salah ad Din', geo_precision: 3, date_earliest: '2017-03-06', date_latest: '2017-03-10', date: '2017-03-08' });
  const out = fuseAll([vague, samarra, tikrit]);
  assert.equal(out.length, 2);
  assert.equal(out.find((e) => e.sources.length === 2)?.sources.some((s) => s.storyId === 's3'), true);
});

test('different types, incompatible sub-types, other actors, or disjoint dates do not fuse', () => {
  const base = report('s1', 0, '2017-03-08', {});
  const cases = [
    report('s2', 0, '2017-03-08', { event_type: 'Battles', sub_event_type: 'Armed clash' }),
    report('s3', 0, '2017-03-08', { sub_event_type: 'Air/drone strike' }),
    report('s4', 0, '2017-03-08', { actor1: 'Military Forces of Iraq' }),
    report('s5', 0, '2017-03-12', { date: '2017-03-10', date_earliest: '2017-03-10', date_latest: '2017-03-10' }),
  ];
  for (const c of cases) assert.equal(fuseAll([base, c]).length, 2, JSON.stringify(c.event));
});

test('two events coded from one story are never fused with each other', () => {
  assert.equal(fuseAll([report('s1', 0, '2017-03-08', {}), report('s1', 1, '2017-03-08', {})]).length, 2);
});

test('battle reports naming the sides in either order fuse', () => {
  const a = report('s1', 0, '2017-03-08', { event_type: 'Battles', sub_event_type: 'Armed clash', actor1: 'Military Forces of Iraq', actor2: 'Islamic State' });
  const b = report('s2', 0, '2017-03-08', { event_type: 'Battles', sub_event_type: 'Government regains territory', actor1: 'Islamic State', actor2: 'Military Forces of Iraq' });
  const out = fuseAll([a, b]);
  assert.equal(out.length, 1);
  assert.ok(out[0]!.reasons.some((r) => r.includes('sides swapped')));
});

test('a new precise report can regroup existing ones; ids that vanish are reported as removed', () => {
  // A and B were one event; C (exact town, earlier) links to B but its actor contradicts A's.
  const a = report('sA', 0, '2017-03-10', { location: 'North road', lat: 34.6, lon: 43.68, geo_precision: 2, actor1: 'Military Forces of Iraq' });
  const b = report('sB', 0, '2017-03-09', { location: 'Town S', lat: 34.3, lon: 43.68, geo_precision: 2, actor1: null });
  const step1 = fuse([], [a, b], rules);
  assert.deepEqual(step1.events.map((e) => e.id), ['ev:sB#0']);
  const c = report('sC', 0, '2017-03-08', { location: 'Town S', lat: 34.3, lon: 43.68, geo_precision: 1, actor1: 'Islamic State' });
  const step2 = fuse(step1.events, [c], rules);
  assert.deepEqual(step2.events.map((e) => e.sources.map((s) => s.storyId).join('+')), ['sA', 'sB+sC']);
  assert.deepEqual(step2.removed, ['ev:sB#0']);
  assert.deepEqual(step2.changed, ['ev:sA#0', 'ev:sC#0']);
});

test('a vaguely dated report joins one event but never chains two, and two such reports stay apart', () => {
  const season = { date: '2017-03-01', date_earliest: '2017-01-20', date_latest: '2017-04-30', time_precision: 3 as const };
  // Same town, two days: apart (single-day windows do not overlap).
  const monday = report('s1', 0, '2017-03-07', { date: '2017-03-06', date_earliest: '2017-03-06', date_latest: '2017-03-06' });
  const friday = report('s2', 0, '2017-03-11', { date: '2017-03-10', date_earliest: '2017-03-10', date_latest: '2017-03-10' });
  const vague1 = report('s3', 0, '2017-05-02', season);
  const vague2 = report('s4', 0, '2017-05-03', season);
  const out = fuseAll([vague1, monday, vague2, friday]);
  assert.equal(out.length, 2, out.map((e) => e.sources.map((s) => s.storyId).join('+')).join(', '));
  assert.ok(out.every((e) => e.sources.some((s) => s.storyId === 's1' || s.storyId === 's2')));
  const withLeaves = out.find((e) => e.sources.length > 1)!;
  assert.equal(withLeaves.date_earliest, withLeaves.date_latest, 'a leaf does not widen the anchored date');
  assert.deepEqual(fuseAll([vague1, vague2]).map((e) => e.sources.length), [1, 1]);
});

test('an EventFuser fed batch after batch gives what one fuse call gives, and reports what changed', () => {
  const a = report('s1', 0, '2017-03-08', {});
  const b = report('s2', 0, '2017-03-09', { fatalities: 3, fatalities_min: 3 });
  const c = report('s3', 0, '2017-03-08', { location: 'Samarra', lat: 34.2, lon: 43.87 });
  const fuser = new EventFuser(rules);
  assert.deepEqual(fuser.add([a]).changed.map((e) => e.id), ['ev:s1#0']);
  const step = fuser.add([b, c]);
  assert.deepEqual(step.changed.map((e) => e.id), ['ev:s1#0', 'ev:s3#0']);
  assert.deepEqual(step.removed, []);
  assert.deepEqual(fuser.events(), fuseAll([a, b, c]));
});

// --- property: order independence and incrementality --------------------------------------

const TOWNS = [
  { location: 'Town A', lat: 34.6, lon: 43.68 },
  { location: 'Town B', lat: 34.62, lon: 43.7 },
  { location: 'Town C', lat: 34.9, lon: 43.5 },
  { location: 'Town D', lat: 35.3, lon: 43.9 },
];
const DAYS = ['2017-03-07', '2017-03-08', '2017-03-09'];
const arbReport = fc.record({
  story: fc.integer({ min: 0, max: 7 }),
  town: fc.integer({ min: 0, max: TOWNS.length - 1 }),
  day: fc.integer({ min: 0, max: DAYS.length - 1 }),
  vague: fc.boolean(),
  // day, a few days, or a season (longer than ANCHOR_WINDOW_DAYS: a leaf)
  span: fc.constantFrom('day', 'days', 'season'),
  sub: fc.constantFrom('Suicide bomb', 'Remote explosive/landmine/IED', 'Air/drone strike'),
  actor: fc.constantFrom('Islamic State', 'Unidentified armed group', 'Military Forces of Iraq', null),
  killed: fc.option(fc.integer({ min: 0, max: 40 })),
  pub: fc.integer({ min: 0, max: 3 }),
});
const arbReports = fc.array(arbReport, { maxLength: 24 }).map((rs) =>
  rs.map((r, i) => report(`story${r.story}`, i, `2017-03-1${r.pub}`, {
    ...TOWNS[r.town]!,
    geo_precision: r.vague ? 3 : 1,
    location: r.vague ? 'Salah ad Din' : TOWNS[r.town]!.location,
    date: DAYS[r.day]!,
    date_earliest: r.span === 'day' ? DAYS[r.day]! : r.span === 'days' ? '2017-03-06' : '2017-01-20',
    date_latest: r.span === 'day' ? DAYS[r.day]! : r.span === 'days' ? '2017-03-10' : '2017-04-30',
    time_precision: r.span === 'day' ? 1 : r.span === 'days' ? 2 : 3,
    sub_event_type: r.sub,
    actor1: r.actor,
    fatalities: r.killed, fatalities_min: r.killed, fatalities_text: r.killed === null ? null : String(r.killed),
  })));

test('property: fusing in any order and in any batches gives the batch result', () => {
  fc.assert(
    fc.property(arbReports, fc.infiniteStream(fc.nat()), fc.array(fc.nat({ max: 24 }), { maxLength: 4 }), (reports, rnd, cuts) => {
      const batch = fuseAll(reports);
      const shuffled = [...reports];
      for (let i = shuffled.length - 1; i > 0; i--) {
        const j = rnd.next().value % (i + 1);
        [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
      }
      const bounds = [0, ...cuts.map((c) => Math.min(c, shuffled.length)).sort((a, b) => a - b), shuffled.length];
      let events: ReturnType<typeof fuseAll> = [];
      for (let k = 0; k + 1 < bounds.length; k++) events = fuse(events, shuffled.slice(bounds[k], bounds[k + 1]), rules).events;
      assert.deepEqual(events, batch);
      // Every report lands in exactly one fused event.
      assert.equal(batch.reduce((n, e) => n + e.sources.length, 0), reports.length);
    }),
    { numRuns: 150 },
  );
});

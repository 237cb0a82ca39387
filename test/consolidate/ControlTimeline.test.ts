import { test } from 'node:test';
import assert from 'node:assert/strict';
import { controlTimeline } from '../../src/consolidate/ControlTimelineBuilder.js';
import { controlAt, findPlaceTimelines } from '../../src/consolidate/ControlTimelineQuery.js';
import { renderControlTimeline } from '../../src/consolidate/ControlTimelineRenderer.js';
import { control } from './fixtures.js';

// A town that changed hands three times, told by several stories with vague and exact dates.
const history = [
  control('bg1', 0, '2016-03-28', { from_actor: 'Military Forces of Syria', to_actor: 'Islamic State', date: '2015-05-20', date_earliest: '2015-05-01', date_latest: '2015-05-31', time_precision: 3, background: true }),
  control('n1', 0, '2016-03-27', { place: 'Tadmur', lat: 34.55, lon: 38.27 }),
  control('n2', 1, '2016-03-28', { date: '2016-03-27', date_earliest: '2016-03-26', date_latest: '2016-03-27', time_precision: 2 }),
  control('n3', 0, '2016-12-12', { from_actor: 'Military Forces of Syria', to_actor: 'Islamic State', date: '2016-12-11', date_earliest: '2016-12-11', date_latest: '2016-12-11' }),
  // Another town the same day stays its own timeline.
  control('n4', 0, '2016-03-30', { place: 'al-Qaryatain', lat: 34.23, lon: 37.24, date: '2016-04-03', date_earliest: '2016-04-03', date_latest: '2016-04-03' }),
];

test('reports group by place (name or within 10 km) and fuse per change', () => {
  const tls = controlTimeline(history);
  assert.equal(tls.length, 2);
  const p = findPlaceTimelines(tls, 'tadmur')[0]!;
  assert.equal(p.place, 'Palmyra');
  assert.deepEqual(p.names, ['Palmyra', 'Tadmur']);
  assert.equal(p.transitions.length, 3);
  assert.deepEqual(p.transitions.map((t) => t.to_actor), ['Islamic State', 'Military Forces of Syria', 'Islamic State']);
  assert.equal(p.transitions[1]!.sources.length, 2);
  assert.equal(p.transitions[1]!.when.date, '2016-03-27');
  assert.deepEqual(p.conflicts, []);
  assert.equal(p.intervals.length, 4);
  assert.equal(p.intervals[1]!.uncertainStart, true, 'the May 2015 capture is only known to the month');
  assert.equal(p.intervals[1]!.uncertainEnd, false);
});

test('the timeline answers point-in-time questions', () => {
  const tls = controlTimeline(history);
  const at = (d: string) => controlAt(tls, d).find((s) => s.place === 'Palmyra');
  assert.equal(at('2015-01-01')?.holder, 'Military Forces of Syria');
  assert.equal(at('2015-01-01')?.since, null);
  assert.equal(at('2015-08-01')?.holder, 'Islamic State');
  assert.equal(at('2016-06-01')?.holder, 'Military Forces of Syria');
  assert.equal(at('2016-06-01')?.since, '2016-03-27');
  assert.equal(at('2017-01-10')?.holder, 'Islamic State');
  // Inside the vague May 2015 window the new holder is uncertain.
  const mid = at('2015-05-10')!;
  assert.equal(mid.holder, 'Islamic State');
  assert.ok(mid.confidence < at('2015-08-01')!.confidence / 2);
  assert.equal(controlAt(tls, '2016-04-10').find((s) => s.place === 'al-Qaryatain')?.holder, 'Military Forces of Syria');
});

test('conflicts are flagged: a from_actor that was not the holder, and disagreeing sources', () => {
  const tls = controlTimeline([
    control('a', 0, '2017-01-05', { place: 'Town X', lat: 36, lon: 40, from_actor: 'Islamic State', to_actor: 'Syrian Democratic Forces', date: '2017-01-04', date_earliest: '2017-01-04', date_latest: '2017-01-04' }),
    control('b', 0, '2017-01-05', { place: 'Town X', lat: 36, lon: 40, from_actor: 'Islamic State', to_actor: 'Syrian opposition rebels', date: '2017-01-04', date_earliest: '2017-01-03', date_latest: '2017-01-04', time_precision: 2 }),
    control('c', 0, '2017-02-05', { place: 'Town X', lat: 36, lon: 40, from_actor: 'Islamic State', to_actor: 'Military Forces of Syria', date: '2017-02-01', date_earliest: '2017-02-01', date_latest: '2017-02-01' }),
  ]);
  const c = tls[0]!.conflicts.join('\n');
  assert.match(c, /sources disagree on who took it/);
  assert.match(c, /reported taken from Islamic State, but the previous change .* gave it to/);
});

test('the rendering reads as a history', () => {
  const p = findPlaceTimelines(controlTimeline(history), 'Palmyra')[0]!;
  const text = renderControlTimeline(p, { explain: true });
  assert.match(text, /^Palmyra \(SY, 34\.56, 38\.28\) also Tadmur: 3 changes from 4 reports/);
  assert.match(text, /held by Military Forces of Syria until about May 2015/);
  assert.match(text, /held by Islamic State from about May 2015 to 27 March 2016/);
  assert.match(text, /held by Military Forces of Syria from 27 March 2016 to 11 December 2016 {2}\[2 reports\]/);
  assert.match(text, /held by Islamic State since 11 December 2016/);
  assert.match(text, /n1#0 2016-03-27 "Story n1": Government troops retook the town\./);
});

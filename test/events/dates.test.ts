import { test } from 'node:test';
import assert from 'node:assert/strict';
import { code } from './helpers.js';

// PUB is Friday 2019-05-10
test('a weekday dates the event', () => {
  const { events } = code(['Iraqi troops clashed with militants in Baiji on Tuesday.']);
  assert.equal(events[0]?.date, '2019-05-07');
  assert.equal(events[0]?.time_precision, 1);
  assert.equal(events[0]?.background, false);
});

test('history mentioned as context is background', () => {
  const { controlChanges } = code(['Islamic State captured Fallujah in 2014, before the army retook it.']);
  const c = controlChanges.find((x) => x.to_actor === 'Islamic State');
  assert.equal(c?.background, true);
});

test('no time words: the publication window, precision 2', () => {
  const { events } = code(['Iraqi troops clashed with militants in Baiji, officers said.', 'Twelve militants were killed.']);
  assert.equal(events[0]?.date, '2019-05-10');
  assert.equal(events[0]?.time_precision, 2);
  assert.ok(events[0]!.date_earliest! < '2019-05-10');
});

test('vague history is not coded as an event, though its change of control is kept', () => {
  const { events, controlChanges } = code(['The jihadists overran Fallujah in 2014 and have shelled Baiji since then.']);
  assert.deepEqual(events.map((e) => e.sub_event_type), []);
  assert.equal(controlChanges[0]?.background, true);
});

test('a specific past event with a day and a town is still coded as background', () => {
  const { events } = code(['The bombing resembled the Jan. 9 car bomb attack in Baiji that killed 14 people.']);
  const e = events.find((x) => x.location === 'Baiji');
  assert.equal(e?.background, true);
  assert.equal(e?.date, '2019-01-09');
});

// a publication date inferred within a fortnight: every weekday's window spans days
const UNCERTAIN = { date: '2019-05-10', earliest: '2019-05-03', latest: '2019-05-17', precision: 3 as const, basis: 'test', confidence: 0.5, given: false };

test('reports that each name a different day stay two events under an uncertain publication date', () => {
  const { events } = code([
    'The army launched an offensive against militants near Hama this week, a military source said.',
    'Troops were battling the militants near Hama on Friday.',
    'At least 20 militants were killed on Thursday near Hama, a monitor said.',
  ], UNCERTAIN);
  const clashes = events.filter((e) => e.event_type === 'Battles');
  assert.equal(clashes.length, 2);
  // the week-dated lead takes the day its restatement names; the toll keeps its own day
  assert.deepEqual(clashes.map((e) => [e.date, e.fatalities]).sort(), [['2019-05-09', 20], ['2019-05-10', null]]);
});

test('an undated restatement still merges into the report that names the day', () => {
  const { events } = code([
    'Troops were battling the militants near Hama on Friday.',
    'Troops battled the militants near Hama, a monitor said.',
  ], UNCERTAIN);
  assert.equal(events.filter((e) => e.event_type === 'Battles').length, 1);
});

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

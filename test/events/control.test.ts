import { test } from 'node:test';
import assert from 'node:assert/strict';
import { code } from './helpers.js';

test('X captured P: X gains P, the opponent loses it', () => {
  const { controlChanges, events } = code(['Iraqi forces recaptured Baiji from Islamic State on Sunday.']);
  assert.equal(controlChanges.length, 1);
  const c = controlChanges[0]!;
  assert.equal(c.place, 'Baiji');
  assert.equal(c.to_actor, 'Military Forces of Iraq');
  assert.equal(c.from_actor, 'Islamic State');
  assert.equal(events[0]?.sub_event_type, 'Government regains territory');
});

test('P fell to X', () => {
  const { controlChanges } = code(['Kobani fell to the militants on Thursday after days of fighting, Kurdish officials said.', 'Islamic State has held much of the region.']);
  assert.equal(controlChanges[0]?.place, 'Kobani');
  assert.equal(controlChanges[0]?.to_actor, 'Islamic State');
});

test('a non-state actor taking ground is coded as such', () => {
  const { events } = code(['Boko Haram fighters seized Maiduguri airport on Monday.']);
  assert.equal(events[0]?.sub_event_type, 'Non-state actor overtakes territory');
});

test('Y withdrew from P', () => {
  const { controlChanges } = code(['Islamic State withdrew from Fallujah on Friday, the army said.']);
  assert.equal(controlChanges[0]?.from_actor, 'Islamic State');
  assert.equal(controlChanges[0]?.to_actor, 'Military Forces of Iraq');
});

test('driven out of, passive: "were driven out of P by X"', () => {
  const { controlChanges } = code(['The militants were driven out of Baiji by Iraqi troops on Tuesday.']);
  assert.equal(controlChanges[0]?.to_actor, 'Military Forces of Iraq');
});

test('capturing a person is an arrest, not a change of control', () => {
  const { controlChanges, events } = code(['Kurdish officers said the fighter was captured near Kobani on Monday.']);
  assert.equal(controlChanges.length, 0);
  assert.equal(events[0]?.sub_event_type, 'Arrests');
});

test('cutting a road is a change of control of the road', () => {
  const { controlChanges } = code(['Iraqi troops cut the last main road between Baiji and Fallujah on Monday.']);
  assert.equal(controlChanges[0]?.to_actor, 'Military Forces of Iraq');
});

test('coordinated subjects: the first named acts; an apposition describes the name before it', () => {
  const a = code(['Iraqi troops and Shi’ite militias recaptured Baiji on Monday.']);
  assert.equal(a.controlChanges[0]?.to_actor, 'Military Forces of Iraq');
  const b = code(['Federal Police, an elite interior ministry division, recaptured Baiji on Monday.']);
  assert.equal(b.controlChanges[0]?.to_actor, 'Police Forces of Iraq');
});

test('an inferred new holder yields to the one a later sentence names for the same place', () => {
  const { controlChanges } = code(['A car bomb hit Hama on Friday, a day after Islamic State was driven from Kobani.',
    'Syrian rebels took full control of Kobani on Thursday, a monitor said.']);
  assert.deepEqual(controlChanges.filter((c) => c.place === 'Kobani').map((c) => c.to_actor), ['Syrian opposition rebels']);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { code, codeWith } from './helpers.js';

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
  const { controlChanges } = code(['Nigerian troops severed the only highway linking Maiduguri and Damaturu on Wednesday.']);
  assert.equal(controlChanges[0]?.to_actor, 'Military Forces of Nigeria');
});

test('coordinated subjects: the first named acts; an apposition describes the name before it', () => {
  const a = code(['Iraqi troops and Shi’ite militias recaptured Baiji on Monday.']);
  assert.equal(a.controlChanges[0]?.to_actor, 'Military Forces of Iraq');
  const b = code(['The Libyan National Army, an eastern army faction, captured Derna on Tuesday.']);
  assert.equal(b.controlChanges[0]?.to_actor, 'Libyan National Army');
});

test('an inferred new holder yields to the one a later sentence names for the same place', () => {
  const { controlChanges } = code(['A car bomb hit Hama on Friday, a day after Islamic State was driven from Kobani.',
    'Syrian rebels took full control of Kobani on Thursday, a monitor said.']);
  assert.deepEqual(controlChanges.filter((c) => c.place === 'Kobani').map((c) => c.to_actor), ['Syrian opposition rebels']);
});

test('a list of captured places: one change per place, sites placed at the town', () => {
  const { controlChanges, events } = code(['Iraqi troops retook the power station on Sunday, as well as the water plant and the hospital in Baiji.']);
  assert.deepEqual(controlChanges.map((c) => c.place), ['power station', 'water plant', 'hospital']);
  assert.ok(controlChanges.every((c) => c.lat === 34.93 && c.to_actor === 'Military Forces of Iraq'));
  assert.equal(events.length, 1, 'one battle event for the sentence');
  const b = code(['Kurdish-led fighters captured Kobani and Hama on Friday, a monitor said.']);
  assert.deepEqual(b.controlChanges.map((c) => c.place), ['Kobani', 'Hama']);
});

test('a comma after the place opens an apposition, not a list', () => {
  const { controlChanges } = code(['Boko Haram fighters seized the town of Maiduguri, now their largest stronghold, on Monday.']);
  assert.deepEqual(controlChanges.map((c) => c.place), ['Maiduguri']);
});

test('"the dam was retaken": a site named earlier in the story by a name holding the noun', () => {
  const article = ['Engineers are inspecting Kainji Dam.', 'Nigerian troops took back the dam on Sunday after a two-day battle.'];
  const { controlChanges } = codeWith(article, { 'Kainji Dam': { name: 'Kainji Dam', kind: 'site', country: 'NG', admin1: 'Niger', lat: 9.86, lon: 4.61 } });
  assert.equal(controlChanges[0]?.place, 'Kainji Dam');
  assert.equal(controlChanges[0]?.to_actor, 'Military Forces of Nigeria');
});

test('a relative clause on a site: "the bridge that X captured"', () => {
  const { controlChanges } = code(['In Baiji, engineers began repairing the old bridge that Iraqi troops captured on Monday.']);
  assert.equal(controlChanges[0]?.place, 'old bridge');
  assert.equal(controlChanges[0]?.to_actor, 'Military Forces of Iraq');
});

test('what was said is not a relative clause: "told reporters that X had taken control of P"', () => {
  const { controlChanges } = code(['Residents told reporters on Thursday that Boko Haram had taken control of Damaturu.']);
  assert.deepEqual(controlChanges.map((c) => [c.place, c.to_actor]), [['Damaturu', 'Boko Haram']]);
});

test('a road cut between two named places lies between them', () => {
  const { controlChanges } = code(['Nigerian soldiers on Monday severed a road between Maiduguri and Damaturu.']);
  assert.equal(controlChanges.length, 1);
  assert.ok(Math.abs(controlChanges[0]!.lat! - (11.85 + 11.75) / 2) < 1e-9);
});

test('vague ground is located by the place the clause names for it', () => {
  const { controlChanges } = code(['Syrian troops took over positions from the rebels west of Hama on Saturday.']);
  assert.deepEqual(controlChanges.map((c) => c.place), ['Hama']);
});

test('a later restatement of the same change (said a day later) is merged into the first', () => {
  const { controlChanges } = code(['Nigerian troops retook Damaturu on Thursday.',
    'An army spokesman said on Friday the troops had taken all of Damaturu and were searching homes.']);
  assert.deepEqual(controlChanges.map((c) => [c.place, c.date]), [['Damaturu', '2019-05-09']]);
});

test('a government building is a site, not an actor', () => {
  const { controlChanges } = code(['On Monday, Boko Haram gunmen overran the government building in Maiduguri.']);
  assert.deepEqual(controlChanges.map((c) => [c.place, c.from_actor, c.to_actor]), [['government building', 'Military Forces of Nigeria', 'Boko Haram']]);
});

test('"X are now in full control of P" reports a change of control, with X the new holder', () => {
  const { controlChanges } = code(['Boko Haram fighters raided Maiduguri last week.', 'Nigerian soldiers are now in full control of the airport in Maiduguri, a commander told reporters on Thursday.']);
  assert.deepEqual(controlChanges.map((c) => [c.place, c.to_actor, c.from_actor]), [['airport', 'Military Forces of Nigeria', 'Boko Haram']]);
});

test('history told twice with vaguer and sharper dates is one change of control', () => {
  const { controlChanges } = code(['Boko Haram captured Damaturu on Nov. 4, 2014.', 'Boko Haram fighters burned schools across the city when they overran Damaturu in 2014.']);
  assert.deepEqual(controlChanges.map((c) => [c.place, c.to_actor, c.date]), [['Damaturu', 'Boko Haram', '2014-11-04']]);
});

test('an aim still governs its object: "soldiers seeking to drive X out of P took back Q" is taken from X', () => {
  const { controlChanges } = code(['Nigerian soldiers seeking to drive Boko Haram out of Maiduguri took back the airport and the university on Thursday.']);
  assert.deepEqual(controlChanges.map((c) => [c.place, c.to_actor, c.from_actor]), [['airport', 'Military Forces of Nigeria', 'Boko Haram'], ['university', 'Military Forces of Nigeria', 'Boko Haram']]);
});

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
  const article = ['Engineers are repairing Fallujah Dam.', 'The dam was retaken by Iraqi troops on Sunday, officials said.'];
  const { controlChanges } = codeWith(article, { 'Fallujah Dam': { name: 'Fallujah Dam', kind: 'site', country: 'IQ', admin1: 'Anbar', lat: 33.4, lon: 43.7 } });
  assert.equal(controlChanges[0]?.place, 'Fallujah Dam');
  assert.equal(controlChanges[0]?.to_actor, 'Military Forces of Iraq');
});

test('a relative clause on a site: "the bridge that X captured"', () => {
  const { controlChanges } = code(['In Baiji, engineers began repairing the old bridge that Iraqi troops captured on Monday.']);
  assert.equal(controlChanges[0]?.place, 'old bridge');
  assert.equal(controlChanges[0]?.to_actor, 'Military Forces of Iraq');
});

test('what was said is not a relative clause: "said that rebels had taken P"', () => {
  const { controlChanges } = code(['The Turkish army said on Friday that Syrian rebels had taken full control of Kobani.']);
  assert.deepEqual(controlChanges.map((c) => [c.place, c.to_actor]), [['Kobani', 'Syrian opposition rebels']]);
});

test('a road cut between two named places lies between them', () => {
  const { controlChanges } = code(['Iraqi troops cut the main road between Baiji and Fallujah on Monday.']);
  assert.equal(controlChanges.length, 1);
  assert.ok(Math.abs(controlChanges[0]!.lat! - (34.93 + 33.35) / 2) < 1e-9);
});

test('vague ground is located by the place the clause names for it', () => {
  const { controlChanges } = code(['Syrian troops took over positions from the rebels west of Hama on Saturday.']);
  assert.deepEqual(controlChanges.map((c) => c.place), ['Hama']);
});

test('a later restatement of the same change (said a day later) is merged into the first', () => {
  const { controlChanges } = code(['Syrian rebels took full control of Kobani on Thursday.',
    'The Turkish army said on Friday that the rebels had taken all of Kobani and were clearing mines.']);
  assert.deepEqual(controlChanges.map((c) => [c.place, c.date]), [['Kobani', '2019-05-09']]);
});

test('a government building is a site, not an actor', () => {
  const { controlChanges } = code(['Islamic State fighters recaptured the main government building in Baiji on Monday.']);
  assert.deepEqual(controlChanges.map((c) => [c.place, c.from_actor, c.to_actor]), [['main government building', 'Military Forces of Iraq', 'Islamic State']]);
});

test('"X were now in control of P" reports a change of control, with X the new holder', () => {
  const { controlChanges } = code(['Islamic State fighters attacked Baiji last week.', 'Iraqi troops were now in control of the hospital in Baiji, an officer said on Monday.']);
  assert.deepEqual(controlChanges.map((c) => [c.place, c.to_actor, c.from_actor]), [['hospital', 'Military Forces of Iraq', 'Islamic State']]);
});

test('history told twice with vaguer and sharper dates is one change of control', () => {
  const { controlChanges } = code(['Islamic State captured Baiji on June 10, 2014.', 'The militants looted the bank when they took over Baiji in 2014.']);
  assert.deepEqual(controlChanges.map((c) => [c.place, c.to_actor, c.date]), [['Baiji', 'Islamic State', '2014-06-10']]);
});

test('an aim still governs its object: "forces fighting to drive IS from P recaptured Q" is taken from IS', () => {
  const { controlChanges } = code(['Iraqi troops fighting to drive Islamic State from Baiji on Monday recaptured the hospital and the power station.']);
  assert.deepEqual(controlChanges.map((c) => [c.place, c.to_actor, c.from_actor]), [['hospital', 'Military Forces of Iraq', 'Islamic State'], ['power station', 'Military Forces of Iraq', 'Islamic State']]);
});

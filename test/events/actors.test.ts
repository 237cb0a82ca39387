import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { loadActors } from '../../src/events/loadEventResources.js';
import { compileActorMatcher, extractActorMentions } from '../../src/events/ActorMentionExtractor.js';
import { resolveActor } from '../../src/events/ActorResolver.js';
import { code, codeWith } from './helpers.js';

const dict = loadActors();
const m = compileActorMatcher(dict);
const names = (s: string, country: string | null = null, main: string | null = 'Islamic State') =>
  extractActorMentions(s, 0, m).map((x) => resolveActor(x, { dict, mainNonState: main, focusCountry: null }, country));

test('aliases resolve to canonical names', () => {
  assert.deepEqual(names('Daesh fighters and ISIL gunmen'), ['Islamic State', 'Islamic State']);
  assert.deepEqual(names('The Nusra Front attacked the YPG.'), ['Hayat Tahrir al-Sham', 'Syrian Democratic Forces']);
});

test('units map to their parent force', () => {
  assert.deepEqual(names('CTS units and the Rapid Response division'), ['Military Forces of Iraq', 'Police Forces of Iraq']);
});

test('armies, police and governments of any country by demonym', () => {
  assert.deepEqual(names('Egyptian troops'), ['Military Forces of Egypt']);
  assert.deepEqual(names('Nigerian police'), ['Police Forces of Nigeria']);
  assert.deepEqual(names('Kenyan authorities'), ['Government of Kenya']);
  assert.deepEqual(names('U.S. forces'), ['Military Forces of the United States']);
  assert.deepEqual(names("Pakistan's army"), ['Military Forces of Pakistan']);
});

test('"U.S.-backed" and "Islamic State-held" are modifiers, not actors', () => {
  assert.deepEqual(names('U.S.-backed Iraqi forces entered the Islamic State-held town.'), ['Military Forces of Iraq']);
});

test('contextual words resolve from the story and the event country', () => {
  assert.deepEqual(names('the militants', 'SY', 'Boko Haram'), ['Boko Haram']);
  assert.deepEqual(names('troops shelled the village', 'SY'), ['Military Forces of Syria']);
  assert.deepEqual(names('civilians', 'NG'), ['Civilians (Nigeria)']);
  assert.deepEqual(names('gunmen', 'NG', null), ['Unidentified armed group']);
});

test('"the jihadists" corefer to the story\'s main non-state actor', () => {
  const { events } = code([
    'Boko Haram fighters stormed a market in Maiduguri on Tuesday.',
    'The jihadists killed 12 civilians in Maiduguri on Wednesday, residents said.',
  ]);
  const attack = events.find((e) => e.event_type === 'Violence against civilians');
  assert.equal(attack?.actor1, 'Boko Haram');
  assert.equal(attack?.actor2, 'Civilians (Nigeria)');
});

test('a user file adds actors; errors name the file and the entry', () => {
  const dir = mkdtempSync(join(tmpdir(), 'actors-'));
  const good = join(dir, 'good.json');
  writeFileSync(good, JSON.stringify({ actors: [{ name: 'Ansar Bait al-Maqdis', kind: 'nonstate', aliases: ['Ansar Bait al-Maqdis', 'ABM'] }] }));
  const user = compileActorMatcher(loadActors(good));
  assert.equal(extractActorMentions('ABM claimed it.', 0, user)[0]?.name, 'Ansar Bait al-Maqdis');
  const bad = join(dir, 'bad.json');
  writeFileSync(bad, JSON.stringify({ actors: [{ name: 'Nameless Front', kind: 'army', aliases: ['NF'] }] }));
  assert.throws(() => loadActors(bad), (e: Error) => e.message.includes('bad.json') && e.message.includes('Nameless Front') && e.message.includes('kind'));
  const broken = join(dir, 'broken.json');
  writeFileSync(broken, '{ "actors": [');
  assert.throws(() => loadActors(broken), /broken\.json: invalid data file \(malformed JSON/);
});

test('roles: the doer is not the object of an earlier verb ("X drove Y from P, and launched...")', () => {
  const { events } = code(['Iraqi troops drove Islamic State from Baiji in April, and on Monday launched an assault on Fallujah.']);
  const e = events.find((x) => x.sub_event_type === 'Armed clash');
  assert.equal(e?.actor1, 'Military Forces of Iraq');
});

test('roles: those who "lay dead" or "died" are victims', () => {
  const { events } = code(['Nine Islamic State militants lay dead in a street of Baiji on Monday, police said.']);
  assert.equal(events[0]?.actor1, 'Military Forces of Iraq');
  assert.equal(events[0]?.actor2, 'Islamic State');
});

test('roles: civilians are never the actor of a bombing', () => {
  const { events } = code(['Villagers were killed on Sunday by a roadside bomb near Baiji.']);
  assert.notEqual(events[0]?.actor1, 'Civilians (Iraq)');
  assert.equal(events[0]?.actor2, 'Civilians (Iraq)');
});

test('roles: bare "warplanes" after a named force belong to that force', () => {
  const { events } = code(['The Chadian army said six jets pounded Boko Haram camps near Maiduguri on Wednesday.']);
  assert.equal(events[0]?.actor1, 'Military Forces of Chad');
});

test('roles: the target of an air strike in a relative clause is not its actor', () => {
  const { events } = code(['Boko Haram still controls a forest near Maiduguri that jets bombed on Saturday.']);
  assert.equal(events[0]?.actor1, 'Military Forces of Nigeria');
});

test('speaker vs doer: a named force reporting a fight it names no side of fought it; a bare "police said" is a source', () => {
  const a = code(['The Turkish army said on Friday that 40 YPG fighters had been killed near Kobani in the last week.']);
  assert.equal(a.events[0]?.actor1, 'Military Forces of Turkey');
  assert.equal(a.events[0]?.actor2, 'Syrian Democratic Forces');
  const b = code(['Nine Islamic State militants lay dead in a street of Baiji on Monday, police said.']);
  assert.equal(b.events[0]?.actor1, 'Military Forces of Iraq');
});

test('a declaration is made by who declares it; a court acts for the state', () => {
  const a = code(['Washington said on Thursday it had found that Myanmar’s army committed genocide against the Rohingya.']);
  assert.equal(a.events[0]?.actor1, 'Government of the United States');
  const b = code(['A man from Baiji was sentenced to life in prison on Monday for helping Islamic State.']);
  assert.equal(b.events[0]?.actor1, 'Government of Iraq');
});

test('violence against civilians with no perpetrator named is the story group’s; a toll keeps its own actor when its host names none', () => {
  const { events } = code(['Boko Haram fighters attacked Maiduguri on Monday.', 'One man was beheaded on Monday in Maiduguri.']);
  const vac = events.find((e) => e.event_type === 'Violence against civilians');
  assert.equal(vac?.actor1, 'Boko Haram');
});

test('armed groups of other conflicts are named, regional al Qaeda branches apart from the core', () => {
  assert.deepEqual(names('AQAP fighters and al Qaeda in the Islamic Maghreb'), ['Al Qaeda in the Arabian Peninsula', 'Al Qaeda in the Islamic Maghreb']);
  assert.deepEqual(names('Abu Sayyaf gunmen freed a hostage taken by the Maute group.'), ['Abu Sayyaf', 'Maute Group']);
  assert.deepEqual(names('FARC guerrillas and the ELN'), ['FARC: Revolutionary Armed Forces of Colombia', 'ELN: National Liberation Army']);
  assert.deepEqual(names('M23 rebels attacked an ADF camp held by the Allied Democratic Forces'), ['M23: March 23 Movement', 'ADF: Allied Democratic Forces']);
  assert.deepEqual(names('Ansar Allah said the Haqqani network and al-Shabab'), ['Houthis', 'Haqqani Network', 'Al Shabaab']);
});

test('separatists resolve per country, like rebels', () => {
  assert.deepEqual(names('pro-Russian separatists shelled the town', 'UA', null), ["Donetsk People's Republic"]);
  assert.deepEqual(names('separatist fighters', 'MM', null), ['Rebel forces of Myanmar']);
});

test('fire "from rebel-held territory" is the fire of who holds that ground; a rebel-held target is not the shooter', () => {
  const MARIUPOL = { Mariupol: { name: 'Mariupol', kind: 'city' as const, country: 'UA', admin1: 'Donetsk', lat: 47.1, lon: 37.55 } };
  const from = codeWith(['Rockets fired from rebel-held territory hit a market in Mariupol on Saturday, killing 20 people.'], MARIUPOL).events[0];
  assert.equal(from?.actor1, "Donetsk People's Republic");
  const at = codeWith(['Rockets hit a market in the rebel-held city of Mariupol on Saturday, killing 20 people.'], MARIUPOL).events[0];
  assert.notEqual(at?.actor1, "Donetsk People's Republic");
});

test('"troops from Niger" are the forces of the country named after them', () => {
  const NIGER = { Niger: { name: 'Niger', kind: 'country' as const, country: 'NE', admin1: null, lat: 17.6, lon: 8.08 } };
  const e = codeWith(['Troops from Niger launched a ground offensive near Maiduguri on Sunday.'], NIGER).events[0];
  assert.equal(e?.actor1, 'Military Forces of Niger');
  // troops of the event's country when no country follows them
  assert.equal(code(['Troops launched a ground offensive near Maiduguri on Sunday.']).events[0]?.actor1, 'Military Forces of Nigeria');
});

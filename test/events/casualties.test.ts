import { test } from 'node:test';
import assert from 'node:assert/strict';
import { code, codeWith } from './helpers.js';
import { extractCasualtyCounts, parseQuantity } from '../../src/events/CasualtyCountExtractor.js';

const first = (s: string) => extractCasualtyCounts(s, 0)[0];

test('numbers and number words with qualifiers', () => {
  assert.deepEqual(parseQuantity('at least 32'), { best: 32, min: 32 });
  assert.deepEqual(parseQuantity('more than 50'), { best: 51, min: 51 });
  assert.deepEqual(parseQuantity('twenty-one'), { best: 21, min: 21 });
  assert.deepEqual(parseQuantity('1,200'), { best: 1200, min: 1200 });
});

test('vague quantities follow the annotation guide', () => {
  assert.equal(parseQuantity('dozens of')?.best, 24);
  assert.equal(parseQuantity('scores of')?.best, 40);
  assert.equal(parseQuantity('hundreds of')?.best, 200);
});

test('ranges take the lower bound', () => {
  assert.equal(first('Between them, 15 to 20 people were killed.')?.fatalities, 15);
});

test('subject and object patterns', () => {
  assert.equal(first('At least 7 policemen were killed in the ambush.')?.fatalities, 7);
  assert.equal(first('The blast killed more than 40 people.')?.min, 41);
  assert.equal(first('The raid left eight dead.')?.fatalities, 8);
  assert.equal(first('The corpses of three fighters lay by the road.')?.fatalities, 3);
});

test('killed is separated from wounded', () => {
  assert.equal(first('Nine people were wounded and two killed.')?.fatalities, 2);
  assert.equal(extractCasualtyCounts('Eleven people were wounded in the blast.', 0).length, 0);
});

test('lists are added up, "along with N others" counts the first one too', () => {
  assert.equal(first('By nightfall 20 attackers were dead, along with 6 soldiers and two civilians.')?.fatalities, 28);
  assert.equal(first('The governor was killed along with 9 others.')?.fatalities, 10);
});

test('a war total is marked as such', () => {
  assert.equal(first('More than 400,000 people have been killed in the civil war.')?.total, true);
  assert.equal(first('The conflict has killed 10,000 people since 2014.')?.total, true);
  assert.equal(first('Four soldiers were killed on Monday.')?.total, false);
});

test('a toll in its own sentence is the toll of the event it follows', () => {
  const { events } = code(['A suicide car bomb exploded at a checkpoint in Baiji on Monday.', 'Twelve people were killed on Monday, police said.']);
  assert.deepEqual(events.map((e) => [e.sub_event_type, e.fatalities]), [['Suicide bomb', 12]]);
});

test('"the blast" restates the event; "a second blast" is a new one', () => {
  const one = code(['A suicide bomber struck a market in Baiji on Sunday.', 'The blast on Sunday shattered windows across Baiji.']);
  assert.equal(one.events.length, 1);
  const two = code(['A suicide bomber struck a market in Baiji on Sunday.', 'A second blast on Sunday hit Baiji an hour later.']);
  assert.equal(two.events.length, 2);
});

test('soldiers killed by a mine: an explosive, not a clash', () => {
  const { events } = code(['Two soldiers were killed on Friday by a mine near Kobani.']);
  assert.equal(events[0]?.sub_event_type, 'Remote explosive/landmine/IED');
  assert.equal(events[0]?.fatalities, 2);
});

test('a source based somewhere does not place the event there', () => {
  const { events } = code(['Iraqi troops clashed with militants in Baiji on Sunday.', 'A car bomb killed 12 people on Monday, said a monitor based in Syria.']);
  const bomb = events.find((e) => e.sub_event_type === 'Suicide bomb');
  assert.equal(bomb?.location, 'Baiji');
});

test('"several" and relative clauses state a toll', () => {
  assert.equal(first('Several soldiers were killed when the convoy was hit.')?.fatalities, 3);
  assert.equal(first('Villagers buried a teenage boy who was killed by a stray shell.')?.fatalities, 1);
});

test('bodies found after a battle give their toll to the battle of that place', () => {
  const { events } = code(['Iraqi troops clashed with Islamic State militants in Baiji on Monday.', 'A reporter saw the bodies of five militants in a street of Baiji on Monday.']);
  assert.deepEqual(events.map((e) => [e.sub_event_type, e.location, e.fatalities]), [['Armed clash', 'Baiji', 5]]);
});

test('a toll of fighters goes to the fighting, not to an air strike the same day', () => {
  const { events } = code(['Russian air strikes hit Hama on Monday.', 'Syrian troops fought Islamic State militants in Hama on Monday.',
    'Twenty militants were killed on Monday in Hama, a monitor said.']);
  assert.equal(events.find((e) => e.sub_event_type === 'Armed clash')?.fatalities, 20);
  assert.equal(events.find((e) => e.sub_event_type === 'Air/drone strike')?.fatalities, null);
});

test('one person named by a singular noun is one death', () => {
  const { events } = code(['Gunmen killed the fourth member of a Christian family in Rafah on Sunday.']);
  assert.equal(events[0]?.fatalities, 1);
  const b = code(['A policeman was shot dead at a checkpoint in Rafah on Monday.']);
  assert.equal(b.events[0]?.fatalities, 1);
});

test('a toll belongs to the trigger nearest it, not to every event of the sentence', () => {
  const { events } = code(['Nigerian jets bombed Boko Haram camps near Maiduguri on Thursday, a day after a car bombing in Damaturu left 37 people dead.']);
  const strike = events.find((e) => e.sub_event_type === 'Air/drone strike');
  const bomb = events.find((e) => e.sub_event_type === 'Suicide bomb');
  assert.equal(strike?.fatalities, null);
  assert.equal(bomb?.fatalities, 37);
});

test('the count nearest the death word is the toll: "for one of the battalions, a colonel said six gunmen were killed" is six', () => {
  const { events } = code(['Speaking for one of the battalions, a colonel said six Boko Haram gunmen were killed near Maiduguri on Monday.']);
  assert.equal(events[0]?.fatalities, 6);
});

test('death verbs other than "kill" count one person ("was beheaded", "was gunned down")', () => {
  assert.equal(first('A village elder was beheaded by the insurgents.')?.fatalities, 1);
  assert.equal(first('One trader was gunned down outside the market.')?.fatalities, 1);
  assert.equal(extractCasualtyCounts('One trader was kidnapped outside the market.', 0).length, 0);
});

test('the day of a date and a year are not tolls; the noun before "that killed" is the killer', () => {
  assert.equal(first('Forensic experts linked the device to the Dec. 5 blast that killed 14 shoppers.')?.fatalities, 14);
  assert.equal(first('Police said the 2014 massacre killed 300 villagers.')?.fatalities, 300);
  assert.equal(first('On June 4 gunmen killed 6 farmers.')?.fatalities, 6);
  assert.equal(first('On June 4 6 farmers were killed.')?.fatalities, 6);
});

test('a count of the killed and wounded together is not a fatality count', () => {
  assert.equal(extractCasualtyCounts('Relief agencies estimate that about 1,200 civilians were killed and badly wounded during the five-month siege of Marawi.', 0).length, 0);
  assert.equal(extractCasualtyCounts('Twenty soldiers were killed or injured in the ambush.', 0).length, 0);
  // killed and wounded counted apart stay apart
  assert.equal(first('Four people were killed and 15 wounded in the blast.')?.fatalities, 4);
  assert.equal(first('Four people were killed and seriously wounded, he said, and 15 escaped.'), undefined);
});

test('"several hundred", "a few thousand"', () => {
  assert.equal(parseQuantity('several hundred')?.best, 300);
  assert.equal(first('A few thousand fighters were killed in the battle for the city on Monday.')?.fatalities, 3000);
});

const HAMA_DISTRICTS = {
  'Bab Qibli': { name: 'Bab Qibli', kind: 'district' as const, country: 'SY', admin1: 'Hama', lat: 35.13, lon: 36.76 },
  'al-Hader': { name: 'al-Hader', kind: 'district' as const, country: 'SY', admin1: 'Hama', lat: 35.14, lon: 36.74 },
};

test('a toll whose sentence names no place goes to the nearest event reported before it, and takes its place', () => {
  const { events } = codeWith([
    'Troops clashed with militants in the Bab Qibli district of Hama on Monday, the army said.',
    'Separately, police recaptured the al-Hader district from the militants on Monday.',
    'A reporter saw the bodies of three gunmen outside a mosque.',
  ], HAMA_DISTRICTS);
  const hader = events.find((e) => e.location === 'al-Hader' && e.event_type === 'Battles');
  assert.equal(hader?.fatalities, 3);
  assert.equal(events.find((e) => e.location === 'Bab Qibli')?.fatalities, null);
  // one event at al-Hader: the toll merged into the recapture, not a second report at the story's focus
  assert.equal(events.filter((e) => e.fatalities === 3).length, 1);
});

test('a toll with no place of its own does not travel to an event far from the story’s place', () => {
  const { events } = code([
    'Troops clashed with militants in Hama on Monday, the army said.',
    'Separately, police recaptured the town of Baiji from the militants on Monday.',
    'A reporter saw the bodies of three gunmen outside a mosque.',
  ]);
  assert.equal(events.find((e) => e.location === 'Baiji')?.fatalities, null);
});

test('a toll that names its own place goes to the event of that place, even an earlier one', () => {
  const { events } = code([
    'Troops clashed with militants in Hama on Monday, the army said.',
    'Separately, police recaptured the town of Baiji from the militants on Monday.',
    'Three gunmen were killed in Hama, a monitor said.',
  ]);
  assert.equal(events.find((e) => e.location === 'Hama')?.fatalities, 3);
  assert.equal(events.find((e) => e.location === 'Baiji')?.fatalities, null);
});

test('a toll of civilians is not given to a battle beside it; the battle keeps its own toll', () => {
  const { events } = code([
    'Security forces ended a siege of a hotel in Hama on Saturday after gunmen killed at least 20 people in an attack claimed by Islamic State.',
    'Troops stormed the hotel early on Saturday and killed three gunmen, the minister said.',
  ]);
  const attack = events.find((e) => e.event_type === 'Violence against civilians');
  assert.equal(attack?.fatalities, 20);
  assert.equal(attack?.actor1, 'Islamic State');
  assert.deepEqual(events.filter((e) => e.event_type === 'Battles').map((e) => e.fatalities), [3]);
});

test('"eight people, four of them attackers": mixed victims are not a civilian toll, so the fight beside it takes it', () => {
  const { events } = code([
    'The attack near a market in Hama on Thursday killed eight people, four of them attackers.',
    'Police exchanged fire with the gunmen in Hama for hours on Thursday.',
  ]);
  assert.equal(events.filter((e) => e.event_type === 'Violence against civilians').length, 0);
  assert.deepEqual(events.map((e) => [e.event_type, e.fatalities]), [['Battles', 8]]);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { code, codeWith, makeArticle, placesIn, PUB, stage } from './helpers.js';
import { noDebug } from '../../src/core/types.js';

const one = (p: string) => {
  const { events } = code([p]);
  assert.ok(events.length >= 1, `no event in: ${p}`);
  return events[0]!;
};

test('air strike: a demonym before the noun acts', () => {
  const e = one('Russian air strikes hit rebel positions in Hama on Thursday, a monitor said.');
  assert.equal(e.sub_event_type, 'Air/drone strike');
  assert.equal(e.actor1, 'Military Forces of Russia');
  assert.equal(e.location, 'Hama');
  assert.equal(e.geo_precision, 1);
});

test('suicide bomb with the actor in a by-phrase', () => {
  const e = one('A suicide car bomb claimed by Islamic State killed 9 people in Baiji on Monday.');
  assert.equal(e.event_type, 'Explosions/Remote violence');
  assert.equal(e.sub_event_type, 'Suicide bomb');
  assert.equal(e.actor1, 'Islamic State');
  assert.equal(e.fatalities, 9);
});

test('armed clash: subject acts on object', () => {
  const e = one('Egyptian troops clashed with Islamic State militants near Rafah on Tuesday.');
  assert.equal(e.event_type, 'Battles');
  assert.equal(e.sub_event_type, 'Armed clash');
  assert.equal(e.actor1, 'Military Forces of Egypt');
  assert.equal(e.actor2, 'Islamic State');
  assert.equal(e.geo_precision, 2, '"near Rafah" is near the place');
});

test('killing civilians is violence against civilians', () => {
  const e = one('Gunmen shot dead four civilians in Maiduguri on Sunday.');
  assert.equal(e.event_type, 'Violence against civilians');
  assert.equal(e.actor2, 'Civilians (Nigeria)');
});

test('passive voice swaps the roles', () => {
  const e = one('Five soldiers were ambushed by Boko Haram fighters outside Maiduguri on Friday.');
  assert.equal(e.actor1, 'Boko Haram');
  assert.equal(e.actor2, 'Military Forces of Nigeria');
});

test('arrests default to the police of the event country', () => {
  const e = one('Two men were arrested in Maiduguri on Monday on suspicion of planning attacks.');
  assert.equal(e.sub_event_type, 'Arrests');
  assert.equal(e.actor1, 'Police Forces of Nigeria');
});

test('shelling and property destruction', () => {
  assert.equal(one('Turkish artillery shelled Kobani on Saturday.').sub_event_type, 'Shelling/artillery/missile attack');
  assert.equal(one('The militants razed ancient shrines in Hama last week.').sub_event_type, 'Looting/property destruction');
});

test('evidence is the verbatim sentence and the span points at it', () => {
  const { article, events } = code(['Residents described the scene. Iraqi troops clashed with militants in Baiji on Tuesday.']);
  const e = events.find((x) => x.location === 'Baiji')!;
  assert.equal(e.evidence, 'Iraqi troops clashed with militants in Baiji on Tuesday.');
  assert.equal(article.text.slice(e.span.start, e.span.end), e.evidence);
  assert.ok(e.rule.startsWith('events.') && e.confidence > 0 && (e.reasons?.length ?? 0) > 0);
});

test('a restated event is merged within the story', () => {
  const { events } = code([
    'Iraqi troops clashed with Islamic State fighters in Baiji on Tuesday.',
    'The troops clashed with the militants in Baiji for hours, officers said.',
  ]);
  assert.equal(events.filter((e) => e.sub_event_type === 'Armed clash').length, 1);
});

test('on-topic score: conflict stories yes, a trade story no', () => {
  assert.equal(code(['Iraqi troops clashed with militants in Baiji on Tuesday, killing 12 fighters.']).onTopic, true);
  assert.equal(code(['The central bank held interest rates steady on Tuesday as inflation eased.']).onTopic, false);
});

test('a dateline city is where the reporter files from, not where the lead event happened', () => {
  const article = makeArticle(['HAMA, Syria (Reuters) - Turkish jets struck Kobani on Wednesday, a monitor said.']);
  const start = article.paragraphs[0]!.span.start;
  article.dateline = [{ text: 'HAMA', span: { start, end: start + 4 } }, { text: 'Syria', span: { start: start + 6, end: start + 11 } }];
  const toponyms = placesIn(article).concat({ ...placesIn(makeArticle(['Hama']))[0]!, text: 'HAMA', span: { start, end: start + 4 } });
  const { events } = stage({ article, pubDate: PUB, toponyms }, noDebug);
  assert.equal(events[0]?.location, 'Kobani');
});

test('a place name standing for its government is not the event place', () => {
  const e = one('Syria said its jets bombed militant positions in Kobani on Monday.');
  assert.equal(e.location, 'Kobani');
});

test('launching an offensive is a battle on the day it began', () => {
  const e = one('On Tuesday Nigerian troops began a ground offensive against Boko Haram camps around Maiduguri.');
  assert.equal(e.sub_event_type, 'Armed clash');
  assert.equal(e.actor1, 'Military Forces of Nigeria');
  assert.equal(e.date, '2019-05-07');
});

test('civilians near a battle are not its target', () => {
  const e = one('Some 40,000 people lived in Baiji when the offensive started there on Tuesday.');
  assert.equal(e.event_type, 'Battles');
});

test('a verdict with no town in its sentence is placed at the dateline city', () => {
  const article = makeArticle(['HAMA (Reuters) - Two men were sentenced to ten years in prison on Monday for joining militants in Iraq.']);
  const start = article.paragraphs[0]!.span.start;
  article.dateline = [{ text: 'HAMA', span: { start, end: start + 4 } }];
  const toponyms = placesIn(article).concat({ ...placesIn(makeArticle(['Hama']))[0]!, text: 'HAMA', span: { start, end: start + 4 } });
  const { events } = stage({ article, pubDate: PUB, toponyms }, noDebug);
  assert.equal(events.find((e) => e.event_type === 'Strategic developments')?.location, 'Hama');
});

test('the fire a unit battled is part of the battle, not a shelling of its own', () => {
  const { events } = code(['Nigerian soldiers fought their way through Maiduguri on Thursday under sniper and rocket fire.']);
  assert.deepEqual(events.map((e) => e.sub_event_type), ['Armed clash']);
});

test('strategic developments: prisoner releases, deployments (the unit that arrives acts), claims, car bombs stopped', () => {
  const a = code(['Islamic State freed dozens of prisoners from a jail in Baiji on Friday, residents said.']);
  assert.equal(a.events[0]?.sub_event_type, 'Other');
  const b = code(['The offensive was boosted on Monday by the arrival of U.S. Marines near Hama.']);
  assert.deepEqual(b.events.map((e) => [e.sub_event_type, e.actor1]), [['Other', 'Military Forces of the United States']]);
  const c = code(['A truck bomb was destroyed at an army checkpoint outside Rafah on Thursday before its driver could set it off.']);
  assert.deepEqual(c.events.map((e) => [e.sub_event_type, e.actor1]), [['Disrupted weapons use', 'Military Forces of Egypt']]);
});

test('launching an attack is an armed clash dated by its own clause', () => {
  const { events } = code(['Nigerian troops recaptured Damaturu in March, and on May 2 they launched an assault on Maiduguri.']);
  const launch = events.find((e) => e.sub_event_type === 'Armed clash');
  assert.equal(launch?.date, '2019-05-02');
});

test('fire at a side is a clash; "began to fire" is reported, not an aim; fire with a named weapon is that weapon', () => {
  const clash = code(['Shortly after dusk on Thursday, Boko Haram fighters began to fire on an army barracks in Maiduguri.']).events;
  assert.deepEqual(clash.map((e) => e.sub_event_type), ['Armed clash']);
  const shelled = code(['On Tuesday the militants fired at the army with mortars near Hama.']).events;
  assert.deepEqual(shelled.map((e) => e.sub_event_type), ['Shelling/artillery/missile attack']);
  // a plan to fire stays uncoded; "fired on Monday" names a day, not a target
  assert.equal(code(['The militants plan to fire at the army in Hama.']).events.length, 0);
  assert.equal(code(['The governor of Hama was fired on Monday by the president.']).events.length, 0);
});

test('a town named before an attack noun is its place, not its actor ("a Kyiv car bombing")', () => {
  // "Kyiv" is also a name the actor dictionary reads as Ukraine's government ("Kyiv said")
  const { events } = codeWith(['Detectives stormed a Kharkiv warehouse on Friday because a Kyiv car bombing had left 30 people dead.'],
    { Kyiv: { name: 'Kyiv', kind: 'city', country: 'UA', admin1: 'Kyiv', lat: 50.45, lon: 30.52 }, Kharkiv: { name: 'Kharkiv', kind: 'city', country: 'UA', admin1: 'Kharkiv', lat: 49.99, lon: 36.23 } });
  const bomb = events.find((e) => e.event_type === 'Explosions/Remote violence' && e.sub_event_type !== 'Air/drone strike');
  assert.equal(bomb?.location, 'Kyiv');
  assert.equal(bomb?.fatalities, 30);
  assert.ok(!bomb?.actor1?.includes('Ukraine'), String(bomb?.actor1));
  // a demonym before the noun still names the forces that act
  const strike = code(['Russian air strikes hit Hama on Monday.']).events[0];
  assert.equal(strike?.actor1, 'Military Forces of Russia');
});

test('a general attack noun in a sentence about explosives is a bombing; without explosives it stays a clash', () => {
  const bomb = code(['Investigators found traces of explosives in the wreckage left by the Jan. 21 attack on an army post in Maiduguri, which killed 19 soldiers.']).events;
  assert.deepEqual(bomb.map((e) => [e.event_type, e.fatalities]), [['Explosions/Remote violence', 19]]);
  const clash = code(['Investigators said gunmen on motorbikes carried out the Jan. 21 attack on an army post in Maiduguri, which killed 19 soldiers.']).events;
  assert.deepEqual(clash.map((e) => e.event_type), ['Battles']);
  // a dated strike in a relative clause is still reported
  assert.equal(code(['The hospital in Baiji, which was hit by air strikes on Monday, has closed.']).events.filter((e) => e.sub_event_type === 'Air/drone strike').length, 1);
});

test('a weak noun that is the subject of its own killing verb after "after" is reported, not a circumstance', () => {
  const { events } = code(['The army launched a new offensive on Monday, hours after bombings blamed on Boko Haram killed 31 people in Maiduguri.']);
  const bomb = events.find((e) => e.event_type === 'Explosions/Remote violence');
  assert.equal(bomb?.fatalities, 31);
  assert.equal(bomb?.location, 'Maiduguri');
  // "blamed on X" names who set the bombs off; the by-phrase of another clause is not the offensive's
  assert.equal(bomb?.actor1, 'Boko Haram');
  assert.equal(events.find((e) => e.event_type === 'Battles')?.actor1, 'Military Forces of Nigeria');
  // a bare circumstance stays uncoded
  assert.equal(code(['Troops captured Baiji on Monday after weeks of fighting.']).events.filter((e) => e.sub_event_type === 'Armed clash').length, 0);
});

test('a by-phrase of a participle after the object is not the agent ("stormed a base used by Iraqi troops")', () => {
  const { events } = code(['Islamic State fighters stormed a base used by Iraqi troops near Baiji on Friday.']);
  assert.equal(events[0]?.actor1, 'Islamic State');
  // a real passive keeps its by-phrase agent
  assert.equal(code(['The base near Baiji was stormed by Islamic State fighters on Friday.']).events[0]?.actor1, 'Islamic State');
});

test('"a shell fired/landed" is shelling; an undated past perfect describing victims is not a strike', () => {
  const shell = code(['A soldier was killed on Friday by a shell fired into Rafah from across the border.']).events;
  assert.deepEqual(shell.map((e) => [e.sub_event_type, e.fatalities]), [['Shelling/artillery/missile attack', 1]]);
  assert.equal(code(['Protesters in Baiji carried pictures of children they said had been killed in air strikes.']).events.length, 0);
  assert.equal(code(['Shell, the oil company, said its staff had left Baiji.']).events.length, 0);
});

test('a present perfect with a toll or a day is still an event; "forces have now deployed" is an act', () => {
  assert.equal(code(['Two soldiers have been killed in Hama, the army said.']).events[0]?.fatalities, 2);
  assert.equal(code(['Villages near Hama have been shelled by the army since Monday.']).events.length, 1);
  assert.equal(code(['Egyptian troops have now deployed to Rafah on Monday, officials said.']).events.length, 1);
});

test('"air strikes inside Libyan territory" are placed in that country, before a town named further on', () => {
  const story = (s: string) => code([s, 'Libya has had rival governments since 2014.']).events.find((e) => e.sub_event_type === 'Air/drone strike');
  assert.equal(story('On Thursday two Egyptian fighter jets carried out air strikes inside Libyan territory to avenge the killing of 21 workers near Rafah.')?.location, 'Libya');
  // a strike on Libyan militias names no territory: the town of the sentence stays its place
  assert.equal(story('On Thursday Egyptian pilots flew an air strike on Libyan militias near Derna.')?.location, 'Derna');
  // support listed after "help from the U.S. Air Force in the form of ..." is no strike of its own, past the abbreviation's periods
  assert.equal(code(['Soldiers pushing toward Maiduguri get help from the U.S. Air Force in the form of drone strikes.']).events.length, 0);
});

test('a weapon struck by an attack is its target; an arrested member is not who arrests', () => {
  const hit = code(['Two truck bombs were struck by a drone strike outside Rafah on Thursday, the Egyptian army said.']).events;
  assert.deepEqual(hit.map((e) => e.sub_event_type), ['Air/drone strike']);
  const arrest = code(['The army said on Thursday that two commanders of Boko Haram were captured outside Maiduguri.']).events[0];
  assert.equal(arrest?.sub_event_type, 'Arrests');
  assert.equal(arrest?.actor1, 'Police Forces of Nigeria');
  assert.equal(arrest?.actor2, 'Boko Haram');
  // helicopters named a few words before their strafing still strike
  assert.equal(code(['Egyptian gunship helicopters swooped down strafing militant hideouts near Rafah on Thursday.']).events[0]?.sub_event_type, 'Air/drone strike');
});

test('"in Thursday’s attack" restates the story’s event of that day, whatever town the sentence names', () => {
  const bombing = 'A suicide bomber killed 12 people at a bus station in Maiduguri on Thursday, police said.';
  const told = code([bombing, 'A nurse from Damaturu was among those who died in Thursday’s attack, her family said.']).events;
  assert.deepEqual(told.map((e) => e.location), ['Maiduguri']);
  // an attack with a toll of its own elsewhere is another event
  const other = code([bombing, 'On Thursday an attack on a checkpoint in Damaturu killed two soldiers.']).events;
  assert.deepEqual(other.map((e) => e.location).sort(), ['Damaturu', 'Maiduguri']);
});

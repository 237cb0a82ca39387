import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Article, Toponym } from '../../src/core/types.js';
import { noDebug } from '../../src/core/types.js';
import { distanceKm } from '../../src/places/Gazetteer.js';
import { loadNormalisationTable, loadPlaceLexicon } from '../../src/places/GazetteerLoader.js';
import { createGeoparser, focusPlace, toponymsIn } from '../../src/places/Geoparser.js';
import { fixtureGazetteer } from './fixtures/gazetteer.js';

const geo = createGeoparser(fixtureGazetteer(), loadNormalisationTable(), loadPlaceLexicon());

/** An article whose first line may be a dateline "PLACE, Country (Reuters) -". */
function article(text: string): Article {
  const dateline = [];
  const m = /^([A-Z][A-Z ]+)(?:, ([A-Z][a-z]+))? \(Reuters\)/.exec(text);
  if (m) {
    dateline.push({ text: m[1]!, span: { start: 0, end: m[1]!.length } });
    if (m[2]) dateline.push({ text: m[2], span: { start: m[1]!.length + 2, end: m[1]!.length + 2 + m[2].length } });
  }
  return { id: 'a', file: 't', n: 1, offset: 0, text, headline: null, captions: [], byline: null, dateline, paragraphs: [], credits: null, given: {} };
}
const parse = (text: string) => geo.parse(article(text), noDebug);
const texts = (ts: Toponym[]) => ts.map((t) => t.text);
const find = (ts: Toponym[], text: string) => {
  const t = ts.find((x) => x.text === text);
  assert.ok(t, `no toponym "${text}" in ${JSON.stringify(texts(ts))}`);
  return t;
};

test('romanisations resolve to one place', () => {
  for (const name of ['Deir al-Zor', 'Dayr az Zawr', 'Raqqa', 'Ar Raqqah', 'Hasaka', 'Tal Afar', 'Baghouz', 'Tadmur', 'Palmyra']) {
    const r = geo.resolve(name, { country: 'SY' });
    assert.ok(r, name);
  }
  assert.equal(geo.resolve('Dayr az Zawr')?.country, 'SY');
  assert.equal(geo.resolve('Tal Afar')?.country, 'IQ');
  assert.equal(geo.resolve('Nowhere Town'), null);
});

test('context decides ambiguous names', () => {
  const sy = parse('BEIRUT (Reuters) - Syrian troops entered Palmyra on Sunday after heavy fighting near Damascus.');
  assert.equal(find(sy, 'Palmyra').country, 'SY');
  const be = parse('BRUSSELS (Reuters) - Police raided a flat in the district of Forest, south of the Belgian capital.');
  assert.equal(find(be, 'Forest').country, 'BE');
  const us = parse('A man from Alexandria, Virginia was charged on Tuesday.');
  assert.equal(find(us, 'Alexandria').country, 'US');
  const eg = parse('Egyptian police arrested three men in Alexandria.');
  assert.equal(find(eg, 'Alexandria').country, 'EG');
});

test('a capital wins over same-named towns', () => {
  const t = parse('Officials in Washington said the talks would resume.');
  const w = find(t, 'Washington');
  assert.equal(w.country, 'US');
  assert.ok(distanceKm(w.lat!, w.lon!, 38.9, -77.04) < 20);
});

test('demonyms are evidence, not toponyms; modifiers are not toponyms', () => {
  const t = parse('Iraqi forces and U.S.-backed fighters advanced on Tal Afar.');
  assert.deepEqual(texts(t), ['Tal Afar']);
  assert.equal(t[0]!.country, 'IQ');
  // an abbreviated country before a noun is an adjective; as a noun it is a toponym
  assert.deepEqual(texts(parse('The U.S. military said it struck targets.')), []);
  assert.equal(find(parse('Officials said the U.S. will send more troops.'), 'U.S.').country, 'US');
  assert.deepEqual(texts(parse('IS fighters and U.N. officials met.')), []);
});

test('organisation names, person titles and stop-words are not places', () => {
  assert.deepEqual(texts(parse('The Mosul Eye blog and the Washington Post reported it.')), []);
  assert.deepEqual(texts(parse('President Jackson met Mr. Mobile yesterday.')), []);
  assert.deepEqual(texts(parse('He said the Man of the year award went to a medic.')), []);
});

test('cues: provinces, rivers, unknown villages', () => {
  const t = parse('MOSUL, Iraq (Reuters) - Fighting spread across Nineveh province and to the village of Khirbat Saleh near Mosul.');
  const nin = find(t, 'Nineveh province');
  assert.equal(nin.kind, 'admin1');
  const v = find(t, 'Khirbat Saleh');
  assert.equal(v.kind, 'village');
  // "near Mosul" states where the unknown village is
  assert.equal(v.rule, 'places.relation');
  assert.ok(v.confidence < 0.5);
  assert.ok(distanceKm(v.lat!, v.lon!, 36.34, 43.13) < 20, 'placed at Mosul');
  const r = parse('BEIRUT (Reuters) - Fighters crossed the Euphrates river north of Raqqa.');
  const eu = find(r, 'Euphrates river');
  assert.equal(eu.kind, 'river');
  assert.ok(distanceKm(eu.lat!, eu.lon!, 35.95, 39.0) < 50, 'nearest course point to the focus');
});

test('compass regions are computed from the country', () => {
  const t = parse('Air strikes hit targets in northern Iraq and western Iraq.');
  const n = find(t, 'northern Iraq');
  const w = find(t, 'western Iraq');
  assert.equal(n.kind, 'region');
  assert.ok(n.lat! > w.lat!, 'north lies north of west here');
  assert.ok(w.lon! < n.lon!, 'west lies west');
});

test('one toponym per mention span, with reasons; one bad name drops nothing', () => {
  const t = parse('MOSUL, Iraq (Reuters) - Troops in Mosul pushed west. Zzyzx Qwerty was quiet. Mosul police said so.');
  const mosul = t.filter((x) => x.name === 'Mosul');
  assert.ok(mosul.length >= 2);
  assert.ok(mosul.every((x) => (x.reasons ?? []).length > 0 && x.confidence > 0 && x.confidence <= 1));
  assert.equal(new Set(t.map((x) => x.span.start)).size, t.length);
});

test('focus place and toponyms by sentence', () => {
  const a = article('BAGHDAD (Reuters) - Iraqi forces advanced in Mosul. Officials in Basra said little.');
  const t = geo.parse(a, noDebug);
  assert.equal(focusPlace(a, t)?.name, 'Baghdad');
  const s2 = a.text.indexOf('Officials');
  assert.deepEqual(toponymsIn({ start: s2, end: a.text.length }, t).map((x) => x.text), ['Basra']);
});

test('span convention: unit nouns join the name, descriptive nouns do not', () => {
  const t = parse('MOSUL, Iraq (Reuters) - Raids in Anbar province, the Tal Afar district and Nineveh Governorate went on.');
  assert.ok(texts(t).includes('Anbar province'));
  assert.ok(texts(t).includes('Tal Afar'), JSON.stringify(texts(t)));
  assert.ok(texts(t).includes('Nineveh Governorate'));
});

test('a plural cue after a list makes every item a place', () => {
  const t = parse('MOSUL, Iraq (Reuters) - Troops in Mosul retook the Zanjili, Harmat and Yarimja districts.');
  for (const n of ['Zanjili', 'Harmat', 'Yarimja']) {
    const x = find(t, n);
    assert.equal(x.kind, 'district');
    assert.equal(x.country, 'IQ');
  }
  // "Western" is a stop-word a plural cue does not vouch for
  assert.deepEqual(texts(parse('BEIRUT (Reuters) - Western states criticised Damascus.')), ['BEIRUT', 'Damascus']);
});

test('misspellings of well-known places match when the story country agrees', () => {
  const sy = parse('BEIRUT (Reuters) - Syrian troops advanced east of Damscus on Sunday.');
  assert.equal(find(sy, 'Damscus').name, 'Damascus');
  assert.equal(find(sy, 'Damscus').rule, 'places.fuzzy');
  // no Syrian context: a one-edit word is not taken for a place
  assert.deepEqual(texts(parse('Troops advanced east of Damscus on Sunday.')), []);
});

test('sentence words are not parts of names; X-based names a place', () => {
  assert.deepEqual(texts(parse('In Iraq, troops advanced.')), ['Iraq']);
  assert.deepEqual(texts(parse('The Turkish premier said on Monday Baghdad was not consulted.')), ['Baghdad']);
  assert.deepEqual(texts(parse('Their last major Iraq stronghold fell.')), ['Iraq']);
  assert.deepEqual(texts(parse('A Baghdad-based commander and a U.S.-led coalition spoke.')), ['Baghdad']);
});

test('headline places are context, not toponyms', () => {
  const text = 'Fighting rages near Mosul\n\nTroops in Baghdad advanced on the city.';
  const a = { ...article(text), headline: { text: 'Fighting rages near Mosul', span: { start: 0, end: 25 } } };
  assert.deepEqual(geo.parse(a, noDebug).map((x) => x.text), ['Baghdad']);
});

test('second-level divisions from the admin2 table, placed at their places', () => {
  const t = parse('Deputies in Laurel County, Kentucky arrested two men.');
  const c = find(t, 'Laurel County');
  assert.equal(c.kind, 'district');
  assert.equal(c.country, 'US');
  assert.ok(distanceKm(c.lat!, c.lon!, 37.13, -84.08) < 5);
});

test('people named like towns, contractions and sentence words are not places', () => {
  // Palmyra, Pennsylvania is a small town: after "Dan Palmyra" the bare surname is the man
  assert.deepEqual(texts(parse('Officials met Dan Palmyra. Later Palmyra left, said Palmyra.')), []);
  assert.deepEqual(texts(parse('We’re told it is fine. Now it rains.')), []);
});

test('postal abbreviations after "<place>, " name the division and place the town', () => {
  const t = parse('A man from Jackson, Miss. was charged; another lives in Alexandria, Va.');
  assert.equal(find(t, 'Miss.').name, 'Mississippi');
  assert.equal(find(t, 'Va.').name, 'Virginia');
  assert.equal(find(t, 'Alexandria').country, 'US');
  assert.deepEqual(texts(parse('Miss. Smith and Va. met.')), []);
});

test('a bureau dateline yields to the country the body is about', () => {
  const t = parse('BEIRUT (Reuters) - Syrian troops took the desert town of Sukhnah on Sunday, on the road from Palmyra to Deir ez-Zor, a Syrian monitor said.');
  assert.equal(find(t, 'Sukhnah').country, 'SY');
  assert.equal(find(t, 'BEIRUT').country, 'LB');
});

test('a stated relation keeps a place near its anchor', () => {
  const t = parse('BEIRUT (Reuters) - Jets struck the village of Hamra east of Raqqa on Monday.');
  const h = find(t, 'Hamra');
  assert.equal(h.country, 'SY');
  assert.ok(distanceKm(h.lat!, h.lon!, 35.95, 39.01) < 100, 'within 100 km of Raqqa');
});

test('the dateline country holds the dateline places; a variant far from the story is not taken', () => {
  const text = 'MOKA/ADEN, Yemen (Reuters) - Air strikes hit a compound in Aden on Friday.';
  const dateline = [[0, 4], [5, 9], [11, 16]].map(([start, end]) => ({ text: text.slice(start, end), span: { start: start!, end: end! } }));
  const t = geo.parse({ ...article(text), dateline }, noDebug);
  assert.ok(!t.some((x) => x.country === 'DO'), JSON.stringify(texts(t)));
  assert.equal(find(t, 'ADEN').country, 'YE');
});

test('organisation names and their plurals are never places', () => {
  const t = parse('ADEN, Yemen (Reuters) - Houthi fighters shelled Aden, and the Houthis said Al Qaeda in the Arabian Peninsula was to blame.');
  assert.deepEqual(texts(t).filter((x) => /Houthi|Qaeda|Arabian/.test(x)), []);
  assert.equal(find(t, 'Aden').country, 'YE');
});

test('a name and a facility noun is a site; a street is in the story\'s town', () => {
  const t = parse('MOSUL, Iraq (Reuters) - A bomb hit the Monday Market in Mosul, and snipers held the Assyria Hotel near Mosul Road.');
  const market = find(t, 'Monday Market');
  assert.equal(market.kind, 'site');
  assert.equal(market.country, 'IQ');
  assert.equal(find(t, 'Assyria Hotel').kind, 'site');
  const road = find(t, 'Mosul Road');
  assert.ok(distanceKm(road.lat!, road.lon!, 36.34, 43.12) < 20);
});

test('one sense per story: a recurring name follows its surest mention unless a cue says otherwise', () => {
  const ts = parse('RAQQA, Syria (Reuters) - Jets struck the main market of Raqqa on Monday. Fighting spread across Raqqa province.');
  const mentions = ts.filter((t) => t.text === 'RAQQA' || t.text === 'Raqqa');
  assert.equal(mentions.length, 2);
  assert.ok(mentions.every((t) => t.kind === 'city'), JSON.stringify(mentions.map((t) => [t.text, t.kind])));
  assert.equal(find(ts, 'Raqqa province').kind, 'admin1');
});

test('the dot of an abbreviated name head ("St.", "Mt.") does not end the name', () => {
  const ts = parse('Floodwater reached St. Louis on Monday. Officials in St Louis said roads were closed.');
  assert.deepEqual(texts(ts), ['St. Louis', 'St Louis']);
  for (const t of ts) assert.equal(t.name, 'St. Louis');
  // a sentence's full stop still ends a name: "Mosul. Aleppo" is two places
  assert.deepEqual(texts(parse('Troops left Mosul. Aleppo was quiet.')), ['Mosul', 'Aleppo']);
});

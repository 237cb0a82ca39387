import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PubDate } from '../../src/core/types.js';
import { findTimeMentions, timexValue } from '../../src/time/TimeExpressionExtractor.js';

// Friday 18 March 2016, known to the day
const pub: PubDate = { date: '2016-03-18', earliest: '2016-03-18', latest: '2016-03-18', precision: 1, basis: 'test', confidence: 1, given: true };
const one = (text: string, anchor = pub) => {
  const ms = findTimeMentions(text, 0, anchor);
  assert.equal(ms.length, 1, `one mention in ${JSON.stringify(text)}: ${JSON.stringify(ms.map((m) => m.text))}`);
  return ms[0]!;
};
const win = (text: string, anchor = pub) => { const m = one(text, anchor); return [m.date, m.earliest, m.latest, m.precision]; };

test('a weekday is the last such day on or before publication, the publication day included', () => {
  assert.deepEqual(win('Troops entered the village on Wednesday.'), ['2016-03-16', '2016-03-16', '2016-03-16', 1]);
  assert.deepEqual(win('The minister said on Friday the talks had failed.'), ['2016-03-18', '2016-03-18', '2016-03-18', 1]);
  assert.deepEqual(win('Shelling resumed on Saturday night.'), ['2016-03-12', '2016-03-12', '2016-03-12', 1]);
});

test('a future cue sends a weekday forward', () => {
  assert.deepEqual(win('The envoys will meet again on Monday.'), ['2016-03-21', '2016-03-21', '2016-03-21', 1]);
});

test('an uncertain anchor widens a weekday honestly', () => {
  const wide: PubDate = { ...pub, earliest: '2016-03-14', latest: '2016-03-20', precision: 2, given: false };
  const m = one('Rebels shelled the airport on Wednesday.', wide);
  assert.equal(m.earliest, '2016-03-09');
  assert.equal(m.latest, '2016-03-16');
  assert.equal(m.precision, 3);
});

test('relative periods', () => {
  assert.deepEqual(win('Fighting intensified last week.'), ['2016-03-10', '2016-03-07', '2016-03-13', 2]);
  assert.deepEqual(win('A ceasefire was agreed last month.').slice(1), ['2016-02-01', '2016-02-29', 3]);
  assert.deepEqual(win('Aid convoys are expected this weekend.').slice(1), ['2016-03-19', '2016-03-20', 2]);
  assert.deepEqual(win('The army retook the hill earlier this month.').slice(1), ['2016-03-01', '2016-03-17', 3]);
  assert.deepEqual(win('He was arrested three months ago.').slice(1), ['2015-12-01', '2015-12-31', 3]);
  assert.deepEqual(win('The road was cut yesterday.'), ['2016-03-17', '2016-03-17', '2016-03-17', 1]);
  assert.deepEqual(win('Jets struck overnight.').slice(1), ['2016-03-17', '2016-03-18', 2]);
});

test('months and dates without a year are the most recent ones', () => {
  assert.deepEqual(win('The town fell in December.').slice(1), ['2015-12-01', '2015-12-31', 3]);
  assert.deepEqual(win('Talks began on Feb. 19 in Geneva.'), ['2016-02-19', '2016-02-19', '2016-02-19', 1]);
  assert.deepEqual(win('The siege has lasted since late February.').slice(1), ['2016-02-21', '2016-02-29', 3]);
  assert.deepEqual(win('Parliament must decide by the April 2 deadline.'), ['2016-04-02', '2016-04-02', '2016-04-02', 1]);
});

test('explicit dates and years are absolute', () => {
  assert.deepEqual(win('The photo was taken on April 1, 2019.'), ['2019-04-01', '2019-04-01', '2019-04-01', 1]);
  assert.deepEqual(win('The group declared a caliphate in 2014.').slice(1), ['2014-01-01', '2014-12-31', 3]);
});

test('a day earlier counts from the date stated before it', () => {
  const ms = findTimeMentions('The vote was held on March 3, 2016, and a day earlier the polls closed.', 0, pub);
  assert.equal(ms[1]!.date, '2016-03-02');
});

test('TIMEX3 values follow each granularity', () => {
  assert.equal(timexValue(one('It shrank in the fourth quarter.')), '2015-Q4');
  assert.equal(timexValue(one('Sales fell last week.')), '2016-W10');
  assert.equal(timexValue(one('Prices rose in January.')), '2016-01');
  assert.equal(timexValue(one('It was founded in the 1990s.')), '199');
});

test('negative cases: words that only look like dates', () => {
  for (const text of [
    'Protesters may march on the capital.',
    'More than 2014 people were displaced.',
    'The 393-0 vote passed.',
    'Jan Egeland spoke to reporters.',
    'He paid $2015 for the permit.',
    'The Mayor of Dayton met the Decemberists backstage.',
    'Route A2016 and the Mondays_Club were named in the report.',
  ]) assert.deepEqual(findTimeMentions(text, 0, pub), [], text);
});

test('expressions are found at word starts only, wherever the text begins', () => {
  const texts = (t: string) => findTimeMentions(t, 0, pub).map((m) => m.text);
  assert.deepEqual(texts('Yesterday Maysan governors met; Tuesdays are quiet, and on Tuesday troops advanced.'), ['Yesterday', 'Tuesday']);
  assert.deepEqual(texts('2015: forces entered the city (the x2015 plan), then left in 2016.'), ['2015', '2016']);
});

test('spans are offset by base', () => {
  const m = findTimeMentions('on Tuesday', 100, pub)[0]!;
  assert.deepEqual(m.span, { start: 103, end: 110 });
  assert.ok(m.rule.startsWith('time.weekday') && m.reasons!.length > 0);
});

test('"last" before a month name: the named month a year back when it is the current month', () => {
  // pub is Friday 18 March 2016
  assert.deepEqual(win('The town fell last March.').slice(1), ['2015-03-01', '2015-03-31', 3]);
  assert.deepEqual(win('The town fell last April.').slice(1), ['2015-04-01', '2015-04-30', 3]);
  assert.deepEqual(win('The town fell in March.').slice(1), ['2016-03-01', '2016-03-31', 3]);
});

test('a weekday after an explicit earlier month in the same clause is a day of that month, not of the publication week', () => {
  const texts = (t: string) => findTimeMentions(t, 0, pub).map((m) => [m.text, m.date]);
  // pub is Friday 18 March 2016
  assert.deepEqual(texts('In October, gunmen stormed a church during Sunday mass, killing nine.'), [['October', '2015-10-16']]);
  // a reporting verb makes it the reporting day; another sentence or a range's end is not inside the month
  assert.deepEqual(texts('In January the council said on Monday it would appeal.'), [['January', '2016-01-16'], ['Monday', '2016-03-14']]);
  assert.deepEqual(texts('The town fell in November. Troops returned on Sunday.'), [['November', '2015-11-15'], ['Sunday', '2016-03-13']]);
  assert.deepEqual(texts('Eleven people were killed between Feb. 2 and Tuesday.'), [['Feb. 2', '2016-02-02'], ['Tuesday', '2016-03-15']]);
  assert.deepEqual(texts('Militants seized the dam in January, but troops retook it on Wednesday.'), [['January', '2016-01-16'], ['Wednesday', '2016-03-16']]);
});

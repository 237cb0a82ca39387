import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PubDate } from '../../src/core/types.js';
import { findTimeMentions } from '../../src/time/TimeExpressionExtractor.js';
import { defaultTimeResources } from '../../src/time/TimeResourceLoader.js';
import { createTimexScanner } from '../../src/time/TimexScanner.js';

// Regression: a weekday that starts a place or title name ("the Monday Market") was read as a date.
const scan = createTimexScanner(defaultTimeResources().lexicon);
const weekdays = (text: string) => scan(text).filter((t) => t.kind === 'weekday').map((t) => t.text);
// Thursday 14 April 2022, known to the day
const pub: PubDate = { date: '2022-04-14', earliest: '2022-04-14', latest: '2022-04-14', precision: 1, basis: 'test', confidence: 1, given: true };

test('a weekday before a capitalised name noun is part of a name', () => {
  assert.deepEqual(weekdays('A car bomb went off outside the Friday Mosque in the old city.'), []);
  assert.deepEqual(weekdays('Traders fled when gunmen opened fire in Tuesday Market, police said.'), []);
  assert.deepEqual(weekdays('Checkpoints went up along Saturday Road overnight.'), []);
});

test('after an article, a weekday before a name noun or a capitalised word is a name', () => {
  assert.deepEqual(weekdays('The blast tore through the Monday market in the town centre.'), []);
  assert.deepEqual(weekdays('The minister told the Sunday Telegraph the plan had been shelved.'), []);
  assert.deepEqual(weekdays('A Wednesday Club member was among the wounded.'), []);
});

test('a name does not hide a real weekday in the same sentence', () => {
  assert.deepEqual(weekdays('Police said on Friday that the Monday Market would reopen.'), ['Friday']);
  const ms = findTimeMentions('A second bomb struck the Monday Market on Tuesday afternoon.', 0, pub);
  assert.deepEqual(ms.map((m) => [m.text, m.date]), [['Tuesday afternoon', '2022-04-12']]);
});

test('weekdays that are dates stay dates', () => {
  // a capitalised word after a bare weekday starts the next phrase, not a name
  assert.deepEqual(weekdays('Troops said on Monday Iraqi forces had entered the district.'), ['Monday']);
  // an article and a lower-case noun that names no place: the attack of that day
  assert.deepEqual(weekdays('The Monday attack killed 12 people.'), ['Monday']);
  // an article and a month: a date
  assert.deepEqual(weekdays('Voters went to the polls on the Sunday March 6 run-off.'), ['Sunday']);
  assert.deepEqual(weekdays("Saturday's raid on the market was the deadliest this year."), ["Saturday's"]);
});

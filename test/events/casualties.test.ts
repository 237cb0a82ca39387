import { test } from 'node:test';
import assert from 'node:assert/strict';
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

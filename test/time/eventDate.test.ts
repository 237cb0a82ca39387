import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PubDate } from '../../src/core/types.js';
import { eventDateFor, isBackground } from '../../src/time/EventDateResolver.js';

const pub: PubDate = { date: '2017-03-09', earliest: '2017-03-09', latest: '2017-03-09', precision: 1, basis: 'test', confidence: 1, given: true };
const s = (text: string) => ({ text, span: { start: 0, end: text.length } });

test('the time expression in the sentence dates the event', () => {
  const d = eventDateFor(s('Jets struck the bridge on Tuesday, killing four.'), pub);
  assert.deepEqual([d.date, d.earliest, d.latest, d.precision], ['2017-03-07', '2017-03-07', '2017-03-07', 1]);
  assert.equal(d.rule, 'time.weekday.day');
});

test('the most precise expression wins over an onset', () => {
  const d = eventDateFor(s('Since January the militia has held the town, and on Monday it repelled an attack.'), pub);
  assert.equal(d.date, '2017-03-06');
});

test('an undated report is the week up to publication, not a day', () => {
  const d = eventDateFor(s('Militants attacked a checkpoint, killing two soldiers.'), pub);
  assert.deepEqual([d.date, d.earliest, d.latest, d.precision], ['2017-03-09', '2017-03-03', '2017-03-09', 2]);
  assert.equal(d.rule, 'time.event.undated');
});

test('background: more than 30 days before publication', () => {
  assert.equal(isBackground({ latest: '2014-06-30' }, pub), true);
  assert.equal(isBackground({ latest: '2017-03-01' }, pub), false);
  assert.equal(isBackground(eventDateFor(s('The group seized the city in 2014.'), pub), pub), true);
});

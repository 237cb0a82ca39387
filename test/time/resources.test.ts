import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultTimeResources, validateTimeResources } from '../../src/time/TimeResourceLoader.js';

test('the shipped time resources are valid', () => {
  assert.deepEqual(validateTimeResources(defaultTimeResources()), []);
});

test('lexicon words that the scanner pre-scan factors into a regex must be lower-case letters', () => {
  const r = defaultTimeResources();
  const bad = { ...r, lexicon: { ...r.lexicon, months: { ...r.lexicon.months, 'sept.': 9 }, numbers: { ...r.lexicon.numbers, 'twenty-one': 21 } } };
  const errors = validateTimeResources(bad);
  assert.ok(errors.some((e) => e.includes('lexicon.months') && e.includes('sept.')), errors.join('; '));
  assert.ok(errors.some((e) => e.includes('lexicon.numbers') && e.includes('twenty-one')), errors.join('; '));
});

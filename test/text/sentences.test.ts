import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitSentences } from '../../src/text/sentences.js';

test('abbreviations and initials do not end a sentence', () => {
  const text = 'U.S. Defense Secretary Lt. Gen. Smith arrived on Feb. 3 in Erbil. He met Kurdish officials.';
  const s = splitSentences(text);
  assert.deepEqual(s.map((x) => x.text), [
    'U.S. Defense Secretary Lt. Gen. Smith arrived on Feb. 3 in Erbil.',
    'He met Kurdish officials.',
  ]);
});

test('spans point back into the text, shifted by the base offset', () => {
  const text = 'Shelling hit the town. “We fled,” a resident said.';
  for (const s of splitSentences(text, 100)) assert.equal(text.slice(s.span.start - 100, s.span.end - 100), s.text);
  assert.equal(splitSentences(text).length, 2);
});

test('a closing quote stays with its sentence', () => {
  const s = splitSentences('He said: “The army will advance.” Troops moved north.');
  assert.equal(s[0]!.text, 'He said: “The army will advance.”');
});

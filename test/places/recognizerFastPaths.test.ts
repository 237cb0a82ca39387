import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { loadNormalisationTable } from '../../src/places/GazetteerLoader.js';
import { createNameNormalizer } from '../../src/places/NameNormalizer.js';
import { sentenceStarts, tokenize } from '../../src/places/ToponymRecognizer.js';

// The recogniser answers some questions from tables instead of strings (speed); these properties pin
// the table answers to the string definitions they replace.

const table = loadNormalisationTable();
const norm = createNameNormalizer(table);

/** Letters, marks, apostrophes, dots, spaces and a few scripts: the characters tokens are made of. */
const textChar = fc.constantFrom(...'aAbBeElLsSzZ éÉıİßǅĸµ‘’\'.-\nΣσЖж١ḩāʼ'.split(''), '\u{10428}', '\u{10400}');
const text = fc.array(textChar, { maxLength: 40 }).map((cs) => cs.join(''));

test('a token is "upper" exactly when it is capitalised, longer than one character and unchanged by upper-casing', () => {
  fc.assert(fc.property(text, (s) => {
    for (const t of tokenize(s)) {
      assert.equal(t.text, s.slice(t.start, t.end));
      if (t.text.includes('.')) continue; // abbreviations ("U.S.") are upper by construction
      assert.equal(t.upper, t.cap && t.text.length > 1 && t.text === t.text.toUpperCase(), JSON.stringify(t.text));
    }
  }), { numRuns: 2000 });
});

test('articles from the code table are the table\'s articles; longer words never are', () => {
  const letters = 'abdehilnrstz'.split('');
  const words = [...letters, ...letters.flatMap((a) => letters.map((b) => a + b)), ...letters.flatMap((a) => letters.flatMap((b) => letters.map((c) => a + b + c)))];
  for (const w of words) {
    assert.equal(norm.isArticle(w), table.articles.includes(w), w);
    assert.equal(norm.isSpaceArticle(w), table.spaceArticles.includes(w), w);
  }
  // capitalised ones go through the folded form
  assert.ok(norm.isArticle('Al') && norm.isArticle('AL') && norm.isArticle('Ar'));
  assert.ok(norm.isSpaceArticle('El'));
  assert.ok(!norm.isArticle('The'));
  for (const w of ['alif', 'eshes', 'almond', 'alal']) assert.ok(!norm.isArticle(w), w);
});

test('sentence starts: after end punctuation and spaces before a capital (or a quote and a capital), and after line breaks', () => {
  const s = 'Troops left. They "went" home!\n\nLater? no. "Quiet," he said.  Then';
  const starts = sentenceStarts(s);
  const words = starts.map((p) => s.slice(p, p + 5));
  assert.deepEqual(words, ['Troop', 'They ', 'Later', '"Quie', 'Then']);
});

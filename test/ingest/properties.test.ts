import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { SitrepError } from '../../src/core/errors.js';
import type { Article } from '../../src/core/types.js';
import { parseInput } from '../../src/ingest/InputParser.js';
import { parts } from '../segment/parts.js';

/** What every reader owes: articles whose parts index their text, or a SitrepError naming the file. */
function check(bytes: Uint8Array, file: string): void {
  let articles: Article[];
  try {
    articles = parseInput(bytes, file);
  } catch (e) {
    assert.ok(e instanceof SitrepError, `not a SitrepError: ${String(e)}`);
    assert.equal(e.file, file);
    assert.ok(e.message.startsWith(`${file}: `));
    return;
  }
  assert.ok(articles.length > 0);
  articles.forEach((a, i) => {
    assert.equal(a.n, i + 1);
    assert.equal(a.file, file);
    for (const p of parts(a)) {
      assert.ok(p.span.start >= 0 && p.span.start < p.span.end && p.span.end <= a.text.length);
      assert.equal(a.text.slice(p.span.start, p.span.end), p.text);
    }
  });
}

const FILES = ['x.json', 'x.jsonl', 'x.csv', 'x.tsv', 'x.html', 'x.txt', 'noext'];
const text = fc.oneof(fc.string({ maxLength: 80 }), fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom('Headline of a story', 'BEIRUT (Reuters) - Text.', '(Editing by A B)', 'By Ana Ruiz', '', '"', ',', '\n', '<p>'));

/** Byte strings near each format: records with odd values, broken syntax, stray markup. */
const jsonish = fc.oneof(
  fc.tuple(
    fc.array(fc.dictionary(fc.constantFrom('title', 'text', 'body', 'date', 'url', 'source', 'x'), fc.oneof(text, fc.integer(), fc.constant(null), fc.array(text, { maxLength: 3 }))), { maxLength: 5 }),
    fc.boolean(),
  ).map(([records, wrapped]) => JSON.stringify(wrapped ? { articles: records } : records)),
  fc.array(fc.dictionary(fc.constantFrom('title', 'text'), text), { maxLength: 5 }).map((rs) => rs.map((r) => JSON.stringify(r)).join('\n')),
  fc.tuple(fc.json(), fc.nat(40)).map(([j, cut]) => j.slice(0, Math.max(0, j.length - cut))),
);
const csvish = fc.array(fc.array(text, { minLength: 1, maxLength: 4 }), { maxLength: 6 })
  .map((rows) => ['title,text,date', ...rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(','))].join('\n'));
const htmlish = fc.array(fc.oneof(text, fc.constantFrom('<article>', '</article>', '<p>', '</p>', '<h1>', '</h1>', '<script>', '</script>',
  '<header>', '</header>', '<meta property="og:title" content="A title here">', '<time datetime="2020-01-02">', '<br>', '<!--', '-->', '<title>', '</title>')), { maxLength: 30 })
  .map((xs) => xs.join(''));

test('readers: arbitrary bytes under any name give articles whose spans index their text, or a SitrepError naming the file', () => {
  fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), fc.constantFrom(...FILES), (bytes, file) => check(bytes, file)), { numRuns: 400 });
});

test('readers: near-valid JSON, CSV and HTML never crash, hang or break the span invariant', () => {
  const enc = (s: string) => new TextEncoder().encode(s);
  fc.assert(fc.property(jsonish, fc.constantFrom('a.json', 'a.jsonl', 'a.txt'), (s, file) => check(enc(s), file)), { numRuns: 300 });
  fc.assert(fc.property(csvish, fc.constantFrom('a.csv', 'a.tsv'), (s, file) => check(enc(s), file)), { numRuns: 300 });
  fc.assert(fc.property(htmlish, (s) => check(enc(s), 'a.html')), { numRuns: 300 });
});

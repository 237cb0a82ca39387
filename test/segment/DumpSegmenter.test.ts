import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { PROJECT_ROOT } from '../../src/core/projectPaths.js';
import type { Article } from '../../src/core/types.js';
import { segmentDump } from '../../src/segment/DumpSegmenter.js';
import { parts } from './parts.js';

/**
 * Golden files: each test/fixtures/ingest/segment/NAME.txt dump (written for these tests) has
 * NAME.expected.json beside it. Regenerate with REGEN=1 and review the diff.
 */
const dir = join(PROJECT_ROOT, 'test', 'fixtures', 'ingest', 'segment');

/** What a golden file pins: every part, spans included. */
function view(a: Article) {
  return {
    n: a.n,
    id: a.id,
    offset: a.offset,
    headline: a.headline?.text ?? null,
    dateline: a.dateline.map((d) => d.text),
    byline: a.byline?.text ?? null,
    captions: a.captions.map((c) => ({ text: c.text, date: c.date, filePhoto: c.filePhoto })),
    paragraphs: a.paragraphs.map((p) => `${p.kind === 'subhead' ? '## ' : ''}${p.text}`),
    credits: a.credits?.people ?? null,
  };
}

for (const name of readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()) {
  test(`golden: ${name}`, () => {
    const input = readFileSync(join(dir, name), 'utf8');
    const articles = segmentDump(input, name);
    const actual = JSON.stringify(articles.map(view), null, 2) + '\n';
    const goldenPath = join(dir, name.replace(/\.txt$/, '.expected.json'));
    if (process.env.REGEN) writeFileSync(goldenPath, actual);
    assert.equal(actual, readFileSync(goldenPath, 'utf8'));
    for (const a of articles) {
      assert.equal(input.slice(a.offset!, a.offset! + a.text.length), a.text);
      for (const p of parts(a)) assert.equal(input.slice(a.offset! + p.span.start, a.offset! + p.span.end), p.text);
    }
  });
}

test('finds every story of the layouts', () => {
  const count = (name: string) => segmentDump(readFileSync(join(dir, name), 'utf8'), name).length;
  assert.equal(count('wire-full.txt'), 3);
  assert.equal(count('agencies.txt'), 5);
  assert.equal(count('bare.txt'), 3);
  assert.equal(count('crlf-compact.txt'), 2);
});

test('a repeated headline line is dropped, not kept as a paragraph or caption', () => {
  const [, second] = segmentDump(readFileSync(join(dir, 'wire-full.txt'), 'utf8'), 'w');
  assert.equal(second!.headline!.text, 'Car bomb kills six near checkpoint in Somali capital');
  assert.equal(second!.captions.length, 0);
  assert.ok(!second!.paragraphs.some((p) => p.text === second!.headline!.text));
});

test('credits are read into people with roles', () => {
  const [first, second, third] = segmentDump(readFileSync(join(dir, 'wire-full.txt'), 'utf8'), 'w');
  assert.deepEqual(first!.credits!.people, [
    { name: 'Omar Safi', role: 'reporting' },
    { name: 'Maria Lenz', role: 'reporting' },
    { name: 'Peter Grund', role: 'additional reporting' },
    { name: 'Anne Holt', role: 'editing' },
  ]);
  assert.deepEqual(second!.credits!.people, [{ name: 'Lena Park', role: 'writing' }, { name: 'Tom Reyes', role: 'editing' }]);
  assert.deepEqual(third!.credits!.people.map((c) => c.role), ['reporting', 'writing', 'editing']);
});

test('an empty or blank dump has no stories', () => {
  assert.deepEqual(segmentDump('', 'e'), []);
  assert.deepEqual(segmentDump(' \n\n\t\n', 'e'), []);
});

test('article id ignores whitespace differences', () => {
  const a = segmentDump('Headline here now\n\nBody text of it.', 'a')[0]!;
  const b = segmentDump('Headline here now\r\n\r\n  Body   text of it.', 'b')[0]!;
  assert.equal(a.id, b.id);
  assert.match(a.id, /^[0-9a-f]{16}$/);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { decodeBytes } from '../../src/ingest/decodeBytes.js';
import { SitrepError } from '../../src/core/errors.js';
import { DumpSegmenter, segmentDump } from '../../src/segment/DumpSegmenter.js';
import { parts } from './parts.js';

/** Lines that look like the pieces of a dump, so random dumps exercise every branch. */
const wireLine = fc.oneof(
  fc.constantFrom(
    'Army retakes hill town from rebels', 'By Ana Ruiz and Mo Chen', 'KABUL, Afghanistan (Reuters) – Gunmen attacked a post.',
    '(Reuters) - A court ruled on Friday.', 'Beirut (AFP) - Rockets hit a base.', 'A soldier walks, Iraq March 9, 2017. REUTERS/Name',
    'FILE PHOTO: A tank in a field. REUTERS/X/File Photo', 'SNIPER FIRE', '(Reporting by A B; Editing by C D)', '(Writing by E, editing by F)',
    '“We will return,” he said.', 'Who holds the bridge?', '', '   ', 'TUNIS/ALGIERS (Reuters) – Text.', 'ADEN — The army said.',
  ),
  fc.string({ maxLength: 120 }),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
);
const dump = fc.tuple(fc.array(wireLine, { maxLength: 40 }), fc.constantFrom('\n', '\n\n', '\r\n', '\r')).map(([ls, nl]) => ls.join(nl));

test('segmenter: never throws, spans always index the input, ids and n are consistent', () => {
  fc.assert(
    fc.property(dump, (input) => {
      const articles = segmentDump(input, 'p.txt');
      articles.forEach((a, i) => {
        assert.equal(a.n, i + 1);
        assert.equal(input.slice(a.offset!, a.offset! + a.text.length), a.text);
        for (const p of parts(a)) {
          assert.ok(p.span.start >= 0 && p.span.end <= a.text.length && p.span.start < p.span.end);
          assert.equal(input.slice(a.offset! + p.span.start, a.offset! + p.span.end), p.text);
        }
        if (i > 0) assert.ok(a.offset! >= articles[i - 1]!.offset! + articles[i - 1]!.text.length);
      });
    }),
    { numRuns: 300 },
  );
});

test('segmenter: a dump fed in arbitrary pieces gives the same stories as the whole dump', () => {
  // many credit lines, so that stories are cut and handed out between pieces
  const story = fc.array(wireLine, { maxLength: 8 }).map((ls) => [...ls, '(Reporting by A B; Editing by C D)'].join('\n'));
  const pieced = fc.tuple(fc.array(story, { maxLength: 12 }), fc.constantFrom('\n', '\n\n', '\r\n'), fc.array(fc.nat(), { maxLength: 20 }));
  fc.assert(
    fc.property(pieced, ([stories, nl, cuts]) => {
      const input = stories.join(nl);
      const at = [...new Set(cuts.map((c) => c % (input.length + 1)))].sort((a, b) => a - b);
      const segmenter = new DumpSegmenter('p.txt');
      const out = [];
      let from = 0;
      for (const c of [...at, input.length]) {
        out.push(...segmenter.push(input.slice(from, c)));
        from = c;
      }
      out.push(...segmenter.end());
      assert.deepEqual(out, segmentDump(input, 'p.txt'));
    }),
    { numRuns: 300 },
  );
});

test('segmenter: no hang on long random or repetitive input', () => {
  fc.assert(
    fc.property(fc.string({ minLength: 1000, maxLength: 20000 }), (s) => {
      segmentDump(s, 'r.txt');
      segmentDump(s.replace(/./g, 'A'), 'r.txt');
    }),
    { numRuns: 20 },
  );
  assert.ok(segmentDump('Long headline words here\n\n' + 'x'.repeat(200000) + '.', 'l.txt').length >= 1);
});

test('decoder: returns text or refuses with a SitrepError, never anything else', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
      try {
        assert.equal(typeof decodeBytes(bytes, 'b.bin'), 'string');
      } catch (e) {
        assert.ok(e instanceof SitrepError && e.message.startsWith('b.bin'));
      }
    }),
    { numRuns: 500 },
  );
  fc.assert(
    fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (s) => {
      fc.pre(s.length > 0 && !/[\u0000-\u0008\u000b\u000e-\u001f\u007f-\u009f]/.test(s) && !s.startsWith('\ufeff'));
      assert.equal(decodeBytes(new TextEncoder().encode(s), 'u.txt'), s);
    }),
    { numRuns: 300 },
  );
});

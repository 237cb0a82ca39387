import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toArticleJson } from '../../src/core/articleJson.js';
import type { Article, Toponym } from '../../src/core/types.js';

const article: Article = {
  id: 'abc', file: 'dump.txt', n: 1, offset: 500, text: 'Kirkuk shelled\n\nShells hit Kirkuk and kirkuk suburbs.',
  headline: { text: 'Kirkuk shelled', span: { start: 0, end: 14 } }, captions: [], byline: null, dateline: [],
  paragraphs: [], credits: null, given: {},
};
const place = (start: number, text: string, confidence: number): Toponym => ({
  text, name: 'Kirkuk', kind: 'city', country: 'IQ', admin1: 'Kirkuk', lat: 35.47, lon: 44.39, geonameId: 94787,
  rule: 'test', confidence, span: { start, end: start + text.length },
});

test('toponyms are listed once per surface form, keeping every span and the surest resolution', () => {
  const json = toArticleJson({
    article, pubDate: null, duplicateOf: null, onTopic: true, events: [], controlChanges: [],
    toponyms: [place(0, 'Kirkuk', 0.6), place(27, 'Kirkuk', 0.9), place(38, 'kirkuk', 0.5)],
  });
  assert.equal(json.toponyms.length, 1);
  assert.equal(json.toponyms[0]!.confidence, 0.9);
  assert.deepEqual(json.toponyms[0]!.mentions.map((s) => s.start), [0, 27, 38]);
  assert.deepEqual(json.toponyms[0]!.file_span, { start: 527, end: 533 });
});

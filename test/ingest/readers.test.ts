import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import { parseCsvRecords } from '../../src/ingest/CsvRecordReader.js';
import { parseHtmlArticle } from '../../src/ingest/HtmlArticleReader.js';
import { parseInput } from '../../src/ingest/InputParser.js';
import { parseJsonLines, parseJsonRecords } from '../../src/ingest/JsonRecordReader.js';
import { readInputs, type InputResult } from '../../src/ingest/readInputs.js';

const enc = (s: string) => new TextEncoder().encode(s);
const BODY = 'TRIPOLI (Reuters) - Fighting broke out near the airport on Monday, residents said.\n\nThree people were hurt.\n\n(Reporting by Sara Noor; Editing by Ben Cole)';

test('JSON: array, object with an array property, single object', () => {
  const rec = { headline: 'Clashes near Tripoli airport', body: BODY, published: '2019-04-08T10:30:00Z', url: 'https://example.org/a', source: { name: 'Example Wire' } };
  for (const doc of [[rec], { articles: [rec] }, { meta: 1, stories: [rec] }, rec]) {
    const [a] = parseInput(enc(JSON.stringify(doc)), 'x.json');
    assert.equal(a!.headline!.text, 'Clashes near Tripoli airport');
    assert.equal(a!.text, `Clashes near Tripoli airport\n\n${BODY}`);
    assert.equal(a!.offset, null);
    assert.deepEqual(a!.given, { date: '2019-04-08', url: 'https://example.org/a', source: 'Example Wire' });
    assert.deepEqual(a!.dateline.map((d) => d.text), ['TRIPOLI']);
    assert.deepEqual(a!.credits!.people.map((p) => p.name), ['Sara Noor', 'Ben Cole']);
    for (const p of [a!.headline!, ...a!.paragraphs, a!.credits!]) assert.equal(a!.text.slice(p.span.start, p.span.end), p.text);
  }
  assert.deepEqual(parseJsonRecords('[{"a":1},2]', 'x.json'), [{ a: 1 }]);
});

test('JSON field override, including a nested field', () => {
  const doc = [{ meta: { t: 'Port reopens after strike' }, story_text: 'The port reopened on Friday.', when: '12 May 2018' }];
  const [a] = parseInput(enc(JSON.stringify(doc)), 'x.json', { fields: { title: 'meta.t', text: 'story_text', date: 'when' } });
  assert.equal(a!.headline!.text, 'Port reopens after strike');
  assert.equal(a!.given.date, '2018-05-12');
});

test('JSON Lines, also when saved as .json', () => {
  const jl = '{"title":"One","text":"First body."}\n\n{"title":"Two","text":"Second body."}\n';
  assert.equal(parseJsonLines(jl, 'x.jsonl').length, 2);
  assert.deepEqual(parseInput(enc(jl), 'x.jsonl').map((a) => a.n), [1, 2]);
  assert.deepEqual(parseInput(enc(jl), 'x.json').map((a) => a.headline!.text), ['One', 'Two']);
});

test('CSV with header and quoted multi-line cells; TSV', () => {
  const csv = 'title,text,date\n"Dam repairs, phase two","First line.\n\nSecond, quoted ""line"".",2017-03-09\nOther story,Body.,\n';
  const rows = parseCsvRecords(csv, 'x.csv');
  assert.equal(rows[0]!.text, 'First line.\n\nSecond, quoted "line".');
  const arts = parseInput(enc(csv), 'x.csv');
  assert.equal(arts.length, 2);
  assert.equal(arts[0]!.headline!.text, 'Dam repairs, phase two');
  assert.equal(arts[0]!.paragraphs.length, 2);
  assert.equal(arts[0]!.given.date, '2017-03-09');
  assert.equal(parseInput(enc('headline\tbody\nA title here\tSome body.\n'), 'x.tsv')[0]!.headline!.text, 'A title here');
});

test('HTML: title, date and main text; chrome stripped', () => {
  const html = `<!doctype html><html><head><title>Site | Headline</title>
    <meta property="og:title" content="Shelling hits market in frontline town">
    <meta property="article:published_time" content="2022-07-14T08:00:00+03:00">
    <meta property="og:site_name" content="Example News"><link rel="canonical" href="https://example.org/s">
    <style>p{color:red}</style><script>var x = "<p>not text</p>";</script></head>
    <body><header><nav><a href="/">Home</a></nav></header>
    <article><header><h1>Shelling hits market in frontline town</h1><time datetime="2022-07-13">Jul 13</time></header>
    <p>KRAMATORSK, Ukraine (Reuters) - Shelling hit a market on Thursday, &amp; officials said <b>five</b> people died.</p>
    <figure><figcaption>Smoke rises over the market. REUTERS/Staff</figcaption></figure>
    <p>Rescuers searched the rubble.</p></article><aside>Related: other stories</aside>
    <footer>© Example</footer></body></html>`;
  const f = parseHtmlArticle(html);
  assert.equal(f.title, 'Shelling hits market in frontline town');
  assert.equal(f.date, '2022-07-14T08:00:00+03:00');
  assert.equal(f.url, 'https://example.org/s');
  assert.equal(f.source, 'Example News');
  const [a] = parseInput(enc(html), 'page.html');
  assert.equal(a!.given.date, '2022-07-14');
  assert.deepEqual(a!.dateline.map((d) => d.text), ['KRAMATORSK', 'Ukraine']);
  assert.equal(a!.captions.length, 1);
  assert.ok(a!.paragraphs.some((p) => p.text.includes('& officials said five people died')));
  assert.ok(!/Home|Related|©|not text|color/.test(a!.text));
  assert.equal(parseHtmlArticle('<html><body><h1>Only heading</h1><time datetime="2020-01-02">x</time><p>Text.</p></body></html>').date, '2020-01-02');
});

test('readInputs: folder recursion in sorted order, stdin, bad files do not stop the rest', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-ingest-'));
  mkdirSync(join(dir, 'b-sub'));
  writeFileSync(join(dir, 'c.txt'), 'Third dump headline here\n\nBody of the third.\n');
  writeFileSync(join(dir, 'a.txt'), 'First dump headline here\n\nBody of the first.\n');
  writeFileSync(join(dir, 'b-sub', 'bad.json'), '{"title": "x",');
  writeFileSync(join(dir, 'b-sub', 'empty.txt'), '');
  writeFileSync(join(dir, '.hidden.txt'), 'ignored');
  const stdin = Readable.from([Buffer.from('Stdin headline words\n\nStdin body.\n')]);
  const out: InputResult[] = [];
  for await (const r of readInputs([dir, join(dir, 'missing.txt'), '-'], { stdin })) out.push(r);
  assert.deepEqual(out.map((r) => r.file.replace(dir, 'D')), ['D/a.txt', 'D/b-sub/bad.json', 'D/b-sub/empty.txt', 'D/c.txt', 'D/missing.txt', 'stdin']);
  const codes = out.map((r) => ('error' in r ? r.error.code : r.articles.length));
  assert.deepEqual(codes, [1, 'INPUT_BAD_JSON', 'INPUT_EMPTY', 1, 'INPUT_NOT_FOUND', 1]);
  const first = out[0]!;
  assert.ok('contentHash' in first && /^[0-9a-f]{64}$/.test(first.contentHash));
  // the same bytes give the same hash
  const again: InputResult[] = [];
  for await (const r of readInputs([join(dir, 'a.txt')])) again.push(r);
  assert.equal((again[0] as { contentHash: string }).contentHash, (first as { contentHash: string }).contentHash);
});

test('readInputs refuses a file over the size limit', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-ingest-'));
  writeFileSync(join(dir, 'big.txt'), 'x'.repeat(100));
  for await (const r of readInputs([join(dir, 'big.txt')], { maxBytes: 10 })) assert.equal('error' in r && r.error.code, 'INPUT_TOO_LARGE');
});

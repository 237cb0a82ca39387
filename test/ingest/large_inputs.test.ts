import assert from 'node:assert/strict';
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { SitrepError } from '../../src/core/errors.js';
import type { Article } from '../../src/core/types.js';
import { findNearDuplicates } from '../../src/dedup/NearDuplicateRefiner.js';
import { parseInput } from '../../src/ingest/InputParser.js';
import { readInputs, STREAM_MIN_BYTES, type InputResult } from '../../src/ingest/readInputs.js';
import { segmentDump } from '../../src/segment/DumpSegmenter.js';
import { story } from './storyFactory.js';

/**
 * Huge and odd inputs. The big dump is 60 MB here to keep the suite short on a shared machine;
 * bench/segment.bench.ts reads a 200 MB one and prints its time and peak memory.
 */
const enc = (s: string) => Buffer.from(s, 'utf8');

/** Writes stories until the file holds `bytes`; returns how many it wrote. */
function writeDump(file: string, bytes: number): number {
  const fd = openSync(file, 'w');
  let written = 0;
  let k = 0;
  try {
    while (written < bytes) {
      const chunk: string[] = [];
      for (let i = 0; i < 1000; i++) chunk.push(`${story(k++)}\n\n`);
      written += writeSync(fd, chunk.join(''));
    }
  } finally {
    closeSync(fd);
  }
  return k;
}

test('a 60 MB dump is read in pieces, in batches, with every story found and offsets into the file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-large-'));
  try {
    const file = join(dir, 'big.txt');
    const written = writeDump(file, 60e6);
    assert.ok(60e6 > STREAM_MIN_BYTES);
    const results: InputResult[] = [];
    let count = 0;
    let last: Article | undefined;
    const sample: Article[] = [];
    for await (const r of readInputs([file], { batchArticles: 10000 })) {
      if ('error' in r) throw r.error;
      results.push({ ...r, articles: [] });
      for (const a of r.articles) {
        assert.equal(a.n, ++count);
        if (last) assert.ok(a.offset! >= last.offset! + last.text.length);
        last = a;
        if (a.n % 5000 === 1) sample.push(a);
      }
    }
    assert.equal(count, written);
    assert.ok(results.length > 2, 'more than one batch');
    results.forEach((r, i) => assert.deepEqual('batch' in r && r.batch, { index: i, last: i === results.length - 1 }));
    assert.equal(new Set(results.map((r) => 'contentHash' in r && r.contentHash)).size, 1);
    // the text is ASCII, so character offsets are byte offsets
    const fd = openSync(file, 'r');
    for (const a of sample) {
      const buf = Buffer.alloc(Buffer.byteLength(a.text));
      readSync(fd, buf, 0, buf.length, a.offset!);
      assert.equal(buf.toString('utf8'), a.text);
      assert.match(a.headline!.text, /^Attack on police post \d+ kills officers/);
      assert.equal(a.credits!.people.length, 2);
    }
    closeSync(fd);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a 10 MB single line is one story, in one piece or many', () => {
  const words = 'Troops moved along the river road before dawn and engineers cleared the bridge ';
  const line = words.repeat(Math.ceil(10e6 / words.length)).trimEnd() + '.';
  const [a, ...rest] = parseInput(enc(line), 'line.txt');
  assert.equal(rest.length, 0);
  assert.equal(a!.text.length, line.length);
  assert.equal(a!.headline, null);
  assert.equal(a!.paragraphs.length, 1);
  assert.deepEqual(findNearDuplicates([a!]), [null]);
});

test('100,000 tiny stories in one file: all found, near-duplicates in linear time', () => {
  // fifty different statements, each repeated 2,000 times under different headlines
  const statement = (g: number) => Array.from({ length: 10 }, (_, i) => `w${g}x${i}`).join(' ');
  const tiny = Array.from({ length: 100000 }, (_, k) =>
    `Market stall fire number ${k} put out\n\nA small fire broke out at a market stall, officials said: ${statement(k % 50)}.`);
  const articles = parseInput(enc(tiny.join('\n\n')), 'tiny.txt');
  assert.equal(articles.length, 100000);
  assert.equal(articles[99999]!.headline!.text, 'Market stall fire number 99999 put out');
  // the headline is not compared: story k >= 50 repeats story k % 50
  const dups = findNearDuplicates(articles);
  assert.deepEqual(dups.slice(0, 50), new Array(50).fill(null));
  assert.ok(dups.every((d, k) => k < 50 || d === (k % 50) + 1));
});

test('HTML with scripts, styles and huge inline data: only the article text is kept', () => {
  const data = 'x'.repeat(5e6);
  const script = `var blob = "${'<p>not text</p>'.repeat(1e6)}";`;
  const html = `<!doctype html><html><head><title>Shelling hits depot</title><script>${script}</script>
    <style>${'p { color: red } '.repeat(1e5)}</style></head><body>
    <img src="data:image/png;base64,${data}"><div data-state='${JSON.stringify({ blob: data })}'></div>
    <article><h1>Shelling hits fuel depot near the port</h1><p>NORTHPORT, Testland (Reuters) - Shelling hit a fuel depot on Friday, officials said.</p>
    <script type="application/json">${JSON.stringify({ items: Array.from({ length: 1e5 }, (_, i) => ({ i, text: 'cached paragraph' })) })}</script>
    <p>Firefighters worked through the night.</p></article></body></html>`;
  const [a] = parseInput(enc(html), 'page.html');
  assert.equal(a!.headline!.text, 'Shelling hits fuel depot near the port');
  assert.deepEqual(a!.dateline.map((d) => d.text), ['NORTHPORT', 'Testland']);
  assert.deepEqual(a!.paragraphs.map((p) => p.text), [
    'NORTHPORT, Testland (Reuters) - Shelling hit a fuel depot on Friday, officials said.',
    'Firefighters worked through the night.',
  ]);
});

/** Wraps a paragraph at `width` columns, as mail and terminal tools do. */
function wrap(text: string, width = 70): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  lines.push(line);
  return lines.join('\n');
}

test('hard-wrapped paragraphs are joined back; offsets still point into the file', () => {
  const stories = [story(1, 3), story(2, 4), story(3, 2)];
  const unwrapped = segmentDump(stories.join('\n\n'), 'u.txt');
  const wrapped = stories.map((s) => s.split('\n\n').map((p) => wrap(p)).join('\n\n')).join('\n\n');
  assert.ok(wrapped.split('\n').every((l) => l.length <= 70));
  const articles = parseInput(enc(wrapped), 'wrapped.txt');
  assert.equal(articles.length, 3);
  articles.forEach((a, i) => {
    const u = unwrapped[i]!;
    assert.equal(a.headline!.text, u.headline!.text);
    assert.deepEqual(a.dateline.map((d) => d.text), u.dateline.map((d) => d.text));
    assert.deepEqual(a.paragraphs.map((p) => p.text), u.paragraphs.map((p) => p.text));
    assert.deepEqual(a.credits!.people, u.credits!.people);
    // same length as the file; only the wrap breaks read as spaces
    const file = wrapped.slice(a.offset!, a.offset! + a.text.length);
    assert.equal(a.text.length, file.length);
    assert.ok([...a.text].every((c, k) => c === file[k] || (c === ' ' && file[k] === '\n')));
    assert.ok(a.text.includes('\n\n'));
  });
  // a dump that is not wrapped keeps its line breaks
  assert.equal(parseInput(enc('Short headline here\nBy Ana Ruiz\n\nBody line.'), 's.txt')[0]!.byline!.text, 'Ana Ruiz');
});

test('hard-wrapped dumps read in pieces give the same stories as read whole', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-large-'));
  try {
    const paras: string[] = [];
    let size = 0;
    for (let k = 0; size <= 3e6; k++) {
      const s = story(k).split('\n\n').map((p) => wrap(p)).join('\n\n');
      paras.push(s);
      size += s.length + 2;
    }
    const text = paras.join('\n\n');
    writeFileSync(join(dir, 'w.txt'), text);
    const streamed: Article[] = [];
    // small pieces, so that paragraphs and lines straddle them
    let batches = 0;
    for await (const r of readInputs([join(dir, 'w.txt')], { streaming: { minBytes: 1e6, pieceBytes: 65536 + 7 }, batchArticles: 500 })) {
      if ('error' in r) throw r.error;
      assert.equal(r.batch?.index, batches++);
      streamed.push(...r.articles);
    }
    assert.ok(batches > 1, 'read in pieces');
    const whole = parseInput(enc(text), join(dir, 'w.txt'));
    assert.equal(streamed.length, whole.length);
    for (const i of [0, 1, Math.floor(whole.length / 2), whole.length - 1]) assert.deepEqual(streamed[i], whole[i]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a large input that is not clean UTF-8 text is read whole and refused by name', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-large-'));
  try {
    const file = join(dir, 'bin.txt');
    const bytes = Buffer.alloc(2e6, 0x41);
    bytes[1.5e6] = 0;
    writeFileSync(file, bytes);
    for await (const r of readInputs([file], { streaming: { minBytes: 1e6 } })) {
      assert.ok('error' in r && r.error instanceof SitrepError);
      assert.equal(r.error.code, 'INPUT_BINARY');
      assert.equal(r.error.file, file);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('multi-byte characters and a byte-order mark survive piece boundaries', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-large-'));
  try {
    const stories = Array.from({ length: 300 }, (_, k) =>
      story(k).replace('Gunmen', '“Gunmen”').replace('officers', 'officers – ضباط 🚓').replace('Lena Park', 'Léna Pärk'));
    const text = stories.join('\n\n');
    const file = join(dir, 'u.txt');
    writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]));
    const streamed: Article[] = [];
    for await (const r of readInputs([file], { streaming: { minBytes: 1e5, pieceBytes: 4099 }, batchArticles: 1000 })) {
      if ('error' in r) throw r.error;
      assert.deepEqual(r.batch, { index: 0, last: true }); // read in pieces
      streamed.push(...r.articles);
    }
    assert.deepEqual(streamed, parseInput(enc(text), file));
    assert.equal(streamed.length, 300);
    assert.equal(streamed[0]!.offset, 0);
    assert.deepEqual(streamed[7]!.credits!.people[0], { name: 'Léna Pärk', role: 'reporting' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

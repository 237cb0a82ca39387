import assert from 'node:assert/strict';
import { it } from 'node:test';
import { createProgress, formatDuration } from '../../src/cli/progress.js';

const sink = (isTTY: boolean) => {
  const out = { isTTY, columns: 200, text: '', write: (s: string) => (out.text += s) };
  return out;
};

it('draws a bar with stories/s and ETA on a terminal', () => {
  let t = 0;
  const out = sink(true);
  const p = createProgress(out, 4, () => t);
  t = 2000;
  p.input('a: 10 stories', 10);
  assert.match(out.text, /\[######\.+\] 1\/4 inputs  10 stories  5 stories\/s  ETA 0:06/);
  p.done();
  assert.ok(out.text.endsWith('\r\x1b[K'), 'the bar is cleared for the summary');
});

it('writes one plain line per input elsewhere', () => {
  const out = sink(false);
  const p = createProgress(out, null);
  p.input('a.txt: 10 stories, 0 duplicates', 10);
  p.input('b.txt: error: binary', 0);
  p.done();
  assert.equal(out.text, 'a.txt: 10 stories, 0 duplicates\nb.txt: error: binary\n');
});

it('formats durations', () => {
  assert.equal(formatDuration(75), '1:15');
  assert.equal(formatDuration(3700), '1:01:40');
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { boundedMemo } from '../../src/core/boundedMemo.js';

test('a bounded memo computes a key once, and starts afresh past its limit', () => {
  const calls: string[] = [];
  const upper = boundedMemo(2, (s: string) => {
    calls.push(s);
    return s.toUpperCase();
  });
  assert.equal(upper('a'), 'A');
  assert.equal(upper('a'), 'A');
  assert.equal(upper('b'), 'B');
  assert.deepEqual(calls, ['a', 'b'], 'a remembered key is not computed again');
  assert.equal(upper('c'), 'C'); // the third key clears the memory, then is kept
  assert.equal(upper('c'), 'C');
  assert.equal(upper('a'), 'A');
  assert.deepEqual(calls, ['a', 'b', 'c', 'a'], 'after the limit, earlier keys are computed again');
});

test('a memoised answer is the same object each time (callers may keep data on it)', () => {
  const box = boundedMemo(10, (k: number) => ({ k }));
  assert.equal(box(1), box(1));
});

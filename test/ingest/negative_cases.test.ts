import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SitrepError } from '../../src/core/errors.js';
import { parseInput } from '../../src/ingest/InputParser.js';

/** Inputs that must be refused, each with the code and a fragment the message must carry. */
const CASES: { name: string; file: string; bytes: Uint8Array; code: string; says: RegExp }[] = [
  { name: 'binary (PNG header)', file: 'img.txt', bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), code: 'INPUT_BINARY', says: /NUL byte at offset 8/ },
  { name: 'empty', file: 'e.txt', bytes: new Uint8Array(), code: 'INPUT_EMPTY', says: /empty/ },
  { name: 'only whitespace', file: 'w.txt', bytes: Buffer.from(' \n\t\r\n  \n'), code: 'INPUT_NO_TEXT', says: /whitespace/ },
  { name: 'malformed JSON', file: 'm.json', bytes: Buffer.from('{\n  "title": "A",\n  "text": }\n'), code: 'INPUT_BAD_JSON', says: /line 3, column 11/ },
  { name: 'malformed JSON Lines', file: 'm.jsonl', bytes: Buffer.from('{"title":"A"}\n{"title":\n'), code: 'INPUT_BAD_JSON', says: /line 2/ },
  { name: 'broken CSV quoting', file: 'q.csv', bytes: Buffer.from('title,text\nA,"unclosed body\nB,text\n'), code: 'INPUT_BAD_CSV', says: /[Qq]uote.*line/ },
  { name: 'CSV with a stray quote', file: 'q2.csv', bytes: Buffer.from('title,text\nA,"body"x\n'), code: 'INPUT_BAD_CSV', says: /line 2/ },
  { name: 'JSON without any record text', file: 'n.json', bytes: Buffer.from('[{"id": 1}, {"id": 2}]'), code: 'INPUT_NO_TEXT', says: /no record/ },
  { name: 'invalid UTF-8 that is not Windows-1252', file: 'u.txt', bytes: Buffer.from([0x48, 0x69, 0x20, 0xe2, 0x28, 0xa1, 0x8d, 0x0a]), code: 'INPUT_BAD_ENCODING', says: /byte 3/ },
];

for (const c of CASES) {
  test(`refuses: ${c.name}`, () => {
    assert.throws(
      () => parseInput(c.bytes, c.file),
      (e: unknown) => e instanceof SitrepError && e.code === c.code && e.file === c.file && e.message.startsWith(c.file) && c.says.test(e.message),
    );
  });
}

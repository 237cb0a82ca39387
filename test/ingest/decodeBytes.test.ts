import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SitrepError } from '../../src/core/errors.js';
import { decodeBytes } from '../../src/ingest/decodeBytes.js';

const TEXT = 'Troops reached the “old bridge” at dawn – café owners fled.\n';
const utf16le = (s: string) => Buffer.from(s, 'utf16le');
const utf16be = (s: string) => Buffer.from(s, 'utf16le').swap16();
const refusal = (bytes: Uint8Array, code: string) =>
  assert.throws(() => decodeBytes(bytes, 'f.txt'), (e: unknown) => e instanceof SitrepError && e.code === code && e.message.startsWith('f.txt: '));

test('UTF-8 without and with BOM', () => {
  assert.equal(decodeBytes(Buffer.from(TEXT, 'utf8'), 'f'), TEXT);
  assert.equal(decodeBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT, 'utf8')]), 'f'), TEXT);
});

test('UTF-16 LE and BE with BOM', () => {
  assert.equal(decodeBytes(Buffer.concat([Buffer.from([0xff, 0xfe]), utf16le(TEXT)]), 'f'), TEXT);
  assert.equal(decodeBytes(Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(TEXT)]), 'f'), TEXT);
});

test('UTF-16 without BOM is recognised by its NUL pattern', () => {
  assert.equal(decodeBytes(utf16le(TEXT), 'f'), TEXT);
  assert.equal(decodeBytes(utf16be(TEXT), 'f'), TEXT);
});

test('Windows-1252 falls back when UTF-8 is invalid', () => {
  // “old bridge” – café in cp1252: 0x93 0x94 0x96 0xe9
  const bytes = Buffer.from([...Buffer.from('the '), 0x93, ...Buffer.from('old bridge'), 0x94, 0x20, 0x96, 0x20, ...Buffer.from('caf'), 0xe9]);
  assert.equal(decodeBytes(bytes, 'f'), 'the “old bridge” – café');
});

test('refusals name the file and the problem', () => {
  refusal(new Uint8Array(), 'INPUT_EMPTY');
  refusal(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00, 0xff, 0x10, 0x00, 0x00]), 'INPUT_BINARY');
  refusal(Buffer.from('text\x01\x02\x03\x04\x05\x06 more', 'latin1'), 'INPUT_BINARY');
  // invalid UTF-8 holding bytes Windows-1252 leaves undefined (0x81, 0x8d): neither encoding
  refusal(Buffer.from([0x61, 0xc3, 0x81, 0x8d, 0x62, 0xc3, 0x28, 0x81]), 'INPUT_BAD_ENCODING');
  // a lone surrogate in UTF-16
  refusal(Buffer.from([0xff, 0xfe, 0x41, 0x00, 0x00, 0xd8, 0x41, 0x00]), 'INPUT_BAD_ENCODING');
});

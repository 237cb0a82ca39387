import { createError } from '../core/errors.js';

/**
 * Turns a file's bytes into text, or refuses it with a SitrepError naming the file.
 *
 * Order of decisions (each one settles the encoding):
 * 1. no bytes -> INPUT_EMPTY;
 * 2. a byte-order mark: UTF-8, UTF-16 LE or UTF-16 BE (the BOM is dropped);
 * 3. no BOM but NUL bytes on every other position -> UTF-16 without BOM (LE or BE by which side);
 * 4. any other NUL byte -> INPUT_BINARY (text files never hold NUL);
 * 5. valid UTF-8 -> UTF-8;
 * 6. invalid UTF-8 that looks like Windows-1252 (few high bytes, none of the five bytes 1252
 *    leaves undefined) -> Windows-1252, the usual encoding of text saved by older Windows tools;
 * 7. otherwise -> INPUT_BAD_ENCODING with the offset of the first invalid byte.
 * Finally, text with more than CONTROL_SHARE of control characters is refused as binary.
 * @example decodeBytes(new Uint8Array([0xef, 0xbb, 0xbf, 0x68, 0x69]), 'a.txt') // 'hi'
 */
export function decodeBytes(bytes: Uint8Array, file: string): string {
  if (bytes.length === 0) throw createError('INPUT_EMPTY', file);
  const text = decodeByMark(bytes, file) ?? decodeUnmarked(bytes, file);
  checkControls(text, file);
  return text;
}

/** Share of control characters (other than tab, newlines, form feed) above which text is binary. */
export const CONTROL_SHARE = 0.02;

/** Bytes Windows-1252 does not define: their presence means the text is not 1252. */
const UNDEFINED_1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);
/** Above this share of bytes >= 0x80, invalid UTF-8 is likelier another legacy code page or binary. */
const HIGH_BYTE_SHARE_1252 = 0.3;

function decodeByMark(bytes: Uint8Array, file: string): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return strict('utf-8', bytes.subarray(3), file, 3);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return strict('utf-16le', bytes.subarray(2), file, 2);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return strict('utf-16be', bytes.subarray(2), file, 2);
  return null;
}

function decodeUnmarked(bytes: Uint8Array, file: string): string {
  const firstNul = bytes.indexOf(0);
  if (firstNul >= 0) {
    const side = utf16Side(bytes);
    if (side) return strict(side, bytes, file, 0);
    throw createError('INPUT_BINARY', file, `NUL byte at offset ${firstNul}`);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    if (looks1252(bytes)) return decode1252(bytes);
    throw createError('INPUT_BAD_ENCODING', file, `invalid UTF-8 at byte ${firstInvalidUtf8(bytes)}, and not Windows-1252 either`);
  }
}

/** UTF-16 without BOM: ASCII-range text puts a NUL in every other byte, on one side only. */
function utf16Side(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return null;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  const pairs = n / 2;
  if (odd > pairs * 0.4 && even < pairs * 0.05) return 'utf-16le';
  if (even > pairs * 0.4 && odd < pairs * 0.05) return 'utf-16be';
  return null;
}

function strict(encoding: string, bytes: Uint8Array, file: string, skipped: number): string {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    const where = encoding === 'utf-8' ? `at byte ${skipped + firstInvalidUtf8(bytes)}` : '(unpaired surrogate or odd length)';
    throw createError('INPUT_BAD_ENCODING', file, `invalid ${encoding.toUpperCase()} ${where}`);
  }
}

/**
 * Windows-1252 by hand: some Node 20 releases decode the 'windows-1252' label as ISO-8859-1,
 * which turns 0x80-0x9F (curly quotes, dashes, euro) into control characters.
 */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
function decode1252(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = bytes.subarray(i, i + 8192);
    out += String.fromCharCode(...Array.from(chunk, (b) => (b >= 0x80 && b < 0xa0 ? CP1252_HIGH.charCodeAt(b - 0x80) : b)));
  }
  return out;
}

function looks1252(bytes: Uint8Array): boolean {
  let high = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b < 0x80) continue;
    if (UNDEFINED_1252.has(b)) return false;
    high++;
  }
  return high <= bytes.length * HIGH_BYTE_SHARE_1252;
}

/** Offset of the first byte that breaks UTF-8 (lead byte, continuation, overlong or range). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    const len = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (len === 0 || i + len > bytes.length) return i;
    for (let k = 1; k < len; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return i;
    const b1 = bytes[i + 1] ?? 0;
    if ((b === 0xe0 && b1 < 0xa0) || (b === 0xed && b1 > 0x9f) || (b === 0xf0 && b1 < 0x90) || (b === 0xf4 && b1 > 0x8f)) return i;
    i += len;
  }
  return bytes.length;
}

function checkControls(text: string, file: string): void {
  const controls = countControls(text);
  if (controls > text.length * CONTROL_SHARE) {
    throw createError('INPUT_BINARY', file, `${controls} control characters in ${text.length}`);
  }
}

/** Control characters other than tab, newlines and form feed (C0, DEL, C1). */
export function countControls(text: string): number {
  let controls = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 127 || (c >= 0x80 && c < 0xa0)) controls++;
  }
  return controls;
}

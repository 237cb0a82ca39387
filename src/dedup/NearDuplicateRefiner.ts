import type { Article } from '../core/types.js';

/**
 * Near-duplicate detection with MinHash over word shingles.
 *
 * - Shingles: overlapping runs of SHINGLE_WORDS (5) lower-cased words (letters and digits
 *   only, so punctuation and quote styles do not matter). A text shorter than that is one shingle.
 * - Signature: NUM_HASHES (128) minima of a universal hash family over the 32-bit shingle
 *   hashes; the share of equal slots estimates the Jaccard similarity of the two shingle sets
 *   (std. error ~0.045).
 * - Threshold: estimated Jaccard >= DUPLICATE_THRESHOLD (0.6). A copy scores 1; a re-send with
 *   one paragraph of ten rewritten scores ~0.8; a different story on the same events shares
 *   few 5-word runs and scores < 0.2 (the thirty dev stories, several about the same battle
 *   on the same days, score at most 0.13 against each other).
 * - Index: LSH_BANDS (32) bands of 4 rows; two texts at Jaccard 0.6 share a band key with
 *   probability 1 - (1 - 0.6^4)^32 > 0.98, at 0.2 with probability < 0.05.
 *
 * Speed: the text is scanned once, character codes only. Each word gets an FNV-1a hash as it is
 * read, a shingle's hash is a polynomial over its word hashes kept up to date by a rolling
 * update (no string per word or shingle), and the 128 "permutations" are `a*x + b mod 2^32`
 * with fixed odd `a` (a bijection of 32-bit ints, one multiply-add each). Slots are compared as
 * signed ints, which is as good an order as any for taking minima and keeps V8 in int32 code.
 */
export const SHINGLE_WORDS = 5;
export const NUM_HASHES = 128;
export const LSH_BANDS = 32;
export const DUPLICATE_THRESHOLD = 0.6;
const ROWS = NUM_HASHES / LSH_BANDS;

/** Multipliers (odd) and offsets of the hash family, fixed so stored signatures stay comparable. */
const [MUL, ADD] = (() => {
  const mul = new Int32Array(NUM_HASHES);
  const add = new Int32Array(NUM_HASHES);
  let x = 0x9e3779b9;
  const next = () => (x = fmix32((x + 0x6d2b79f5) | 0));
  for (let i = 0; i < NUM_HASHES; i++) {
    mul[i] = next() | 1;
    add[i] = next();
  }
  return [mul, add];
})();

/** Base of the rolling shingle polynomial, and its power for the word leaving the window. */
const BASE = 0x01000193;
const BASE_OUT = (() => {
  let p = 1;
  for (let k = 1; k < SHINGLE_WORDS; k++) p = Math.imul(p, BASE);
  return p;
})();

/** Value of every slot of a text without words (similar to nothing). */
const EMPTY = 0xffffffff;

/**
 * MinHash signature of a text (NUM_HASHES values). A text without words gets all slots
 * 0xffffffff, which `estimateJaccard` treats as similar to nothing.
 * @example estimateJaccard(minhashSignature(a), minhashSignature(a)) // 1
 */
export function minhashSignature(text: string): Uint32Array {
  const count = shingleHashes(text);
  const sig = new Int32Array(NUM_HASHES);
  if (count === 0) return new Uint32Array(sig.buffer).fill(EMPTY);
  const xs = scratch;
  // eight slots at a time over all shingles: the running minima and the slots' constants stay in
  // registers, and each shingle hash is loaded once per eight slots (NUM_HASHES is a multiple of 8)
  for (let i = 0; i < NUM_HASHES; i += 8) {
    const a0 = MUL[i]!, a1 = MUL[i + 1]!, a2 = MUL[i + 2]!, a3 = MUL[i + 3]!;
    const a4 = MUL[i + 4]!, a5 = MUL[i + 5]!, a6 = MUL[i + 6]!, a7 = MUL[i + 7]!;
    const b0 = ADD[i]!, b1 = ADD[i + 1]!, b2 = ADD[i + 2]!, b3 = ADD[i + 3]!;
    const b4 = ADD[i + 4]!, b5 = ADD[i + 5]!, b6 = ADD[i + 6]!, b7 = ADD[i + 7]!;
    let m0 = 0x7fffffff, m1 = 0x7fffffff, m2 = 0x7fffffff, m3 = 0x7fffffff;
    let m4 = 0x7fffffff, m5 = 0x7fffffff, m6 = 0x7fffffff, m7 = 0x7fffffff;
    for (let k = 0; k < count; k++) {
      const x = xs[k]!;
      const v0 = (Math.imul(a0, x) + b0) | 0;
      const v1 = (Math.imul(a1, x) + b1) | 0;
      const v2 = (Math.imul(a2, x) + b2) | 0;
      const v3 = (Math.imul(a3, x) + b3) | 0;
      const v4 = (Math.imul(a4, x) + b4) | 0;
      const v5 = (Math.imul(a5, x) + b5) | 0;
      const v6 = (Math.imul(a6, x) + b6) | 0;
      const v7 = (Math.imul(a7, x) + b7) | 0;
      if (v0 < m0) m0 = v0;
      if (v1 < m1) m1 = v1;
      if (v2 < m2) m2 = v2;
      if (v3 < m3) m3 = v3;
      if (v4 < m4) m4 = v4;
      if (v5 < m5) m5 = v5;
      if (v6 < m6) m6 = v6;
      if (v7 < m7) m7 = v7;
    }
    sig[i] = m0;
    sig[i + 1] = m1;
    sig[i + 2] = m2;
    sig[i + 3] = m3;
    sig[i + 4] = m4;
    sig[i + 5] = m5;
    sig[i + 6] = m6;
    sig[i + 7] = m7;
  }
  return new Uint32Array(sig.buffer);
}

/** Shingle hashes of the last text hashed (the first `count` entries); grown, never shrunk. */
let scratch = new Int32Array(4096);

/**
 * Writes the shingle hashes of a text into `scratch` and returns how many there are (a text
 * of fewer than SHINGLE_WORDS words is one shingle; one without words has none).
 */
function shingleHashes(text: string): number {
  const ring = new Int32Array(SHINGLE_WORDS);
  let count = 0;
  let words = 0;
  let shingle = 0;
  let word = FNV_OFFSET;
  let inWord = false;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? wordCode(text.charCodeAt(i)) : -1;
    if (c >= 0) {
      word = Math.imul(word ^ c, 0x01000193);
      inWord = true;
      continue;
    }
    if (!inWord) continue;
    const slot = words % SHINGLE_WORDS;
    // drop the word that leaves the window, shift, add the new one: h = sum w_k * BASE^(4-k)
    shingle = (Math.imul(shingle - Math.imul(ring[slot]!, BASE_OUT), BASE) + word) | 0;
    ring[slot] = word;
    words++;
    word = FNV_OFFSET;
    inWord = false;
    if (words >= SHINGLE_WORDS) count = push(count, shingle);
  }
  if (words > 0 && words < SHINGLE_WORDS) count = push(count, shingle);
  return count;
}

function push(count: number, shingle: number): number {
  if (count === scratch.length) {
    const grown = new Int32Array(scratch.length * 2);
    grown.set(scratch);
    scratch = grown;
  }
  scratch[count] = fmix32(shingle) | 0;
  return count + 1;
}

const FNV_OFFSET = 0x811c9dc5 | 0;

/**
 * The lower-cased code of a word character (a letter or digit), or -1 for anything else.
 * ASCII is decided inline; other BMP characters through a table built on first use; a
 * surrogate (half of an astral character) counts as a word character.
 */
function wordCode(c: number): number {
  if (c < 128) {
    if (c >= 97 ? c <= 122 : c >= 65 ? c <= 90 : c >= 48 && c <= 57) return c >= 65 && c <= 90 ? c | 32 : c;
    return -1;
  }
  if (c >= 0xd800 && c <= 0xdfff) return c;
  return (LOWER ??= buildLower())[c]! - 1;
}

/** Lower-case code + 1 of each BMP word character, 0 for non-word characters. */
let LOWER: Uint16Array | null = null;
function buildLower(): Uint16Array {
  const t = new Uint16Array(0x10000);
  const wordChar = /[\p{L}\p{N}]/u;
  for (let c = 128; c < 0x10000; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue;
    const ch = String.fromCharCode(c);
    if (!wordChar.test(ch)) continue;
    const lower = ch.toLowerCase();
    t[c] = (lower.length === 1 ? lower.charCodeAt(0) : c) + 1;
  }
  return t;
}

/** Estimated Jaccard similarity of the shingle sets behind two signatures (0 when either is empty). */
export function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  if (a.length !== b.length || isEmpty(a) || isEmpty(b)) return 0;
  return sameSlots(a, b) / a.length;
}

function sameSlots(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same;
}

/** 32-bit hash of band `b` of a signature (its ROWS slots). */
function bandHash(sig: Uint32Array, b: number): number {
  let h = 0x811c9dc5 ^ b;
  for (let r = 0; r < ROWS; r++) h = fmix32((h ^ sig[b * ROWS + r]!) >>> 0);
  return h;
}

/**
 * LSH band keys ("band:hex"), for indexing signatures in a store: texts that share any key are
 * candidates, then confirmed with `estimateJaccard`.
 */
export function lshBandKeys(sig: Uint32Array): string[] {
  if (isEmpty(sig)) return [];
  const keys: string[] = [];
  for (let b = 0; b < LSH_BANDS; b++) keys.push(`${b}:${bandHash(sig, b).toString(16).padStart(8, '0')}`);
  return keys;
}

/** The text a duplicate check compares: body paragraphs (a re-send may change the headline). */
export function duplicateText(a: Article): string {
  return a.paragraphs.length > 0 ? a.paragraphs.map((p) => p.text).join('\n') : a.text;
}

/**
 * Candidates checked per article before it is taken as new. Real inputs have a handful; the
 * cap keeps a pathological input (thousands of stories sharing one band but not similar
 * enough) linear instead of quadratic.
 */
export const MAX_CANDIDATE_CHECKS = 64;
const SAME_SLOTS = Math.ceil(DUPLICATE_THRESHOLD * NUM_HASHES);

/**
 * For each article, the n of the earliest earlier article in the same input that is
 * near-identical (estimated Jaccard >= DUPLICATE_THRESHOLD), else null.
 *
 * Linear in practice: an article whose signature equals an earlier one's takes that one's
 * answer (or that one) without a search and is not indexed again, so thousands of copies do
 * not grow the buckets; otherwise the ascending bucket lists are merged lazily and the search
 * stops at the first match (at most MAX_CANDIDATE_CHECKS checks).
 * @example findNearDuplicates([story, copyOfStory, otherStory]) // [null, 1, null]
 */
export function findNearDuplicates(articles: Article[]): (number | null)[] {
  const sigs = articles.map((a) => minhashSignature(duplicateText(a)));
  const buckets = new Map<number, number[]>();
  /** Signature fingerprint -> indices of the first articles with that fingerprint. */
  const exact = new Map<number, number[]>();
  const best: (number | null)[] = [];
  const lists: number[][] = [];
  const heads: number[] = [];
  for (let i = 0; i < articles.length; i++) {
    const sig = sigs[i]!;
    best.push(null);
    if (isEmpty(sig)) continue;
    const fp = fingerprint(sig);
    const same = exact.get(fp)?.find((j) => sameSlots(sig, sigs[j]!) === NUM_HASHES);
    if (same !== undefined) {
      // an earlier article with this very signature: its earliest match is ours, else it is
      best[i] = best[same] ?? same;
      continue;
    }
    const fpList = exact.get(fp);
    if (fpList) fpList.push(i);
    else exact.set(fp, [i]);

    const keys: number[] = [];
    lists.length = 0;
    for (let b = 0; b < LSH_BANDS; b++) {
      const key = b * 0x100000000 + bandHash(sig, b);
      keys.push(key);
      const list = buckets.get(key);
      if (list) lists.push(list);
    }
    heads.length = lists.length;
    heads.fill(0);
    let last = -1;
    for (let checks = 0; checks < MAX_CANDIDATE_CHECKS; ) {
      // the least unseen candidate across the ascending lists
      let j = Infinity;
      for (let k = 0; k < lists.length; k++) {
        const list = lists[k]!;
        while (heads[k]! < list.length && list[heads[k]!]! <= last) heads[k]!++;
        if (heads[k]! < list.length && list[heads[k]!]! < j) j = list[heads[k]!]!;
      }
      if (j === Infinity) break;
      last = j;
      checks++;
      if (atLeast(sig, sigs[j]!, SAME_SLOTS)) {
        best[i] = j;
        break;
      }
    }
    for (const key of keys) {
      const list = buckets.get(key);
      if (list) list.push(i);
      else buckets.set(key, [i]);
    }
  }
  return best.map((j) => (j === null ? null : articles[j]!.n));
}

/** True when at least `need` slots are equal; stops as soon as the answer is known. */
function atLeast(a: Uint32Array, b: Uint32Array, need: number): boolean {
  let misses = a.length - need;
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i] && --misses < 0) return false;
  }
  return true;
}

function fingerprint(sig: Uint32Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < sig.length; i++) h = Math.imul(h ^ sig[i]!, 0x01000193);
  return h;
}

function isEmpty(sig: Uint32Array): boolean {
  for (let i = 0; i < sig.length; i++) if (sig[i] !== EMPTY) return false;
  return true;
}

/** murmur3's finaliser: a cheap 32-bit mixer. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

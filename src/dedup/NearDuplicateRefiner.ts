import type { Article } from '../core/types.js';

/**
 * Near-duplicate detection with MinHash over word shingles.
 *
 * - Shingles: overlapping runs of SHINGLE_WORDS (5) lower-cased words (letters and digits
 *   only, so punctuation and quote styles do not matter). A text shorter than that is one shingle.
 * - Signature: NUM_HASHES (128) minima of seeded 32-bit hashes of the shingles; the share of
 *   equal slots estimates the Jaccard similarity of the two shingle sets (std. error ~0.045).
 * - Threshold: estimated Jaccard >= DUPLICATE_THRESHOLD (0.6). A copy scores 1; a re-send with
 *   one paragraph of ten rewritten scores ~0.8; a different story on the same events shares
 *   few 5-word runs and scores < 0.2 (the thirty dev stories, several about the same battle
 *   on the same days, score at most 0.13 against each other).
 * - Index: LSH_BANDS (32) bands of 4 rows; two texts at Jaccard 0.6 share a band key with
 *   probability 1 - (1 - 0.6^4)^32 > 0.98, at 0.2 with probability < 0.05.
 */
export const SHINGLE_WORDS = 5;
export const NUM_HASHES = 128;
export const LSH_BANDS = 32;
export const DUPLICATE_THRESHOLD = 0.6;
const ROWS = NUM_HASHES / LSH_BANDS;

/** Seeds of the hash family, fixed so signatures stored today compare with signatures made later. */
const SEEDS = (() => {
  const s = new Uint32Array(NUM_HASHES);
  let x = 0x9e3779b9;
  for (let i = 0; i < NUM_HASHES; i++) {
    x = fmix32((x + 0x6d2b79f5) >>> 0);
    s[i] = x;
  }
  return s;
})();

/** The distinct shingle hashes of a text. */
export function shingleHashes(text: string): Uint32Array {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const set = new Set<number>();
  if (words.length > 0 && words.length < SHINGLE_WORDS) set.add(fnv1a(words.join(' ')));
  for (let i = 0; i + SHINGLE_WORDS <= words.length; i++) set.add(fnv1a(words.slice(i, i + SHINGLE_WORDS).join(' ')));
  return Uint32Array.from(set);
}

/**
 * MinHash signature of a text (NUM_HASHES values). A text without words gets all slots
 * 0xffffffff, which `estimateJaccard` treats as similar to nothing.
 * @example estimateJaccard(minhashSignature(a), minhashSignature(a)) // 1
 */
export function minhashSignature(text: string): Uint32Array {
  const sig = new Uint32Array(NUM_HASHES).fill(0xffffffff);
  for (const h of shingleHashes(text)) {
    for (let i = 0; i < NUM_HASHES; i++) {
      const v = fmix32((h ^ SEEDS[i]!) >>> 0);
      if (v < sig[i]!) sig[i] = v;
    }
  }
  return sig;
}

/** Estimated Jaccard similarity of the shingle sets behind two signatures (0 when either is empty). */
export function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  if (a.length !== b.length || isEmpty(a) || isEmpty(b)) return 0;
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same / a.length;
}

/**
 * LSH band keys ("band:hex"), for indexing signatures in a store: texts that share any key are
 * candidates, then confirmed with `estimateJaccard`.
 */
export function lshBandKeys(sig: Uint32Array): string[] {
  if (isEmpty(sig)) return [];
  const keys: string[] = [];
  for (let b = 0; b < LSH_BANDS; b++) {
    let h = 0x811c9dc5 ^ b;
    for (let r = 0; r < ROWS; r++) h = fmix32((h ^ sig[b * ROWS + r]!) >>> 0);
    keys.push(`${b}:${h.toString(16).padStart(8, '0')}`);
  }
  return keys;
}

/** The text a duplicate check compares: body paragraphs (a re-send may change the headline). */
export function duplicateText(a: Article): string {
  return a.paragraphs.length > 0 ? a.paragraphs.map((p) => p.text).join('\n') : a.text;
}

/**
 * For each article, the n of the earliest earlier article in the same input that is
 * near-identical (estimated Jaccard >= DUPLICATE_THRESHOLD), else null.
 * @example findNearDuplicates([story, copyOfStory, otherStory]) // [null, 1, null]
 */
export function findNearDuplicates(articles: Article[]): (number | null)[] {
  const sigs = articles.map((a) => minhashSignature(duplicateText(a)));
  const buckets = new Map<string, number[]>();
  return articles.map((_, i) => {
    const keys = lshBandKeys(sigs[i]!);
    const candidates = new Set<number>();
    for (const k of keys) for (const j of buckets.get(k) ?? []) candidates.add(j);
    let best: number | null = null;
    for (const j of [...candidates].sort((x, y) => x - y)) {
      if (estimateJaccard(sigs[i]!, sigs[j]!) >= DUPLICATE_THRESHOLD) {
        best = j;
        break;
      }
    }
    for (const k of keys) {
      const list = buckets.get(k);
      if (list) list.push(i);
      else buckets.set(k, [i]);
    }
    return best === null ? null : articles[best]!.n;
  });
}

function isEmpty(sig: Uint32Array): boolean {
  return sig.every((v) => v === 0xffffffff);
}

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** murmur3's finaliser: a cheap 32-bit mixer, so `fmix32(x ^ seed)` acts as a hash family. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

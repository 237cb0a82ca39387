import { createHash } from 'node:crypto';
import { isUtf8 } from 'node:buffer';
import { open, readdir, stat, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { createError, SitrepError } from '../core/errors.js';
import type { Article } from '../core/types.js';
import { DumpSegmenter } from '../segment/DumpSegmenter.js';
import { detectWrapWidth, joinHardWraps, WRAP_SAMPLE_CHARS } from '../segment/HardWrapJoiner.js';
import { CONTROL_SHARE, countControls } from './decodeBytes.js';
import { parseInput, type ParseOptions } from './InputParser.js';

/**
 * The reading edge: files, folders and stdin in, articles (or a refusal) per input out.
 * Parsing itself is pure (`parseInput`); this file only does the I/O around it.
 */
export interface ReadOptions extends ParseOptions {
  /** Inputs larger than this are refused (default MAX_INPUT_BYTES). */
  maxBytes?: number;
  /** Stream read for the path "-" (default process.stdin). */
  stdin?: AsyncIterable<Uint8Array | string>;
  /**
   * Yield a dump read in pieces (see STREAM_MIN_BYTES) as several results of about this many
   * articles each, marked with `batch`, instead of one result holding all of its articles.
   */
  batchArticles?: number;
  /** Reading in pieces: from which input size (default STREAM_MIN_BYTES), in pieces of how many bytes (default PIECE_BYTES). */
  streaming?: { minBytes?: number; pieceBytes?: number };
}

export type InputResult =
  | {
      file: string;
      contentHash: string;
      articles: Article[];
      /**
       * Only with `batchArticles`, on the results of a dump read in pieces: which batch of the
       * input this is (0-based; `n` keeps counting across batches) and whether it is the last.
       */
      batch?: { index: number; last: boolean };
    }
  | { file: string; error: SitrepError };

/**
 * Largest input read: a decoded text must fit one JavaScript string (V8 caps strings at about
 * 2^29 characters), and reading whole keeps peak memory near three times the file size.
 */
export const MAX_INPUT_BYTES = 512 * 1024 * 1024;

/**
 * Plain-text inputs from this size on are read in pieces: a first pass hashes the bytes and
 * checks they are valid UTF-8 with few control characters and no NUL, a second decodes piece by
 * piece and segments as it goes (DumpSegmenter), so neither the bytes nor the whole decoded
 * text are ever held. Anything else (another encoding, a refusal, markup) takes the whole-file
 * way, which gives the same articles or error.
 */
export const STREAM_MIN_BYTES = 32 * 1024 * 1024;
export const PIECE_BYTES = 4 * 1024 * 1024;

/**
 * Reads every input in order: a file, a folder (all files below it, recursively, sorted by
 * path, hidden entries skipped) or "-" for stdin. Each input yields its articles with
 * contentHash (sha256 hex of the raw bytes, so re-ingesting the same file can be a no-op), or
 * a SitrepError naming the file; one bad input never stops the others.
 * @example for await (const r of readInputs(['dumps/'])) if ('error' in r) console.error(r.error.message);
 */
export async function* readInputs(paths: string[], opts: ReadOptions = {}): AsyncIterable<InputResult> {
  for (const path of paths) {
    if (path === '-') {
      yield await settle('stdin', () => readStream(opts.stdin ?? process.stdin, opts.maxBytes ?? MAX_INPUT_BYTES), opts);
      continue;
    }
    let files: string[];
    try {
      files = (await stat(path)).isDirectory() ? await listFiles(path) : [path];
    } catch (e) {
      yield { file: path, error: asError(e, path) };
      continue;
    }
    for (const file of files) {
      const streamed = await streamPlan(file, opts).catch(() => null);
      if (streamed) yield* streamDump(file, streamed, opts);
      else yield await settle(file, () => readFileBytes(file, opts.maxBytes ?? MAX_INPUT_BYTES), opts);
    }
  }
}

/** What the first pass over a large plain-text input found. */
interface StreamPlan {
  contentHash: string;
  /** Bytes of a UTF-8 byte-order mark to skip. */
  skip: number;
}

/** First pass: a StreamPlan when the input can be read in pieces, else null. */
async function streamPlan(file: string, opts: ReadOptions): Promise<StreamPlan | null> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    if (size < (opts.streaming?.minBytes ?? STREAM_MIN_BYTES) || size > (opts.maxBytes ?? MAX_INPUT_BYTES)) return null;
    if (opts.format ? opts.format !== 'text' : /\.(json|jsonl|ndjson|csv|tsv|html?|xhtml)$/i.test(file)) return null;
    const hash = createHash('sha256');
    let first = true;
    let chars = 0;
    let controls = 0;
    let ink = false;
    let skip = 0;
    for await (const { raw, text } of utf8Pieces(handle, opts)) {
      hash.update(raw);
      if (first) {
        if (raw[0] === 0xff || raw[0] === 0xfe) return null; // UTF-16 marks
        skip = raw[0] === 0xef && raw[1] === 0xbb && raw[2] === 0xbf ? 3 : 0;
        // markup or JSON is parsed whole (\s covers a byte-order mark)
        if (!opts.format && text !== null && /^\s*[<{[]/.test(text.slice(0, 512))) return null;
        first = false;
      }
      // not UTF-8, or NUL bytes: the whole-file way decides (another encoding) or says what is wrong
      if (text === null || raw.indexOf(0) >= 0) return null;
      chars += text.length;
      controls += countControls(text);
      ink ||= text.trim() !== '';
    }
    return ink && controls <= chars * CONTROL_SHARE ? { contentHash: hash.digest('hex'), skip } : null;
  } catch {
    return null;
  } finally {
    await handle.close();
  }
}

/**
 * Second pass: decodes piece by piece and segments as it goes. A hard-wrapped dump (decided on
 * its first WRAP_SAMPLE_CHARS) is joined paragraph by paragraph: each piece is cut after its
 * last blank line, the rest waits for the next piece.
 */
async function* streamDump(file: string, plan: StreamPlan, opts: ReadOptions): AsyncIterable<InputResult> {
  const segmenter = new DumpSegmenter(file);
  const batchSize = opts.batchArticles ?? Infinity;
  let articles: Article[] = [];
  let index = 0;
  let width: number | null | undefined;
  let held = '';
  const take = (text: string, final: boolean) => {
    held += text;
    if (width === undefined) {
      if (!final && held.length < WRAP_SAMPLE_CHARS) return;
      width = detectWrapWidth(held);
    }
    let ready = held;
    if (width !== null && !final) {
      const cut = afterLastBlankLine(held);
      ready = held.slice(0, cut);
      held = held.slice(cut);
    } else held = '';
    for (const a of segmenter.push(width === null ? ready : joinHardWraps(ready, width))) articles.push(a);
    if (final) for (const a of segmenter.end()) articles.push(a);
  };
  const handle = await open(file, 'r');
  try {
    let first = true;
    for await (const { text } of utf8Pieces(handle, opts)) {
      if (text === null) throw createError('INPUT_BAD_ENCODING', file, 'the file changed while it was read');
      // the byte-order mark is one character
      take(first && plan.skip ? text.slice(1) : text, false);
      first = false;
      if (articles.length >= batchSize) {
        yield { file, contentHash: plan.contentHash, articles, batch: { index: index++, last: false } };
        articles = [];
      }
    }
    take('', true);
  } catch (e) {
    yield { file, error: asError(e, file) };
    return;
  } finally {
    await handle.close();
  }
  if (index === 0 && articles.length === 0) {
    yield { file, error: createError('INPUT_NO_TEXT', file, 'no story') };
  } else {
    yield { file, contentHash: plan.contentHash, articles, ...(opts.batchArticles ? { batch: { index, last: true } } : {}) };
  }
}

/** Where the text after the last blank line starts (0 when it has none). */
function afterLastBlankLine(text: string): number {
  for (let i = text.length - 1; i > 0; i--) {
    const c = text.charCodeAt(i);
    if (c !== 10 && c !== 13) continue;
    // the line ending here is blank when only spaces or tabs sit between it and the break before
    let j = c === 10 && text.charCodeAt(i - 1) === 13 ? i - 2 : i - 1;
    while (j >= 0 && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9)) j--;
    if (j >= 0 && (text.charCodeAt(j) === 10 || text.charCodeAt(j) === 13)) return i + 1;
  }
  return 0;
}

/**
 * The file as UTF-8 text, piece by piece: each piece is cut after its last whole character
 * (the rest of a cut character goes with the next piece), checked and decoded by Node's
 * native UTF-8 routines; `text` is null for a piece that is not valid UTF-8. `raw` is the bytes
 * read, in order, for hashing.
 */
async function* utf8Pieces(handle: FileHandle, opts: ReadOptions): AsyncIterable<{ raw: Uint8Array; text: string | null }> {
  let carry = Buffer.alloc(0);
  for await (const raw of pieces(handle, opts)) {
    const bytes = carry.length > 0 ? Buffer.concat([carry, raw]) : raw;
    const end = lastCharBoundary(bytes);
    carry = Buffer.from(bytes.subarray(end));
    const whole = bytes.subarray(0, end);
    yield { raw, text: isUtf8(whole) ? whole.toString('utf8') : null };
  }
  if (carry.length > 0) yield { raw: new Uint8Array(0), text: null };
}

/** Where the last UTF-8 character of `bytes` starts when it is cut off by the end, else the length. */
function lastCharBoundary(bytes: Buffer): number {
  for (let i = bytes.length - 1; i >= 0 && i >= bytes.length - 4; i--) {
    const b = bytes[i]!;
    if ((b & 0xc0) === 0x80) continue; // a continuation byte
    const len = b < 0x80 ? 1 : b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return i + len > bytes.length ? i : bytes.length;
  }
  return bytes.length;
}

async function* pieces(handle: FileHandle, opts: ReadOptions): AsyncIterable<Buffer> {
  const size = opts.streaming?.pieceBytes ?? PIECE_BYTES;
  for (let at = 0; ; ) {
    const buf = Buffer.allocUnsafe(size);
    const { bytesRead } = await handle.read(buf, 0, size, at);
    if (bytesRead === 0) return;
    at += bytesRead;
    yield buf.subarray(0, bytesRead);
  }
}

/** One input already in memory (an HTTP upload): the result a file holding these bytes gives. */
export function inputFromBytes(file: string, bytes: Uint8Array, opts: ParseOptions = {}): Promise<InputResult> {
  return settle(file, async () => bytes, opts);
}

async function settle(file: string, read: () => Promise<Uint8Array>, opts: ParseOptions): Promise<InputResult> {
  try {
    const bytes = await read();
    const contentHash = createHash('sha256').update(bytes).digest('hex');
    return { file, contentHash, articles: parseInput(bytes, file, opts) };
  } catch (e) {
    return { file, error: asError(e, file) };
  }
}

function asError(e: unknown, file: string): SitrepError {
  if (e instanceof SitrepError) return e;
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return createError('INPUT_NOT_FOUND', file);
  return createError('INPUT_BAD_ENCODING', file, `cannot be read: ${(e as Error).message}`);
}

async function readFileBytes(file: string, max: number): Promise<Uint8Array> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    if (size > max) throw createError('INPUT_TOO_LARGE', file, `${size} bytes, the limit is ${max}`);
    const buf = Buffer.allocUnsafe(size);
    let at = 0;
    while (at < size) {
      const { bytesRead } = await handle.read(buf, at, size - at, at);
      if (bytesRead === 0) break;
      at += bytesRead;
    }
    return buf.subarray(0, at);
  } finally {
    await handle.close();
  }
}

async function readStream(stream: AsyncIterable<Uint8Array | string>, max: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk);
    size += b.length;
    if (size > max) throw createError('INPUT_TOO_LARGE', 'stdin', `more than ${max} bytes`);
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const entries = (await readdir(dir, { withFileTypes: true })).filter((e) => !e.name.startsWith('.'));
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await listFiles(p)));
    else if (e.isFile()) out.push(p);
  }
  return out;
}

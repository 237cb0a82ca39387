import { createHash } from 'node:crypto';
import { open, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createError, SitrepError } from '../core/errors.js';
import type { Article } from '../core/types.js';
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
}

export type InputResult =
  | { file: string; contentHash: string; articles: Article[] }
  | { file: string; error: SitrepError };

/**
 * Largest input read: a decoded text must fit one JavaScript string (V8 caps strings at about
 * 2^29 characters), and reading whole keeps peak memory near three times the file size.
 */
export const MAX_INPUT_BYTES = 512 * 1024 * 1024;

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
    for (const file of files) yield await settle(file, () => readFileBytes(file, opts.maxBytes ?? MAX_INPUT_BYTES), opts);
  }
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

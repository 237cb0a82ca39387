import { createError } from '../core/errors.js';
import type { Article } from '../core/types.js';
import { segmentDump } from '../segment/DumpSegmenter.js';
import { detectWrapWidth, joinHardWraps } from '../segment/HardWrapJoiner.js';
import { parseCsvRecords } from './CsvRecordReader.js';
import { decodeBytes } from './decodeBytes.js';
import { parseHtmlArticle } from './HtmlArticleReader.js';
import { parseJsonLines, parseJsonRecords } from './JsonRecordReader.js';
import { fieldsToArticle, recordToArticle, type FieldMap, type RawRecord } from './RecordMapper.js';

export type InputFormat = 'text' | 'json' | 'jsonl' | 'csv' | 'tsv' | 'html';

export interface ParseOptions {
  /** Force a format; by default it comes from the file extension, else from the content. */
  format?: InputFormat;
  /** Field-name overrides for JSON, JSONL and CSV records. */
  fields?: FieldMap;
}

/**
 * Picks the format of an input: by extension (.json, .jsonl/.ndjson, .csv, .tsv, .html/.htm),
 * else by its first characters ("<" markup, "{" or "[" JSON), else plain text.
 */
export function detectFormat(file: string, text: string): InputFormat {
  const ext = /\.([a-z0-9]+)$/i.exec(file)?.[1]?.toLowerCase();
  if (ext === 'json') return 'json';
  if (ext === 'jsonl' || ext === 'ndjson') return 'jsonl';
  if (ext === 'csv') return 'csv';
  if (ext === 'tsv') return 'tsv';
  if (ext === 'html' || ext === 'htm' || ext === 'xhtml') return 'html';
  const head = text.slice(0, 512).trimStart();
  if (/^(<!doctype html|<html|<head|<body|<article)/i.test(head)) return 'html';
  if (/^[{[]/.test(head)) {
    try {
      JSON.parse(text);
      return 'json';
    } catch {
      return /^\{/.test(head) ? 'jsonl' : 'text';
    }
  }
  return 'text';
}

/**
 * Decodes and parses one input's bytes into articles (pure: no I/O). Throws a SitrepError
 * naming the file for an empty, binary, undecodable or malformed input, or one without text.
 * @example parseInput(new TextEncoder().encode('Headline\n\nBEIRUT (Reuters) - Text.'), 'a.txt')[0].headline.text // 'Headline'
 */
export function parseInput(bytes: Uint8Array, file: string, opts: ParseOptions = {}): Article[] {
  const text = decodeBytes(bytes, file);
  if (text.trim() === '') throw createError('INPUT_NO_TEXT', file, 'only whitespace');
  const format = opts.format ?? detectFormat(file, text);
  const articles = format === 'text' ? segmentText(text, file)
    : format === 'html' ? [fieldsToArticle(parseHtmlArticle(text), file, 1)].filter((a): a is Article => a !== null)
    : fromRecords(recordsOf(format, text, file), file, opts.fields);
  if (articles.length === 0) throw createError('INPUT_NO_TEXT', file, `no ${format === 'text' ? 'story' : 'record with a title or text'}`);
  return articles;
}

/** A plain-text dump's stories; a hard-wrapped dump has its paragraphs joined first (offsets kept). */
function segmentText(text: string, file: string): Article[] {
  const width = detectWrapWidth(text);
  return segmentDump(width === null ? text : joinHardWraps(text, width), file);
}

function recordsOf(format: 'json' | 'jsonl' | 'csv' | 'tsv', text: string, file: string): RawRecord[] {
  if (format === 'json') {
    try {
      return parseJsonRecords(text, file);
    } catch (e) {
      // JSON Lines saved as .json: accept it only if every line is an object
      if (!/^\s*\{[^\n]*\}\s*\r?\n\s*\{/.test(text)) throw e;
      try {
        return parseJsonLines(text, file);
      } catch {
        throw e;
      }
    }
  }
  if (format === 'jsonl') return parseJsonLines(text, file);
  return parseCsvRecords(text, file, format === 'tsv' ? '\t' : ',');
}

/** Records without a title or text are skipped; n counts the articles kept. */
function fromRecords(records: RawRecord[], file: string, fields?: FieldMap): Article[] {
  const out: Article[] = [];
  for (const r of records) {
    const a = recordToArticle(r, file, out.length + 1, fields);
    if (a) out.push(a);
  }
  return out;
}

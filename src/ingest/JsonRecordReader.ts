import { createError } from '../core/errors.js';
import type { RawRecord } from './RecordMapper.js';

/** Array properties tried first when a JSON document is an object holding the records. */
const COLLECTION_KEYS = ['articles', 'items', 'stories', 'records', 'entries', 'results', 'data', 'docs', 'documents', 'posts'];

/**
 * The records of a JSON document: an array of objects, an object holding such an array
 * (e.g. {articles: [...]}, preferring the usual collection names, else the first array of
 * objects), or one object. Malformed JSON is refused with its line and column.
 * @example parseJsonRecords('{"articles":[{"title":"T","text":"B."}]}', 'a.json') // [{title:'T',text:'B.'}]
 */
export function parseJsonRecords(text: string, file: string): RawRecord[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw createError('INPUT_BAD_JSON', file, `${where(text, jsonErrorOffset(text))}: ${(e as Error).message.split('\n')[0]}`);
  }
  return recordsOf(doc, file);
}

/** JSON Lines: one object per non-blank line; a bad line is refused with its line number. */
export function parseJsonLines(text: string, file: string): RawRecord[] {
  const out: RawRecord[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch (e) {
      const col = jsonErrorOffset(line) + 1;
      throw createError('INPUT_BAD_JSON', file, `line ${i + 1}, column ${col}: ${(e as Error).message.split('\n')[0]}`);
    }
    if (!isRecord(v)) throw createError('INPUT_BAD_JSON', file, `line ${i + 1}: expected an object`);
    out.push(v);
  });
  return out;
}

function recordsOf(doc: unknown, file: string): RawRecord[] {
  if (Array.isArray(doc)) return doc.filter(isRecord);
  if (!isRecord(doc)) throw createError('INPUT_NO_TEXT', file, 'the JSON holds no object');
  const keys = Object.keys(doc);
  const named = keys.find((k) => COLLECTION_KEYS.includes(k.toLowerCase()) && Array.isArray(doc[k]));
  const anyArray = keys.find((k) => Array.isArray(doc[k]) && (doc[k] as unknown[]).some(isRecord));
  const key = named ?? anyArray;
  return key ? (doc[key] as unknown[]).filter(isRecord) : [doc];
}

const isRecord = (v: unknown): v is RawRecord => v !== null && typeof v === 'object' && !Array.isArray(v);

function where(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const col = offset - before.lastIndexOf('\n');
  return `line ${line}, column ${col}`;
}

/**
 * Offset of the first JSON syntax error. Node's own message does not always give a position,
 * so a small recursive-descent scan finds it; it only runs after JSON.parse has failed.
 */
export function jsonErrorOffset(s: string): number {
  let i = 0;
  const ws = () => {
    while (i < s.length && /[ \t\r\n\ufeff]/.test(s[i]!)) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const lit = (w: string) => {
    if (s.startsWith(w, i)) i += w.length;
    else fail();
  };
  const str = () => {
    i++;
    while (i < s.length && s[i] !== '"') {
      if (s.charCodeAt(i) < 32) fail();
      if (s[i] === '\\') {
        i++;
        if (s[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(s.slice(i + 1, i + 5))) fail();
          i += 4;
        } else if (!/["\\\/bfnrt]/.test(s[i] ?? '')) fail();
      }
      i++;
    }
    if (i >= s.length) fail();
    i++;
  };
  const num = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(s.slice(i, i + 400));
    if (!m) fail();
    i += m![0].length;
  };
  const value = (): void => {
    ws();
    const c = s[i];
    if (c === '{') {
      i++;
      ws();
      if (s[i] === '}') return void i++;
      for (;;) {
        ws();
        if (s[i] !== '"') fail();
        str();
        ws();
        if (s[i] !== ':') fail();
        i++;
        value();
        ws();
        if (s[i] === ',') i++;
        else if (s[i] === '}') return void i++;
        else fail();
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (s[i] === ']') return void i++;
      for (;;) {
        value();
        ws();
        if (s[i] === ',') i++;
        else if (s[i] === ']') return void i++;
        else fail();
      }
    }
    if (c === '"') return str();
    if (c === 't') return lit('true');
    if (c === 'f') return lit('false');
    if (c === 'n') return lit('null');
    return num();
  };
  try {
    value();
    ws();
    return i < s.length ? i : s.length;
  } catch (at) {
    return typeof at === 'number' ? at : 0;
  }
}

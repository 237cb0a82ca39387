import type { Article, GivenMetadata } from '../core/types.js';
import { normaliseDate } from '../segment/PrintedDateParser.js';
import { segmentStory } from '../segment/StorySegmenter.js';

/**
 * Maps a structured record (a JSON object, a CSV row, an HTML page's fields) to an Article.
 *
 * Default field mapping (the first non-empty field wins; names match case-insensitively and
 * ignoring "_" and "-", so "published_at", "publishedAt" and "Published-At" are one name):
 *
 * | Article part | record fields, in order                                                        |
 * |--------------|--------------------------------------------------------------------------------|
 * | headline     | title, headline, heading, head, subject                                        |
 * | text (body)  | text, body, content, articleBody, article, story, fullText, mainText, description |
 * | given.date   | date, published, publishedAt, publishedTime, datePublished, pubDate, publicationDate, dateline, time, timestamp, created, createdAt |
 * | given.url    | url, link, href, uri, canonical                                                |
 * | given.source | source, publisher, site, siteName, outlet, agency, feed                        |
 *
 * `fields` overrides any of them with one exact field name; a dotted name ("meta.title") reads
 * a nested field. An object-valued source such as {name: "Reuters"} gives its name.
 */
export interface FieldMap {
  title?: string;
  text?: string;
  date?: string;
  url?: string;
  source?: string;
}

export const DEFAULT_FIELDS: Record<keyof FieldMap, string[]> = {
  title: ['title', 'headline', 'heading', 'head', 'subject'],
  text: ['text', 'body', 'content', 'articleBody', 'article', 'story', 'fullText', 'mainText', 'description'],
  date: ['date', 'published', 'publishedAt', 'publishedTime', 'datePublished', 'pubDate', 'publicationDate', 'dateline',
    'time', 'timestamp', 'created', 'createdAt'],
  url: ['url', 'link', 'href', 'uri', 'canonical'],
  source: ['source', 'publisher', 'site', 'siteName', 'outlet', 'agency', 'feed'],
};

export type RawRecord = Record<string, unknown>;

/** The five fields of a record under the mapping, as trimmed strings (absent when empty). */
export function mapFields(record: RawRecord, fields: FieldMap = {}): Partial<Record<keyof FieldMap, string>> {
  const out: Partial<Record<keyof FieldMap, string>> = {};
  for (const key of Object.keys(DEFAULT_FIELDS) as (keyof FieldMap)[]) {
    const override = fields[key];
    const value = override !== undefined ? readPath(record, override) : firstField(record, DEFAULT_FIELDS[key]);
    const s = asText(value);
    if (s) out[key] = s;
  }
  return out;
}

/**
 * One record as an Article, or null when it has neither a headline nor a body. Text is
 * headline + "\n\n" + body, segmented like a dump story so captions, byline, dateline,
 * paragraphs and credits are all filled; offset is null (the text was assembled).
 */
export function recordToArticle(record: RawRecord, file: string, n: number, fields: FieldMap = {}): Article | null {
  const f = mapFields(record, fields);
  return fieldsToArticle(f, file, n);
}

export function fieldsToArticle(f: Partial<Record<keyof FieldMap, string>>, file: string, n: number): Article | null {
  const title = f.title?.replace(/\s+/g, ' ');
  if (!title && !f.text) return null;
  const text = title && f.text ? `${title}\n\n${f.text}` : (title ?? f.text!);
  const given: GivenMetadata = {};
  if (f.date) given.date = normaliseDate(f.date) ?? f.date;
  if (f.url) given.url = f.url;
  if (f.source) given.source = f.source;
  return segmentStory({ text, file, n, offset: null, given, headlineFirst: title !== undefined });
}

function firstField(record: RawRecord, names: string[]): unknown {
  const byNorm = new Map<string, unknown>();
  for (const [k, v] of Object.entries(record)) {
    const norm = normName(k);
    if (!byNorm.has(norm)) byNorm.set(norm, v);
  }
  for (const name of names) {
    const v = byNorm.get(normName(name));
    if (asText(v)) return v;
  }
  return undefined;
}

function readPath(record: RawRecord, path: string): unknown {
  if (path in record) return record[path];
  let cur: unknown = record;
  for (const step of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as RawRecord)[step];
  }
  return cur;
}

const normName = (k: string) => k.toLowerCase().replace(/[_\-\s]/g, '');

function asText(v: unknown): string | undefined {
  if (typeof v === 'string') return v.trim() || undefined;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (Array.isArray(v)) return asText(v.filter((x) => typeof x === 'string').join('\n\n'));
  if (v && typeof v === 'object' && 'name' in v) return asText((v as { name: unknown }).name);
  return undefined;
}

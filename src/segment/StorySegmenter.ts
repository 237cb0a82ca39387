import { createHash } from 'node:crypto';
import type { Article, Caption, GivenMetadata, Paragraph, Part } from '../core/types.js';
import { parseCredits } from './CreditParser.js';
import { classifyLines, type ClassifiedLine, type Line } from './LineClassifier.js';
import { findPrintedDate } from './PrintedDateParser.js';

/** How many lines after the headline a dateline may come (repeated headline, captions, byline). */
export const MAX_PREAMBLE = 5;

export interface StoryInput {
  /** The story's own text (Article.text); every span is relative to it. */
  text: string;
  file: string;
  n: number;
  /** Start of `text` in the decoded input, or null when assembled from fields. */
  offset: number | null;
  given?: GivenMetadata;
  /** True when the first line is known to be the headline (structured records). */
  headlineFirst?: boolean;
}

/**
 * Splits one story into its parts: headline (a repeated headline line is dropped), photo
 * captions with their printed date, byline, dateline places, body paragraphs and ALL-CAPS
 * sub-heads, and the credit line with its people. Every part's span indexes `input.text`.
 * @example segmentStory({ text: 'Headline\n\nBEIRUT (Reuters) - Text.', file: 'f', n: 1, offset: 0 }).dateline[0].text // 'BEIRUT'
 */
export function segmentStory(input: StoryInput): Article {
  return segmentLines(input, classifyLines(input.text), 0);
}

/**
 * `segmentStory` over lines already split and classified (the dump segmenter has them):
 * `lines` are the non-blank lines of `input.text`, with offsets `base` higher than in it.
 */
export function segmentLines(input: StoryInput, lines: ClassifiedLine[], base: number): Article {
  const { text } = input;
  const article: Article = {
    id: articleId(text, lines),
    file: input.file,
    n: input.n,
    offset: input.offset,
    text,
    headline: null,
    captions: [],
    byline: null,
    dateline: [],
    paragraphs: [],
    credits: null,
    given: input.given ?? {},
  };
  const span = (start: number, end: number) => ({ start: start - base, end: end - base });
  const part = (l: ClassifiedLine): Part => ({ text: l.text, span: span(l.start, l.end) });
  const caption = (l: ClassifiedLine): Caption => ({
    text: l.text,
    span: span(l.start, l.end),
    date: findPrintedDate(l.text),
    filePhoto: /\bFILE (?:PHOTO|PICTURE|IMAGE)\b/i.test(l.text),
  });
  const paragraph = (l: ClassifiedLine, kind: Paragraph['kind']): Paragraph => ({ text: l.text, span: span(l.start, l.end), kind });
  let i = 0;
  const first = lines[0];
  if (first && (input.headlineFirst || startsAsHeadline(first))) {
    article.headline = part(first);
    i = 1;
    // a dump often prints the headline twice; the copy is not a paragraph
    while (lines[i] && lines[i]!.text === first.text) i++;
  }
  let dl = -1;
  for (let k = i; k < lines.length && k <= i + MAX_PREAMBLE; k++) {
    if (lines[k]!.cues.dateline) {
      dl = k;
      break;
    }
  }
  // lines between the headline and the dateline are bylines or captions; without a dateline,
  // only marked captions and a byline at the top are taken as such
  for (; i < lines.length && (dl >= 0 ? i < dl : true); i++) {
    const l = lines[i]!;
    const by = article.byline ? null : l.cues.byline;
    if (by) article.byline = { text: l.text.slice(by.start, by.end), span: span(l.start + by.start, l.start + by.end) };
    else if (dl >= 0 || l.cues.markedCaption) article.captions.push(caption(l));
    else break;
  }
  for (; i < lines.length; i++) {
    const l = lines[i]!;
    if (i === dl) {
      article.dateline = l.cues.dateline!.places.map((s) => ({ text: l.text.slice(s.start, s.end), span: span(l.start + s.start, l.start + s.end) }));
      article.paragraphs.push(paragraph(l, 'body'));
    } else if (l.cues.credit && !article.credits) {
      article.credits = { ...part(l), people: parseCredits(l.text) };
    } else if (l.cues.markedCaption) {
      article.captions.push(caption(l));
    } else {
      article.paragraphs.push(paragraph(l, l.cues.subhead ? 'subhead' : 'body'));
    }
  }
  return article;
}

/** The first line of a story is its headline unless it is clearly something else. */
function startsAsHeadline({ text, cues }: ClassifiedLine): boolean {
  if (cues.dateline || cues.byline || cues.markedCaption || cues.parenthesised) return false;
  return cues.headline || (text.length <= 200 && !/[.!?]["”’']?$/.test(text)) || cues.subhead;
}

/**
 * Article.id: sha256 (hex, first 16 characters) of the whitespace-normalised text
 * (`text.replace(/\s+/g, ' ').trim()`), so the same story re-ingested, re-wrapped or
 * re-indented gets the same id. Given the text's lines, that string is usually just the lines
 * joined by spaces (whatever separates lines is whitespace), which saves a pass over the text;
 * a line holding a double space or another whitespace character takes the general way.
 */
export function articleId(text: string, lines?: readonly Line[]): string {
  const joinable = lines !== undefined && !text.includes('\u200b') &&
    ((!text.includes('  ') && !OTHER_SPACE.test(text)) || lines.every((l) => !IRREGULAR_IN_LINE.test(l.text)));
  const normalised = joinable ? lines.map((l) => l.text).join(' ') : text.replace(/\s+/g, ' ').trim();
  return createHash('sha256').update(normalised).digest('hex').slice(0, 16);
}
/** Whitespace a normalised line would not keep as is. */
const IRREGULAR_IN_LINE = /[^\S ]| {2}/;
/**
 * Whitespace other than " " and "\n" (the class \s without them): with no double space either,
 * a whole text passes at once instead of line by line.
 */
const OTHER_SPACE = /[\t\v\f\r\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]/;

import { createHash } from 'node:crypto';
import type { Article, Caption, GivenMetadata, Paragraph, Part } from '../core/types.js';
import { parseCredits } from './CreditParser.js';
import {
  isCredit, isHeadlineLike, isMarkedCaption, isParenthesised, isSubhead, matchByline, matchDateline, splitLines,
  type Line,
} from './LineClassifier.js';
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
  const { text } = input;
  const lines = splitLines(text);
  const article: Article = {
    id: articleId(text),
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
  let i = 0;
  const first = lines[0];
  if (first && (input.headlineFirst || startsAsHeadline(first.text))) {
    article.headline = part(first);
    i = 1;
    // a dump often prints the headline twice; the copy is not a paragraph
    while (lines[i] && lines[i]!.text === first.text) i++;
  }
  const dl = lines.findIndex((l, k) => k >= i && k <= i + MAX_PREAMBLE && matchDateline(l.text) !== null);
  // lines between the headline and the dateline are bylines or captions; without a dateline,
  // only marked captions and a byline at the top are taken as such
  for (; i < lines.length && (dl >= 0 ? i < dl : true); i++) {
    const l = lines[i]!;
    const by = article.byline ? null : matchByline(l.text);
    if (by) article.byline = { text: l.text.slice(by.start, by.end), span: { start: l.start + by.start, end: l.start + by.end } };
    else if (dl >= 0 || isMarkedCaption(l.text)) article.captions.push(caption(l));
    else break;
  }
  for (; i < lines.length; i++) {
    const l = lines[i]!;
    if (i === dl) {
      const m = matchDateline(l.text)!;
      article.dateline = m.places.map((s) => ({ text: l.text.slice(s.start, s.end), span: { start: l.start + s.start, end: l.start + s.end } }));
      article.paragraphs.push(paragraph(l, 'body'));
    } else if (isCredit(l.text) && !article.credits) {
      article.credits = { ...part(l), people: parseCredits(l.text) };
    } else if (isMarkedCaption(l.text)) {
      article.captions.push(caption(l));
    } else {
      article.paragraphs.push(paragraph(l, isSubhead(l.text) ? 'subhead' : 'body'));
    }
  }
  return article;
}

/** The first line of a story is its headline unless it is clearly something else. */
function startsAsHeadline(text: string): boolean {
  if (matchDateline(text) || matchByline(text) || isMarkedCaption(text) || isParenthesised(text)) return false;
  return isHeadlineLike(text) || (text.length <= 200 && !/[.!?]["”’']?$/.test(text)) || isSubhead(text);
}

/**
 * Article.id: sha256 (hex, first 16 characters) of the whitespace-normalised text, so the
 * same story re-ingested, re-wrapped or re-indented gets the same id.
 */
export function articleId(text: string): string {
  return createHash('sha256').update(text.replace(/\s+/g, ' ').trim()).digest('hex').slice(0, 16);
}

const part = (l: Line): Part => ({ text: l.text, span: { start: l.start, end: l.end } });
const paragraph = (l: Line, kind: Paragraph['kind']): Paragraph => ({ ...part(l), kind });
const caption = (l: Line): Caption => ({
  ...part(l),
  date: findPrintedDate(l.text),
  filePhoto: /\bFILE (?:PHOTO|PICTURE|IMAGE)\b/i.test(l.text),
});

import type { Article } from '../core/types.js';
import {
  endsSentence, isCredit, isHeadlineLike, isMarkedCaption, isParenthesised, isSubhead, matchByline, matchDateline,
  splitLines, type Line,
} from './LineClassifier.js';
import { MAX_PREAMBLE, segmentStory } from './StorySegmenter.js';

/**
 * Cuts a plain-text dump of concatenated stories into articles.
 *
 * A dump has no markup, so story starts are found from three cues, strongest first:
 * 1. a credit line "(Reporting by ...; Editing by ...)" ends a story: the next line starts one
 *    (parenthesised notes right after the credit still belong to the old story);
 * 2. a dateline "CITY (Reuters) –" starts a story's body: the story starts at the nearest line
 *    above it, within MAX_PREAMBLE lines, that reads like a headline and follows a finished
 *    paragraph (captions and a byline may sit in between), else at the dateline itself;
 * 3. with neither, a headline-like line (short, capitalised, no final punctuation, not ALL
 *    CAPS) after a finished paragraph and before a body paragraph starts a story.
 * Every part keeps its span: `text.slice(a.offset + p.span.start, a.offset + p.span.end) === p.text`.
 * @example segmentDump('Headline one\n\nBEIRUT (Reuters) - Body.\n\n(Editing by A B)\n\nHeadline two\n\nBody two.', 'f.txt').length // 2
 */
export function segmentDump(text: string, file: string): Article[] {
  const lines = splitLines(text);
  const starts = findStoryStarts(lines);
  return starts.map((s, k) => {
    const last = lines[(starts[k + 1] ?? lines.length) - 1]!;
    const from = lines[s]!.start;
    return segmentStory({ text: text.slice(from, last.end), file, n: k + 1, offset: from });
  });
}

interface Cues {
  credit: boolean;
  dateline: boolean;
  headline: boolean;
  strictHeadline: boolean;
  ends: boolean;
}

/** Indices (into `lines`) of the first line of each story, ascending. */
export function findStoryStarts(lines: Line[]): number[] {
  const n = lines.length;
  if (n === 0) return [];
  const cues: Cues[] = lines.map((l) => ({
    credit: isCredit(l.text),
    dateline: matchDateline(l.text) !== null,
    headline: isHeadlineLike(l.text),
    strictHeadline: isHeadlineLike(l.text, true),
    ends: endsSentence(l.text) || isParenthesised(l.text),
  }));
  const isStart = new Array<boolean>(n).fill(false);
  isStart[0] = true;

  // 1. credit lines end stories
  for (let i = 0; i < n; i++) {
    if (!cues[i]!.credit) continue;
    let j = i + 1;
    while (j < n && isParenthesised(lines[j]!.text)) j++;
    if (j < n) isStart[j] = true;
  }

  // 2. datelines: attach to the story just started, or start one at the headline above
  /** A line may open a story when it reads like a headline and does not continue a headline above. */
  const opens = (h: number) => cues[h]!.headline && (h === 0 || isStart[h] || cues[h - 1]!.ends || cues[h - 1]!.credit);
  /** Lines that may sit between a headline and its dateline. */
  const preamble = (k: number) => !cues[k]!.credit && !cues[k]!.dateline && !isSubhead(lines[k]!.text);
  const protectedUntil = new Array<number>(n).fill(-1);
  let lastStart = 0;
  for (let d = 0; d < n; d++) {
    if (isStart[d]) lastStart = d;
    if (!cues[d]!.dateline || isStart[d]) continue;
    const floor = Math.max(lastStart, d - MAX_PREAMBLE);
    let start = -1;
    for (let h = d - 1; h >= floor && preamble(h); h--) {
      if (opens(h)) {
        start = h > 0 && lines[h - 1]!.text === lines[h]!.text && h - 1 >= floor ? h - 1 : h;
        break;
      }
    }
    if (start < 0 && d - lastStart <= MAX_PREAMBLE && range(lastStart, d).every(preamble)) {
      // a story started just above (after a credit line) and this is its dateline
      start = lastStart;
    } else if (start < 0) {
      // no headline: the story starts with the byline and marked captions right above, if any
      start = d;
      while (start - 1 >= floor && (matchByline(lines[start - 1]!.text) || isMarkedCaption(lines[start - 1]!.text))) start--;
    }
    isStart[start] = true;
    protectedUntil[start] = d;
    lastStart = start;
  }

  // 3. headline-like lines between finished paragraphs, outside any headline-to-dateline preamble
  let guard = -1;
  for (let i = 1; i < n - 1; i++) {
    if (isStart[i]) {
      guard = protectedUntil[i]!;
      continue;
    }
    if (i <= guard || !cues[i]!.headline || !cues[i - 1]!.ends) continue;
    // a byline within two lines (past an unmarked caption) or a marked caption right below
    // confirms even a headline ending in "?"
    const byOrCaption =
      isMarkedCaption(lines[i + 1]!.text) || [i + 1, i + 2].some((k) => k < n && matchByline(lines[k]!.text));
    // the next line is a finished sentence, and it or the one after is longer than the
    // candidate (a story's first line may be short; a headline is rarely the longest line)
    const longer = (k: number) => k < n && cues[k]!.ends && lines[k]!.text.length > lines[i]!.text.length;
    const bodyNext = cues[i + 1]!.ends && !cues[i + 1]!.headline && (longer(i + 1) || longer(i + 2));
    if (byOrCaption || (bodyNext && cues[i]!.strictHeadline)) isStart[i] = true;
  }

  const out: number[] = [];
  isStart.forEach((s, i) => s && out.push(i));
  return out;
}

const range = (a: number, b: number) => Array.from({ length: b - a }, (_, k) => a + k);

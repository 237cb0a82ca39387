import type { Article } from '../core/types.js';
import { classifyLine, isLineSpace, type ClassifiedLine } from './LineClassifier.js';
import { MAX_PREAMBLE, segmentLines } from './StorySegmenter.js';

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
  const segmenter = new DumpSegmenter(file);
  const out = segmenter.push(text);
  for (const a of segmenter.end()) out.push(a);
  return out;
}

/**
 * Lines held without a credit-line cut before the segmenter cuts anyway, at the last story
 * start it has found (only a dump without credit lines gets that far).
 */
export const MAX_WINDOW_LINES = 20000;

/**
 * Segments a dump that arrives in pieces (a large file read in chunks), returning each story
 * as soon as it is settled, so only the unfinished part of the dump is held.
 *
 * The result is the same as `segmentDump` over the whole text: a line right after a credit
 * line (and the parenthesised notes below it) always starts a story (cue 1), and no decision
 * after such a line depends on the lines before it, while decisions before it look at most two
 * lines past it. So once two lines beyond such a cut have arrived, everything before the cut is
 * final. Only a dump without credit lines for MAX_WINDOW_LINES lines is cut elsewhere (at the
 * last start found, which later lines could in rare layouts have moved).
 * Offsets are in the concatenated input: piece boundaries may fall anywhere, even inside "\r\n".
 * @example const s = new DumpSegmenter('big.txt'); for (const piece of pieces) use(s.push(piece)); use(s.end());
 */
export class DumpSegmenter {
  /** The input from the first line not yet given to a story (or a little before it). */
  private buf = '';
  /** Offset of buf[0] in the input. */
  private bufStart = 0;
  /** buf index up to which lines have been split. */
  private scanned = 0;
  /** Lines not yet given to a story, offsets in the input. */
  private lines: ClassifiedLine[] = [];
  /** Indices into `lines` of lines right after a credit line (and its notes). */
  private cuts: number[] = [];
  private afterCredit = false;
  private n = 0;

  constructor(readonly file: string) {}

  /** Adds the next piece of the input; returns the stories it settled. */
  push(text: string): Article[] {
    this.buf += text;
    // split only complete lines: the text after the last line break may continue (only the new
    // piece can hold a break after `scanned`)
    const floor = Math.max(this.scanned, this.buf.length - text.length);
    let limit = this.buf.length;
    while (limit > floor && !isBreak(this.buf.charCodeAt(limit - 1))) limit--;
    return limit > floor ? this.drain(limit, false) : [];
  }

  /** Ends the input; returns the remaining stories. */
  end(): Article[] {
    return this.drain(this.buf.length, true);
  }

  private drain(limit: number, final: boolean): Article[] {
    const out: Article[] = [];
    const { buf } = this;
    const re = /[^\r\n]+/g;
    re.lastIndex = this.scanned;
    for (let m = re.exec(buf); m && m.index < limit; m = re.exec(buf)) {
      let s = m.index;
      let e = s + m[0].length;
      while (s < e && isLineSpace(buf.charCodeAt(s))) s++;
      while (e > s && isLineSpace(buf.charCodeAt(e - 1))) e--;
      if (e > s) this.add(buf.slice(s, e), this.bufStart + s, this.bufStart + e, out);
    }
    this.scanned = limit;
    if (final) {
      this.emit(this.lines.length, this.lines.length, out);
      this.buf = '';
      this.bufStart += limit;
      this.scanned = 0;
    } else {
      this.compact();
    }
    return out;
  }

  private add(text: string, start: number, end: number, out: Article[]): void {
    const line: ClassifiedLine = { text, start, end, cues: classifyLine(text) };
    const i = this.lines.push(line) - 1;
    if (line.cues.credit) this.afterCredit = true;
    else if (!line.cues.parenthesised) {
      if (this.afterCredit && i > 0) this.cuts.push(i);
      this.afterCredit = false;
    }
    // two lines past a cut settle every story before it
    let cut = -1;
    while (this.cuts.length > 0 && this.cuts[0]! + 2 < this.lines.length) cut = this.cuts.shift()!;
    if (cut > 0) this.emit(cut, cut + 3, out);
    else if (this.lines.length >= this.forceAt) this.forceCut(out);
  }

  /** Window size at which to try a forced cut (raised when one fails, so tries stay linear). */
  private forceAt = MAX_WINDOW_LINES;

  /** Stories of lines[0, upTo), deciding starts over lines[0, window). */
  private emit(upTo: number, window: number, out: Article[]): void {
    const starts = findStoryStarts(this.lines, window).filter((s) => s < upTo);
    starts.forEach((s, k) => out.push(this.story(s, starts[k + 1] ?? upTo)));
    this.drop(upTo);
  }

  private forceCut(out: Article[]): void {
    const starts = findStoryStarts(this.lines, this.lines.length);
    // leave room for the lookahead of the last decisions (a dateline up to MAX_PREAMBLE lines down)
    const cut = starts.filter((s) => s > 0 && s < this.lines.length - 2 * MAX_PREAMBLE).pop();
    if (cut !== undefined) this.emit(cut, this.lines.length, out);
    this.forceAt = this.lines.length + MAX_WINDOW_LINES;
  }

  private story(from: number, to: number): Article {
    const lines = this.lines.slice(from, to);
    const offset = lines[0]!.start;
    const text = this.buf.slice(offset - this.bufStart, lines[lines.length - 1]!.end - this.bufStart);
    return segmentLines({ text, file: this.file, n: ++this.n, offset }, lines, offset);
  }

  private drop(count: number): void {
    this.lines = this.lines.slice(count);
    this.cuts = this.cuts.map((c) => c - count).filter((c) => c > 0);
  }

  /**
   * Lets go of input already given to stories, once it is most of what is held: the next piece
   * appended makes V8 copy what is held into one string, so holding little keeps that copy
   * small, and the old string is freed once no story text points into it.
   */
  private compact(): void {
    const keep = (this.lines[0]?.start ?? this.bufStart + this.scanned) - this.bufStart;
    if (keep === 0 || keep < this.buf.length / 2) return;
    this.buf = this.buf.slice(keep);
    this.bufStart += keep;
    this.scanned -= keep;
  }
}

const isBreak = (c: number) => c === 10 || c === 13;

/** Indices (into `lines`, of the first `n`) of the first line of each story, ascending. */
export function findStoryStarts(lines: ClassifiedLine[], n = lines.length): number[] {
  if (n === 0) return [];
  const cues = (k: number) => lines[k]!.cues;
  const isStart = new Array<boolean>(n).fill(false);
  isStart[0] = true;

  // 1. credit lines end stories
  for (let i = 0; i < n; i++) {
    if (!cues(i).credit) continue;
    let j = i + 1;
    while (j < n && cues(j).parenthesised) j++;
    if (j < n) isStart[j] = true;
  }

  // 2. datelines: attach to the story just started, or start one at the headline above
  /** A line may open a story when it reads like a headline and does not continue a headline above. */
  const opens = (h: number) => cues(h).headline && (h === 0 || isStart[h] || cues(h - 1).ends || cues(h - 1).credit);
  /** Lines that may sit between a headline and its dateline. */
  const preamble = (k: number) => !cues(k).credit && !cues(k).dateline && !cues(k).subhead;
  const protectedUntil = new Array<number>(n).fill(-1);
  let lastStart = 0;
  for (let d = 0; d < n; d++) {
    if (isStart[d]) lastStart = d;
    if (!cues(d).dateline || isStart[d]) continue;
    const floor = Math.max(lastStart, d - MAX_PREAMBLE);
    let start = -1;
    for (let h = d - 1; h >= floor && preamble(h); h--) {
      if (opens(h)) {
        start = h > 0 && lines[h - 1]!.text === lines[h]!.text && h - 1 >= floor ? h - 1 : h;
        break;
      }
    }
    if (start < 0 && d - lastStart <= MAX_PREAMBLE && allPreamble(lastStart, d, preamble)) {
      // a story started just above (after a credit line) and this is its dateline
      start = lastStart;
    } else if (start < 0) {
      // no headline: the story starts with the byline and marked captions right above, if any
      start = d;
      while (start - 1 >= floor && (cues(start - 1).byline || cues(start - 1).markedCaption)) start--;
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
    if (i <= guard || !cues(i).headline || !cues(i - 1).ends) continue;
    // a byline within two lines (past an unmarked caption) or a marked caption right below
    // confirms even a headline ending in "?"
    const byOrCaption = cues(i + 1).markedCaption || cues(i + 1).byline !== null || (i + 2 < n && cues(i + 2).byline !== null);
    // the next line is a finished sentence, and it or the one after is longer than the
    // candidate (a story's first line may be short; a headline is rarely the longest line)
    const longer = (k: number) => k < n && cues(k).ends && lines[k]!.text.length > lines[i]!.text.length;
    const bodyNext = cues(i + 1).ends && !cues(i + 1).headline && (longer(i + 1) || longer(i + 2));
    if (byOrCaption || (bodyNext && cues(i).strictHeadline)) isStart[i] = true;
  }

  const out: number[] = [];
  for (let i = 0; i < n; i++) if (isStart[i]) out.push(i);
  return out;
}

function allPreamble(from: number, to: number, preamble: (k: number) => boolean): boolean {
  for (let k = from; k < to; k++) if (!preamble(k)) return false;
  return true;
}

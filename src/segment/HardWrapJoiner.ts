/**
 * Hard-wrapped dumps (every paragraph broken at ~70 columns, a blank line between paragraphs)
 * put back to one line per paragraph, so the line cues see paragraphs, not fragments.
 *
 * A line break inside a paragraph becomes a space ("\r\n" two spaces): the text keeps its
 * length, so every offset still points into the file, though a joined part's text then reads
 * with a space where the file has a line break. A break is a wrap when the first word of the
 * next line would not have fitted on the line (the wrapping width is the longest line of the
 * wrapped blocks); a short line (a headline above a byline, a paragraph's last line) keeps its
 * break even without a blank line after it.
 */

/** Text looked at to decide whether an input is hard-wrapped. */
export const WRAP_SAMPLE_CHARS = 1 << 18;
/** Wrapping widths considered: narrower is a list or a table, wider is not wrapping. */
const MIN_WIDTH = 40;
const MAX_WIDTH = 100;
/** Inner lines (followed by a non-blank line) needed to call a text wrapped. */
const MIN_INNER_LINES = 4;
/** Share of inner lines that reach within WIDTH_SLACK columns of the width in a wrapped text. */
const FULL_SHARE = 0.7;
const WIDTH_SLACK = 20;

/**
 * The wrapping width of a hard-wrapped text, from its first WRAP_SAMPLE_CHARS characters, or
 * null when it is not hard-wrapped (any line longer than MAX_WIDTH, too few wrapped lines, or
 * lines that do not fill up to a common width).
 * @example detectWrapWidth(storyWrappedAt70) // 70
 */
export function detectWrapWidth(text: string): number | null {
  const sample = text.length > WRAP_SAMPLE_CHARS ? text.slice(0, WRAP_SAMPLE_CHARS) : text;
  const inner: number[] = [];
  // lines with their ends: a line is inner when the next one is not blank
  const re = /([^\r\n]*)(\r\n|\r|\n|$)/g;
  let prev = -1;
  for (let m = re.exec(sample); m && m[0] !== ''; m = re.exec(sample)) {
    if (m[2] === '' && text.length > sample.length) break; // cut mid-line
    const len = m[1]!.trimEnd().length;
    if (len > MAX_WIDTH) return null;
    if (prev > 0 && len > 0) inner.push(prev);
    prev = len;
  }
  if (inner.length < MIN_INNER_LINES) return null;
  const width = Math.max(...inner);
  if (width < MIN_WIDTH) return null;
  const full = inner.filter((len) => len >= width - WIDTH_SLACK).length;
  return full >= inner.length * FULL_SHARE ? width : null;
}

/**
 * `text` with each wrap (see above) replaced by spaces of the same length.
 * @example joinHardWraps('A line that ends\nwhere it wraps.', 18) // 'A line that ends where it wraps.'
 */
export function joinHardWraps(text: string, width: number): string {
  const out: string[] = [];
  let lineStart = 0;
  let copied = 0;
  const breaks = /\r\n|\r|\n/g;
  for (let m = breaks.exec(text); m; m = breaks.exec(text)) {
    let end = m.index;
    while (end > lineStart && isBlank(text.charCodeAt(end - 1))) end--;
    const next = m.index + m[0].length;
    let s = next;
    while (s < text.length && isBlank(text.charCodeAt(s))) s++;
    let e = s;
    while (e < text.length && !isBlank(text.charCodeAt(e)) && !isBreak(text.charCodeAt(e))) e++;
    if (end > lineStart && e > s && end - lineStart + 1 + (e - s) > width) {
      out.push(text.slice(copied, m.index), m[0].length === 2 ? '  ' : ' ');
      copied = next;
    }
    lineStart = next;
  }
  if (copied === 0) return text;
  out.push(text.slice(copied));
  return out.join('');
}

const isBlank = (c: number) => c === 32 || c === 9;
const isBreak = (c: number) => c === 10 || c === 13;

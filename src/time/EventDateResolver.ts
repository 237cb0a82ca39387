/**
 * The date of an event reported in one sentence, for the events stage.
 *
 * - A time expression in the sentence dates it: the most precise one (a day beats a week beats a
 *   month), ties going to the first; an onset ("since late February") or a future-cued
 *   expression is used only when nothing else is there, since it dates the start of a period
 *   or a plan rather than the reported event.
 * - With none, the event is what the wire story reports as news: it happened in the week up to
 *   publication. The window is [earliest publication day - 6, latest publication day], the date
 *   the publication date, and the precision follows from the window (2 when the publication day
 *   is known, 3 when it is itself uncertain): the text does not support a day.
 */
import type { DateWindow, PubDate, Span, TimeMention } from '../core/types.js';
import { isoOf, parseIsoDay, precisionOf } from './calendar.js';
import { findTimeMentions } from './TimeExpressionExtractor.js';

export type EventDate = DateWindow & { rule: string; reasons: string[]; span: Span | null };

/** Days before publication after which an event counts as background (ANNOTATION.md: ~30). */
export const BACKGROUND_DAYS = 30;
/** How far back an undated event in a wire story is taken to reach. */
export const UNDATED_EVENT_DAYS = 6;

const width = (m: Pick<DateWindow, 'earliest' | 'latest'>) => parseIsoDay(m.latest) - parseIsoDay(m.earliest);
const WEAK_CUE = /\(onset|\(future cue\)/;
/** True for an onset ("since May") or a future-cued mention: it dates a period's start or a plan, not an event. */
export function isWeakMention(m: TimeMention): boolean {
  if (m.reasons) for (const r of m.reasons) if (WEAK_CUE.test(r)) return true;
  return false;
}

/** The mention that dates the event: firm before weak, then the narrowest window, then the first. */
function rank(mentions: TimeMention[]): TimeMention {
  // each mention's keys once, not once per comparison
  const ranked = mentions.map((m) => ({ m, weak: Number(isWeakMention(m)), width: width(m) }));
  ranked.sort((a, b) => a.weak - b.weak || a.width - b.width || a.m.span.start - b.m.span.start);
  return ranked[0]!.m;
}

/**
 * @example
 * eventDateFor({ text: 'Jets struck the town on Tuesday.', span: { start: 0, end: 32 } }, pub)
 * // pub = 2017-03-09 → { date: '2017-03-07', earliest: '2017-03-07', latest: '2017-03-07', precision: 1, rule: 'time.weekday.day', ... }
 */
export function eventDateFor(sentence: { text: string; span: Span }, anchor: PubDate, mentions?: TimeMention[]): EventDate {
  const inside = (mentions ?? findTimeMentions(sentence.text, sentence.span.start, anchor)).filter(
    (m) => m.span.start >= sentence.span.start && m.span.end <= sentence.span.end && !m.rule.startsWith('time.span'),
  );
  const best = inside.length < 2 ? inside[0] : rank(inside);
  if (best) {
    return {
      date: best.date, earliest: best.earliest, latest: best.latest, precision: best.precision, rule: best.rule, span: best.span,
      reasons: [`dated by "${best.text}" in the sentence`, ...(best.reasons ?? [])],
    };
  }
  const e = parseIsoDay(anchor.earliest) - UNDATED_EVENT_DAYS;
  const l = parseIsoDay(anchor.latest);
  return {
    date: anchor.date, earliest: isoOf(e), latest: isoOf(l), precision: precisionOf(e, l), rule: 'time.event.undated', span: null,
    reasons: [`no time expression in the sentence: reported as news, so within the ${UNDATED_EVENT_DAYS} days up to publication (${anchor.earliest}..${anchor.latest})`],
  };
}

/** True when the whole window lies more than `BACKGROUND_DAYS` before the earliest publication day. */
export function isBackground(window: Pick<DateWindow, 'latest'>, anchor: Pick<PubDate, 'earliest'>): boolean {
  return parseIsoDay(window.latest) < parseIsoDay(anchor.earliest) - BACKGROUND_DAYS;
}

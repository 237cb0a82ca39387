/**
 * Temporal expressions resolved against the publication date. Each mention gets a window
 * (earliest-latest) that says only what the text supports, and a precision derived from that
 * window's width (1 a day, 2 up to a week, 3 wider). When the anchor itself is a window, a
 * relative expression is resolved at both ends and the union is kept: "on Wednesday" in a story
 * published some day in [Mar 10, Mar 17] is any Wednesday from Mar 9 to Mar 16.
 *
 * Conventions (wire style): a bare weekday is the last such day on or before publication (a
 * future cue such as "will" makes it the next one); a month or month-day without year is the
 * most recent one (the next one under a future cue); "last week" is the previous ISO week;
 * "over the weekend" the weekend just gone; "overnight" the night before publication.
 */
import type { PubDate, TimeMention } from '../core/types.js';
import {
  addMonths, dayOf, isoOf, isoWeekOf, isoWeekStart, monthEnd, monthStart, parseIsoDay, precisionOf, weekdayOf, ymdOf,
} from './calendar.js';
import { defaultTimeResources, type TimeResources } from './TimeResourceLoader.js';
import { createTimexScanner, type RawTimex } from './TimexScanner.js';

/** What a resolved window stands for: it fixes the TIMEX3-style value (see `timexValue`). */
export type Granularity = 'day' | 'week' | 'weekend' | 'month' | 'quarter' | 'season' | 'year' | 'decade' | 'span';

export interface Resolution {
  earliest: number;
  latest: number;
  point: number;
  gran: Granularity;
}

/** A day window as day numbers; a PubDate converts to one with `anchorDays`. */
export interface DayWindow {
  date: number;
  earliest: number;
  latest: number;
}

export const anchorDays = (a: { date: string; earliest: string; latest: string }): DayWindow => ({
  date: parseIsoDay(a.date),
  earliest: parseIsoDay(a.earliest),
  latest: parseIsoDay(a.latest),
});

const SEASON_START: Record<string, number> = { SP: 3, SU: 6, FA: 9, WI: 12 };

/** How far a kind of expression is trusted: explicit calendar dates most, spans least. */
const CONFIDENCE: Record<RawTimex['kind'], number> = {
  date: 0.9, month: 0.85, year: 0.9, decade: 0.8, weekday: 0.85, named: 0.85, relative: 0.8,
  shift: 0.75, quarter: 0.8, season: 0.7, span: 0.6,
};

const isAbsolute = (t: RawTimex): boolean =>
  (t.kind === 'date' || t.kind === 'month' || t.kind === 'quarter' || t.kind === 'season') ? t.y !== null
    : t.kind === 'year' || t.kind === 'decade';

function narrow(e: number, l: number, mod: 'early' | 'mid' | 'late' | null): [number, number] {
  if (!mod) return [e, l];
  const third = Math.floor((l - e + 1) / 3);
  return mod === 'early' ? [e, e + third - 1] : mod === 'mid' ? [e + third, l - third] : [l - third + 1, l];
}

function seasonWindow(season: string, y: number): [number, number] {
  const m = SEASON_START[season]!;
  return [monthStart(y, m), monthEnd(y, m + 2)];
}

const win = (earliest: number, latest: number, gran: Granularity, point = earliest + Math.floor((latest - earliest) / 2)): Resolution =>
  ({ earliest, latest, point, gran });

/**
 * Resolves one expression at a point anchor `D` (day number). `ref` is the last day-precise date
 * stated before it, for "a day earlier" and "the next day". Returns null for what is not a date.
 */
export function resolveAt(t: RawTimex, D: number, ref: number | null): Resolution | null {
  const Y = ymdOf(D).y;
  switch (t.kind) {
    case 'date': {
      const valid = (y: number) => { const c = dayOf(y, t.m, t.d); return ymdOf(c).d === t.d ? c : null; };
      if (t.y !== null) { const c = valid(t.y); return c === null ? null : win(c, c, 'day'); }
      // the latest occurrence not more than a week ahead (past), or the first from a week back (future)
      const cands = [Y - 1, Y, Y + 1].map(valid).filter((c): c is number => c !== null);
      const c = t.future ? cands.find((x) => x >= D - 7) : [...cands].reverse().find((x) => x <= D + 7);
      return c === undefined ? null : win(c, c, 'day');
    }
    case 'month': {
      let y = t.y;
      if (y === null) {
        const { m } = ymdOf(D);
        // "last March" said in March is a year back; a bare "March" then is the current one
        y = t.future ? (t.m >= m ? Y : Y + 1) : t.m < m || (t.m === m && !t.last) ? Y : Y - 1;
      }
      const [e, l] = narrow(monthStart(y, t.m), monthEnd(y, t.m), t.mod);
      return win(e, l, 'month');
    }
    case 'year': {
      const [e, l] = narrow(dayOf(t.y, 1, 1), dayOf(t.y, 12, 31), t.mod);
      return win(e, l, 'year');
    }
    case 'decade':
      return win(dayOf(t.y, 1, 1), dayOf(t.y + 9, 12, 31), 'decade');
    case 'weekday': {
      // a weekday inside a stated earlier period adds no date of its own: the period's mention dates it
      if (t.inPeriod) return null;
      const back = (weekdayOf(D) - t.dow + 7) % 7;
      const ahead = (t.dow - weekdayOf(D) + 7) % 7;
      const forward = t.rel === 'next' || (t.rel !== 'last' && t.future);
      const c = forward ? D + (ahead || 7) : t.rel === 'last' ? D - (back || 7) : D - back;
      return win(c, c, 'day');
    }
    case 'named':
      switch (t.named) {
        case 'yesterday': return win(D - 1, D - 1, 'day');
        case 'tomorrow': return win(D + 1, D + 1, 'day');
        case 'overnight': return win(D - 1, D, 'day', D - 1);
        default: return win(D, D, 'day');
      }
    case 'relative':
      return resolveRelative(t.unit, t.rel, D, t.future);
    case 'shift': {
      const base = t.fromReference && ref !== null ? ref : D;
      switch (t.unit) {
        case 'day': return win(base + t.n, base + t.n, 'day');
        case 'week': { const s = isoWeekStart(base + 7 * t.n); return win(s, s + 6, 'week'); }
        case 'month': { const { y, m } = ymdOf(addMonths(base, t.n)); return win(monthStart(y, m), monthEnd(y, m), 'month'); }
        case 'year': { const y = ymdOf(base).y + t.n; return win(dayOf(y, 1, 1), dayOf(y, 12, 31), 'year'); }
        case 'decade': { const y = ymdOf(base).y + 10 * t.n; return win(dayOf(y, 1, 1), dayOf(y, 12, 31), 'year'); }
      }
      return null;
    }
    case 'quarter': {
      let y = t.y ?? Y;
      if (t.y === null && !t.future && monthStart(y, 3 * t.q - 2) > D) y--;
      return win(monthStart(y, 3 * t.q - 2), monthEnd(y, 3 * t.q), 'quarter');
    }
    case 'season': {
      if (t.y !== null) { const [e, l] = seasonWindow(t.season, t.y); return win(e, l, 'season'); }
      const around = [Y - 2, Y - 1, Y, Y + 1].map((y) => seasonWindow(t.season, y));
      const current = around.find(([e, l]) => e <= D && D <= l);
      const lastDone = [...around].reverse().find(([, l]) => l < D)!;
      const nextUp = around.find(([e]) => e > D)!;
      const pick = t.rel === 'last' ? lastDone : t.rel === 'next' ? nextUp : current ?? (t.future ? nextUp : lastDone);
      return win(pick[0], pick[1], 'season');
    }
    case 'span': {
      const days = t.unit === 'day' ? t.n : t.unit === 'week' ? 7 * t.n : t.unit === 'month' ? 30 * t.n : t.unit === 'year' ? 365 * t.n : 3650 * t.n;
      return win(D - days, D, 'span', D);
    }
  }
}

function resolveRelative(unit: string, rel: string, D: number, future: boolean): Resolution | null {
  const part = (e: number, l: number, gran: Granularity): Resolution =>
    rel === 'earlier' ? win(e, Math.max(e, D - 1), gran) : rel === 'later' ? win(Math.min(l, D + 1), l, gran) : win(e, l, gran);
  const { y, m } = ymdOf(D);
  switch (unit) {
    case 'week': {
      const s = isoWeekStart(D) + (rel === 'last' ? -7 : rel === 'next' ? 7 : 0);
      return part(s, s + 6, 'week');
    }
    case 'weekend': {
      const dow = weekdayOf(D);
      if (rel === 'last' || rel === 'past' || (rel === 'this' && !future && (dow === 0 || dow === 1))) {
        const sat = D - 1 - ((weekdayOf(D - 1) - 6 + 7) % 7);
        return win(sat, Math.min(sat + 1, D), 'weekend', sat);
      }
      const sat = isoWeekStart(D) + 5 + (rel === 'next' && (dow === 6 || dow === 0) ? 7 : 0);
      return win(sat, sat + 1, 'weekend', sat);
    }
    case 'month': {
      const k = rel === 'last' ? -1 : rel === 'next' ? 1 : 0;
      return part(monthStart(y, m + k), monthEnd(y, m + k), 'month');
    }
    case 'quarter': {
      const q0 = Math.floor((m - 1) / 3) + (rel === 'last' ? -1 : rel === 'next' ? 1 : 0);
      return part(monthStart(y, 3 * q0 + 1), monthEnd(y, 3 * q0 + 3), 'quarter');
    }
    case 'year': {
      const k = rel === 'last' ? -1 : rel === 'next' ? 1 : 0;
      return part(dayOf(y + k, 1, 1), dayOf(y + k, 12, 31), 'year');
    }
    case 'decade': {
      const d0 = y - (y % 10) + (rel === 'last' ? -10 : rel === 'next' ? 10 : 0);
      return part(dayOf(d0, 1, 1), dayOf(d0 + 9, 12, 31), 'decade');
    }
  }
  return null;
}

/**
 * Resolves against an anchor window: absolute expressions once, relative ones at the anchor's
 * date and at both ends, keeping the union so an uncertain anchor widens the result honestly.
 */
export function resolveTimex(t: RawTimex, anchor: DayWindow, ref: number | null): Resolution | null {
  const r = resolveAt(t, anchor.date, ref);
  if (!r || isAbsolute(t) || (anchor.earliest === anchor.date && anchor.latest === anchor.date)) return r;
  if (t.kind === 'shift' && t.fromReference && ref !== null) return r;
  const a = resolveAt(t, anchor.earliest, ref);
  const b = resolveAt(t, anchor.latest, ref);
  return {
    ...r,
    earliest: Math.min(r.earliest, a?.earliest ?? r.earliest, b?.earliest ?? r.earliest),
    latest: Math.max(r.latest, a?.latest ?? r.latest, b?.latest ?? r.latest),
  };
}

function reasonsFor(t: RawTimex, r: Resolution, anchor: DayWindow, usedRef: boolean): string[] {
  const out = [`"${t.text}" read as ${t.kind}${t.future ? ' (future cue)' : ''}${t.since ? ' (onset: "since")' : ''}`];
  if (!isAbsolute(t)) {
    out.push(anchor.earliest === anchor.latest
      ? `resolved against publication date ${isoOf(anchor.date)}`
      : `resolved against publication window ${isoOf(anchor.earliest)}..${isoOf(anchor.latest)}: window widened`);
  }
  if (usedRef) out.push('counted from the date stated just before it');
  out.push(`window ${isoOf(r.earliest)}..${isoOf(r.latest)}`);
  return out;
}

export type FindTimeMentions = (text: string, base: number, anchor: PubDate) => TimeMention[];

/** Builds the extractor over given resources (tests pass their own; the default loads resources/time). */
export function createTimeExpressionExtractor(resources: TimeResources): FindTimeMentions {
  const scan = createTimexScanner(resources.lexicon);
  // callers pass one anchor for every sentence of a story: parse it once
  let last = { date: '', earliest: '', latest: '' };
  let lastDays: DayWindow = { date: NaN, earliest: NaN, latest: NaN };
  return (text, base, anchor) => {
    const ts = scan(text);
    if (ts.length === 0) return [];
    if (anchor.date !== last.date || anchor.earliest !== last.earliest || anchor.latest !== last.latest) {
      lastDays = anchorDays(anchor);
      last = { date: anchor.date, earliest: anchor.earliest, latest: anchor.latest };
    }
    const a = lastDays;
    if (Number.isNaN(a.date)) return [];
    const out: TimeMention[] = [];
    let ref: number | null = null;
    for (const t of ts) {
      const r = resolveTimex(t, a, ref);
      if (!r) continue;
      const usedRef = t.kind === 'shift' && t.fromReference && ref !== null;
      const relative = !isAbsolute(t) && a.earliest !== a.latest;
      out.push({
        text: t.text,
        date: isoOf(r.point),
        earliest: isoOf(r.earliest),
        latest: isoOf(r.latest),
        precision: precisionOf(r.earliest, r.latest),
        rule: `time.${t.kind}.${r.gran}`,
        confidence: CONFIDENCE[t.kind] * (relative ? 0.8 : 1),
        span: { start: base + t.start, end: base + t.end },
        reasons: reasonsFor(t, r, a, usedRef),
      });
      if (r.earliest === r.latest && r.gran === 'day') ref = r.point;
    }
    return out;
  };
}

let defaultExtractor: FindTimeMentions | null = null;

/**
 * Finds temporal expressions in `text` and resolves them against the publication date.
 * `base` is added to every span (pass the sentence's offset in Article.text).
 *
 * @example
 * findTimeMentions('Rebels seized the town on Wednesday.', 0, pub) // pub = Friday 2016-03-18
 * // → [{ text: 'Wednesday', date: '2016-03-16', earliest: '2016-03-16', latest: '2016-03-16', precision: 1, ... }]
 */
export function findTimeMentions(text: string, base: number, anchor: PubDate): TimeMention[] {
  defaultExtractor ??= createTimeExpressionExtractor(defaultTimeResources());
  return defaultExtractor(text, base, anchor);
}

/**
 * The TIMEX3-style normalised value of a mention (YYYY-MM-DD, YYYY-Www, YYYY-Www-WE, YYYY-MM,
 * YYYY-Qn, YYYY-SU, YYYY, YYY for a decade), read from its rule's granularity and its date;
 * null for spans, which TIMEX3 types as durations.
 */
export function timexValue(m: Pick<TimeMention, 'rule' | 'date'>): string | null {
  const gran = m.rule.split('.').pop() as Granularity;
  const day = parseIsoDay(m.date);
  const { y, m: mo } = ymdOf(day);
  const pad = (n: number) => String(n).padStart(2, '0');
  switch (gran) {
    case 'day': return m.date;
    case 'week': { const w = isoWeekOf(day); return `${w.year}-W${pad(w.week)}`; }
    case 'weekend': { const w = isoWeekOf(day); return `${w.year}-W${pad(w.week)}-WE`; }
    case 'month': return `${y}-${pad(mo)}`;
    case 'quarter': return `${y}-Q${Math.floor((mo - 1) / 3) + 1}`;
    case 'season': return `${mo === 1 || mo === 2 ? y - 1 : y}-${['WI', 'WI', 'SP', 'SP', 'SP', 'SU', 'SU', 'SU', 'FA', 'FA', 'FA', 'WI'][mo - 1]}`;
    case 'year': return String(y);
    case 'decade': return String(y).slice(0, 3);
    default: return null;
  }
}

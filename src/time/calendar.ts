/**
 * Calendar arithmetic on day numbers (days since 1970-01-01, UTC). Time work stays in integers:
 * windows, offsets and weekdays are cheap and exact, and nothing here reads the clock.
 */
import { boundedMemo } from '../core/boundedMemo.js';
import type { IsoDate, TimePrecision } from '../core/types.js';

/** Entries kept by the day <-> ISO string memos below before they start over. */
const CACHE_LIMIT = 50_000;

// Days from/to civil dates without Date objects (H. Hinnant's algorithms): these run for every
// mention and every candidate day, and Date allocation dominated the profile.
export function dayOf(y: number, m: number, d: number): number {
  // months outside 1-12 roll over into neighbouring years, as Date.UTC does
  y += Math.floor((m - 1) / 12);
  m = ((((m - 1) % 12) + 12) % 12) + 1;
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

// the same few dates are read again and again (comparisons, background tests): their days are
// kept, keyed by the date part (a longer string is read by its first ten characters)
const dayOfIso = boundedMemo(CACHE_LIMIT, (s: string): number => {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(s);
  return m ? dayOf(+m[1]!, +m[2]!, m[3] ? +m[3] : 1) : NaN;
});

/** Day number of an ISO date (YYYY-MM-DD, or YYYY-MM meaning its first day); NaN when malformed. */
export function parseIsoDay(s: string): number {
  return s.length <= 10 ? dayOfIso(s) : dayOfIso(s.slice(0, 10));
}

export function ymdOf(day: number): { y: number; m: number; d: number } {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

// every mention writes three or four dates out, and a story's dates are a few nearby days: the
// strings are kept (a stream of years of news holds some tens of thousands of distinct days)
export const isoOf = boundedMemo(CACHE_LIMIT, (day: number): IsoDate => {
  const { y, m, d } = ymdOf(day);
  return `${y < 1000 ? String(y).padStart(4, "0") : y}-${pad2(m)}-${pad2(d)}`;
});

/** 0 = Sunday ... 6 = Saturday (1970-01-01 was a Thursday). */
export const weekdayOf = (day: number): number => (((day + 4) % 7) + 7) % 7;


export const monthStart = (y: number, m: number): number => dayOf(y, m, 1);
export const monthEnd = (y: number, m: number): number => dayOf(y, m + 1, 1) - 1;

/** Monday of the ISO week holding `day`. */
export const isoWeekStart = (day: number): number => day - ((weekdayOf(day) + 6) % 7);

/** ISO-8601 week-numbering year and week of `day`. */
export function isoWeekOf(day: number): { year: number; week: number } {
  const thursday = isoWeekStart(day) + 3;
  const year = ymdOf(thursday).y;
  return { year, week: Math.floor((thursday - dayOf(year, 1, 1)) / 7) + 1 };
}

/** Same day-of-month `n` months later (clamped to the month's end). */
export function addMonths(day: number, n: number): number {
  const { y, m, d } = ymdOf(day);
  const target = monthStart(y, m + n);
  const t = ymdOf(target);
  return Math.min(target + d - 1, monthEnd(t.y, t.m));
}

/** ACLED-style precision from a window's width: one day is 1, up to a week is 2, anything wider 3. */
export const precisionOf = (earliest: number, latest: number): TimePrecision =>
  latest <= earliest ? 1 : latest - earliest <= 6 ? 2 : 3;

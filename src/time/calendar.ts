/**
 * Calendar arithmetic on day numbers (days since 1970-01-01, UTC). Time work stays in integers:
 * windows, offsets and weekdays are cheap and exact, and nothing here reads the clock.
 */
import type { IsoDate, TimePrecision } from '../core/types.js';

const MS_PER_DAY = 86_400_000;

export const dayOf = (y: number, m: number, d: number): number => Math.floor(Date.UTC(y, m - 1, d) / MS_PER_DAY);

/** Day number of an ISO date (YYYY-MM-DD, or YYYY-MM meaning its first day); NaN when malformed. */
export function parseIsoDay(s: string): number {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(s);
  return m ? dayOf(+m[1]!, +m[2]!, m[3] ? +m[3] : 1) : NaN;
}

export function isoOf(day: number): IsoDate {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** 0 = Sunday ... 6 = Saturday (1970-01-01 was a Thursday). */
export const weekdayOf = (day: number): number => (((day + 4) % 7) + 7) % 7;

export function ymdOf(day: number): { y: number; m: number; d: number } {
  const t = new Date(day * MS_PER_DAY);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

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

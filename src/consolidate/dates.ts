import type { IsoDate } from '../core/types.js';

/** Day arithmetic on ISO dates, as integers (days since 1970-01-01, UTC): no clock involved. */

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** Day number of YYYY-MM-DD, or null when the string is not a valid date. */
export function dayNumber(iso: string | null | undefined): number | null {
  if (!iso) return null;
  const m = ISO_DAY.exec(iso);
  if (!m) return null;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Number.isNaN(t) ? null : Math.floor(t / DAY_MS);
}

export function isoDay(day: number): IsoDate {
  let iso = isoDays.get(day);
  if (iso === undefined) isoDays.set(day, (iso = new Date(day * DAY_MS).toISOString().slice(0, 10)));
  return iso;
}
// Fusion formats the same few thousand days over and over; a Date per call was a hot spot.
const isoDays = new Map<number, IsoDate>();

/** Week bucket of a day number (coarse time key for candidate indexes). */
export const weekOf = (day: number): number => Math.floor(day / 7);

/** Inclusive day window. */
export interface DayWindow {
  start: number;
  end: number;
}

/**
 * The window an item's date fields state: [earliest, latest], else the single date. Items with no
 * date at all get the week before publication — wire stories report recent events — and say so.
 */
export function windowOf(
  date: string | null,
  earliest: string | null,
  latest: string | null,
  pubDate: string | undefined,
): { window: DayWindow; assumed: boolean } | null {
  const d = dayNumber(date);
  const start = dayNumber(earliest) ?? d;
  const end = dayNumber(latest) ?? d;
  if (start !== null && end !== null) return { window: { start: Math.min(start, end), end: Math.max(start, end) }, assumed: false };
  const p = dayNumber(pubDate);
  if (p !== null) return { window: { start: p - 7, end: p }, assumed: true };
  return null;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "May 2015" for a YYYY-MM-DD date. */
export function monthYear(iso: IsoDate): string {
  return `${MONTHS[Number(iso.slice(5, 7)) - 1] ?? iso.slice(5, 7)} ${iso.slice(0, 4)}`;
}

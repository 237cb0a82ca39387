import type { IsoDate } from '../core/types.js';
import type { PlaceTimeline } from './ControlTimelineBuilder.js';
import { dayNumber } from './dates.js';
import { normaliseName } from './geo.js';

/** Who held a place on a date, by the timeline. */
export interface ControlState {
  /** The timeline's id and display name. */
  placeId: string;
  place: string;
  country: string | null;
  lat: number | null;
  lon: number | null;
  holder: string;
  /** Best date of the change that gave it to `holder`; null when held since before any record. */
  since: IsoDate | null;
  /**
   * The interval's confidence, scaled down inside an uncertain change window by the share of
   * the window elapsed (halfway through "some time in May", the new holder is a coin toss).
   */
  confidence: number;
}

/**
 * Point-in-time control: for each place, the holder on `date`. Places whose holder on that date
 * is unknown (before the first change, with no from_actor) are left out.
 * @example controlAt(timelines, '2016-01-01') // [{ place: 'Palmyra', holder: 'Islamic State', since: '2015-05-20', ... }]
 */
export function controlAt(timelines: PlaceTimeline[], date: IsoDate): ControlState[] {
  const d = dayNumber(date);
  if (d === null) return [];
  const out: ControlState[] = [];
  for (const t of timelines) {
    // The last change that may have happened by d; in its window the outcome is uncertain.
    let i = -1;
    t.transitions.forEach((tr, k) => { if (dayNumber(tr.when.earliest)! <= d) i = k; });
    const interval = t.intervals[i + 1]!;
    if (interval.holder === null) continue;
    let confidence = interval.confidence;
    if (interval.from) {
      const start = dayNumber(interval.from.earliest)!;
      const end = dayNumber(interval.from.latest)!;
      if (d < end) confidence *= (d - start + 1) / (end - start + 1);
    }
    out.push({
      placeId: t.id, place: t.place, country: t.country, lat: t.lat, lon: t.lon,
      holder: interval.holder, since: interval.from?.date ?? null, confidence: Math.round(confidence * 1000) / 1000,
    });
  }
  return out;
}

/** Timelines whose place goes by `name` (normalised: "al-Bab" finds "Al Bab"), or whose id is `name`. */
export function findPlaceTimelines(timelines: PlaceTimeline[], name: string): PlaceTimeline[] {
  const n = normaliseName(name);
  return timelines.filter((t) => t.id === name || t.names.some((x) => normaliseName(x) === n));
}

import type { IsoDate } from '../core/types.js';
import { haversineKm, normaliseName } from './geo.js';
import type { FusedEvent } from './types.js';

/** A filter over fused events (`sitrep events` / `sitrep search`); every given field must hold. */
export interface EventQuery {
  /** Words that must all appear in the location, actors, type or any source's evidence/headline. */
  text?: string;
  eventType?: string;
  country?: string;
  /** Matches actor1 or actor2 (normalised: "islamic state" finds "Islamic State"). */
  actor?: string;
  /** The event's date window must overlap [from, to]. */
  from?: IsoDate;
  to?: IsoDate;
  near?: { lat: number; lon: number; km: number };
  minFatalities?: number;
  /** Leave out events every source mentions only as history. */
  excludeBackground?: boolean;
}

/**
 * True when `e` satisfies every field of `q`.
 * @example events.filter((e) => eventMatches(e, { actor: 'Islamic State', from: '2017-03-01', near: { lat: 36.34, lon: 43.13, km: 30 } }))
 */
export function eventMatches(e: FusedEvent, q: EventQuery): boolean {
  if (q.eventType !== undefined && e.event_type !== q.eventType) return false;
  if (q.country !== undefined && e.country !== q.country) return false;
  if (q.excludeBackground && e.background) return false;
  if (q.minFatalities !== undefined && (e.fatalities ?? -1) < q.minFatalities) return false;
  if (q.actor !== undefined) {
    const a = normaliseName(q.actor);
    if (normaliseName(e.actor1) !== a && normaliseName(e.actor2) !== a) return false;
  }
  if (q.from !== undefined && (e.date_latest ?? e.date ?? '') < q.from) return false;
  if (q.to !== undefined && (e.date_earliest ?? e.date ?? '9999') > q.to) return false;
  if (q.near !== undefined && (e.lat === null || e.lon === null || haversineKm(e.lat, e.lon, q.near.lat, q.near.lon) > q.near.km)) return false;
  if (q.text !== undefined) {
    const hay = [e.location, e.actor1, e.actor2, e.event_type, e.sub_event_type, ...e.sources.flatMap((s) => [s.event.evidence, s.headline ?? ''])]
      .join(' ').toLowerCase();
    if (!q.text.toLowerCase().split(/\s+/).filter(Boolean).every((w) => hay.includes(w))) return false;
  }
  return true;
}

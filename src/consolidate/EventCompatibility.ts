import type { DayWindow } from './dates.js';
import { isoDay, windowOf } from './dates.js';
import type { FusionRules } from './FusionRules.js';
import { haversineKm, normaliseName } from './geo.js';
import type { SourcedEvent } from './types.js';

/**
 * When two reports describe the same real event. The predicate is symmetric — fusion takes
 * connected components of it, so the result cannot depend on the order reports arrive in.
 */

/** How far a point may be from the event it reports, by geo_precision (1 the place, 2 near it). */
export const PRECISION_KM = { 1: 25, 2: 50 } as const;
/** Two reports naming DIFFERENT places at geo_precision 1 are one place only when this close
 * (spelling variants geocoded to neighbouring gazetteer points); beyond it they are two towns. */
export const SAME_PLACE_KM = 5;
/** Windows longer than this say too little to fuse on ("since 2014"). */
export const MAX_WINDOW_DAYS = 400;
/**
 * Reports dated no closer than this ("last year", "since the spring") are too vague to anchor
 * fusion: they may join an event anchored by better-dated reports, but never link two reports
 * to each other, so they cannot chain events into one component (see `EventFuser`). Every
 * anchor's window is at most this long, which bounds candidate lookups by date.
 */
export const ANCHOR_WINDOW_DAYS = 31;

/** A report prepared for comparison: normalised names and numeric windows computed once. */
export interface FusionNode {
  key: string;
  src: SourcedEvent;
  type: string;
  subGroup: string;
  actor1: string | null;
  actor2: string | null;
  /** geo_precision <= 2 with coordinates: compared by distance; otherwise by country/admin1. */
  precise: boolean;
  lat: number;
  lon: number;
  country: string;
  admin1: string | null;
  location: string | null;
  /** null: no usable date, the report stays on its own. */
  window: DayWindow | null;
  windowAssumed: boolean;
  /** A usable window of at most ANCHOR_WINDOW_DAYS: the report takes part in linking chains. */
  anchor: boolean;
  /** Scratch mark of the fuser's candidate scans (a report is visited once per scan). */
  stamp: number;
}

/** Stable key of a source: its story id and position. */
export const sourceKey = (s: { storyId: string; index: number }): string => `${s.storyId}#${s.index}`;

export function prepareNode(src: SourcedEvent, rules: FusionRules): FusionNode {
  const e = src.event;
  const w = windowOf(e.date, e.date_earliest, e.date_latest, src.pubDate);
  const usable = w !== null && w.window.end - w.window.start <= MAX_WINDOW_DAYS;
  const actor = (a: string | null) => {
    const n = normaliseName(a);
    return n === null || rules.unknownActors.has(n) ? null : n;
  };
  return {
    key: sourceKey(src),
    src,
    type: e.event_type,
    subGroup: rules.subEventGroup.get(e.sub_event_type) ?? e.sub_event_type,
    actor1: actor(e.actor1),
    actor2: actor(e.actor2),
    precise: e.geo_precision <= 2 && e.lat !== null && e.lon !== null,
    lat: e.lat ?? 0,
    lon: e.lon ?? 0,
    country: e.country ?? '',
    admin1: normaliseName(e.admin1),
    location: normaliseName(e.location),
    window: usable ? w.window : null,
    windowAssumed: w?.assumed ?? false,
    anchor: usable && w.window.end - w.window.start <= ANCHOR_WINDOW_DAYS,
    stamp: 0,
  };
}

/** Why two reports were judged the same event; `score` ranks alternative clusters. */
export interface Link {
  score: number;
  /** km between the points, or null when one side is a province/country-level report. */
  km: number | null;
  actorsSwapped: boolean;
}

const agree = (x: string | null, y: string | null) => x === null || y === null || x === y;

/** The link between two reports, or null when they cannot be the same event. Symmetric. */
export function linkEvents(a: FusionNode, b: FusionNode, rules: FusionRules): Link | null {
  // Two events coded from one story are two events: the coder already told them apart.
  if (a.src.storyId === b.src.storyId) return null;
  if (a.type !== b.type || a.subGroup !== b.subGroup) return null;
  if (!a.window || !b.window || a.window.start > b.window.end || b.window.start > a.window.end) return null;

  let actorsSwapped = false;
  if (!(agree(a.actor1, b.actor1) && agree(a.actor2, b.actor2))) {
    if (!(rules.symmetricTypes.has(a.type) && agree(a.actor1, b.actor2) && agree(a.actor2, b.actor1))) return null;
    actorsSwapped = true;
  }

  let km: number | null = null;
  if (a.precise && b.precise) {
    km = haversineKm(a.lat, a.lon, b.lat, b.lon);
    const p1 = a.src.event.geo_precision === 1 && b.src.event.geo_precision === 1;
    const differentNames = a.location !== null && b.location !== null && a.location !== b.location;
    const limit = p1 && differentNames ? SAME_PLACE_KM : Math.max(PRECISION_KM[a.src.event.geo_precision as 1 | 2], PRECISION_KM[b.src.event.geo_precision as 1 | 2]);
    if (km > limit) return null;
  } else {
    // A province- or country-level report matches anything inside the same country and admin1.
    if (a.country !== b.country) return null;
    if (a.country === '' && (a.location === null || a.location !== b.location)) return null;
    if (!agree(a.admin1, b.admin1)) return null;
  }

  const mid = (w: DayWindow) => (w.start + w.end) / 2;
  let score = 1 - Math.abs(mid(a.window) - mid(b.window)) / 30;
  score += km === null ? 0.2 : 1 - km / PRECISION_KM[2];
  if (a.location !== null && a.location === b.location) score += 0.2;
  if (a.actor1 !== null && a.actor1 === (actorsSwapped ? b.actor2 : b.actor1)) score += 0.1;
  if (a.src.event.sub_event_type === b.src.event.sub_event_type) score += 0.1;
  return { score, km, actorsSwapped };
}

/** One --explain line for a link. */
export function describeLink(a: FusionNode, b: FusionNode, link: Link): string {
  const ea = a.src.event;
  const eb = b.src.event;
  const w = (n: FusionNode) => (n.window ? (n.window.start === n.window.end ? isoDay(n.window.start) : `${isoDay(n.window.start)}..${isoDay(n.window.end)}`) : '?');
  const place = link.km === null
    ? `same area (${ea.country ?? '?'}${ea.admin1 || eb.admin1 ? `/${ea.admin1 ?? eb.admin1}` : ''}; geo_precision ${ea.geo_precision}/${eb.geo_precision})`
    : `${link.km.toFixed(1)} km apart (${ea.location ?? '?'} / ${eb.location ?? '?'}, geo_precision ${ea.geo_precision}/${eb.geo_precision})`;
  const sub = ea.sub_event_type === eb.sub_event_type ? ea.sub_event_type : `${ea.sub_event_type} ~ ${eb.sub_event_type}`;
  return `${b.key} joins ${a.key}: ${ea.event_type}/${sub}; ${place}; dates ${w(a)} and ${w(b)} overlap${b.windowAssumed ? ' (undated, assumed the week before publication)' : ''}; actors ${link.actorsSwapped ? 'agree (sides swapped)' : 'agree'}`;
}

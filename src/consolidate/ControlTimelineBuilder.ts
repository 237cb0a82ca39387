import type { IsoDate, Iso2, TimePrecision } from '../core/types.js';
import type { DayWindow } from './dates.js';
import { dayNumber, isoDay, windowOf } from './dates.js';
import { sourceKey } from './EventCompatibility.js';
import { cellOf, cellsWithin, haversineKm, normaliseName } from './geo.js';
import type { SourcedControlChange } from './types.js';

/** Reports of control changes at places this close (or with the same name) are one place. */
export const SAME_PLACE_KM = 10;
/** Reports of the same capture may disagree by a day or two ("on Sunday" vs "over the weekend"). */
export const SAME_CHANGE_SLACK_DAYS = 2;

/** When a change happened: the best day and the window the sources allow. */
export interface ChangeDate {
  date: IsoDate;
  earliest: IsoDate;
  latest: IsoDate;
  time_precision: TimePrecision;
}

/** One change of control at a place, fused from every report of it. */
export interface ControlTransition {
  from_actor: string | null;
  to_actor: string | null;
  when: ChangeDate;
  /** Noisy-or of the reports' confidences over distinct stories. */
  confidence: number;
  sources: SourcedControlChange[];
  /** Problems found with this change (disagreeing sources, a from_actor that was not the holder). */
  conflicts: string[];
}

/** Who held a place between two changes. `from` null: before the first recorded change. */
export interface ControlInterval {
  holder: string | null;
  from: ChangeDate | null;
  /** null: still held as far as the sources say. */
  to: ChangeDate | null;
  /** An edge is uncertain when its change date is a window rather than a day. */
  uncertainStart: boolean;
  uncertainEnd: boolean;
  confidence: number;
}

/** The control history of one place. */
export interface PlaceTimeline {
  /** `pl:` + country + normalised name of the place's most-reported name: stable across runs. */
  id: string;
  place: string;
  /** Every name the sources used for it. */
  names: string[];
  country: Iso2 | null;
  lat: number | null;
  lon: number | null;
  /** In date order. */
  transitions: ControlTransition[];
  /** In date order, the first one (from: null) for the holder before the first change. */
  intervals: ControlInterval[];
  /** Every conflict of every transition, for a quick look. */
  conflicts: string[];
}

interface Prepared {
  src: SourcedControlChange;
  key: string;
  name: string | null;
  window: DayWindow;
}

/**
 * Orders every place's control changes into a timeline. Places group by normalised name (within a
 * country) or by distance (<= 10 km); reports of one change (same new holder, dates within two days
 * of overlapping) fuse; conflicts are flagged, never resolved silently. Changes without any date
 * are left out (they cannot be placed on a timeline).
 * @example controlTimeline(changes).find((t) => t.place === 'Palmyra')?.intervals
 */
export function controlTimeline(changes: SourcedControlChange[]): PlaceTimeline[] {
  const prepared: Prepared[] = [];
  for (const src of changes) {
    const c = src.change;
    const w = windowOf(c.date, c.date_earliest, c.date_latest, src.pubDate);
    if (w) prepared.push({ src, key: sourceKey(src), name: normaliseName(c.place), window: w.window });
  }
  prepared.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return groupPlaces(prepared)
    .map(buildPlaceTimeline)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Union-find over reports: same name and country, or points within SAME_PLACE_KM. */
function groupPlaces(items: Prepared[]): Prepared[][] {
  const parent = items.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const union = (a: number, b: number) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  const byName = new Map<string, number>();
  const grid = new Map<string, number[]>();
  items.forEach((it, i) => {
    const c = it.src.change;
    if (it.name !== null) {
      const k = `${c.country ?? ''}|${it.name}`;
      const j = byName.get(k);
      if (j === undefined) byName.set(k, i);
      else union(i, j);
    }
    if (c.lat === null || c.lon === null) return;
    for (const [y, x] of cellsWithin(c.lat, c.lon, SAME_PLACE_KM)) {
      for (const j of grid.get(`${y}|${x}`) ?? []) {
        const o = items[j]!.src.change;
        if (haversineKm(c.lat, c.lon, o.lat!, o.lon!) <= SAME_PLACE_KM) union(i, j);
      }
    }
    const [y, x] = cellOf(c.lat, c.lon);
    const cell = `${y}|${x}`;
    grid.set(cell, [...(grid.get(cell) ?? []), i]);
  });
  const groups = new Map<number, Prepared[]>();
  items.forEach((it, i) => {
    const r = find(i);
    groups.set(r, [...(groups.get(r) ?? []), it]);
  });
  return [...groups.values()];
}

function buildPlaceTimeline(items: Prepared[]): PlaceTimeline {
  const names = new Map<string, number>();
  for (const it of items) names.set(it.src.change.place, (names.get(it.src.change.place) ?? 0) + 1);
  const place = [...names].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0];
  const located = items.find((it) => it.src.change.place === place && it.src.change.lat !== null) ?? items.find((it) => it.src.change.lat !== null);
  const country = items.find((it) => it.src.change.country !== null)?.src.change.country ?? null;

  const transitions = fuseTransitions(items);
  for (let i = 1; i < transitions.length; i++) {
    const prev = transitions[i - 1]!;
    const t = transitions[i]!;
    if (t.from_actor !== null && prev.to_actor !== null && !sameActor(t.from_actor, prev.to_actor)) {
      t.conflicts.push(`${t.when.date}: reported taken from ${t.from_actor}, but the previous change (${prev.when.date}) gave it to ${prev.to_actor}`);
    }
    if (prev.to_actor !== null && t.to_actor !== null && sameActor(prev.to_actor, t.to_actor)) {
      t.conflicts.push(`${t.when.date}: taken by ${t.to_actor} again without a recorded loss since ${prev.when.date}`);
    }
    if (dayNumber(t.when.earliest)! <= dayNumber(prev.when.latest)! && !sameActor(t.to_actor, prev.to_actor)) {
      t.conflicts.push(`${t.when.date}: sources disagree on who took it around then (${prev.to_actor ?? 'unknown'} vs ${t.to_actor ?? 'unknown'})`);
    }
  }

  const uncertain = (d: ChangeDate) => d.earliest !== d.latest || d.time_precision > 1;
  const intervals: ControlInterval[] = [];
  const first = transitions[0]!;
  intervals.push({ holder: first.from_actor, from: null, to: first.when, uncertainStart: true, uncertainEnd: uncertain(first.when), confidence: round(first.confidence * 0.8) });
  transitions.forEach((t, i) => {
    const next = transitions[i + 1];
    intervals.push({
      holder: t.to_actor,
      from: t.when,
      to: next?.when ?? null,
      uncertainStart: uncertain(t.when),
      uncertainEnd: next ? uncertain(next.when) : false,
      confidence: round(t.confidence * (t.conflicts.length > 0 ? 0.7 : 1)),
    });
  });

  return {
    id: `pl:${country ?? ''}:${normaliseName(place) ?? place}`,
    place,
    names: [...names.keys()].sort(),
    country,
    lat: located?.src.change.lat ?? null,
    lon: located?.src.change.lon ?? null,
    transitions,
    intervals,
    conflicts: transitions.flatMap((t) => t.conflicts),
  };
}

/** Reports of one change: same new holder, windows within SAME_CHANGE_SLACK_DAYS of overlapping. */
function fuseTransitions(items: Prepared[]): ControlTransition[] {
  const sorted = [...items].sort((a, b) => a.window.start - b.window.start || a.window.end - b.window.end || (a.key < b.key ? -1 : 1));
  const groups: Prepared[][] = [];
  for (const it of sorted) {
    const g = groups.find((g) => sameActor(g[0]!.src.change.to_actor, it.src.change.to_actor) &&
      g.every((o) => o.window.start <= it.window.end + SAME_CHANGE_SLACK_DAYS && it.window.start <= o.window.end + SAME_CHANGE_SLACK_DAYS));
    if (g) g.push(it);
    else groups.push([it]);
  }
  return groups.map(buildTransition).sort((a, b) =>
    dayNumber(a.when.date)! - dayNumber(b.when.date)! || (a.sources[0]!.storyId < b.sources[0]!.storyId ? -1 : 1));
}

function buildTransition(group: Prepared[]): ControlTransition {
  // Most precise report first: its date is the best day; the window is what all reports allow
  // (or, when the slack made them disjoint, the span they cover).
  const byPrecision = [...group].sort((a, b) =>
    a.src.change.time_precision - b.src.change.time_precision || (a.window.end - a.window.start) - (b.window.end - b.window.start) || (a.key < b.key ? -1 : 1));
  const best = byPrecision[0]!;
  let start = Math.max(...group.map((g) => g.window.start));
  let end = Math.min(...group.map((g) => g.window.end));
  if (start > end) [start, end] = [Math.min(...group.map((g) => g.window.start)), Math.max(...group.map((g) => g.window.end))];
  const day = Math.min(end, Math.max(start, dayNumber(best.src.change.date) ?? Math.round((best.window.start + best.window.end) / 2)));
  const span = end - start;
  const fromVotes = group.map((g) => g.src.change.from_actor).filter((a): a is string => a !== null);
  const froms = [...new Set(fromVotes)].sort();
  const conflicts = froms.length > 1 ? [`${isoDay(day)}: sources disagree on who lost it (${froms.join(' vs ')})`] : [];
  const stories = new Map<string, number>();
  for (const g of group) stories.set(g.src.storyId, Math.max(stories.get(g.src.storyId) ?? 0, g.src.change.confidence));
  return {
    from_actor: best.src.change.from_actor ?? froms[0] ?? null,
    to_actor: best.src.change.to_actor,
    when: {
      date: isoDay(day),
      earliest: isoDay(start),
      latest: isoDay(end),
      time_precision: Math.min(best.src.change.time_precision, span === 0 ? 1 : span <= 7 ? 2 : 3) as TimePrecision,
    },
    confidence: round(1 - [...stories.values()].reduce((p, c) => p * (1 - Math.min(1, Math.max(0, c))), 1)),
    sources: group.map((g) => g.src).sort((a, b) => (sourceKey(a) < sourceKey(b) ? -1 : 1)),
    conflicts,
  };
}

/** Actor names compared after normalisation; an unknown side matches nothing. */
export function sameActor(a: string | null, b: string | null): boolean {
  return a !== null && b !== null && normaliseName(a) === normaliseName(b);
}

const round = (v: number) => Math.round(v * 1000) / 1000;

import type { StoreDialect } from '../../store/dialect/StoreDialect.js';
import { bbox, isoDate, list, type Params } from '../params.js';

export const controlParams = {
  country: list('ISO 3166-1 alpha-2 codes'),
  bbox: bbox('Only places inside west,south,east,north'),
};

export const controlAtParams = { ...controlParams, date: isoDate('The day to report control for (default: the latest change)') };

/** One change of hands, with the story that reports it. */
export interface ControlStep {
  date: string | null;
  from_actor: string | null;
  to_actor: string | null;
  time_precision: number;
  story_id: string;
  k: number;
  evidence: string;
}

export interface PlaceTimeline {
  place: string;
  country: string | null;
  lat: number | null;
  lon: number | null;
  changes: ControlStep[];
}

/**
 * Control timelines per place: every dated, non-background change, oldest first. A place is its
 * name and country (two reports of one town rarely agree on coordinates to the digit).
 */
export async function controlTimelines(store: StoreDialect, p: Params<typeof controlParams>): Promise<PlaceTimeline[]> {
  let qb = store.db.selectFrom('control_changes').selectAll().where('date', 'is not', null).where('background', '=', 0);
  if (p.country) qb = qb.where('country', 'in', p.country.map((c) => c.toUpperCase()));
  if (p.bbox) {
    const b = p.bbox;
    qb = qb.where('lon', '>=', b.west).where('lon', '<=', b.east).where('lat', '>=', b.south).where('lat', '<=', b.north);
  }
  const rows = await qb.orderBy('date').orderBy('story_id').orderBy('k').execute();
  const places = new Map<string, PlaceTimeline>();
  for (const r of rows) {
    const key = `${r.place}\u0000${r.country ?? ''}`;
    let t = places.get(key);
    if (!t) places.set(key, (t = { place: r.place, country: r.country, lat: r.lat, lon: r.lon, changes: [] }));
    if (t.lat === null && r.lat !== null) Object.assign(t, { lat: r.lat, lon: r.lon });
    t.changes.push({ date: r.date, from_actor: r.from_actor, to_actor: r.to_actor, time_precision: r.time_precision, story_id: r.story_id, k: r.k, evidence: r.evidence });
  }
  return [...places.values()];
}

/** Who held a place on `date` by its timeline: the last change on or before it (null: none yet). */
export function holderAt(t: PlaceTimeline, date: string): { holder: string | null; since: string | null } {
  let holder: string | null = null;
  let since: string | null = null;
  for (const c of t.changes) {
    if (c.date === null || c.date > date) break;
    holder = c.to_actor;
    since = c.date;
  }
  // Before the first recorded change, the first change's loser held it.
  if (since === null && t.changes[0]) holder = t.changes[0].from_actor;
  return { holder, since };
}

export async function controlAt(store: StoreDialect, p: Params<typeof controlAtParams>) {
  const timelines = await controlTimelines(store, p);
  const date = p.date ?? timelines.reduce((m, t) => (t.changes.at(-1)!.date! > m ? t.changes.at(-1)!.date! : m), '0000-00-00');
  return {
    date,
    places: timelines.map((t) => ({ place: t.place, country: t.country, lat: t.lat, lon: t.lon, ...holderAt(t, date) })),
  };
}

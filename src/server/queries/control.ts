import { controlTimeline, type PlaceTimeline } from '../../consolidate/ControlTimelineBuilder.js';
import { controlAt } from '../../consolidate/ControlTimelineQuery.js';
import type { StoreDialect } from '../../store/dialect/StoreDialect.js';
import { FusedEventRepository } from '../../store/FusedEventRepository.js';
import { bbox, isoDate, list, type Params } from '../params.js';

export const controlParams = {
  country: list('ISO 3166-1 alpha-2 codes'),
  bbox: bbox('Only places inside west,south,east,north'),
};

export const controlAtParams = { ...controlParams, date: isoDate('The day to report control for (default: the latest change)') };

/**
 * Control timelines per place, as consolidation builds them (places grouped, reports of one
 * change fused, intervals of holding, conflicts flagged), filtered by country and box.
 */
export async function controlTimelines(store: StoreDialect, p: Params<typeof controlParams>): Promise<PlaceTimeline[]> {
  const all = controlTimeline(await new FusedEventRepository(store).controlChanges());
  const countries = p.country?.map((c) => c.toUpperCase());
  const b = p.bbox;
  return all.filter(
    (t) =>
      (!countries || (t.country !== null && countries.includes(t.country))) &&
      (!b || (t.lat !== null && t.lon !== null && t.lon >= b.west && t.lon <= b.east && t.lat >= b.south && t.lat <= b.north)),
  );
}

/** Who held each place on `date` (default: the day of the latest recorded change). */
export async function controlStateAt(store: StoreDialect, p: Params<typeof controlAtParams>) {
  const timelines = await controlTimelines(store, p);
  const latest = timelines.flatMap((t) => t.transitions.map((tr) => tr.when.date)).sort().at(-1);
  const date = p.date ?? latest ?? new Date(0).toISOString().slice(0, 10);
  return { date, places: controlAt(timelines, date) };
}

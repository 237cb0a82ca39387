import { sql, type ExpressionBuilder, type Kysely, type Selectable } from 'kysely';
import { createError } from '../../core/errors.js';
import type { StoreDialect } from '../../store/dialect/StoreDialect.js';
import type { FusedEventsTable, FusionDatabase } from '../../store/FusedEventRepository.js';
import { bbox, int, isoDate, list, oneOf, text, withDefault, type Params } from '../params.js';


/** Filters shared by every event query (list, points, summary). */
export const eventFilters = {
  from: isoDate('Events on or after this date'),
  to: isoDate('Events on or before this date'),
  bbox: bbox('Only events inside west,south,east,north'),
  actor: list('Events where actor1 or actor2 is one of these (exact names)'),
  type: list('ACLED event types'),
  country: list('ISO 3166-1 alpha-2 codes'),
  q: text('Words that must all occur in the source story (full-text search)'),
  min_fatalities: int('At least this many reported killed', { min: 0, max: 1_000_000 }),
  background: withDefault(oneOf('Events mentioned only as history', ['exclude', 'include', 'only'] as const), 'exclude'),
};

/** Page size cap: a client wanting everything pages, or asks /api/events/points. */
export const MAX_PAGE = 500;

export const eventListParams = {
  ...eventFilters,
  limit: withDefault(int('Page size', { min: 1, max: MAX_PAGE }), 100),
  offset: withDefault(int('Events to skip', { min: 0, max: 1_000_000 }), 0),
  sort: withDefault(oneOf('Order; "-" first means descending', ['date', '-date', 'fatalities', '-fatalities'] as const), '-date'),
};

/** Totals above this are reported as "at least" (see listEvents). */
export const COUNT_CAP = 10_000;

/** Cap on /api/events/points: the map's whole data set in one compact answer. */
export const MAX_POINTS = 200_000;

export const eventPointParams = { ...eventFilters, limit: withDefault(int('At most this many points', { min: 1, max: MAX_POINTS }), MAX_POINTS) };

type EventFilters = Params<typeof eventFilters>;

/** The store's database with the consolidation tables (fused events and their sources). */
export const fusedDb = (store: StoreDialect) => store.db as unknown as Kysely<FusionDatabase>;

/** Stories a text search may match for the query to start from them (see searchText). */
export const FEW_STORIES = 500;

/**
 * The filters with the text search looked up: `stories` lists the matching stories when there
 * are at most FEW_STORIES of them, and is null when there are more.
 */
export type ResolvedFilters<F extends EventFilters = EventFilters> = F & { stories?: string[] | null };

/**
 * Looks the text search up once, so the query can take the cheap way in: a rare word's few
 * stories name their events directly (`id IN` the events of those stories), while a common word
 * is checked per event left by the other filters (EXISTS over its sources). Either alone is slow
 * in the other case: EXISTS walks every event to find the few of a rare word, and `IN` lists
 * tens of thousands of events for a common one.
 */
export async function searchText<F extends EventFilters>(store: StoreDialect, f: F): Promise<ResolvedFilters<F>> {
  if (!f.q) return f;
  const rows = await store.db.selectFrom('stories').select('stories.id').where(store.matchesText(f.q)).limit(FEW_STORIES + 1).execute();
  return { ...f, stories: rows.length > FEW_STORIES ? null : rows.map((r) => r.id) };
}

/**
 * Fused events matching the filters: one record per happening, however many stories report it
 * (consolidation fuses them at ingest). Every value reaches SQL as a bound parameter.
 */
export function filteredEvents(store: StoreDialect, f: ResolvedFilters) {
  return fusedDb(store).selectFrom('fused_events').where((eb) => filterConditions(store, eb, f, true));
}

/**
 * The filters as one condition. `withActor` false leaves the actor filter out, for callers that
 * split it (see matchingEvents).
 */
function filterConditions(store: StoreDialect, eb: ExpressionBuilder<FusionDatabase, 'fused_events'>, f: ResolvedFilters, withActor: boolean) {
  const all = [];
  if (f.from) all.push(eb('fused_events.date', '>=', f.from));
  if (f.to) all.push(eb('fused_events.date', '<=', f.to));
  if (f.bbox) {
    all.push(eb('fused_events.lon', '>=', f.bbox.west), eb('fused_events.lon', '<=', f.bbox.east));
    all.push(eb('fused_events.lat', '>=', f.bbox.south), eb('fused_events.lat', '<=', f.bbox.north));
  }
  if (f.actor && withActor) all.push(eb.or([eb('fused_events.actor1', 'in', f.actor), eb('fused_events.actor2', 'in', f.actor)]));
  if (f.type) all.push(eb('fused_events.event_type', 'in', f.type));
  if (f.country) all.push(eb('fused_events.country', 'in', f.country.map((c) => c.toUpperCase())));
  if (f.min_fatalities !== undefined) all.push(eb('fused_events.fatalities', '>=', f.min_fatalities));
  if (f.background === 'exclude') all.push(eb('fused_events.background', '=', 0));
  if (f.background === 'only') all.push(eb('fused_events.background', '=', 1));
  if (f.q) all.push(textCondition(store, eb, f.q, f.stories));
  return eb.and(all);
}

function textCondition(store: StoreDialect, eb: ExpressionBuilder<FusionDatabase, 'fused_events'>, q: string, stories: string[] | null | undefined) {
  if (stories?.length === 0) return eb.lit(false);
  const sources = eb.selectFrom('fused_event_sources');
  if (stories) return eb('fused_events.id', 'in', sources.select('fused_event_sources.event_id').where('fused_event_sources.story_id', 'in', stories));
  return eb.exists(sources
    .innerJoin('stories', 'stories.id', 'fused_event_sources.story_id')
    .select(sql.lit(1).as('one'))
    .whereRef('fused_event_sources.event_id', '=', 'fused_events.id')
    .where(store.matchesText(q)));
}

/**
 * Matching events selecting `columns`, as a query to order, limit or count. An actor filter
 * becomes two arms joined by UNION ALL (actor1 is one of them; actor2 is and actor1 is not, so
 * no event comes twice): each arm reads its (actor, date) index in date order, so a page sorted by
 * date is a merge that stops after the page, where `actor1 IN .. OR actor2 IN ..` collected every
 * match of both columns and sorted them all.
 */
function matchingEvents<C extends 'id' | 'date' | 'fatalities'>(store: StoreDialect, f: ResolvedFilters, columns: C[]) {
  const db = fusedDb(store);
  const where = (eb: ExpressionBuilder<FusionDatabase, 'fused_events'>) => filterConditions(store, eb, f, false);
  const actors = f.actor;
  if (!actors) return db.selectFrom('fused_events').where(where).select(columns);
  return db.selectFrom('fused_events').where(where).where('actor1', 'in', actors).select(columns)
    .unionAll(db.selectFrom('fused_events').where(where).where('actor2', 'in', actors)
      .where((eb) => eb.or([eb('actor1', 'is', null), eb('actor1', 'not in', actors)]))
      .select(columns));
}

/** Columns kept out of the API: the fusion's own bookkeeping. */
const INTERNAL = new Set(['sources_earliest', 'sources_latest']);

/**
 * The API shape of a fused event row: booleans as booleans, JSON columns parsed. A plain copy
 * loop: rest destructuring with excluded keys took V8's slow path, about a tenth of a filtered
 * page's time.
 */
export function toEvent(r: Selectable<FusedEventsTable>) {
  const fields: Record<string, unknown> = {};
  for (const k in r) if (!INTERNAL.has(k)) fields[k] = r[k as keyof typeof r];
  return {
    ...(fields as Omit<Selectable<FusedEventsTable>, 'background' | 'fatalities_disagree' | 'fatality_reports' | 'reasons' | 'sources_earliest' | 'sources_latest'>),
    background: r.background === 1,
    fatalities_disagree: r.fatalities_disagree === 1,
    fatality_reports: JSON.parse(r.fatality_reports) as unknown[],
    reasons: JSON.parse(r.reasons) as string[],
  };
}

/**
 * One page of matching events and their total. The page is found as ids first (sort key and id
 * only, read from the filter indexes) and its rows fetched after, so sorting thousands of matches
 * moves small records instead of whole events. A page shorter than asked is the end of the list:
 * its total is exact without counting.
 */
export async function listEvents(store: StoreDialect, params: Params<typeof eventListParams>) {
  const p = await searchText(store, params);
  const desc = p.sort.startsWith('-');
  const column = p.sort.replace('-', '') as 'date' | 'fatalities';
  const page = await matchingEvents(store, p, ['id', column])
    .orderBy(column, desc ? 'desc' : 'asc').orderBy('id').limit(p.limit).offset(p.offset).execute();
  const ids = page.map((r) => r.id);
  const rows = ids.length ? await fusedDb(store).selectFrom('fused_events').selectAll().where('id', 'in', ids).execute() : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  let n = p.offset + page.length;
  if (page.length === p.limit || (page.length === 0 && p.offset > 0)) {
    // Counting stops at COUNT_CAP: an exact total of a broad filter costs a scan of every match,
    // and past ten thousand nobody pages; `total_exact` says which it is.
    const counted = await fusedDb(store)
      .selectFrom(matchingEvents(store, p, ['id']).limit(COUNT_CAP + 1).as('m'))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    n = Number(counted.n);
  }
  return { total: Math.min(n, COUNT_CAP), total_exact: n <= COUNT_CAP, limit: p.limit, offset: p.offset, events: ids.map((id) => toEvent(byId.get(id)!)) };
}

/**
 * Every matching event with coordinates, as parallel arrays (a tenth of the bytes of objects):
 * what the dashboard's map and timeline draw from.
 */
export async function eventPoints(store: StoreDialect, p: Params<typeof eventPointParams>) {
  const rows = await filteredEvents(store, await searchText(store, p))
    .select(['id', 'lat', 'lon', 'date', 'event_type', 'fatalities'])
    .where('lat', 'is not', null)
    .where('lon', 'is not', null)
    .orderBy('date')
    .limit(p.limit)
    .execute();
  const types: string[] = [];
  const typeIndex = new Map<string, number>();
  const out = { count: rows.length, types, id: [] as string[], lat: [] as number[], lon: [] as number[], date: [] as (string | null)[], type: [] as number[], fatalities: [] as (number | null)[] };
  for (const r of rows) {
    let t = typeIndex.get(r.event_type);
    if (t === undefined) typeIndex.set(r.event_type, (t = types.push(r.event_type) - 1));
    out.id.push(r.id);
    out.lat.push(round5(r.lat!));
    out.lon.push(round5(r.lon!));
    out.date.push(r.date);
    out.type.push(t);
    out.fatalities.push(r.fatalities);
  }
  return out;
}

/** Five decimals of a degree, about a metre: finer than any geocoding, half the bytes of a double. */
const round5 = (deg: number) => Math.round(deg * 1e5) / 1e5;

/**
 * One fused event with every source that reports it: each stored report (its story, evidence,
 * span and own figures) with the story text, for highlighting the evidence in place.
 */
export async function getEvent(store: StoreDialect, id: string) {
  const db = fusedDb(store);
  const row = await db.selectFrom('fused_events').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw createError('NOT_FOUND', `event ${id}`);
  const sources = await db
    .selectFrom('fused_event_sources as s')
    .innerJoin('events as e', (j) => j.onRef('e.story_id', '=', 's.story_id').onRef('e.k', '=', 's.k'))
    .innerJoin('stories as st', 'st.id', 's.story_id')
    .select([
      's.story_id', 's.k', 'e.evidence', 'e.span_start', 'e.span_end', 'e.fatalities', 'e.fatalities_text', 'e.date', 'e.rule', 'e.confidence',
      'st.headline', 'st.file', 'st.n', 'st.text', 'st.pub_date', 'st.given_url', 'st.given_source',
    ])
    .where('s.event_id', '=', id)
    .orderBy('st.pub_date')
    .orderBy('s.story_id')
    .orderBy('s.k')
    .execute();
  return {
    ...toEvent(row),
    sources: sources.map((s) => ({
      story_id: s.story_id, k: s.k, headline: s.headline, file: s.file, n: s.n, pub_date: s.pub_date,
      url: s.given_url, source: s.given_source, date: s.date, fatalities: s.fatalities, fatalities_text: s.fatalities_text,
      rule: s.rule, confidence: s.confidence, evidence: s.evidence, span: { start: s.span_start, end: s.span_end }, text: s.text,
    })),
  };
}

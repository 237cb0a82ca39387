import type { ExpressionBuilder, Selectable } from 'kysely';
import { createError } from '../../core/errors.js';
import type { StoreDialect } from '../../store/dialect/StoreDialect.js';
import type { Database, EventsTable } from '../../store/schema.js';
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

/** Cap on /api/events/points: the map's whole data set in one compact answer. */
export const MAX_POINTS = 200_000;

export const eventPointParams = { ...eventFilters, limit: withDefault(int('At most this many points', { min: 1, max: MAX_POINTS }), MAX_POINTS) };

type EventRow = Selectable<EventsTable>;
type EventFilters = Params<typeof eventFilters>;

/** An event's public id: its story and its position among the story's events. */
export const eventId = (row: { story_id: string; k: number }) => `${row.story_id}:${row.k}`;

export function parseEventId(id: string): { storyId: string; k: number } {
  const at = id.lastIndexOf(':');
  const k = Number(id.slice(at + 1));
  if (at <= 0 || !Number.isInteger(k) || k < 0) throw createError('USAGE', `id: expected <story id>:<n>, got "${id}"`);
  return { storyId: id.slice(0, at), k };
}

/** Events matching the filters; every value reaches SQL as a bound parameter. */
export function filteredEvents(store: StoreDialect, f: EventFilters) {
  return store.db.selectFrom('events').where((eb: ExpressionBuilder<Database, 'events'>) => {
    const all = [];
    if (f.from) all.push(eb('events.date', '>=', f.from));
    if (f.to) all.push(eb('events.date', '<=', f.to));
    if (f.bbox) {
      all.push(eb('events.lon', '>=', f.bbox.west), eb('events.lon', '<=', f.bbox.east));
      all.push(eb('events.lat', '>=', f.bbox.south), eb('events.lat', '<=', f.bbox.north));
    }
    if (f.actor) all.push(eb.or([eb('events.actor1', 'in', f.actor), eb('events.actor2', 'in', f.actor)]));
    if (f.type) all.push(eb('events.event_type', 'in', f.type));
    if (f.country) all.push(eb('events.country', 'in', f.country.map((c) => c.toUpperCase())));
    if (f.min_fatalities !== undefined) all.push(eb('events.fatalities', '>=', f.min_fatalities));
    if (f.background === 'exclude') all.push(eb('events.background', '=', 0));
    if (f.background === 'only') all.push(eb('events.background', '=', 1));
    if (f.q) all.push(eb('events.story_id', 'in', store.db.selectFrom('stories').select('stories.id').where(store.matchesText(f.q))));
    return eb.and(all);
  });
}

/** The API shape of an event row: booleans as booleans, provenance grouped. */
export function toEvent(r: EventRow) {
  const { story_id, k, rule, confidence, span_start, span_end, reasons, background, ...fields } = r;
  return {
    id: eventId(r),
    story_id,
    ...fields,
    background: background === 1,
    provenance: { rule, confidence, span: { start: span_start, end: span_end }, reasons: reasons ? (JSON.parse(reasons) as string[]) : [] },
  };
}

export async function listEvents(store: StoreDialect, p: Params<typeof eventListParams>) {
  const base = filteredEvents(store, p);
  const desc = p.sort.startsWith('-');
  const column = p.sort.replace('-', '') as 'date' | 'fatalities';
  const [rows, total] = await Promise.all([
    base
      .selectAll()
      .orderBy(column, desc ? 'desc' : 'asc')
      .orderBy('story_id')
      .orderBy('k')
      .limit(p.limit)
      .offset(p.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { total: Number(total.n), limit: p.limit, offset: p.offset, events: rows.map(toEvent) };
}

/**
 * Every matching event with coordinates, as parallel arrays (a tenth of the bytes of objects):
 * what the dashboard's map and timeline draw from.
 */
export async function eventPoints(store: StoreDialect, p: Params<typeof eventPointParams>) {
  const rows = await filteredEvents(store, p)
    .select(['story_id', 'k', 'lat', 'lon', 'date', 'event_type', 'fatalities'])
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
    out.id.push(eventId(r));
    out.lat.push(r.lat!);
    out.lon.push(r.lon!);
    out.date.push(r.date);
    out.type.push(t);
    out.fatalities.push(r.fatalities);
  }
  return out;
}

/**
 * One event with every source that reports it: its own story, and events of other stories with
 * the same type, date and place (the same happening told by another wire story). Each source
 * carries its story text and the evidence span, for highlighting in place.
 */
export async function getEvent(store: StoreDialect, id: string) {
  const { storyId, k } = parseEventId(id);
  const row = await store.db.selectFrom('events').selectAll().where('story_id', '=', storyId).where('k', '=', k).executeTakeFirst();
  if (!row) throw createError('NOT_FOUND', `event ${id}`);
  const same = await store.db
    .selectFrom('events')
    .selectAll()
    .where('event_type', '=', row.event_type)
    .where((eb) => (row.date === null ? eb('date', 'is', null) : eb('date', '=', row.date)))
    .where((eb) => (row.location === null ? eb('story_id', '=', row.story_id) : eb('location', '=', row.location)))
    .where('background', '=', row.background)
    .limit(50)
    .execute();
  // The event itself first; then one row per other story (a story's first mention).
  const rows = [row, ...same.filter((r) => r.story_id !== row.story_id)].filter(
    (r, i, all) => all.findIndex((x) => x.story_id === r.story_id) === i,
  );
  const stories = await store.db
    .selectFrom('stories')
    .select(['id', 'headline', 'file', 'n', 'text', 'pub_date', 'given_url', 'given_source'])
    .where('id', 'in', rows.map((r) => r.story_id))
    .execute();
  const byId = new Map(stories.map((s) => [s.id, s]));
  return {
    ...toEvent(row),
    sources: rows.flatMap((r) => {
      const s = byId.get(r.story_id);
      if (!s) return [];
      return [{
        event_id: eventId(r),
        story_id: s.id,
        headline: s.headline,
        file: s.file,
        n: s.n,
        pub_date: s.pub_date,
        url: s.given_url,
        source: s.given_source,
        evidence: r.evidence,
        span: { start: r.span_start, end: r.span_end },
        text: s.text,
      }];
    }),
  };
}

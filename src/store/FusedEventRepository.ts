import { CompiledQuery, sql, type ColumnType, type Insertable, type Kysely, type Transaction } from 'kysely';
import { resourcePath } from '../core/projectPaths.js';
import type { CodedEvent, ControlChange } from '../core/types.js';
import { windowOf, isoDay, type DayWindow } from '../consolidate/dates.js';
import { ANCHOR_WINDOW_DAYS, MAX_WINDOW_DAYS, PRECISION_KM, prepareNode, sourceKey, type FusionNode } from '../consolidate/EventCompatibility.js';
import { EventFuser } from '../consolidate/EventFuser.js';
import { addCopies, copyReports, latestReport, type AddedCopies, type CopyFigures, type CopySource } from '../consolidate/FusedEventBuilder.js';
import { matchCopies } from '../consolidate/CopyMatcher.js';
import { cellOf, cellsWithin } from '../consolidate/geo.js';
import { loadFusionRules, type FusionRules } from '../consolidate/FusionRules.js';
import type { FatalityReport, FusedEvent, SourcedControlChange, SourcedEvent } from '../consolidate/types.js';
import type { StoreDialect } from './dialect/StoreDialect.js';
import type { Database, EventFactColumns } from './schema.js';

/**
 * The store's side of consolidation: fused events persisted in `fused_events` (reconciled
 * ACLED-like columns, indexed for queries) and `fused_event_sources` (which stored event —
 * story id and position — each fused record merged; the event row holds its evidence, span
 * and figures). Fusion itself is the pure `fuse`; this file feeds it the candidates from the
 * database and writes back what changed.
 */

export interface FusedEventsTable extends EventFactColumns {
  /** FusedEvent.id: `ev:` + the key of the earliest source. */
  id: string;
  fatalities: number | null;
  fatalities_min: number | null;
  fatalities_max: number | null;
  fatalities_disagree: number;
  background: number;
  confidence: number;
  n_sources: number;
  n_stories: number;
  /** The hull of the sources' date windows: a new report can only link if it overlaps it. */
  sources_earliest: string | null;
  sources_latest: string | null;
  /** JSON: FatalityReport[] (in no particular order: a copy's figure is appended; readers sort by source). */
  fatality_reports: string;
  /** JSON: string[] (what was merged and why; --explain). */
  reasons: string;
}

/**
 * Bookkeeping columns of `fused_events` that only fusion writes (migrations 0010, 0011): what
 * `addCopies` updates a record from without reading its fatality reports.
 */
export interface FusedEventCopyColumns {
  /** Sources that are copies (reports of near-duplicate stories); defaults to 0. */
  n_copies: ColumnType<number, number | undefined, number>;
  /** JSON { source, pubDate } of the report giving the best figure, or null. */
  fatality_latest: ColumnType<string | null, string | null | undefined, string | null>;
  /** Entries of `fatality_reports`. */
  n_fatality_reports: ColumnType<number, number | undefined, number>;
}

export interface FusedEventSourcesTable {
  event_id: string;
  story_id: string;
  /** Position of the event among its story's events (events.k). */
  k: number;
  // What candidate lookups compare (migration 0006), as `prepareNode` sees the report:
  event_type: string;
  /** 1: dated to at most ANCHOR_WINDOW_DAYS (links chains); 0: a leaf (see EventFuser). */
  anchor: number;
  /** 1: compared by distance (a point at geo_precision <= 2); 0: by country and admin1. */
  precise: number;
  /** Grid cell of a precise report (`cellKey`), else null. */
  cell: number | null;
  /** '' when unknown. */
  country: string;
  /** Normalised admin1 (`normaliseName`), '' when unknown. */
  admin1: string;
  /** The report's window in day numbers, or null when it has no usable date (it links nothing). */
  day_start: number | null;
  day_end: number | null;
  /**
   * A copy (report of a near-duplicate story): the key of the primary report it repeats, whose
   * record it follows. Its day window is null, so candidate lookups never find it. Null for a
   * primary report (optional on insert: the column defaults to null).
   */
  copy_of: ColumnType<string | null, string | null | undefined, string | null>;
}

/** Single-row table whose update serialises concurrent fusers (PostgreSQL row lock; SQLite has one writer). */
export interface FusionLockTable {
  id: number;
  version: number;
}

/** The store's tables plus the consolidation tables of migration 0005. */
export interface FusionDatabase extends Database {
  fused_events: FusedEventsTable & FusedEventCopyColumns;
  fused_event_sources: FusedEventSourcesTable;
  fusion_lock: FusionLockTable;
}

/** Structured filters of `sitrep events` / `sitrep export`; every value is a bound parameter. */
export interface FusedEventFilter {
  /** The event's date window must overlap [from, to] (YYYY-MM-DD, inclusive). */
  from?: string;
  to?: string;
  bbox?: { minLon: number; minLat: number; maxLon: number; maxLat: number };
  /** actor1 or actor2 contains this (case-insensitive): "civilians" finds "Civilians (Iraq)". */
  actor?: string;
  /** ACLED event type or sub-event type (case-insensitive, exact). */
  type?: string;
  /** ISO alpha-2. */
  country?: string;
  minFatalities?: number;
  /** Events mentioned only as history are left out unless this is set. */
  includeBackground?: boolean;
  limit?: number;
}

/** What one fusion step did. */
export interface FusionStep {
  /** Reports (stored events) fed in. */
  reports: number;
  /** Stored fused events loaded as candidates. */
  candidates: number;
  /** Reports of near-duplicate stories that joined their original's record directly. */
  copies: number;
  changed: number;
  removed: number;
}

export interface FusionStats {
  /** Stored events (reports) before fusion. */
  reports: number;
  fusedEvents: number;
  /** Fused events with two or more sources. */
  multiSource: number;
}

/** One full-text hit with a snippet of the matching text. */
export interface StoryHit {
  id: string;
  file: string;
  n: number;
  headline: string;
  pub_date: string | null;
  snippet: string;
}

// Bound parameters per statement stay under SQLite's and PostgreSQL's limits.
const CHUNK = 200;
// Candidate probes per UNION ALL (at most ~20 parameters each; SQLite allows 500 arms).
const PROBES_PER_STATEMENT = 40;

export class FusedEventRepository {
  private readonly db: Kysely<FusionDatabase>;
  private rules: FusionRules | undefined;
  /** Whether this process has fused the events no fused record holds (see `unfusedStoryIds`). */
  private caughtUp = false;
  /**
   * Reports of stories recently fused or read as originals, by story id: a near-duplicate's
   * copies are paired with its original's reports without reading them again (a stored story's
   * events never change). Cleared when a transaction fails (`forgetReports`).
   */
  private readonly storyReports = new Map<string, SourcedEvent[]>();

  constructor(private readonly dialect: StoreDialect, rules?: FusionRules) {
    this.db = dialect.db as unknown as Kysely<FusionDatabase>;
    this.rules = rules;
  }

  /** The fusion rules (resources/consolidate/taxonomy.json), read once on first use. */
  fusionRules(): FusionRules {
    return (this.rules ??= loadFusionRules(resourcePath()));
  }

  /**
   * Fuses the events of `storyIds` (just saved, inside `trx`) with the stored fused events and
   * writes the result. Candidates are the stored events holding a report that one of the new
   * reports could link to, found through the indexed lookup columns of `fused_event_sources`
   * (see `candidateIds`): a bounded number of index ranges per new report, however large the
   * store. The components the new reports touch are clustered again as far as those candidates
   * reach (one link from a new report); a chain of reports longer than that keeps the grouping
   * it was stored with beyond the first link.
   *
   * `saved`: the events of `storyIds` as `saveInputs` wrote them (they are then not read back).
   *
   * Reports of a story stored as a near-duplicate are copies (`matchCopies`): each joins the
   * record of the report it repeats without a candidate search or re-grouping, the record
   * updated from its own row (`addCopies`), so a record's size does not slow it. Fusion
   * compares primary reports only; copies follow their report wherever it is regrouped.
   */
  async fuseStories(trx: Transaction<Database>, storyIds: string[], saved?: SavedEvent[]): Promise<FusionStep> {
    const t = trx as unknown as Transaction<FusionDatabase>;
    const step: FusionStep = { reports: 0, candidates: 0, copies: 0, changed: 0, removed: 0 };
    if (storyIds.length === 0 && this.caughtUp) return step;
    // Serialises fusers: the candidates read below are then final until this transaction commits.
    await t.updateTable('fusion_lock').set((eb) => ({ version: eb('version', '+', 1) })).where('id', '=', 1).execute();
    const known = new Set(storyIds);
    const unfused = this.caughtUp ? [] : (await unfusedStoryIds(t)).filter((id) => !known.has(id));
    this.caughtUp = true;
    const incoming = saved
      ? [...savedReports(saved), ...(await sourcedEvents(t, unfused))]
      : await sourcedEvents(t, [...storyIds, ...unfused]);
    if (incoming.length === 0) return step;
    const rules = this.fusionRules();
    const byStory = new Map<string, SourcedEvent[]>();
    for (const { src } of incoming) {
      const list = byStory.get(src.storyId);
      if (list) list.push(src);
      else byStory.set(src.storyId, [src]);
    }
    for (const [id, reports] of byStory) this.rememberReports(id, reports);
    const { primaries, pairs } = await pairCopies(t, incoming, rules, this.storyReports, (id, reports) => this.rememberReports(id, reports));
    await this.fusePrimaries(t, primaries, rules, step);
    // Copies go after the primaries: the report a copy repeats may be one of this step's.
    const unplaced = await addCopiesToRecords(t, pairs, rules);
    // A copy whose original report has no record (a store fused only in part) is a report of its own.
    if (unplaced.length > 0) await this.fusePrimaries(t, unplaced, rules, step);
    step.reports = incoming.length;
    step.copies = pairs.length - unplaced.length;
    return step;
  }

  /** Stories whose reports stay in memory, oldest forgotten first (a few MB). */
  private static readonly REMEMBERED_STORIES = 4096;

  private rememberReports(storyId: string, reports: SourcedEvent[]): void {
    this.storyReports.delete(storyId);
    this.storyReports.set(storyId, reports);
    if (this.storyReports.size > FusedEventRepository.REMEMBERED_STORIES) this.storyReports.delete(this.storyReports.keys().next().value!);
  }

  /** Forgets the reports kept for pairing copies: a failed transaction may have saved some of them. */
  forgetReports(): void {
    this.storyReports.clear();
  }

  /**
   * Fuses primary reports with the stored records they could link to (see `fuseStories`) and
   * writes what changed; the copies of a record's reports follow them into its new version.
   */
  private async fusePrimaries(t: Transaction<FusionDatabase>, incoming: SourcedEvent[], rules: FusionRules, step: FusionStep): Promise<void> {
    if (incoming.length === 0) return;
    const nodes = incoming.map((s) => prepareNode(s, rules));
    const rows = new Map<string, StoredRow>();
    const existing = await loadFusedEvents(t, await candidateIds(t, this.dialect.name, nodes), { primaries: true, rows });
    const fuser = new EventFuser(rules, existing);
    const result = fuser.add(incoming);
    const changed = result.changed;
    const before = new Map<string, string>();
    for (const e of existing) for (const src of e.sources) before.set(sourceKey(src), e.id);
    const rowOf = await this.copiesFollow(t, existing, rows, before, changed);
    // Only what moved is written: a report joining a large event adds one source row and
    // rewrites one event row, not every source of the event.
    const moved: Insertable<FusedEventSourcesTable>[] = [];
    const movedCopies: { eventId: string; keys: string[] }[] = [];
    for (const e of changed) {
      const keys: string[] = [];
      for (const src of e.sources) {
        const key = sourceKey(src);
        if (before.get(key) !== e.id) {
          moved.push(sourceRow(e.id, prepareNode(src, rules)));
          keys.push(key);
        }
      }
      if (keys.length > 0) movedCopies.push({ eventId: e.id, keys });
    }
    const left = moved.filter((r) => before.has(`${r.story_id}#${r.k}`));
    for (const part of chunks(left, CHUNK / 2)) {
      await t.deleteFrom('fused_event_sources').where((eb) => eb.or(part.map((r) => eb.and([eb('story_id', '=', r.story_id), eb('k', '=', r.k)])))).execute();
    }
    const stored = new Set(existing.map((e) => e.id));
    for (const e of changed) {
      if (!stored.has(e.id)) continue;
      // Only the columns that changed: an index of the API is rewritten only if one of its columns is.
      const row = rowOf(e);
      const prev = rows.get(e.id)!;
      const set: Record<string, unknown> = {};
      for (const k of Object.keys(row) as (keyof typeof row)[]) if (row[k] !== prev[k]) set[k] = row[k];
      if (Object.keys(set).length > 0) await t.updateTable('fused_events').set(set).where('id', '=', e.id).execute();
    }
    const added = changed.filter((e) => !stored.has(e.id));
    for (const part of chunks(added, CHUNK / 4)) await t.insertInto('fused_events').values(part.map(rowOf)).execute();
    for (const part of chunks(moved, CHUNK / 2)) await t.insertInto('fused_event_sources').values(part).execute();
    for (const { eventId, keys } of movedCopies) {
      for (const part of chunks(keys, CHUNK)) {
        await t.updateTable('fused_event_sources').set({ event_id: eventId }).where('copy_of', 'in', part).where('event_id', '<>', eventId).execute();
      }
    }
    // Last: a removed record's source rows go with it (ON DELETE CASCADE), copies moved first.
    for (const part of chunks(result.removed, CHUNK)) await t.deleteFrom('fused_events').where('id', 'in', part).execute();
    step.candidates += existing.length;
    step.changed += result.changed.length;
    step.removed += result.removed.length;
  }

  /**
   * How the rows of `changed` records are written with the copies of their reports. A record
   * that kept every report it had and only gained new ones keeps its copies as its stored row
   * counts them (no copy is read, however many it has); a record made of reports from several
   * stored records with copies reads those copies.
   * @param before key of each report of `existing` -> the id of its stored record
   */
  private async copiesFollow(t: Transaction<FusionDatabase>, existing: FusedEvent[], rows: Map<string, StoredRow>, before: Map<string, string>, changed: FusedEvent[]) {
    const stored = new Map(existing.map((e) => [e.id, e]));
    const counts = new Map([...rows.values()].filter((r) => r.n_copies > 0).map((r) => [r.id, r]));
    const kept = new Map<FusedEvent, AddedCopies>();
    const read: FusedEvent[] = [];
    for (const e of changed) {
      const keys = new Set(e.sources.map(sourceKey));
      const from = new Set(e.sources.flatMap((s) => before.get(sourceKey(s)) ?? []));
      const homes = [...from].filter((id) => counts.has(id));
      if (homes.length === 0) continue;
      const prev = stored.get(e.id);
      if (prev && from.size === 1 && homes[0] === e.id && prev.sources.every((s) => keys.has(sourceKey(s)))) {
        // Its other reports are this step's, whose stories no stored copy comes from.
        const { n_copies, n_stories } = counts.get(e.id)!;
        const primaries = new Set(prev.sources.map(sourceKey));
        kept.set(e, {
          count: n_copies, reports: prev.fatality_reports.filter((r) => !primaries.has(r.source)),
          newStories: n_stories - new Set(prev.sources.map((s) => s.storyId)).size,
        });
      } else read.push(e);
    }
    const copies = await copiesOf(t, read.flatMap((e) => e.sources.map(sourceKey)));
    for (const e of read) {
      const mine = e.sources.flatMap((s) => copies.get(sourceKey(s)) ?? []);
      const held = new Set(e.sources.map((s) => s.storyId));
      kept.set(e, { count: mine.length, reports: copyReports(mine), newStories: new Set(mine.map((c) => c.storyId).filter((s) => !held.has(s))).size });
    }
    return (e: FusedEvent) => {
      const added = kept.get(e);
      return added ? withCopies(fusedRow(e), added) : fusedRow(e);
    };
  }

  /** Before the first read, fuses what no fused record holds yet (once per process). */
  private async ready(): Promise<void> {
    if (!this.caughtUp) await this.db.transaction().execute((trx) => this.fuseStories(trx as unknown as Transaction<Database>, []));
  }

  /** Fused events matching `f`, by date then id (at most `f.limit`, default 50). */
  async findEvents(f: FusedEventFilter): Promise<FusedEvent[]> {
    await this.ready();
    const rows = await this.filtered(f).select('id').orderBy('date').orderBy('id').limit(f.limit ?? 50).execute();
    const events = await loadFusedEvents(this.db, rows.map((r) => r.id));
    return events;
  }

  /** Every fused event matching `f` (no limit), page by page in id order, for streamed exports. */
  async *streamEvents(f: FusedEventFilter, pageSize = 500): AsyncGenerator<FusedEvent> {
    await this.ready();
    let after = '';
    for (;;) {
      const rows = await this.filtered(f).select('id').where('id', '>', after).orderBy('id').limit(pageSize).execute();
      if (rows.length === 0) return;
      yield* await loadFusedEvents(this.db, rows.map((r) => r.id));
      after = rows[rows.length - 1]!.id;
    }
  }

  private filtered(f: FusedEventFilter) {
    return this.db.selectFrom('fused_events').where((eb) => {
      const all = [];
      if (!f.includeBackground) all.push(eb('background', '=', 0));
      if (f.from !== undefined) all.push(eb(eb.fn.coalesce('date_latest', 'date'), '>=', f.from));
      if (f.to !== undefined) all.push(eb(eb.fn.coalesce('date_earliest', 'date'), '<=', f.to));
      if (f.bbox) {
        all.push(eb('lon', '>=', f.bbox.minLon), eb('lon', '<=', f.bbox.maxLon));
        all.push(eb('lat', '>=', f.bbox.minLat), eb('lat', '<=', f.bbox.maxLat));
      }
      if (f.actor !== undefined) {
        const like = `%${f.actor.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        all.push(eb.or([
          sql<boolean>`lower(actor1) LIKE ${like} ESCAPE '\\'`,
          sql<boolean>`lower(actor2) LIKE ${like} ESCAPE '\\'`,
        ]));
      }
      if (f.type !== undefined) {
        const type = f.type.toLowerCase();
        all.push(eb.or([eb(eb.fn('lower', ['event_type']), '=', type), eb(eb.fn('lower', ['sub_event_type']), '=', type)]));
      }
      if (f.country !== undefined) all.push(eb('country', '=', f.country.toUpperCase()));
      if (f.minFatalities !== undefined) all.push(eb('fatalities', '>=', f.minFatalities));
      return eb.and(all);
    });
  }

  /** Every stored control change with its story, for the control timelines. */
  async controlChanges(): Promise<SourcedControlChange[]> {
    const rows = await this.db
      .selectFrom('control_changes')
      .innerJoin('stories', 'stories.id', 'control_changes.story_id')
      .selectAll('control_changes')
      .select(['stories.pub_date as story_pub_date', 'stories.headline as story_headline', 'stories.file as story_file', 'stories.given_source as story_source'])
      .orderBy('control_changes.story_id').orderBy('control_changes.k')
      .execute();
    return rows.map((r) => {
      const change: ControlChange = {
        ...provenance(r), place: r.place, country: r.country, lat: r.lat, lon: r.lon, from_actor: r.from_actor,
        to_actor: r.to_actor, date: r.date, date_earliest: r.date_earliest, date_latest: r.date_latest,
        time_precision: r.time_precision as CodedEvent['time_precision'], background: r.background === 1, evidence: r.evidence,
      };
      return { ...storyRef(r.story_id, r.k, r), change };
    });
  }

  /**
   * Stories matching every word of `query` through the dialect's full-text index (FTS5 on
   * SQLite, a GIN tsvector index on PostgreSQL), newest first, each with a snippet.
   */
  async searchStories(query: string, limit = 20): Promise<StoryHit[]> {
    const rows = await this.db
      .selectFrom('stories')
      .select(['id', 'file', 'n', 'headline', 'pub_date', 'text'])
      .where(this.dialect.matchesText(query))
      .orderBy('pub_date', 'desc').orderBy('id')
      .limit(limit)
      .execute();
    return rows.map(({ text, ...r }) => ({ ...r, snippet: snippet(text, query) }));
  }

  async stats(): Promise<FusionStats> {
    await this.ready();
    const count = async (q: { executeTakeFirstOrThrow(): Promise<{ c: string | number | bigint }> }) => Number((await q.executeTakeFirstOrThrow()).c);
    return {
      reports: await count(this.db.selectFrom('events').select((eb) => eb.fn.countAll().as('c'))),
      fusedEvents: await count(this.db.selectFrom('fused_events').select((eb) => eb.fn.countAll().as('c'))),
      multiSource: await count(this.db.selectFrom('fused_events').select((eb) => eb.fn.countAll().as('c')).where('n_sources', '>=', 2)),
    };
  }
}

/**
 * Stories with events that no fused record holds: a store whose events predate migration 0005
 * (or were written by a sitrep without fusion). Empty in a store kept up to date by saveInput.
 */
async function unfusedStoryIds(db: Kysely<FusionDatabase>): Promise<string[]> {
  const rows = await db
    .selectFrom('events')
    .select('events.story_id')
    .distinct()
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('fused_event_sources')
      .select('fused_event_sources.k')
      .whereRef('fused_event_sources.story_id', '=', 'events.story_id')
      .whereRef('fused_event_sources.k', '=', 'events.k'))))
    .execute();
  return rows.map((r) => r.story_id);
}

/** A `fused_events` row as read. */
type StoredRow = FusedEventsTable & { n_copies: number; fatality_latest: string | null; n_fatality_reports: number };

/**
 * An `events` row as written, with the columns of its story fusion reads (the row fusion would
 * read back: `fuseStories` takes these from `saveInputs` instead of querying them).
 */
export type SavedEvent = Database['events'] & {
  story_pub_date: string | null;
  story_headline: string;
  story_file: string;
  story_source: string | null;
  story_duplicate_of: string | null;
};

/** Saved events as sourced reports, in the order `sourcedEvents` reads them (story id, then position). */
function savedReports(saved: SavedEvent[]): StoredReport[] {
  const sorted = [...saved].sort((a, b) => cmpKeys(a.story_id, b.story_id) || a.k - b.k);
  return sorted.map((r) => ({ src: toSourced(r), duplicateOf: r.story_duplicate_of }));
}

/** A stored event as a sourced report, with the story its story duplicates (stories.duplicate_of). */
interface StoredReport {
  src: SourcedEvent;
  duplicateOf: string | null;
}

/** The stored events of `storyIds` as sourced reports (the same shape fused records keep). */
async function sourcedEvents(db: Kysely<FusionDatabase>, storyIds: string[]): Promise<StoredReport[]> {
  const out: StoredReport[] = [];
  for (const part of chunks(storyIds, CHUNK)) {
    const rows = await eventQuery(db).where('events.story_id', 'in', part).execute();
    for (const r of rows) out.push({ src: toSourced(r), duplicateOf: r.story_duplicate_of });
  }
  return out;
}

/** A report of a near-duplicate story and the report of its original it repeats (`matchCopies`). */
interface CopyPair {
  copy: SourcedEvent;
  of: SourcedEvent;
}

/**
 * Splits incoming reports into primaries (fused by comparison) and copies: the reports of a
 * story stored as a near-duplicate that `matchCopies` pairs with a report of its original.
 */
async function pairCopies(
  db: Kysely<FusionDatabase>, incoming: StoredReport[], rules: FusionRules,
  known: ReadonlyMap<string, SourcedEvent[]>, remember: (storyId: string, reports: SourcedEvent[]) => void,
): Promise<{ primaries: SourcedEvent[]; pairs: CopyPair[] }> {
  const copyStories = new Map<string, { original: string; reports: SourcedEvent[] }>();
  for (const r of incoming) {
    if (r.duplicateOf === null) continue;
    const story = copyStories.get(r.src.storyId);
    if (story) story.reports.push(r.src);
    else copyStories.set(r.src.storyId, { original: r.duplicateOf, reports: [r.src] });
  }
  if (copyStories.size === 0) return { primaries: incoming.map((r) => r.src), pairs: [] };
  const originals = new Map<string, SourcedEvent[]>();
  const unknown: string[] = [];
  for (const id of new Set([...copyStories.values()].map((c) => c.original))) {
    const reports = known.get(id);
    if (reports) originals.set(id, reports);
    else unknown.push(id);
  }
  for (const { src } of await sourcedEvents(db, unknown)) {
    const list = originals.get(src.storyId);
    if (list) list.push(src);
    else originals.set(src.storyId, [src]);
  }
  for (const id of unknown) remember(id, originals.get(id) ?? []);
  const pairOf = new Map<string, SourcedEvent>();
  for (const { original, reports } of copyStories.values()) {
    for (const [key, of] of matchCopies(reports, originals.get(original) ?? [], rules)) pairOf.set(key, of);
  }
  const primaries: SourcedEvent[] = [];
  const pairs: CopyPair[] = [];
  for (const { src } of incoming) {
    const of = pairOf.get(sourceKey(src));
    if (of) pairs.push({ copy: src, of });
    else primaries.push(src);
  }
  return { primaries, pairs };
}

/**
 * Adds each copy to the record holding the report it repeats, from that record's row alone
 * (`addCopies`): no candidate search, no other source read, whatever the record's size. A few
 * statements per step, however many records the copies join.
 * @returns the copies whose original report no record holds (to be fused as primaries)
 */
async function addCopiesToRecords(t: Transaction<FusionDatabase>, pairs: CopyPair[], rules: FusionRules): Promise<SourcedEvent[]> {
  if (pairs.length === 0) return [];
  // Where each original report sits: its record, and the primary report it follows if it is a copy.
  const home = new Map<string, { eventId: string; primary: string }>();
  const wanted = [...new Map(pairs.map((p) => [sourceKey(p.of), p.of])).values()];
  for (const part of chunks(wanted, CHUNK / 2)) {
    const rows = await t.selectFrom('fused_event_sources').select(['story_id', 'k', 'event_id', 'copy_of'])
      .where((eb) => eb.or(part.map((s) => eb.and([eb('story_id', '=', s.storyId), eb('k', '=', s.index)])))).execute();
    for (const r of rows) home.set(`${r.story_id}#${r.k}`, { eventId: r.event_id, primary: r.copy_of ?? `${r.story_id}#${r.k}` });
  }
  // A copy of a copy of this step (duplicates chained inside one input) follows the first one.
  const byEvent = new Map<string, SourcedEvent[]>();
  let pending = pairs;
  for (let progress = true; pending.length > 0 && progress;) {
    const next: CopyPair[] = [];
    for (const p of pending) {
      const h = home.get(sourceKey(p.of));
      if (!h) { next.push(p); continue; }
      home.set(sourceKey(p.copy), h);
      const copy = { ...p.copy, copyOf: h.primary };
      const list = byEvent.get(h.eventId);
      if (list) list.push(copy);
      else byEvent.set(h.eventId, [copy]);
    }
    progress = next.length < pending.length;
    pending = next;
  }
  for (const part of chunks([...byEvent.keys()], CHUNK / 4)) {
    const rows = await t.selectFrom('fused_events').selectAll().where('id', 'in', part).execute();
    const stories = [...new Set(part.flatMap((id) => byEvent.get(id)!.map((c) => c.storyId)))];
    const held = new Set((await t.selectFrom('fused_event_sources').select(['event_id', 'story_id'])
      .where('event_id', 'in', part).where('story_id', 'in', stories).execute()).map((h) => `${h.event_id}|${h.story_id}`));
    const best = new Map(rows.map((r) => [r.id, r.fatalities]));
    const updated = rows.map((row) => {
      const copies = byEvent.get(row.id)!;
      const newStories = new Set(copies.map((c) => c.storyId).filter((s) => !held.has(`${row.id}|${s}`))).size;
      return withCopies(row, { count: copies.length, reports: copyReports(copies), newStories });
    });
    // One upsert of whole rows instead of an UPDATE per record. `fatalities` is in every filter
    // index of the API: set only where the best figure changed, the other rows touch no index.
    const [moved, same] = [updated.filter((r) => r.fatalities !== best.get(r.id)), updated.filter((r) => r.fatalities === best.get(r.id))];
    for (const [part, withBest] of [[moved, true], [same, false]] as const) {
      if (part.length === 0) continue;
      await t.insertInto('fused_events').values(part).onConflict((oc) => oc.column('id').doUpdateSet((eb) => ({
        ...(withBest ? { fatalities: eb.ref('excluded.fatalities') } : {}),
        fatalities_min: eb.ref('excluded.fatalities_min'), fatalities_max: eb.ref('excluded.fatalities_max'),
        fatalities_disagree: eb.ref('excluded.fatalities_disagree'), fatality_reports: eb.ref('excluded.fatality_reports'), reasons: eb.ref('excluded.reasons'),
        n_sources: eb.ref('excluded.n_sources'), n_stories: eb.ref('excluded.n_stories'), n_copies: eb.ref('excluded.n_copies'),
        fatality_latest: eb.ref('excluded.fatality_latest'), n_fatality_reports: eb.ref('excluded.n_fatality_reports'),
      }))).execute();
    }
  }
  const rows = [...byEvent].flatMap(([eventId, copies]) => copies.map((c) => sourceRow(eventId, prepareNode(c, rules))));
  for (const part of chunks(rows, CHUNK / 2)) await t.insertInto('fused_event_sources').values(part).execute();
  return pending.map((p) => p.copy);
}

/** A fused record's row with copies added (`addCopies`). */
function withCopies(row: StoredRow, added: AddedCopies): StoredRow {
  if (added.count === 0) return row;
  const figures: CopyFigures = {
    ...row, fatalities_disagree: row.fatalities_disagree === 1, reasons: JSON.parse(row.reasons) as string[],
    fatality_latest: row.fatality_latest === null ? null : JSON.parse(row.fatality_latest) as CopyFigures['fatality_latest'],
  };
  const next = addCopies(figures, added);
  // The new figures are appended as text: the record's other reports are not parsed again.
  const more = JSON.stringify(added.reports).slice(1, -1);
  const fatality_reports = more === '' ? row.fatality_reports : row.fatality_reports === '[]' ? `[${more}]` : `${row.fatality_reports.slice(0, -1)},${more}]`;
  return {
    ...row, fatalities: next.fatalities, fatalities_min: next.fatalities_min, fatalities_max: next.fatalities_max,
    fatalities_disagree: next.fatalities_disagree ? 1 : 0, fatality_reports, reasons: JSON.stringify(next.reasons),
    fatality_latest: next.fatality_latest === null ? null : JSON.stringify(next.fatality_latest), n_fatality_reports: next.n_fatality_reports,
    n_sources: next.n_sources, n_stories: next.n_stories, n_copies: next.n_copies,
  };
}

/** The stored copies of the reports `keys` (what a record's figures need of them), by the key of the report each repeats. */
async function copiesOf(db: Kysely<FusionDatabase>, keys: string[]): Promise<Map<string, CopySource[]>> {
  const out = new Map<string, CopySource[]>();
  for (const part of chunks(keys, CHUNK)) {
    const rows = await db.selectFrom('fused_event_sources')
      .innerJoin('events', (j) => j.onRef('events.story_id', '=', 'fused_event_sources.story_id').onRef('events.k', '=', 'fused_event_sources.k'))
      .innerJoin('stories', 'stories.id', 'events.story_id')
      .select(['fused_event_sources.copy_of', 'events.story_id', 'events.k', 'events.fatalities', 'events.fatalities_min', 'events.fatalities_text', 'stories.pub_date'])
      .where('fused_event_sources.copy_of', 'in', part)
      .orderBy('events.story_id').orderBy('events.k')
      .execute();
    for (const r of rows) {
      const copy: CopySource = {
        storyId: r.story_id, index: r.k, ...(r.pub_date ? { pubDate: r.pub_date } : {}),
        event: { fatalities: r.fatalities, fatalities_min: r.fatalities_min, fatalities_text: r.fatalities_text },
      };
      const list = out.get(r.copy_of!);
      if (list) list.push(copy);
      else out.set(r.copy_of!, [copy]);
    }
  }
  return out;
}

const eventQuery = (db: Kysely<FusionDatabase>) =>
  db.selectFrom('events')
    .innerJoin('stories', 'stories.id', 'events.story_id')
    .selectAll('events')
    .select(['stories.pub_date as story_pub_date', 'stories.headline as story_headline', 'stories.file as story_file', 'stories.given_source as story_source', 'stories.duplicate_of as story_duplicate_of'])
    .orderBy('events.story_id').orderBy('events.k');

type EventJoinRow = Awaited<ReturnType<ReturnType<typeof eventQuery>['execute']>>[number];

function toSourced(r: EventJoinRow & { copy_of?: string | null }): SourcedEvent {
  const event: CodedEvent = {
    ...provenance(r), event_type: r.event_type, sub_event_type: r.sub_event_type, actor1: r.actor1, actor2: r.actor2,
    location: r.location, country: r.country, admin1: r.admin1, lat: r.lat, lon: r.lon,
    geo_precision: r.geo_precision as CodedEvent['geo_precision'], date: r.date, date_earliest: r.date_earliest,
    date_latest: r.date_latest, time_precision: r.time_precision as CodedEvent['time_precision'], fatalities: r.fatalities,
    fatalities_min: r.fatalities_min, fatalities_text: r.fatalities_text, background: r.background === 1, evidence: r.evidence,
  };
  return { ...storyRef(r.story_id, r.k, r), event, ...(r.copy_of ? { copyOf: r.copy_of } : {}) };
}

function provenance(r: { rule: string; confidence: number; span_start: number; span_end: number; reasons: string | null }) {
  return {
    rule: r.rule, confidence: r.confidence, span: { start: r.span_start, end: r.span_end },
    ...(r.reasons ? { reasons: JSON.parse(r.reasons) as string[] } : {}),
  };
}

function storyRef(storyId: string, index: number, r: { story_pub_date: string | null; story_headline: string; story_file: string; story_source: string | null }) {
  return {
    storyId, index,
    ...(r.story_pub_date ? { pubDate: r.story_pub_date } : {}),
    file: r.story_file,
    ...(r.story_headline ? { headline: r.story_headline } : {}),
    ...(r.story_source ? { outlet: r.story_source } : {}),
  };
}

/**
 * Fused events by id, with their sources rebuilt from the stored events, in the order of `ids`.
 * `primaries`: without their copies (what fusion compares; the figures still count the copies).
 */
async function loadFusedEvents(db: Kysely<FusionDatabase>, ids: string[], opts: { primaries?: boolean; rows?: Map<string, StoredRow> } = {}): Promise<FusedEvent[]> {
  const byId = new Map<string, FusedEvent>();
  for (const part of chunks(ids, CHUNK)) {
    const rows = await db.selectFrom('fused_events').selectAll().where('id', 'in', part).execute();
    const sources = await eventQuery(db)
      .innerJoin('fused_event_sources', (j) => j.onRef('fused_event_sources.story_id', '=', 'events.story_id').onRef('fused_event_sources.k', '=', 'events.k'))
      .select(['fused_event_sources.event_id', 'fused_event_sources.copy_of'])
      .where('fused_event_sources.event_id', 'in', part)
      .$if(opts.primaries === true, (q) => q.where('fused_event_sources.copy_of', 'is', null))
      .execute();
    const sourcesOf = new Map<string, SourcedEvent[]>();
    for (const s of sources) {
      const list = sourcesOf.get(s.event_id);
      if (list) list.push(toSourced(s));
      else sourcesOf.set(s.event_id, [toSourced(s)]);
    }
    for (const r of rows) {
      byId.set(r.id, fromRow(r, sourcesOf.get(r.id) ?? []));
      opts.rows?.set(r.id, r);
    }
  }
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** Field order as `buildFusedEvent` makes them, so a reloaded event compares equal to a rebuilt one. */
function fromRow(r: FusedEventsTable, sources: SourcedEvent[]): FusedEvent {
  const key = (s: SourcedEvent) => `${s.storyId}#${s.index}`;
  return {
    id: r.id, event_type: r.event_type, sub_event_type: r.sub_event_type, actor1: r.actor1, actor2: r.actor2,
    location: r.location, country: r.country, admin1: r.admin1, lat: r.lat, lon: r.lon,
    geo_precision: r.geo_precision as FusedEvent['geo_precision'], date: r.date, date_earliest: r.date_earliest,
    date_latest: r.date_latest, time_precision: r.time_precision as FusedEvent['time_precision'], fatalities: r.fatalities,
    fatalities_min: r.fatalities_min, fatalities_max: r.fatalities_max, fatalities_disagree: r.fatalities_disagree === 1,
    fatality_reports: (JSON.parse(r.fatality_reports) as FatalityReport[]).sort((a, b) => cmpKeys(a.source, b.source)), background: r.background === 1,
    confidence: r.confidence, sources: sources.sort((a, b) => cmpKeys(key(a), key(b))),
    reasons: JSON.parse(r.reasons) as string[],
  };
}

function fusedRow(e: FusedEvent): StoredRow {
  // Copies link nothing: the hull is the primary reports'.
  const windows = e.sources.flatMap((s) => (s.copyOf === undefined ? usableWindow(s) ?? [] : []));
  return {
    id: e.id, event_type: e.event_type, sub_event_type: e.sub_event_type, actor1: e.actor1, actor2: e.actor2,
    location: e.location, country: e.country, admin1: e.admin1, lat: e.lat, lon: e.lon, geo_precision: e.geo_precision,
    date: e.date, date_earliest: e.date_earliest, date_latest: e.date_latest, time_precision: e.time_precision,
    fatalities: e.fatalities, fatalities_min: e.fatalities_min, fatalities_max: e.fatalities_max,
    fatalities_disagree: e.fatalities_disagree ? 1 : 0, background: e.background ? 1 : 0, confidence: e.confidence,
    n_sources: e.sources.length, n_stories: new Set(e.sources.map((s) => s.storyId)).size,
    n_copies: e.sources.filter((s) => s.copyOf !== undefined).length,
    sources_earliest: windows.length ? isoDay(Math.min(...windows.map((w) => w.start))) : null,
    sources_latest: windows.length ? isoDay(Math.max(...windows.map((w) => w.end))) : null,
    fatality_reports: JSON.stringify(e.fatality_reports), reasons: JSON.stringify(e.reasons),
    fatality_latest: latestOf(e.fatality_reports), n_fatality_reports: e.fatality_reports.length,
  };
}

const cmpKeys = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function latestOf(reports: FatalityReport[]): string | null {
  const latest = latestReport(reports);
  return latest === null ? null : JSON.stringify({ source: latest.source, pubDate: latest.pubDate });
}

/** The window fusion compares a report by (as `prepareNode` computes it), or null when it cannot link. */
function usableWindow(s: SourcedEvent): DayWindow | null {
  const w = windowOf(s.event.date, s.event.date_earliest, s.event.date_latest, s.pubDate);
  return w && w.window.end - w.window.start <= MAX_WINDOW_DAYS ? w.window : null;
}

/** The lookup columns of one fused source (see `FusedEventSourcesTable`); a copy's day window is null. */
function sourceRow(eventId: string, n: FusionNode): Insertable<FusedEventSourcesTable> {
  if (n.src.copyOf !== undefined) {
    return {
      event_id: eventId, story_id: n.src.storyId, k: n.src.index, event_type: n.type, anchor: 0, precise: 0, cell: null,
      country: n.country, admin1: n.admin1 ?? '', day_start: null, day_end: null, copy_of: n.src.copyOf,
    };
  }
  return {
    event_id: eventId, story_id: n.src.storyId, k: n.src.index, event_type: n.type, anchor: n.anchor ? 1 : 0,
    precise: n.precise ? 1 : 0, cell: n.precise ? cellKey(n.lat, n.lon) : null, country: n.country, admin1: n.admin1 ?? '',
    day_start: n.window?.start ?? null, day_end: n.window?.end ?? null, copy_of: null,
  };
}

/** One integer per grid cell (`cellOf`): rows -256..255 and columns -512..511 fit. */
const cellId = (y: number, x: number) => (y + 256) * 1024 + (x + 512);
const cellKey = (lat: number, lon: number) => cellId(...cellOf(lat, lon));

/**
 * Ids of the stored fused events holding a report some node of `nodes` could link to: the
 * index ranges `CandidateIndex` would search, in SQL. An anchor looks for anchors whose window
 * starts at most ANCHOR_WINDOW_DAYS before its own and for leaves (MAX_WINDOW_DAYS); a leaf
 * looks for anchors only. Located reports search the cells within reach and the vague reports
 * of their area; vague reports search their area. `linkEvents` then decides, in `fuse`.
 */
async function candidateIds(db: Kysely<FusionDatabase>, dialect: StoreDialect['name'], nodes: FusionNode[]): Promise<string[]> {
  // One arm per probe, not one OR of them all: each arm then runs as a range scan of its own
  // index (PostgreSQL's planner otherwise may scan a whole event type's rows with a filter).
  // Arms are SQL text of a few fixed shapes (lists padded to a fixed length), grouped by shape
  // into UNION ALL statements of PROBES_PER_STATEMENT: few distinct statements (each prepared
  // once), and no query builder on a path that ran hundreds of arms per input.
  const byShape = new Map<string, unknown[][]>();
  const seen = new Set<string>();
  const probe = (shape: string, params: unknown[]) => {
    const key = `${shape}|${JSON.stringify(params)}`;
    if (seen.has(key)) return;
    seen.add(key);
    const list = byShape.get(shape);
    if (list) list.push(params);
    else byShape.set(shape, [params]);
  };
  for (const n of nodes) {
    if (!n.window) continue;
    const { start, end } = n.window;
    const cells = n.precise ? padded([...new Set(cellsWithin(n.lat, n.lon, PRECISION_KM[2]).map(([y, x]) => cellId(y, x)))], CELLS_PER_PROBE) : [];
    for (const anchor of n.anchor ? [1, 0] as const : [1] as const) {
      const days = [start - (anchor ? ANCHOR_WINDOW_DAYS : MAX_WINDOW_DAYS), end, start];
      // A vague side matches the other's admin1 when equal or when either is unknown.
      const area = (precise: number[]) => n.admin1 === null
        ? probe(armCountry, [n.type, anchor, ...precise, n.country, ...days])
        : probe(armAdmin1, [n.type, anchor, ...precise, n.country, n.admin1, ...days]);
      if (n.precise) {
        probe(armCells(cells.length), [n.type, anchor, ...cells, ...days]);
        area([0, 0]);
      } else area([0, 1]);
    }
  }
  const ids = new Set<string>();
  for (const [arm, all] of byShape) {
    for (const part of chunks(all, PROBES_PER_STATEMENT)) {
      let text = part.map(() => arm).join(' UNION ALL ');
      if (dialect === 'postgres') {
        let i = 0;
        text = text.replace(/\?/g, () => `$${++i}`);
      }
      const { rows } = await db.executeQuery<{ event_id: string }>(CompiledQuery.raw(text, part.flat()));
      for (const r of rows) ids.add(r.event_id);
    }
  }
  return [...ids];
}

// Cells a located report's probe lists (`cellsWithin` gives 4-9; shorter lists are padded).
const CELLS_PER_PROBE = 9;
const DAYS = 'day_start >= ? AND day_start <= ? AND day_end >= ?';
const armCells = (k: number) => `SELECT event_id FROM fused_event_sources WHERE event_type = ? AND anchor = ? AND cell IN (${Array(k).fill('?').join(', ')}) AND ${DAYS}`;
const armAdmin1 = `SELECT event_id FROM fused_event_sources WHERE event_type = ? AND anchor = ? AND precise IN (?, ?) AND country = ? AND admin1 IN (?, '') AND ${DAYS}`;
const armCountry = `SELECT event_id FROM fused_event_sources WHERE event_type = ? AND anchor = ? AND precise IN (?, ?) AND country = ? AND ${DAYS}`;

/** `xs` repeated from its last item up to `length` items (an IN list of a fixed length). */
const padded = <T>(xs: T[], length: number): T[] => (xs.length >= length ? xs : [...xs, ...Array<T>(length - xs.length).fill(xs[xs.length - 1]!)]);

/**
 * Up to `width` characters of `text` around the first match of a query word, the matched words
 * in [brackets], for `sitrep search`. Computed here, not by the engine, so both dialects print
 * the same snippet.
 */
export function snippet(text: string, query: string, width = 160): string {
  const words = (query.match(/[\p{L}\p{N}]+/gu) ?? []).map((w) => w.toLowerCase());
  const flat = text.replace(/\s+/g, ' ');
  if (words.length === 0) return flat.slice(0, width);
  const re = new RegExp(`(?<![\\p{L}\\p{N}])(${words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?![\\p{L}\\p{N}])`, 'giu');
  const first = re.exec(flat)?.index ?? 0;
  const start = Math.max(0, first - Math.floor(width / 3));
  let end = Math.min(flat.length, start + width);
  // Cut at word boundaries so the snippet does not start or end mid-word.
  const from = start === 0 ? 0 : flat.indexOf(' ', start) + 1;
  if (end < flat.length) end = Math.max(from + 1, flat.lastIndexOf(' ', end));
  const body = flat.slice(from, end).replace(re, '[$1]');
  return `${from > 0 ? '…' : ''}${body}${end < flat.length ? '…' : ''}`;
}


function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

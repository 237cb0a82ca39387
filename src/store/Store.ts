import { CompiledQuery, sql, type Insertable, type Kysely, type MigrationResultSet, type Transaction } from 'kysely';
import { createError, type SitrepError } from '../core/errors.js';
import type { CodedEvent, ControlChange, Extraction, Toponym } from '../core/types.js';
import { DUPLICATE_THRESHOLD, estimateJaccard, lshBandKeys, MAX_CANDIDATE_CHECKS } from '../dedup/NearDuplicateRefiner.js';
import type { StoreDialect } from './dialect/StoreDialect.js';
import { createPostgresStoreDialect } from './dialect/postgres/PostgresStoreDialect.js';
import { createSqliteStoreDialect } from './dialect/sqlite/SqliteStoreDialect.js';
import { migrateToLatest } from './migrations.js';
import { FusedEventRepository, type SavedEvent } from './FusedEventRepository.js';
import type { FusionRules } from '../consolidate/FusionRules.js';
import type { Database, StoriesTable } from './schema.js';

/** One story of an input to save: what the pipeline extracted, and its MinHash signature. */
export interface StoryToSave {
  extraction: Extraction;
  /** `minhashSignature(duplicateText(article))`; null: the story takes no part in cross-input dedup. */
  signature: Uint32Array | null;
}

export interface SaveResult {
  inputId: number;
  /** True when an input with this content hash was already stored (nothing was written). */
  skipped: boolean;
  stories: number;
  /** Stories flagged as duplicates (within the input or of a story of another input). */
  duplicates: number;
}

export interface StoryFilter {
  /** Input path as given at ingest (exact), or its base name. */
  file?: string;
  /** Inclusive bounds on pub_date (YYYY-MM-DD). */
  since?: string;
  until?: string;
  /** Words that must all occur in the headline or text. */
  q?: string;
  limit?: number;
}

export interface StorySummary {
  id: string;
  file: string;
  n: number;
  headline: string;
  pub_date: string | null;
  /** The window the publication date lies in: equal to pub_date when the day is known. */
  pub_date_earliest: string | null;
  pub_date_latest: string | null;
  duplicate_of: string | null;
  on_topic: boolean | null;
  toponyms: number;
  events: number;
}

export type StoryRow = StoriesTable;
export type ToponymRow = Database['toponyms'];
export type EventRow = Database['events'];
export type ControlChangeRow = Database['control_changes'];

export interface StoryDetail {
  story: StoryRow;
  parts: StoredParts;
  toponyms: ToponymRow[];
  events: EventRow[];
  controlChanges: ControlChangeRow[];
}

/** The article's parts as stored in `stories.parts` (spans into `stories.text`). */
export type StoredParts = Pick<Extraction['article'], 'headline' | 'captions' | 'byline' | 'dateline' | 'paragraphs' | 'credits'>;

export interface StoreStats {
  inputs: number;
  failedInputs: number;
  stories: number;
  duplicates: number;
  toponyms: number;
  events: number;
  controlChanges: number;
}

/**
 * The store: inputs, stories and what was extracted from them, over SQLite or PostgreSQL.
 * Every input is written in one transaction (or several whole inputs in one, `saveInputs`), so a
 * killed ingest leaves only whole inputs behind, and an input whose content hash is stored is
 * never written twice.
 *
 * @example
 * const store = await openStore('./sitrep.db');
 * if (!(await store.hasInput(hash))) await store.saveInput({ file, contentHash: hash }, stories);
 * await store.close();
 */
export interface Store {
  readonly dialect: StoreDialect['name'];
  readonly location: string;
  /** What opening the store migrated (empty results when the schema was up to date). */
  readonly migration: MigrationResultSet;
  /** Fused events (updated by every saveInput), control changes and full-text search. */
  readonly fused: FusedEventRepository;
  hasInput(contentHash: string): Promise<boolean>;
  saveInput(input: { file: string; contentHash: string }, stories: StoryToSave[], opts?: SaveOptions): Promise<SaveResult>;
  /**
   * Saves several inputs in one transaction, in order, as `saveInput` would one after the other
   * (each whole or not at all: a killed ingest leaves whole inputs), with one fusion step for
   * all of them: cheaper per input (one commit, a record several inputs report on read and
   * written once). One result per input, in order.
   */
  saveInputs(inputs: InputToSave[]): Promise<SaveResult[]>;
  /** Records that an input could not be read (replacing an earlier failure of the same file). */
  saveFailure(file: string, error: SitrepError): Promise<void>;
  listStories(filter?: StoryFilter): Promise<StorySummary[]>;
  /** A story by id, or by a prefix of its id that only one story has. */
  getStory(idOrPrefix: string): Promise<StoryDetail | null>;
  stats(): Promise<StoreStats>;
  close(): Promise<void>;
}

/** Runs SQL text with positional parameters (the shape job queues such as pg-boss accept as `db`). */
export interface SqlExecutor {
  executeSql(text: string, values: unknown[]): Promise<{ rows: unknown[] }>;
}

export interface SaveOptions {
  /**
   * More work in the input's transaction, run whether the input is written or was already
   * stored: a queue worker completes its job here, so the job is done exactly when its input
   * is stored (a killed worker leaves neither).
   */
  alsoInTransaction?: (db: SqlExecutor) => Promise<void>;
}

/** One input of `saveInputs`: what `saveInput` takes, as one object. */
export interface InputToSave extends SaveOptions {
  file: string;
  contentHash: string;
  stories: StoryToSave[];
}

/** Options for near-duplicate flagging across inputs. */
export interface StoreOptions {
  /** Estimated Jaccard similarity at or above which a story duplicates an earlier one. */
  nearDuplicateThreshold?: number;
  /** Fusion rules (default: resources/consolidate/taxonomy.json, read on the first save). */
  fusionRules?: FusionRules;
}

/** `postgres://…` / `postgresql://…` opens PostgreSQL; anything else is a SQLite file path. */
export const isPostgresUrl = (target: string) => /^postgres(ql)?:\/\//i.test(target);

/** Opens (creating if needed) and migrates the store at `target`. */
export async function openStore(target: string, opts: StoreOptions = {}): Promise<Store> {
  const { dialect, migration } = await openDialect(target);
  return new KyselyStore(dialect, migration, opts.nearDuplicateThreshold ?? DUPLICATE_THRESHOLD, new FusedEventRepository(dialect, opts.fusionRules));
}

/**
 * Opens the database behind `target` and brings its schema up to date: the part of opening a
 * store that readers which query the dialect directly (the HTTP server) share with `openStore`.
 */
export async function openDialect(target: string): Promise<{ dialect: StoreDialect; migration: MigrationResultSet }> {
  let dialect: StoreDialect;
  try {
    dialect = isPostgresUrl(target) ? createPostgresStoreDialect(target) : createSqliteStoreDialect(target);
  } catch (e) {
    throw createError('STORE_FAILED', `cannot open ${target}: ${(e as Error).message}`);
  }
  const migration = await migrateToLatest(dialect);
  if (migration.error) {
    await dialect.db.destroy();
    throw createError('STORE_FAILED', `migrating ${dialect.location} failed: ${(migration.error as Error).message ?? migration.error}`);
  }
  return { dialect, migration };
}

// Rows per multi-row INSERT: stays under SQLite's and PostgreSQL's bound-parameter limits.
const CHUNK = 200;

class KyselyStore implements Store {
  readonly dialect: StoreDialect['name'];
  readonly location: string;
  private readonly db: Kysely<Database>;

  constructor(
    private readonly d: StoreDialect,
    readonly migration: MigrationResultSet,
    private readonly threshold: number,
    readonly fused: FusedEventRepository,
  ) {
    this.dialect = d.name;
    this.location = d.location;
    this.db = d.db;
  }

  async hasInput(contentHash: string): Promise<boolean> {
    const row = await this.db.selectFrom('inputs').select('id').where('content_hash', '=', contentHash).executeTakeFirst();
    return row !== undefined;
  }

  async saveInput(input: { file: string; contentHash: string }, stories: StoryToSave[], opts: SaveOptions = {}): Promise<SaveResult> {
    return (await this.saveInputs([{ ...input, stories, ...opts }]))[0]!;
  }

  saveInputs(inputs: InputToSave[]): Promise<SaveResult[]> {
    return this.db.transaction().execute(async (trx) => {
      const results: SaveResult[] = [];
      const saved: string[] = [];
      const savedEvents: SavedEvent[] = [];
      // In order, each seeing the ones before it as stored (ids, duplicates, a repeated content hash).
      for (const input of inputs) {
        await input.alsoInTransaction?.({
          executeSql: async (text, values) => ({ rows: (await trx.executeQuery(CompiledQuery.raw(text, values))).rows }),
        });
        // Checked again inside the transaction: another process may have stored it meanwhile.
        const existing = await trx.selectFrom('inputs').select('id').where('content_hash', '=', input.contentHash).executeTakeFirst();
        if (existing) {
          results.push({ inputId: existing.id, skipped: true, stories: 0, duplicates: 0 });
          continue;
        }
        // A file that failed before and now reads is no longer a failure.
        await trx.deleteFrom('inputs').where('file', '=', input.file).where('status', '=', 'failed').execute();
        const { id: inputId } = await trx
          .insertInto('inputs')
          .values({
            file: input.file, content_hash: input.contentHash, ingested_at: new Date().toISOString(),
            status: 'done', error_code: null, error: null, n_stories: input.stories.length,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        const rows = await this.storyRows(trx, inputId, input.stories);
        await this.insert(trx, 'stories', rows.map((r) => r.story));
        await this.insertFacts(trx, rows);
        for (const r of rows) {
          saved.push(r.story.id);
          for (let k = 0; k < r.extraction.events.length; k++) savedEvents.push(savedEvent(r.story, r.extraction.events[k]!, k));
        }
        results.push({ inputId, skipped: false, stories: rows.length, duplicates: rows.filter((r) => r.story.duplicate_of).length });
      }
      // In the same transaction: the fused events never lag behind the stories they come from.
      // One fusion step for all the inputs (batch and incremental fusion agree): a record
      // several of them report on is read and written once.
      await this.fused.fuseStories(trx, saved, savedEvents);
      return results;
    }).catch((e: unknown) => {
      this.fused.forgetReports();
      throw e;
    });
  }

  /** Story rows with ids and duplicate_of resolved against this input and the stored ones. */
  private async storyRows(trx: Transaction<Database>, inputId: number, stories: StoryToSave[]) {
    const contentIds = [...new Set(stories.map((s) => s.extraction.article.id))];
    const storedIds = new Set<string>();
    for (const part of chunks(contentIds, CHUNK)) {
      for (const r of await trx.selectFrom('stories').select('id').where('id', 'in', part).execute()) storedIds.add(r.id);
    }
    const bandKeys = stories.map((s) => (s.signature ? lshBandKeys(s.signature) : []));
    const candidates = await this.nearDuplicateCandidates(trx, [...new Set(bandKeys.flat())]);

    const idOfN = new Map<number, string>();
    const firstOfContent = new Map<string, string>();
    return stories.map(({ extraction: x, signature }, i) => {
      const a = x.article;
      const taken = storedIds.has(a.id) || firstOfContent.has(a.id);
      const id = taken ? `${a.id}@${inputId}.${a.n}` : a.id;
      const duplicateOf =
        (x.duplicateOf !== null ? idOfN.get(x.duplicateOf) : undefined) ??
        firstOfContent.get(a.id) ??
        (storedIds.has(a.id) ? a.id : undefined) ??
        (signature ? this.nearest(signature, bandKeys[i]!, candidates) : undefined) ??
        null;
      idOfN.set(a.n, id);
      if (!firstOfContent.has(a.id)) firstOfContent.set(a.id, id);
      const story: StoriesTable = {
        id, content_id: a.id, input_id: inputId, file: a.file, n: a.n,
        headline: a.headline?.text ?? '', text: a.text, offset: a.offset,
        parts: JSON.stringify({
          headline: a.headline, captions: a.captions, byline: a.byline, dateline: a.dateline,
          paragraphs: a.paragraphs, credits: a.credits,
        } satisfies StoredParts),
        given_date: a.given.date ?? null, given_url: a.given.url ?? null, given_source: a.given.source ?? null,
        pub_date: x.pubDate?.date ?? null, pub_date_earliest: x.pubDate?.earliest ?? null,
        pub_date_latest: x.pubDate?.latest ?? null, pub_date_precision: x.pubDate?.precision ?? null,
        pub_date_basis: x.pubDate?.basis ?? null, pub_date_given: x.pubDate?.given ? 1 : 0,
        duplicate_of: duplicateOf, on_topic: x.onTopic === null ? null : x.onTopic ? 1 : 0,
      };
      return { story, extraction: x, signature, bandKeys: bandKeys[i]! };
    });
  }

  /** Stored original stories sharing a band key with any of `keys`, with their signatures. */
  private async nearDuplicateCandidates(trx: Transaction<Database>, keys: string[]) {
    const byKey = new Map<string, { id: string; signature: Uint32Array }[]>();
    const seen = new Map<string, Uint32Array>();
    for (const part of chunks(keys, CHUNK * 2)) {
      const rows = await trx
        .selectFrom('story_bands')
        .innerJoin('story_signatures', 'story_signatures.story_id', 'story_bands.story_id')
        .select(['story_bands.band_key', 'story_bands.story_id', 'story_signatures.signature'])
        .where('story_bands.band_key', 'in', part)
        .execute();
      for (const r of rows) {
        const signature = seen.get(r.story_id) ?? signatureFromBytes(r.signature);
        seen.set(r.story_id, signature);
        const list = byKey.get(r.band_key) ?? [];
        list.push({ id: r.story_id, signature });
        byKey.set(r.band_key, list);
      }
    }
    return byKey;
  }

  /** The most similar stored story at or above the threshold (ties: the smaller id, for determinism). */
  private nearest(signature: Uint32Array, keys: string[], candidates: Map<string, { id: string; signature: Uint32Array }[]>) {
    let best: { id: string; sim: number } | undefined;
    const checked = new Set<string>();
    // Capped as in-input dedup is: a band shared by many stored stories stays a bounded search.
    for (const key of keys) {
      for (const c of candidates.get(key) ?? []) {
        if (checked.has(c.id)) continue;
        if (checked.size >= MAX_CANDIDATE_CHECKS) return best?.id;
        checked.add(c.id);
        const sim = estimateJaccard(signature, c.signature);
        if (sim >= this.threshold && (!best || sim > best.sim || (sim === best.sim && c.id < best.id))) best = { id: c.id, sim };
      }
    }
    return best?.id;
  }

  private async insertFacts(trx: Transaction<Database>, rows: Awaited<ReturnType<KyselyStore['storyRows']>>) {
    await this.insertFactRows(trx, 'toponyms', TOPONYM_ROW, rows.map((r) => [r.story.id, r.extraction.toponyms]));
    await this.insertFactRows(trx, 'events', EVENT_ROW, rows.map((r) => [r.story.id, r.extraction.events]));
    await this.insertFactRows(trx, 'control_changes', CONTROL_CHANGE_ROW, rows.map((r) => [r.story.id, r.extraction.controlChanges]));
    const signatures = rows.flatMap(({ story, signature }) => (signature ? [[story.id, signatureToBytes(signature)]] : []));
    await this.d.insertRows(trx, 'story_signatures', ['story_id', 'signature'], signatures);
    // Only originals are indexed: a later near-copy then points at the original, not at a copy.
    const bands = rows.flatMap(({ story, bandKeys }) => (story.duplicate_of ? [] : bandKeys.map((key) => [key, story.id])));
    await this.d.insertRows(trx, 'story_bands', ['band_key', 'story_id'], bands);
  }

  /** Each story's facts of one kind as rows of `table`, `spec` giving each column's value. */
  private async insertFactRows<F, T extends keyof Database>(trx: Transaction<Database>, table: T, spec: RowSpec<F, Database[T]>, facts: [storyId: string, facts: F[]][]) {
    const values: unknown[][] = [];
    for (const [storyId, list] of facts) {
      for (let k = 0; k < list.length; k++) values.push(spec.map(([, value]) => value(list[k]!, storyId, k)));
    }
    await this.d.insertRows(trx, table, spec.map(([column]) => column), values);
  }

  /** Rows of one shape (built by one object literal, so one key order) through the dialect's bulk path. */
  private async insert<T extends keyof Database>(trx: Transaction<Database>, table: T, rows: Insertable<Database[T]>[]) {
    if (rows.length === 0) return;
    const columns = Object.keys(rows[0]!) as (keyof Insertable<Database[T]>)[];
    await this.d.insertRows(trx, table, columns as string[], rows.map((r) => columns.map((c) => r[c])));
  }

  saveFailure(file: string, error: SitrepError): Promise<void> {
    return this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('inputs').where('file', '=', file).where('status', '=', 'failed').execute();
      await trx
        .insertInto('inputs')
        .values({
          file, content_hash: null, ingested_at: new Date().toISOString(), status: 'failed',
          error_code: error.code, error: error.message, n_stories: 0,
        })
        .execute();
    });
  }

  async listStories(f: StoryFilter = {}): Promise<StorySummary[]> {
    let q = this.db
      .selectFrom('stories')
      .select((eb) => [
        'stories.id', 'stories.file', 'stories.n', 'stories.headline', 'stories.pub_date',
        'stories.pub_date_earliest', 'stories.pub_date_latest', 'stories.duplicate_of', 'stories.on_topic',
        eb.selectFrom('toponyms').select(eb.fn.countAll().as('c')).whereRef('toponyms.story_id', '=', 'stories.id').as('toponyms'),
        eb.selectFrom('events').select(eb.fn.countAll().as('c')).whereRef('events.story_id', '=', 'stories.id').as('events'),
      ]);
    if (f.file) {
      const file = f.file;
      q = q.where((eb) => eb.or([eb('stories.file', '=', file), eb('stories.file', 'like', `%/${file}`)]));
    }
    if (f.since) q = q.where('stories.pub_date', '>=', f.since);
    if (f.until) q = q.where('stories.pub_date', '<=', f.until);
    if (f.q) q = q.where(this.d.matchesText(f.q));
    const rows = await q.orderBy('stories.input_id').orderBy('stories.n').limit(f.limit ?? 100).execute();
    return rows.map((r) => ({
      id: r.id, file: r.file, n: r.n, headline: r.headline, pub_date: r.pub_date,
      pub_date_earliest: r.pub_date_earliest, pub_date_latest: r.pub_date_latest, duplicate_of: r.duplicate_of,
      on_topic: r.on_topic === null ? null : r.on_topic === 1,
      toponyms: Number(r.toponyms ?? 0), events: Number(r.events ?? 0),
    }));
  }

  async getStory(idOrPrefix: string): Promise<StoryDetail | null> {
    let story = await this.db.selectFrom('stories').selectAll().where('id', '=', idOrPrefix).executeTakeFirst();
    if (!story) {
      const escaped = idOrPrefix.replace(/[\\%_]/g, (c) => `\\${c}`);
      const matches = await this.db
        .selectFrom('stories').selectAll()
        .where(sql<boolean>`id LIKE ${`${escaped}%`} ESCAPE '\\'`)
        .limit(2).execute();
      if (matches.length !== 1) return null;
      story = matches[0];
    }
    if (!story) return null;
    const id = story.id;
    const [toponyms, events, controlChanges] = await Promise.all([
      this.db.selectFrom('toponyms').selectAll().where('story_id', '=', id).orderBy('k').execute(),
      this.db.selectFrom('events').selectAll().where('story_id', '=', id).orderBy('k').execute(),
      this.db.selectFrom('control_changes').selectAll().where('story_id', '=', id).orderBy('k').execute(),
    ]);
    return { story, parts: JSON.parse(story.parts) as StoredParts, toponyms, events, controlChanges };
  }

  async stats(): Promise<StoreStats> {
    const db = this.db;
    const n = async (q: { executeTakeFirstOrThrow(): Promise<{ c: string | number | bigint }> }) =>
      Number((await q.executeTakeFirstOrThrow()).c);
    const count = <T extends keyof Database>(t: T) => db.selectFrom(t as 'stories').select((eb) => eb.fn.countAll().as('c'));
    return {
      inputs: await n(db.selectFrom('inputs').select((eb) => eb.fn.countAll().as('c')).where('status', '=', 'done')),
      failedInputs: await n(db.selectFrom('inputs').select((eb) => eb.fn.countAll().as('c')).where('status', '=', 'failed')),
      stories: await n(count('stories')),
      duplicates: await n(count('stories').where('duplicate_of', 'is not', null)),
      toponyms: await n(count('toponyms')),
      events: await n(count('events')),
      controlChanges: await n(count('control_changes')),
    };
  }

  close(): Promise<void> {
    return this.db.destroy();
  }
}

/** Signature bytes for a binary column, and back (little-endian uint32, as the platforms Node runs on). */
const signatureToBytes = (s: Uint32Array): Buffer => Buffer.from(s.buffer, s.byteOffset, s.byteLength);
const signatureFromBytes = (b: Uint8Array): Uint32Array => new Uint32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * How a fact becomes a row of its table: each column beside the value it takes. Rows are built
 * as value arrays straight from the facts (building row objects by spreading a provenance object
 * into each cost more than inserting them).
 */
type RowSpec<F, R> = readonly (readonly [column: keyof R & string, value: (fact: F, storyId: string, k: number) => unknown])[];

interface Provenanced {
  rule: string;
  confidence: number;
  span: { start: number; end: number };
  reasons?: string[];
}

const provenanceColumns = <F extends Provenanced>(): RowSpec<F, ToponymRow | EventRow | ControlChangeRow> => [
  ['story_id', (_, storyId) => storyId],
  ['k', (_, __, k) => k],
  ['rule', (f) => f.rule],
  ['confidence', (f) => f.confidence],
  ['span_start', (f) => f.span.start],
  ['span_end', (f) => f.span.end],
  ['reasons', (f) => (f.reasons?.length ? JSON.stringify(f.reasons) : null)],
];

const TOPONYM_ROW: RowSpec<Toponym, ToponymRow> = [
  ...provenanceColumns<Toponym>(),
  ['text', (t) => t.text], ['name', (t) => t.name], ['kind', (t) => t.kind], ['country', (t) => t.country],
  ['admin1', (t) => t.admin1], ['lat', (t) => t.lat], ['lon', (t) => t.lon], ['geoname_id', (t) => t.geonameId],
];

const EVENT_ROW: RowSpec<CodedEvent, EventRow> = [
  ...provenanceColumns<CodedEvent>(),
  ['event_type', (e) => e.event_type], ['sub_event_type', (e) => e.sub_event_type], ['actor1', (e) => e.actor1],
  ['actor2', (e) => e.actor2], ['location', (e) => e.location], ['country', (e) => e.country], ['admin1', (e) => e.admin1],
  ['lat', (e) => e.lat], ['lon', (e) => e.lon], ['geo_precision', (e) => e.geo_precision], ['date', (e) => e.date],
  ['date_earliest', (e) => e.date_earliest], ['date_latest', (e) => e.date_latest], ['time_precision', (e) => e.time_precision],
  ['fatalities', (e) => e.fatalities], ['fatalities_min', (e) => e.fatalities_min], ['fatalities_text', (e) => e.fatalities_text],
  ['background', (e) => (e.background ? 1 : 0)], ['evidence', (e) => e.evidence],
];

/** An event as its row was written, with its story's columns: what fusion would read back. */
function savedEvent(story: StoriesTable, e: CodedEvent, k: number): SavedEvent {
  const row: Record<string, unknown> = {};
  // As the database returns what was inserted: undefined stored as null.
  for (const [column, value] of EVENT_ROW) row[column] = value(e, story.id, k) ?? null;
  return {
    ...(row as unknown as Database['events']), story_pub_date: story.pub_date, story_headline: story.headline, story_file: story.file,
    story_source: story.given_source, story_duplicate_of: story.duplicate_of,
  };
}

const CONTROL_CHANGE_ROW: RowSpec<ControlChange, ControlChangeRow> = [
  ...provenanceColumns<ControlChange>(),
  ['place', (c) => c.place], ['country', (c) => c.country], ['lat', (c) => c.lat], ['lon', (c) => c.lon],
  ['from_actor', (c) => c.from_actor], ['to_actor', (c) => c.to_actor], ['date', (c) => c.date],
  ['date_earliest', (c) => c.date_earliest], ['date_latest', (c) => c.date_latest], ['time_precision', (c) => c.time_precision],
  ['background', (c) => (c.background ? 1 : 0)], ['evidence', (c) => c.evidence],
];

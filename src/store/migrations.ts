import { Migrator, NO_MIGRATIONS, type Kysely, type Migration, type MigrationResultSet } from 'kysely';
import type { StoreDialect } from './dialect/StoreDialect.js';

/**
 * The schema as an ordered list of `{ up, down }` steps, written once for every dialect (the
 * dialect only supplies what differs: auto ids, binary columns, the full-text index). Names sort
 * in the order they run; never edit a step that has shipped, add a new one.
 */
export function storeMigrations(dialect: StoreDialect): Record<string, Migration> {
  return {
    '0001_inputs_and_stories': {
      async up(db: Kysely<any>) {
        await db.schema
          .createTable('inputs')
          .addColumn('id', 'integer', (c) => dialect.autoId(c))
          .addColumn('file', 'text', (c) => c.notNull())
          .addColumn('content_hash', 'text', (c) => c.unique())
          .addColumn('ingested_at', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('error_code', 'text')
          .addColumn('error', 'text')
          .addColumn('n_stories', 'integer', (c) => c.notNull().defaultTo(0))
          .execute();
        await db.schema
          .createTable('stories')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('content_id', 'text', (c) => c.notNull())
          .addColumn('input_id', 'integer', (c) => c.notNull().references('inputs.id').onDelete('cascade'))
          .addColumn('file', 'text', (c) => c.notNull())
          .addColumn('n', 'integer', (c) => c.notNull())
          .addColumn('headline', 'text', (c) => c.notNull())
          .addColumn('text', 'text', (c) => c.notNull())
          .addColumn('offset', 'integer')
          .addColumn('parts', 'text', (c) => c.notNull())
          .addColumn('given_date', 'text')
          .addColumn('given_url', 'text')
          .addColumn('given_source', 'text')
          .addColumn('pub_date', 'text')
          .addColumn('pub_date_earliest', 'text')
          .addColumn('pub_date_latest', 'text')
          .addColumn('pub_date_precision', 'integer')
          .addColumn('pub_date_basis', 'text')
          .addColumn('pub_date_given', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('duplicate_of', 'text')
          .addColumn('on_topic', 'integer')
          .addUniqueConstraint('stories_input_n', ['input_id', 'n'])
          .execute();
        await db.schema.createIndex('stories_content_id').on('stories').column('content_id').execute();
        await db.schema.createIndex('stories_pub_date').on('stories').column('pub_date').execute();
        await db.schema.createIndex('stories_file').on('stories').column('file').execute();
      },
      async down(db: Kysely<any>) {
        await db.schema.dropTable('stories').execute();
        await db.schema.dropTable('inputs').execute();
      },
    },

    // Extracted facts. Events get real, indexed columns: they are queried by time range, bounding
    // box, actor, type, country and fatalities.
    '0002_facts': {
      async up(db: Kysely<any>) {
        const fact = (name: string) =>
          db.schema
            .createTable(name)
            .addColumn('story_id', 'text', (c) => c.notNull().references('stories.id').onDelete('cascade'))
            .addColumn('k', 'integer', (c) => c.notNull())
            .addColumn('rule', 'text', (c) => c.notNull())
            .addColumn('confidence', 'double precision', (c) => c.notNull())
            .addColumn('span_start', 'integer', (c) => c.notNull())
            .addColumn('span_end', 'integer', (c) => c.notNull())
            .addColumn('reasons', 'text')
            .addPrimaryKeyConstraint(`${name}_pk`, ['story_id', 'k']);
        await fact('toponyms')
          .addColumn('text', 'text', (c) => c.notNull())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('country', 'text')
          .addColumn('admin1', 'text')
          .addColumn('lat', 'double precision')
          .addColumn('lon', 'double precision')
          .addColumn('geoname_id', 'integer')
          .execute();
        await fact('events')
          .addColumn('event_type', 'text', (c) => c.notNull())
          .addColumn('sub_event_type', 'text', (c) => c.notNull())
          .addColumn('actor1', 'text')
          .addColumn('actor2', 'text')
          .addColumn('location', 'text')
          .addColumn('country', 'text')
          .addColumn('admin1', 'text')
          .addColumn('lat', 'double precision')
          .addColumn('lon', 'double precision')
          .addColumn('geo_precision', 'integer', (c) => c.notNull())
          .addColumn('date', 'text')
          .addColumn('date_earliest', 'text')
          .addColumn('date_latest', 'text')
          .addColumn('time_precision', 'integer', (c) => c.notNull())
          .addColumn('fatalities', 'integer')
          .addColumn('fatalities_min', 'integer')
          .addColumn('fatalities_text', 'text')
          .addColumn('background', 'integer', (c) => c.notNull())
          .addColumn('evidence', 'text', (c) => c.notNull())
          .execute();
        for (const cols of [['date'], ['lat', 'lon'], ['actor1'], ['actor2'], ['event_type', 'sub_event_type'], ['country'], ['fatalities']]) {
          await db.schema.createIndex(`events_${cols.join('_')}`).on('events').columns(cols).execute();
        }
        await fact('control_changes')
          .addColumn('place', 'text', (c) => c.notNull())
          .addColumn('country', 'text')
          .addColumn('lat', 'double precision')
          .addColumn('lon', 'double precision')
          .addColumn('from_actor', 'text')
          .addColumn('to_actor', 'text')
          .addColumn('date', 'text')
          .addColumn('date_earliest', 'text')
          .addColumn('date_latest', 'text')
          .addColumn('time_precision', 'integer', (c) => c.notNull())
          .addColumn('background', 'integer', (c) => c.notNull())
          .addColumn('evidence', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('control_changes_date').on('control_changes').column('date').execute();
        await db.schema.createIndex('control_changes_place').on('control_changes').columns(['lat', 'lon']).execute();
      },
      async down(db: Kysely<any>) {
        for (const t of ['control_changes', 'events', 'toponyms']) await db.schema.dropTable(t).execute();
      },
    },

    // Cross-input near-duplicates: MinHash signatures, and LSH band keys indexed for lookup.
    '0003_near_duplicates': {
      async up(db: Kysely<any>) {
        await db.schema
          .createTable('story_signatures')
          .addColumn('story_id', 'text', (c) => c.primaryKey().references('stories.id').onDelete('cascade'))
          .addColumn('signature', dialect.binaryType, (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('story_bands')
          .addColumn('band_key', 'text', (c) => c.notNull())
          .addColumn('story_id', 'text', (c) => c.notNull().references('stories.id').onDelete('cascade'))
          .execute();
        await db.schema.createIndex('story_bands_key').on('story_bands').column('band_key').execute();
        await db.schema.createIndex('story_bands_story').on('story_bands').column('story_id').execute();
      },
      async down(db: Kysely<any>) {
        await db.schema.dropTable('story_bands').execute();
        await db.schema.dropTable('story_signatures').execute();
      },
    },

    '0004_search_index': {
      up: (db: Kysely<any>) => dialect.createSearchIndex(db),
      down: (db: Kysely<any>) => dialect.dropSearchIndex(db),
    },

    // Consolidation: fused events (one row per real event, queried by the same filters as
    // events) and the stored events each one merged. A source's evidence, span and figures stay
    // in its `events` row; `fusion_lock` is one row whose update serialises concurrent fusers.
    '0005_fused_events': {
      async up(db: Kysely<any>) {
        await db.schema
          .createTable('fused_events')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('event_type', 'text', (c) => c.notNull())
          .addColumn('sub_event_type', 'text', (c) => c.notNull())
          .addColumn('actor1', 'text')
          .addColumn('actor2', 'text')
          .addColumn('location', 'text')
          .addColumn('country', 'text')
          .addColumn('admin1', 'text')
          .addColumn('lat', 'double precision')
          .addColumn('lon', 'double precision')
          .addColumn('geo_precision', 'integer', (c) => c.notNull())
          .addColumn('date', 'text')
          .addColumn('date_earliest', 'text')
          .addColumn('date_latest', 'text')
          .addColumn('time_precision', 'integer', (c) => c.notNull())
          .addColumn('fatalities', 'integer')
          .addColumn('fatalities_min', 'integer')
          .addColumn('fatalities_max', 'integer')
          .addColumn('fatalities_disagree', 'integer', (c) => c.notNull())
          .addColumn('background', 'integer', (c) => c.notNull())
          .addColumn('confidence', 'double precision', (c) => c.notNull())
          .addColumn('n_sources', 'integer', (c) => c.notNull())
          .addColumn('n_stories', 'integer', (c) => c.notNull())
          .addColumn('sources_earliest', 'text')
          .addColumn('sources_latest', 'text')
          .addColumn('fatality_reports', 'text', (c) => c.notNull())
          .addColumn('reasons', 'text', (c) => c.notNull())
          .execute();
        for (const cols of [['date'], ['lat', 'lon'], ['actor1'], ['actor2'], ['event_type', 'sources_latest'], ['country'], ['fatalities']]) {
          await db.schema.createIndex(`fused_events_${cols.join('_')}`).on('fused_events').columns(cols).execute();
        }
        await db.schema
          .createTable('fused_event_sources')
          .addColumn('event_id', 'text', (c) => c.notNull().references('fused_events.id').onDelete('cascade'))
          .addColumn('story_id', 'text', (c) => c.notNull())
          .addColumn('k', 'integer', (c) => c.notNull())
          .addPrimaryKeyConstraint('fused_event_sources_pk', ['story_id', 'k'])
          .addForeignKeyConstraint('fused_event_sources_fact', ['story_id', 'k'], 'events', ['story_id', 'k'], (c) => c.onDelete('cascade'))
          .execute();
        await db.schema.createIndex('fused_event_sources_event').on('fused_event_sources').column('event_id').execute();
        await db.schema
          .createTable('fusion_lock')
          .addColumn('id', 'integer', (c) => c.primaryKey())
          .addColumn('version', 'integer', (c) => c.notNull())
          .execute();
        await db.insertInto('fusion_lock').values({ id: 1, version: 0 }).execute();
      },
      async down(db: Kysely<any>) {
        for (const t of ['fusion_lock', 'fused_event_sources', 'fused_events']) await db.schema.dropTable(t).execute();
      },
    },
    // The API's event filters (src/server/queries/events.ts): one index per leading filter (none,
    // type, actor1, actor2, country, box, fatalities), each then in date order after `background`
    // (every query pins it unless background=include), and carrying the other filter columns and
    // the id. A page sorted by date stops after the page, and a capped count never reads the table
    // (before: the type or actor index, then a sort of every match; a count of a box read a row
    // per latitude match). The single-column indexes they replace are their prefixes.
    '0007_event_filter_indexes': {
      async up(db: Kysely<any>) {
        for (const [name] of SUPERSEDED_EVENT_INDEXES) await db.schema.dropIndex(name).execute();
        for (const [name, cols] of EVENT_FILTER_INDEXES) await db.schema.createIndex(name).on('fused_events').columns(cols).execute();
      },
      async down(db: Kysely<any>) {
        for (const [name] of EVENT_FILTER_INDEXES) await db.schema.dropIndex(name).execute();
        for (const [name, cols] of SUPERSEDED_EVENT_INDEXES) await db.schema.createIndex(name).on('fused_events').columns(cols).execute();
      },
    },

    // Bounded fusion candidates: each fused source row carries what candidate lookups compare
    // (event type, anchor or leaf, grid cell or area, day window), indexed so that a new report
    // finds the reports it could link to by index ranges, never by scanning a type's whole
    // history. The fused records are derived data: they are cleared here and the store fuses
    // every stored event again on first use.
    '0008_fusion_candidates': {
      async up(db: Kysely<any>) {
        await db.deleteFrom('fused_event_sources').execute();
        await db.deleteFrom('fused_events').execute();
        for (const [name, type] of FUSION_CANDIDATE_COLUMNS) await db.schema.alterTable('fused_event_sources').addColumn(name, type).execute();
        for (const [name, cols] of FUSION_CANDIDATE_INDEXES) await db.schema.createIndex(name).on('fused_event_sources').columns([...cols]).execute();
      },
      async down(db: Kysely<any>) {
        for (const [name] of FUSION_CANDIDATE_INDEXES) await db.schema.dropIndex(name).execute();
        for (const [name] of FUSION_CANDIDATE_COLUMNS) await db.schema.alterTable('fused_event_sources').dropColumn(name).execute();
      },
    },

    // Text search checks each candidate event against its sources' stories (textCondition in
    // src/server/queries/events.ts): with the story id beside the event id in the index, the check
    // reads no source row. The single-column date index goes: fused_events_filter_date
    // (background, date, ...) serves every date range and covers it, where SQLite took the narrow
    // one for some counts of a date range and a box and read a row per event in the range.
    '0009_event_text_and_date_indexes': {
      async up(db: Kysely<any>) {
        await db.schema.dropIndex('fused_events_date').execute();
        await db.schema.dropIndex('fused_event_sources_event').execute();
        await db.schema.createIndex('fused_event_sources_event_story').on('fused_event_sources').columns(['event_id', 'story_id']).execute();
      },
      async down(db: Kysely<any>) {
        await db.schema.dropIndex('fused_event_sources_event_story').execute();
        await db.schema.createIndex('fused_event_sources_event').on('fused_event_sources').column('event_id').execute();
        await db.schema.createIndex('fused_events_date').on('fused_events').column('date').execute();
      },
    },

    // Copies: a report of a near-duplicate story joins the fused record of the report it repeats
    // without a candidate search (FusedEventRepository). Its source row names that report
    // (copy_of, indexed: copies follow it when fusion moves it to another record) and carries no
    // day window, so candidate lookups never find it; n_copies lets a record be updated from its
    // own row (addCopies). Existing records hold no copies: nothing to rebuild.
    '0010_fusion_copies': {
      async up(db: Kysely<any>) {
        await db.schema.alterTable('fused_event_sources').addColumn('copy_of', 'text').execute();
        await db.schema.createIndex('fused_event_sources_copy_of').on('fused_event_sources').column('copy_of').execute();
        await db.schema.alterTable('fused_events').addColumn('n_copies', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      },
      async down(db: Kysely<any>) {
        await db.schema.alterTable('fused_events').dropColumn('n_copies').execute();
        await db.schema.dropIndex('fused_event_sources_copy_of').execute();
        await db.schema.alterTable('fused_event_sources').dropColumn('copy_of').execute();
      },
    },

    // A copy's figure is appended to its record's fatality reports without reading them; the
    // record keeps what its best figure and explanation need instead (see `addCopies`). Fused
    // records are derived data: cleared here, the store fuses every stored event again on first use.
    '0011_fusion_fatality_summary': {
      async up(db: Kysely<any>) {
        await db.deleteFrom('fused_event_sources').execute();
        await db.deleteFrom('fused_events').execute();
        await db.schema.alterTable('fused_events').addColumn('fatality_latest', 'text').execute();
        await db.schema.alterTable('fused_events').addColumn('n_fatality_reports', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      },
      async down(db: Kysely<any>) {
        await db.schema.alterTable('fused_events').dropColumn('n_fatality_reports').execute();
        await db.schema.alterTable('fused_events').dropColumn('fatality_latest').execute();
      },
    },
  };
}

const FUSION_CANDIDATE_COLUMNS = [
  ['event_type', 'text'], ['anchor', 'integer'], ['precise', 'integer'], ['cell', 'integer'],
  ['country', 'text'], ['admin1', 'text'], ['day_start', 'integer'], ['day_end', 'integer'],
] as const;
// Located reports by grid cell; every report by country and admin1 (province-level lookups),
// and by country alone (lookups from a report that names no province).
const FUSION_CANDIDATE_INDEXES = [
  ['fused_event_sources_cell', ['event_type', 'anchor', 'cell', 'day_start']],
  ['fused_event_sources_admin1', ['event_type', 'anchor', 'precise', 'country', 'admin1', 'day_start']],
  ['fused_event_sources_country', ['event_type', 'anchor', 'precise', 'country', 'day_start']],
] as const;

const FILTER_COLUMNS = ['event_type', 'actor1', 'actor2', 'country', 'fatalities', 'lon', 'lat'];
const FILTER_LEADS = [[], ['event_type'], ['actor1'], ['actor2'], ['country'], ['lat', 'lon'], ['fatalities']];
const EVENT_FILTER_INDEXES = FILTER_LEADS.map((lead): [string, string[]] =>
  [`fused_events_filter_${lead[0] ?? 'date'}`, [...lead, 'background', 'date', 'id', ...FILTER_COLUMNS.filter((c) => !lead.includes(c))]]);
const SUPERSEDED_EVENT_INDEXES = [['actor1'], ['actor2'], ['country'], ['lat', 'lon'], ['fatalities']].map((cols): [string, string[]] => [`fused_events_${cols.join('_')}`, cols]);

/** Brings the schema up to date; the result lists each step run (or the error that stopped it). */
export function migrateToLatest(dialect: StoreDialect): Promise<MigrationResultSet> {
  return migratorFor(dialect).migrateToLatest();
}

/** Undoes every step (tests use it to check each `down` works). */
export function migrateToEmpty(dialect: StoreDialect): Promise<MigrationResultSet> {
  return migratorFor(dialect).migrateTo(NO_MIGRATIONS);
}

const migratorFor = (dialect: StoreDialect) =>
  new Migrator({
    db: dialect.db,
    provider: { getMigrations: async () => storeMigrations(dialect) },
    migrationTableName: 'store_migrations',
    migrationLockTableName: 'store_migrations_lock',
  });

import type { Generated } from 'kysely';

/**
 * The store's tables as Kysely sees them. Column types are the lowest common denominator of
 * SQLite and PostgreSQL (text, integer, double precision, binary) so one set of queries serves
 * both dialects: booleans are 0/1 integers, JSON is text, dates are ISO text.
 */
export interface Database {
  inputs: InputsTable;
  stories: StoriesTable;
  toponyms: ToponymsTable;
  events: EventsTable;
  control_changes: ControlChangesTable;
  story_signatures: StorySignaturesTable;
  story_bands: StoryBandsTable;
}

export interface InputsTable {
  id: Generated<number>;
  file: string;
  /** Null only for inputs that failed before they could be read. */
  content_hash: string | null;
  ingested_at: string;
  /** 'done' | 'failed' */
  status: string;
  error_code: string | null;
  error: string | null;
  n_stories: number;
}

export interface StoriesTable {
  /** The article content id; a second exact copy gets `<content id>@<input id>.<n>`. */
  id: string;
  content_id: string;
  input_id: number;
  file: string;
  n: number;
  headline: string;
  text: string;
  offset: number | null;
  /** JSON: headline, captions, byline, dateline, paragraphs, credits (parts with spans). */
  parts: string;
  given_date: string | null;
  given_url: string | null;
  given_source: string | null;
  pub_date: string | null;
  pub_date_earliest: string | null;
  pub_date_latest: string | null;
  pub_date_precision: number | null;
  pub_date_basis: string | null;
  pub_date_given: number;
  /** Story id of an earlier near-identical story, in this input or another. */
  duplicate_of: string | null;
  on_topic: number | null;
}

/** Columns every extracted fact shares: where it came from and how sure the rule is. */
interface ProvenanceColumns {
  story_id: string;
  /** Position among the story's facts of this kind (0-based): with story_id, the key. */
  k: number;
  rule: string;
  confidence: number;
  span_start: number;
  span_end: number;
  /** JSON array of strings, or null. */
  reasons: string | null;
}

export interface ToponymsTable extends ProvenanceColumns {
  text: string;
  name: string;
  kind: string;
  country: string | null;
  admin1: string | null;
  lat: number | null;
  lon: number | null;
  geoname_id: number | null;
}

/** The event columns a coded report (events) and a fused record (fused_events) share. */
export interface EventFactColumns {
  event_type: string;
  sub_event_type: string;
  actor1: string | null;
  actor2: string | null;
  location: string | null;
  country: string | null;
  admin1: string | null;
  lat: number | null;
  lon: number | null;
  geo_precision: number;
  date: string | null;
  date_earliest: string | null;
  date_latest: string | null;
  time_precision: number;
}

export interface EventsTable extends ProvenanceColumns, EventFactColumns {
  fatalities: number | null;
  fatalities_min: number | null;
  fatalities_text: string | null;
  background: number;
  evidence: string;
}

export interface ControlChangesTable extends ProvenanceColumns {
  place: string;
  country: string | null;
  lat: number | null;
  lon: number | null;
  from_actor: string | null;
  to_actor: string | null;
  date: string | null;
  date_earliest: string | null;
  date_latest: string | null;
  time_precision: number;
  background: number;
  evidence: string;
}

export interface StorySignaturesTable {
  story_id: string;
  /** MinHash signature, little-endian uint32s. */
  signature: Uint8Array;
}

/** LSH band keys: stories sharing a key are near-duplicate candidates. */
export interface StoryBandsTable {
  band_key: string;
  story_id: string;
}

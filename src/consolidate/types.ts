import type { CodedEvent, ControlChange, EventFacts, IsoDate } from '../core/types.js';

/**
 * The shapes consolidation takes and returns. Everything is plain JSON-serialisable data, so the
 * store can persist it and the HTTP layer can return it as is.
 */

/** Where a coded item came from: the story and the item's position among that story's items. */
export interface StoryRef {
  /** Article.id (content hash): the same story ingested twice has the same id. */
  storyId: string;
  /** 0-based position of the item among its story's events (or control changes). */
  index: number;
  /** Publication date of the story (PubDate.date), when known. */
  pubDate?: IsoDate;
  file?: string;
  headline?: string;
  /** Outlet name (Article.given.source), used as ACLED's `source` column. */
  outlet?: string;
}

/**
 * One coded event with its story.
 * @example { storyId: 'a1b2', index: 0, pubDate: '2017-02-24', event: codedEvent }
 */
export interface SourcedEvent extends StoryRef {
  event: CodedEvent;
  /**
   * Set on a report of a near-duplicate story: the key (`storyId#index`) of the primary report
   * it repeats, whose fused record it joined without being compared with others (see `addCopies`).
   */
  copyOf?: string;
}

/** One coded control change with its story. */
export interface SourcedControlChange extends StoryRef {
  change: ControlChange;
}

/** A report of a fatality count by one source, kept so disagreements stay visible. */
export interface FatalityReport {
  /** Source key (`storyId#index`). */
  source: string;
  pubDate: IsoDate | null;
  fatalities: number | null;
  fatalities_min: number | null;
  fatalities_text: string | null;
}

/**
 * One real event, fused from every report of it. The ACLED-like fields are the reconciled
 * values; `sources` keeps every report with its evidence, span and figures.
 */
export interface FusedEvent extends EventFacts {
  /** `ev:` + the key of the earliest source (by publication date, then key): stable for upserts. */
  id: string;
  /** Best figure: the latest-published report's (death tolls are revised as reports update). */
  fatalities: number | null;
  /** Lowest figure any source reports (ACLED's conservative count). */
  fatalities_min: number | null;
  fatalities_max: number | null;
  /** True when sources report different figures; see `fatality_reports`. */
  fatalities_disagree: boolean;
  fatality_reports: FatalityReport[];
  /** True when every source mentions it only as history. */
  background: boolean;
  /** Noisy-or of the sources' confidences over distinct stories. */
  confidence: number;
  /** Every report, sorted by key. */
  sources: SourcedEvent[];
  /** What was merged and why, for --explain. */
  reasons: string[];
}

/** Result of an incremental fusion step. */
export interface FuseResult {
  /** Every fused event (untouched existing ones and recomputed ones), sorted by id. */
  events: FusedEvent[];
  /** Ids of events that are new or whose content changed: upsert these. */
  changed: string[];
  /** Ids of existing events that no longer exist (merged into another): delete these. */
  removed: string[];
}

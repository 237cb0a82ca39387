/**
 * The data contract of sitrep's pure core. Every stage takes and returns these shapes;
 * nothing here touches the file system, a database or the clock.
 *
 * Offsets: every `Span` inside an article is relative to `Article.text` (UTF-16 code units,
 * as JavaScript strings index). For a plain-text dump, `Article.offset` is where `Article.text`
 * starts in the decoded input, so `offset + span.start` points into the original file.
 */

/** Half-open character range [start, end) into `Article.text`. */
export interface Span {
  start: number;
  end: number;
}

/** A piece of an article with its place in `Article.text`. */
export interface Part {
  text: string;
  span: Span;
}

export interface Caption extends Part {
  /** ISO date (YYYY-MM-DD, or YYYY-MM when only a month is printed) the caption prints. */
  date: string | null;
  /** True for "FILE PHOTO" captions: their date is old and weak evidence of publication. */
  filePhoto: boolean;
}

export interface Credit {
  name: string;
  /** "reporting", "additional reporting", "writing", "editing", or the word the line used. */
  role: string;
}

export interface Paragraph extends Part {
  kind: 'body' | 'subhead';
}

/** Metadata a structured input (JSON, CSV, HTML) gave; absent for dumps. */
export interface GivenMetadata {
  date?: string;
  url?: string;
  source?: string;
}

/** One story, as the segmenter found it. */
export interface Article {
  /** Content hash of the normalised text: stable across re-ingests, the key for exact duplicates. */
  id: string;
  /** Input it came from (path as given, or "stdin"). */
  file: string;
  /** 1-based position of the story in that input. */
  n: number;
  /** Start of `text` in the decoded input (dumps), or null when the text was assembled from fields. */
  offset: number | null;
  text: string;
  headline: Part | null;
  captions: Caption[];
  byline: Part | null;
  /** Dateline place names ("MOSUL", "Iraq"), each with its span. */
  dateline: Part[];
  paragraphs: Paragraph[];
  credits: (Part & { people: Credit[] }) | null;
  given: GivenMetadata;
}

/** What a rule stated versus what it inferred, and how sure it is (chrono's known/implied split). */
export interface Provenance {
  /** Id of the rule or model that made the item, e.g. "places.trie+population". */
  rule: string;
  confidence: number;
  span: Span;
  /** Human-readable reasons, shown by --explain. */
  reasons?: string[];
}

export type Iso2 = string;
/** YYYY-MM-DD */
export type IsoDate = string;

/** 1 a day, 2 within a week, 3 vaguer (ACLED time_precision). */
export type TimePrecision = 1 | 2 | 3;

export interface DateWindow {
  date: IsoDate;
  earliest: IsoDate;
  latest: IsoDate;
  precision: TimePrecision;
}

export type PlaceKind =
  | 'city' | 'town' | 'village' | 'district' | 'admin1' | 'country' | 'region'
  | 'camp' | 'site' | 'river' | 'other';

/** A resolved place mention (places issue). */
export interface Toponym extends Provenance {
  /** Surface form as in the text. */
  text: string;
  name: string;
  kind: PlaceKind;
  country: Iso2 | null;
  admin1: string | null;
  lat: number | null;
  lon: number | null;
  geonameId: number | null;
}

/** The publication date with the window sitrep is sure of (time issue). */
export interface PubDate extends DateWindow {
  basis: string;
  confidence: number;
  /** True when the input gave the date (metadata), false when inferred. */
  given: boolean;
}

/** A temporal expression found in text and resolved against the publication date. */
export interface TimeMention extends Provenance, DateWindow {
  text: string;
}

/** What an event was, who took part, where and when: what a coded report and a fused record share. */
export interface EventFacts {
  event_type: string;
  sub_event_type: string;
  actor1: string | null;
  actor2: string | null;
  location: string | null;
  country: Iso2 | null;
  admin1: string | null;
  lat: number | null;
  lon: number | null;
  geo_precision: 1 | 2 | 3;
  date: IsoDate | null;
  date_earliest: IsoDate | null;
  date_latest: IsoDate | null;
  time_precision: TimePrecision;
}

export interface CodedEvent extends Provenance, EventFacts {
  fatalities: number | null;
  fatalities_min: number | null;
  fatalities_text: string | null;
  background: boolean;
  evidence: string;
}

export interface ControlChange extends Provenance {
  place: string;
  country: Iso2 | null;
  lat: number | null;
  lon: number | null;
  from_actor: string | null;
  to_actor: string | null;
  date: IsoDate | null;
  date_earliest: IsoDate | null;
  date_latest: IsoDate | null;
  time_precision: TimePrecision;
  background: boolean;
  evidence: string;
}

/** Everything extracted from one article. */
export interface Extraction {
  article: Article;
  pubDate: PubDate | null;
  /** n of an earlier near-identical story in the same input. */
  duplicateOf: number | null;
  onTopic: boolean | null;
  toponyms: Toponym[];
  events: CodedEvent[];
  controlChanges: ControlChange[];
}

/** Lazy debug tracing, passed in; it powers --explain. */
export type Debug = (message: () => string) => void;
export const noDebug: Debug = () => {};

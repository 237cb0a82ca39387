import { createHash } from 'node:crypto';
import countries from 'i18n-iso-countries';
import type { FusionRules } from '../consolidate/FusionRules.js';
import type { FusedEvent } from '../consolidate/types.js';
import type { ActorTyping } from './ActorTyping.js';
import { countryName, interCode } from './ActorTyping.js';

/**
 * ACLED-style CSV of fused events: ACLED's column names and order (the 2023+ export layout), so
 * scripts written for ACLED downloads read sitrep's output. Columns sitrep cannot fill (associated
 * actors, region, admin2/3, source scale) are present and empty.
 */
export const ACLED_COLUMNS = [
  'event_id_cnty', 'event_date', 'year', 'time_precision', 'disorder_type', 'event_type', 'sub_event_type',
  'actor1', 'assoc_actor_1', 'inter1', 'actor2', 'assoc_actor_2', 'inter2', 'interaction', 'civilian_targeting',
  'iso', 'region', 'country', 'admin1', 'admin2', 'admin3', 'location', 'latitude', 'longitude', 'geo_precision',
  'source', 'source_scale', 'notes', 'fatalities', 'tags', 'timestamp',
] as const;

export type AcledColumn = (typeof ACLED_COLUMNS)[number];
export type AcledRow = Record<AcledColumn, string>;

export interface AcledContext {
  rules: FusionRules;
  typing: ActorTyping;
  /** Unix seconds written to `timestamp` (ACLED's upload time); the caller owns the clock. */
  timestamp?: number;
}

/**
 * One fused event as an ACLED row (every value a string). Choices:
 * - `event_id_cnty`: ISO alpha-3 + a number hashed from the stable fused id (ACLED-like, stable).
 * - `fatalities`: the lowest reported figure, ACLED's conservative rule; 0 when none is reported,
 *   as ACLED writes it. Disagreeing figures are listed in `notes`; the JSON export keeps nulls.
 * - `tags`: the sitrep id and number of sources, to link back to the JSON export.
 */
export function toAcledRow(e: FusedEvent, ctx: AcledContext): AcledRow {
  const inter1 = interCode(e.actor1, e.country, ctx.typing);
  const inter2 = interCode(e.actor2, e.country, ctx.typing);
  const disorder = ctx.rules.disorderType.get(`${e.event_type}|${e.sub_event_type}`) ?? '';
  const interaction = inter1 === null ? '' : inter2 === null ? String(inter1 * 10) : String(Math.min(inter1, inter2) * 10 + Math.max(inter1, inter2));
  const civilianTarget = disorder.includes('Political violence') && (inter2 === 7 || e.event_type === 'Violence against civilians');
  const lead = [...e.sources].sort((a, b) => b.event.confidence - a.event.confidence)[0]!;
  const outlets = [...new Set(e.sources.map((s) => s.outlet ?? s.headline ?? s.storyId))];
  const fatalityNote = e.fatalities_disagree
    ? ` Reported fatalities differ: ${e.fatality_reports.map((r) => r.fatalities_text ?? String(r.fatalities ?? r.fatalities_min)).join('; ')}.`
    : '';
  const numeric = e.country ? countries.alpha2ToNumeric(e.country) : undefined;
  return {
    event_id_cnty: `${(e.country && countries.alpha2ToAlpha3(e.country)) || 'XXX'}${numericId(e.id)}`,
    event_date: e.date ?? '',
    year: e.date?.slice(0, 4) ?? '',
    time_precision: String(e.time_precision),
    disorder_type: disorder,
    event_type: e.event_type,
    sub_event_type: e.sub_event_type,
    actor1: e.actor1 ?? '',
    assoc_actor_1: '',
    inter1: inter1 === null ? '' : String(inter1),
    actor2: e.actor2 ?? '',
    assoc_actor_2: '',
    inter2: inter2 === null ? '' : String(inter2),
    interaction,
    civilian_targeting: civilianTarget ? 'Civilian targeting' : '',
    iso: numeric ? String(Number(numeric)) : '',
    region: '',
    country: countryName(e.country, ctx.typing),
    admin1: e.admin1 ?? '',
    admin2: '',
    admin3: '',
    location: e.location ?? '',
    latitude: e.lat === null ? '' : e.lat.toFixed(4),
    longitude: e.lon === null ? '' : e.lon.toFixed(4),
    geo_precision: String(e.geo_precision),
    source: outlets.join('; '),
    source_scale: '',
    notes: `${lead.event.evidence}${fatalityNote}`,
    fatalities: String(e.fatalities_min ?? 0),
    tags: `sitrep_id=${e.id}; sources=${e.sources.length}`,
    timestamp: ctx.timestamp === undefined ? '' : String(ctx.timestamp),
  };
}

/** 15 decimal digits from the id's SHA-1: collisions are negligible for millions of events. */
function numericId(id: string): string {
  return String(BigInt(`0x${createHash('sha1').update(id).digest('hex').slice(0, 12)}`)).padStart(15, '0');
}

/** RFC 4180 field: quoted when it holds a comma, quote, CR or LF; quotes doubled. */
export function csvField(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** One RFC 4180 record, CRLF-terminated. */
export function csvLine(values: readonly string[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

/**
 * The whole CSV as chunks (header, then one line per event), for streaming:
 * `Readable.from(acledCsvChunks(events, ctx)).pipe(out)`.
 */
export function* acledCsvChunks(events: Iterable<FusedEvent>, ctx: AcledContext): Generator<string> {
  yield csvLine(ACLED_COLUMNS);
  for (const e of events) {
    const row = toAcledRow(e, ctx);
    yield csvLine(ACLED_COLUMNS.map((c) => row[c]));
  }
}

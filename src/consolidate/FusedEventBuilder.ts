import type { CodedEvent, TimePrecision } from '../core/types.js';
import { isoDay } from './dates.js';
import { sourceKey, type FusionNode } from './EventCompatibility.js';
import type { FatalityReport, FusedEvent, SourcedEvent } from './types.js';

/**
 * Reconciles the reports of one real event into a FusedEvent: place and date from the most
 * precise consistent source, fatalities as min/best/max with every report kept, actors and
 * sub-event type by vote. Deterministic in the set of members (ties break on source key).
 */
export function buildFusedEvent(members: FusionNode[], joinReasons: string[]): FusedEvent {
  const nodes = [...members].sort((a, b) => cmp(a.key, b.key));
  const first = nodes[0]!;
  const ev = (n: FusionNode) => n.src.event;

  const earliest = minBy(nodes, (a, b) => cmp(a.src.pubDate ?? '~', b.src.pubDate ?? '~') || cmp(a.key, b.key));
  const placeSrc = minBy(nodes, (a, b) =>
    Number(hasPoint(ev(b))) - Number(hasPoint(ev(a))) || ev(a).geo_precision - ev(b).geo_precision ||
    ev(b).confidence - ev(a).confidence || cmp(a.key, b.key));
  const width = (n: FusionNode) => (n.window ? n.window.end - n.window.start : Infinity);
  // Leaves (vaguely dated members, see EventFuser) neither give the date nor narrow it.
  const dated = nodes.some((n) => n.anchor) ? nodes.filter((n) => n.anchor) : nodes;
  const dateSrc = minBy(dated, (a, b) =>
    ev(a).time_precision - ev(b).time_precision || width(a) - width(b) || ev(b).confidence - ev(a).confidence || cmp(a.key, b.key));

  // Pairwise-overlapping intervals share a common part (Helly, in one dimension): the window
  // every anchor allows (leaves overlap every anchor but not always each other). A singleton
  // without a usable window keeps its own fields.
  const windows = dated.flatMap((n) => (n.window ? [n.window] : []));
  let date = ev(dateSrc).date;
  let date_earliest = ev(dateSrc).date_earliest;
  let date_latest = ev(dateSrc).date_latest;
  let time_precision: TimePrecision = ev(dateSrc).time_precision;
  if (windows.length > 0) {
    const start = Math.max(...windows.map((w) => w.start));
    const end = Math.min(...windows.map((w) => w.end));
    const best = dateSrc.window ? Math.round((dateSrc.window.start + dateSrc.window.end) / 2) : start;
    const picked = ev(dateSrc).date;
    const day = picked !== null && picked >= isoDay(start) && picked <= isoDay(end) ? picked : isoDay(Math.min(end, Math.max(start, best)));
    date = day;
    date_earliest = isoDay(start);
    date_latest = isoDay(end);
    const span = end - start;
    time_precision = Math.min(time_precision, span === 0 ? 1 : span <= 7 ? 2 : 3) as TimePrecision;
  }

  const fatality_reports: FatalityReport[] = nodes.flatMap((n) => fatalityReport(n.src));
  const figures = fatalityFigures(fatality_reports);

  const actor1 = vote(nodes.map((n) => (n.actor1 === null ? null : ev(n).actor1)), ev(placeSrc).actor1 ?? firstNonNull(nodes.map((n) => ev(n).actor1)));
  const actor2 = vote(nodes.map((n) => (n.actor2 === null || ev(n).actor2 === actor1 ? null : ev(n).actor2)),
    firstNonNull(nodes.map((n) => (ev(n).actor2 === actor1 ? null : ev(n).actor2))));
  const sub_event_type = vote(nodes.map((n) => ev(n).sub_event_type), ev(first).sub_event_type)!;

  const stories = new Map<string, number>();
  for (const n of nodes) stories.set(n.src.storyId, Math.max(stories.get(n.src.storyId) ?? 0, ev(n).confidence));
  const confidence = Math.round((1 - [...stories.values()].reduce((p, c) => p * (1 - clamp01(c)), 1)) * 1000) / 1000;

  const p = ev(placeSrc);
  const reasons = [
    nodes.length === 1 ? `single report ${first.key}` : header(nodes.length, stories.size),
    ...joinReasons,
    ...(nodes.length > 1 ? [
      `place from ${placeSrc.key} (${p.location ?? 'unnamed'}, geo_precision ${p.geo_precision})`,
      `date from ${dateSrc.key}; the sources' windows intersect in ${date_earliest}..${date_latest}`,
    ] : []),
    ...(figures.line === null ? [] : [figures.line]),
  ];

  return {
    id: `ev:${earliest.key}`,
    event_type: ev(first).event_type,
    sub_event_type,
    actor1,
    actor2,
    location: p.location,
    country: p.country ?? firstNonNull(nodes.map((n) => ev(n).country)),
    admin1: p.admin1 ?? firstNonNull(nodes.map((n) => ev(n).admin1)),
    lat: p.lat,
    lon: p.lon,
    geo_precision: p.geo_precision,
    date,
    date_earliest,
    date_latest,
    time_precision,
    fatalities: figures.fatalities,
    fatalities_min: figures.fatalities_min,
    fatalities_max: figures.fatalities_max,
    fatalities_disagree: figures.fatalities_disagree,
    fatality_reports,
    background: nodes.every((n) => ev(n).background),
    confidence,
    sources: nodes.map((n) => n.src),
    reasons,
  };
}

const header = (reports: number, stories: number) => `fused ${reports} reports from ${stories} stories`;

/** What a copy contributes to its record: a source, of a story, with perhaps a figure. */
export type CopySource = Pick<SourcedEvent, 'storyId' | 'index' | 'pubDate'> & { event: Pick<CodedEvent, 'fatalities' | 'fatalities_min' | 'fatalities_text'> };

/** A source's fatality figure as a fused record keeps it, or [] when it states none. */
function fatalityReport(s: CopySource): FatalityReport[] {
  const e = s.event;
  if (e.fatalities === null && e.fatalities_min === null) return [];
  return [{ source: sourceKey(s), pubDate: s.pubDate ?? null, fatalities: e.fatalities, fatalities_min: e.fatalities_min, fatalities_text: e.fatalities_text }];
}

/**
 * Fatalities of a fused record from every report of a figure (sorted by source key): min, best
 * (the latest-published report's: tolls are revised upward as bodies are found), max, whether
 * the sources disagree, and the --explain line when there are two reports or more.
 */
function fatalityFigures(reports: FatalityReport[]) {
  const lows = reports.map(low);
  const highs = reports.map(high);
  const latest = latestReport(reports);
  const best = latest ? high(latest) : null;
  let min = Infinity;
  let max = -Infinity;
  for (const x of lows) if (x < min) min = x;
  for (const x of highs) if (x > max) max = x;
  let highMin = Infinity;
  for (const x of highs) if (x < highMin) highMin = x;
  const disagree = highs.length > 0 && highMin !== max;
  return {
    fatalities: best,
    fatalities_min: reports.length ? min : null,
    fatalities_max: reports.length ? max : null,
    fatalities_disagree: disagree,
    line: reports.length < 2 ? null :
      `fatalities ${reports.map((r) => `${r.fatalities_text ?? r.fatalities ?? r.fatalities_min} (${r.source})`).join(', ')}` +
      ` -> min ${min}, best ${best} (latest report), max ${max}` + (disagree ? '; the sources disagree' : ''),
  };
}

const low = (r: FatalityReport) => (r.fatalities_min ?? r.fatalities)!;
const high = (r: FatalityReport) => (r.fatalities ?? r.fatalities_min)!;
/** Latest published first; ties to the smaller source key. */
const byRecency = (a: Pick<FatalityReport, 'pubDate' | 'source'>, b: Pick<FatalityReport, 'pubDate' | 'source'>) =>
  cmp(b.pubDate ?? '', a.pubDate ?? '') || cmp(a.source, b.source);

/** The report that gives a record's best figure (the latest published), or null when none has a figure. */
export function latestReport(reports: FatalityReport[]): FatalityReport | null {
  return reports.length === 0 ? null : minBy(reports, byRecency);
}

/**
 * The fields of a fused record that copies change. A copy is a report of a near-duplicate story
 * (the same wire text run again): it joins the record of the report it repeats as a source and a
 * fatality figure, but it is no independent evidence, so place, date, actors, type, confidence
 * and the record's id come from the primary (non-copy) reports alone.
 */
export interface CopyFigures {
  fatalities: number | null;
  fatalities_min: number | null;
  fatalities_max: number | null;
  fatalities_disagree: boolean;
  /** The report giving the best figure (`latestReport`), null when no report has a figure. */
  fatality_latest: Pick<FatalityReport, 'source' | 'pubDate'> | null;
  /** How many reports of a figure the record keeps (its `fatality_reports`). */
  n_fatality_reports: number;
  reasons: string[];
  n_sources: number;
  n_stories: number;
  n_copies: number;
}

/** Copies to add to a record, as much of them as the record's figures need. */
export interface AddedCopies {
  count: number;
  /** Their fatality figures (`copyReports`). */
  reports: FatalityReport[];
  /** How many of their stories the record held no source of before. */
  newStories: number;
}

/** The fatality figures of `copies`, as a fused record keeps them. */
export const copyReports = (copies: CopySource[]): FatalityReport[] => copies.flatMap(fatalityReport);

/**
 * `fused` with copies added, from its stored figures alone (no other source and no other report
 * is read), so adding copies costs the same whatever the record's size; the caller appends
 * `added.reports` to the record's fatality reports. Adding copies one at a time or all at once
 * gives the same figures. With copies, the fatalities line of --explain summarises (a record
 * may hold hundreds of figures; each is in its fatality reports).
 * @example addCopies(row, { count: 1, reports: copyReports([copy]), newStories: 1 }).n_sources // row.n_sources + 1
 */
export function addCopies(fused: CopyFigures, added: AddedCopies): CopyFigures {
  if (added.count === 0) return fused;
  let { fatalities_min: min, fatalities_max: max, fatalities_disagree: disagree, fatality_latest: latest, fatalities: best } = fused;
  // Before any report, the first new figure is the one the others are compared with.
  const agreed = fused.n_fatality_reports > 0 ? max : added.reports.length > 0 ? high(added.reports[0]!) : null;
  for (const r of added.reports) {
    min = min === null ? low(r) : Math.min(min, low(r));
    max = max === null ? high(r) : Math.max(max, high(r));
    if (high(r) !== agreed) disagree = true;
    if (latest === null || byRecency(r, latest) < 0) {
      latest = { source: r.source, pubDate: r.pubDate };
      best = high(r);
    }
  }
  const n_fatality_reports = fused.n_fatality_reports + added.reports.length;
  const n_sources = fused.n_sources + added.count;
  const n_stories = fused.n_stories + added.newStories;
  const n_copies = fused.n_copies + added.count;
  // Reasons: [count, copies?, ...what the primary reports' fusion said, fatalities?].
  const primary = fused.reasons.slice(fused.n_copies > 0 ? 2 : 1, fused.n_fatality_reports > 1 ? -1 : undefined);
  return {
    fatalities: best, fatalities_min: min, fatalities_max: max, fatalities_disagree: disagree, fatality_latest: latest,
    n_fatality_reports, n_sources, n_stories, n_copies,
    reasons: [
      header(n_sources, n_stories),
      `${n_copies} of them from near-duplicate stories, each joined with the report it repeats (sources with copyOf)`,
      ...primary,
      ...(n_fatality_reports < 2 ? [] : [
        `fatalities from ${n_fatality_reports} reports -> min ${min}, best ${best} (latest report, ${latest!.source}), max ${max}` +
          (disagree ? '; the sources disagree' : ''),
      ]),
    ],
  };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const clamp01 = (c: number) => Math.min(1, Math.max(0, c));
const hasPoint = (e: CodedEvent) => e.lat !== null && e.lon !== null;

function minBy<T>(xs: T[], order: (a: T, b: T) => number): T {
  let best = xs[0] as T;
  for (const x of xs) if (order(x, best) < 0) best = x;
  return best;
}

function firstNonNull<T>(xs: (T | null)[]): T | null {
  return xs.find((x): x is T => x !== null) ?? null;
}

/** Most frequent non-null value; ties go to `fallback` if tied, else to the alphabetically first. */
function vote(values: (string | null)[], fallback: string | null): string | null {
  const counts = new Map<string, number>();
  for (const v of values) if (v !== null) counts.set(v, (counts.get(v) ?? 0) + 1);
  if (counts.size === 0) return fallback;
  const top = Math.max(...counts.values());
  const tied = [...counts].filter(([, c]) => c === top).map(([v]) => v).sort();
  return fallback !== null && tied.includes(fallback) ? fallback : tied[0]!;
}

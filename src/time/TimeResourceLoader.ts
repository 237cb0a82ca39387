/**
 * The edge of the time area: reads resources/time/*.json once, validates them and hands the
 * pure stages plain data. Nothing else in src/time touches the file system.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createError } from '../core/errors.js';
import { resourcePath } from '../core/projectPaths.js';

export interface TimeLexicon {
  months: Record<string, number>;
  ambiguousMonths: string[];
  weekdays: Record<string, number>;
  numbers: Record<string, number>;
  ordinals: Record<string, number>;
  seasons: Record<string, string>;
  partsOfDay: string[];
  /** Nouns that make a weekday before them part of a name ("the Monday Market", "Friday Mosque"), not a date. */
  weekdayNameNouns: string[];
  futureCues: string[];
  /** Nouns that make a date before them a scheduled one ("a March 17 deadline"): future-leaning. */
  scheduleNouns: string[];
  pastCues: string[];
  reportingVerbs: string[];
  conflictNouns: string[];
  onsetCues: string[];
}

/** [from, to, mass]: `mass` spread evenly over offsets from..to (days). */
export type Segment = [number, number, number];
export interface Kernel {
  segments: Segment[];
  floor?: number;
}

export interface EvidenceModel {
  floor: number;
  caption: Kernel;
  captionMonth: Kernel;
  fileCaption: Kernel;
  dayPast: Kernel;
  dayFuture: Kernel;
  monthDayPast: Kernel;
  monthDayFuture: Kernel;
  monthYearPast: Kernel;
  monthYearFuture: Kernel;
  monthPast: Kernel;
  monthLast: Kernel;
  monthFuture: Kernel;
  yearPast: Kernel;
  yearFuture: Kernel;
  latestYear: Kernel;
  yearCoreferent: Kernel;
  monthCoreferent: Kernel;
  weekCoreferent: Kernel;
  durationYear: Kernel;
  weekday: number[];
  weekdaySaid: number[];
  weekdayFuture: number[];
  neighbourSpread: Kernel;
  order: { forward: Segment[]; backward: Segment[] };
  orderless: Segment[];
  orderedPrior: number;
  searchYears: number;
  credibleMass: number;
  noEvidence: { earliest: string; latest: string };
}

export interface TimeResources {
  lexicon: TimeLexicon;
  evidence: EvidenceModel;
}

const KERNELS = [
  'caption', 'captionMonth', 'fileCaption', 'dayPast', 'dayFuture', 'monthDayPast', 'monthDayFuture',
  'monthYearPast', 'monthYearFuture', 'monthPast', 'monthLast', 'monthFuture', 'yearPast', 'yearFuture', 'latestYear',
  'yearCoreferent', 'monthCoreferent', 'weekCoreferent', 'durationYear', 'neighbourSpread',
] as const;

function validSegments(s: unknown): boolean {
  return Array.isArray(s) && s.every((g) => Array.isArray(g) && g.length === 3 && g.every((v) => typeof v === 'number') && (g[0] as number) <= (g[1] as number) && (g[2] as number) >= 0);
}

/** Checks the shape of the two files; returns the problems found (empty when valid). */
export function validateTimeResources(r: TimeResources): string[] {
  const errors: string[] = [];
  const lx = r.lexicon as unknown as Record<string, unknown>;
  for (const k of ['months', 'weekdays', 'numbers', 'ordinals', 'seasons']) {
    if (typeof lx[k] !== 'object' || lx[k] === null) errors.push(`lexicon.${k} must be an object`);
  }
  for (const k of ['ambiguousMonths', 'partsOfDay', 'weekdayNameNouns', 'futureCues', 'scheduleNouns', 'pastCues', 'reportingVerbs', 'conflictNouns', 'onsetCues']) {
    if (!Array.isArray(lx[k])) errors.push(`lexicon.${k} must be a list`);
  }
  if (Object.values(r.lexicon.months ?? {}).some((m) => !(m >= 1 && m <= 12))) errors.push('lexicon.months: values 1-12');
  if (Object.values(r.lexicon.weekdays ?? {}).some((d) => !(d >= 0 && d <= 6))) errors.push('lexicon.weekdays: values 0-6');
  // the scanner's word pre-scan factors these (multi-word numbers and digit ordinals aside) into a regex: ASCII letters only
  for (const k of ['months', 'weekdays', 'numbers', 'ordinals', 'seasons'] as const) {
    const bad = Object.keys(r.lexicon[k] ?? {}).filter((w) => !/^[a-z]+$/.test(w) && !/ /.test(w) && !/^\d/.test(w));
    if (bad.length) errors.push(`lexicon.${k}: lower-case letters only (${bad.join(', ')})`);
  }
  const ev = r.evidence as unknown as Record<string, { segments?: unknown } | undefined>;
  for (const k of KERNELS) if (!validSegments(ev[k]?.segments)) errors.push(`evidence.${k}.segments: [from, to, mass] lists`);
  for (const k of ['weekday', 'weekdaySaid', 'weekdayFuture'] as const) {
    if (!Array.isArray(r.evidence[k]) || r.evidence[k].length !== 7) errors.push(`evidence.${k}: seven weights`);
  }
  if (!validSegments(r.evidence.order?.forward) || !validSegments(r.evidence.order?.backward)) errors.push('evidence.order: segment lists');
  if (!validSegments(r.evidence.orderless)) errors.push('evidence.orderless: segment list');
  return errors;
}

/** Reads and validates lexicon.json and evidence.json from `dir` (default: the package's resources/time). */
export function loadTimeResources(dir: string = resourcePath('time')): TimeResources {
  const read = (name: string): unknown => {
    const file = join(dir, name);
    try {
      return JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      throw createError('RESOURCE_INVALID', file, (e as Error).message);
    }
  };
  const r = { lexicon: read('lexicon.json'), evidence: read('evidence.json') } as TimeResources;
  const errors = validateTimeResources(r);
  if (errors.length) throw createError('RESOURCE_INVALID', dir, errors.join('; '));
  return r;
}

let cached: TimeResources | null = null;
/** The package's own time resources, loaded on first use and kept. */
export function defaultTimeResources(): TimeResources {
  return (cached ??= loadTimeResources());
}

import type { CodedEvent, ControlChange } from '../core/types.js';

/**
 * Merges the reports of one event within a story: wire copy restates the lead further down.
 * Distinct = different type, sub-type, place or day (ANNOTATION.md). The first report is kept;
 * it takes the largest stated toll and the reasons of the others.
 */
export function mergeEvents(events: CodedEvent[]): CodedEvent[] {
  const kept: CodedEvent[] = [];
  for (const e of events) {
    const same = kept.find((k) => k.event_type === e.event_type && k.sub_event_type === e.sub_event_type
      && k.location === e.location && k.background === e.background && overlaps(k, e));
    if (!same) { kept.push({ ...e }); continue; }
    // the report with the sharper date states the day
    if (e.time_precision < same.time_precision) {
      same.date = e.date; same.date_earliest = e.date_earliest; same.date_latest = e.date_latest; same.time_precision = e.time_precision;
    }
    if (e.fatalities !== null && (same.fatalities === null || e.fatalities > same.fatalities)) {
      same.fatalities = e.fatalities; same.fatalities_min = e.fatalities_min; same.fatalities_text = e.fatalities_text;
    }
    same.actor2 ??= e.actor2;
    same.confidence = Math.max(same.confidence, e.confidence);
    same.reasons = [...(same.reasons ?? []), `merged with: ${e.evidence}`];
  }
  return kept;
}

/** Same day, or one report's window holds the other's day (an undated restatement of a dated event). */
const overlaps = (a: CodedEvent, b: CodedEvent) =>
  a.date === b.date || (!!a.date_earliest && !!a.date_latest && !!b.date_earliest && !!b.date_latest
    && (a.time_precision > 1 || b.time_precision > 1) && a.date_earliest <= b.date_latest && b.date_earliest <= a.date_latest);

/** One change of control per place, new holder and date within a story. */
export function mergeControlChanges(changes: ControlChange[]): ControlChange[] {
  const byKey = new Map<string, ControlChange>();
  for (const c of changes) {
    const k = `${c.place}|${c.to_actor}|${c.date}|${c.background}`;
    if (!byKey.has(k)) byKey.set(k, c);
  }
  return [...byKey.values()];
}

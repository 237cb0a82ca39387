import type { CodedEvent, ControlChange } from '../core/types.js';

/**
 * Merges the reports of one event within a story: wire copy restates the lead further down.
 * Distinct = different type, sub-type, place or day (ANNOTATION.md). The first report is kept;
 * it takes the largest stated toll and the reasons of the others.
 */
export function mergeEvents(events: CodedEvent[]): CodedEvent[] {
  const byKey = new Map<string, CodedEvent>();
  for (const e of events) {
    const k = `${e.event_type}|${e.sub_event_type}|${e.location}|${e.date}|${e.background}`;
    const kept = byKey.get(k);
    if (!kept) { byKey.set(k, { ...e }); continue; }
    if (e.fatalities !== null && (kept.fatalities === null || e.fatalities > kept.fatalities)) {
      kept.fatalities = e.fatalities; kept.fatalities_min = e.fatalities_min; kept.fatalities_text = e.fatalities_text;
    }
    kept.actor2 ??= e.actor2;
    kept.confidence = Math.max(kept.confidence, e.confidence);
    kept.reasons = [...(kept.reasons ?? []), `merged with: ${e.evidence}`];
  }
  return [...byKey.values()];
}

/** One change of control per place, new holder and date within a story. */
export function mergeControlChanges(changes: ControlChange[]): ControlChange[] {
  const byKey = new Map<string, ControlChange>();
  for (const c of changes) {
    const k = `${c.place}|${c.to_actor}|${c.date}|${c.background}`;
    if (!byKey.has(k)) byKey.set(k, c);
  }
  return [...byKey.values()];
}

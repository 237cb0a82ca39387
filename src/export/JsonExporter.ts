import type { PlaceTimeline } from '../consolidate/ControlTimelineBuilder.js';
import type { FusedEvent } from '../consolidate/types.js';

/**
 * JSON with full provenance: every fused event with its reconciled fields, the reasons it was
 * fused, and every source (story, headline, pub date, the coded event with its rule, confidence,
 * span, reasons and evidence). FusedEvent and PlaceTimeline are already plain data, so the
 * document is them as they are, versioned.
 */
export const EXPORT_FORMAT_VERSION = 1;

/** `{"format":"sitrep.events","version":1,"events":[...]}` as chunks, one event per line. */
export function* eventsJsonChunks(events: Iterable<FusedEvent>): Generator<string> {
  yield* documentChunks('sitrep.events', 'events', events);
}

/** `{"format":"sitrep.control","version":1,"places":[...]}` as chunks, one place per line. */
export function* timelinesJsonChunks(timelines: Iterable<PlaceTimeline>): Generator<string> {
  yield* documentChunks('sitrep.control', 'places', timelines);
}

/** JSON Lines: one record per line, for tools that stream line by line. */
export function* jsonLines(records: Iterable<FusedEvent | PlaceTimeline>): Generator<string> {
  for (const r of records) yield `${JSON.stringify(r)}\n`;
}

function* documentChunks(format: string, key: string, items: Iterable<unknown>): Generator<string> {
  yield* jsonArrayChunks(`{"format":${JSON.stringify(format)},"version":${EXPORT_FORMAT_VERSION},${JSON.stringify(key)}:[\n`, items);
}

/** `head` (an object opened up to its array's "["), the items one per line, then "]}". */
export function* jsonArrayChunks(head: string, items: Iterable<unknown>): Generator<string> {
  yield head;
  let first = true;
  for (const it of items) {
    yield `${first ? '' : ',\n'}${JSON.stringify(it)}`;
    first = false;
  }
  yield '\n]}\n';
}

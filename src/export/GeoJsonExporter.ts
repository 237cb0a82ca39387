import type { ControlState } from '../consolidate/ControlTimelineQuery.js';
import type { FusedEvent } from '../consolidate/types.js';
import { jsonArrayChunks } from './JsonExporter.js';

/**
 * RFC 7946 GeoJSON of fused events and of control state at a date: Point features with
 * [longitude, latitude] coordinates. Items without coordinates keep their feature with a null
 * geometry (RFC 7946 §3.2 allows it), so every record is in the file.
 */

export interface Feature<P> {
  type: 'Feature';
  id: string;
  geometry: { type: 'Point'; coordinates: [number, number] } | null;
  properties: P;
}

export interface FeatureCollection<P> {
  type: 'FeatureCollection';
  features: Feature<P>[];
}

const point = (lat: number | null, lon: number | null): Feature<unknown>['geometry'] =>
  lat === null || lon === null ? null : { type: 'Point', coordinates: [lon, lat] };

/** One fused event as a feature: the ACLED-like fields plus a compact list of its sources. */
export function eventFeature(e: FusedEvent) {
  const { id, lat, lon, sources, reasons: _reasons, fatality_reports, ...fields } = e;
  return {
    type: 'Feature' as const,
    id,
    geometry: point(lat, lon),
    properties: {
      id,
      ...fields,
      fatality_reports,
      sources: sources.map((s) => ({
        story_id: s.storyId, index: s.index, pub_date: s.pubDate ?? null, headline: s.headline ?? null, evidence: s.event.evidence,
      })),
    },
  } satisfies Feature<unknown>;
}

/** Who holds a place on the queried date, as a feature. */
export function controlFeature(s: ControlState, date: string) {
  return {
    type: 'Feature' as const,
    id: s.placeId,
    geometry: point(s.lat, s.lon),
    properties: { place: s.place, country: s.country, date, holder: s.holder, since: s.since, confidence: s.confidence },
  } satisfies Feature<unknown>;
}

export function eventsFeatureCollection(events: Iterable<FusedEvent>): FeatureCollection<ReturnType<typeof eventFeature>['properties']> {
  return { type: 'FeatureCollection', features: [...events].map(eventFeature) };
}

export function controlFeatureCollection(states: ControlState[], date: string): FeatureCollection<ReturnType<typeof controlFeature>['properties']> {
  return { type: 'FeatureCollection', features: states.map((s) => controlFeature(s, date)) };
}

/** A FeatureCollection as text chunks, one feature per line, for streaming large exports. */
export function* featureCollectionChunks(features: Iterable<Feature<unknown>>): Generator<string> {
  yield* jsonArrayChunks('{"type":"FeatureCollection","features":[\n', features);
}

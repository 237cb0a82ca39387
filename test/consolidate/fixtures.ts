import type { CodedEvent, ControlChange } from '../../src/core/types.js';
import type { SourcedControlChange, SourcedEvent } from '../../src/consolidate/types.js';
import { resourcePath } from '../../src/core/projectPaths.js';
import { loadFusionRules } from '../../src/consolidate/FusionRules.js';

/** Hand-written reports for the consolidation tests (no corpus text). */
export const rules = loadFusionRules(resourcePath());

export function event(over: Partial<CodedEvent>): CodedEvent {
  return {
    rule: 'test', confidence: 0.8, span: { start: 0, end: 10 },
    event_type: 'Explosions/Remote violence', sub_event_type: 'Suicide bomb',
    actor1: 'Islamic State', actor2: 'Civilians (Iraq)',
    location: 'Tikrit', country: 'IQ', admin1: 'Salah ad Din', lat: 34.6, lon: 43.68, geo_precision: 1,
    date: '2017-03-08', date_earliest: '2017-03-08', date_latest: '2017-03-08', time_precision: 1,
    fatalities: null, fatalities_min: null, fatalities_text: null,
    background: false, evidence: 'A suicide bomber killed people in Tikrit on Wednesday.',
    ...over,
  };
}

export function report(storyId: string, index: number, pubDate: string, over: Partial<CodedEvent>): SourcedEvent {
  return { storyId, index, pubDate, headline: `Story ${storyId}`, file: 'test.txt', event: event(over) };
}

export function control(storyId: string, index: number, pubDate: string, over: Partial<ControlChange>): SourcedControlChange {
  return {
    storyId, index, pubDate, headline: `Story ${storyId}`,
    change: {
      rule: 'test', confidence: 0.8, span: { start: 0, end: 10 },
      place: 'Palmyra', country: 'SY', lat: 34.56, lon: 38.28,
      from_actor: 'Islamic State', to_actor: 'Military Forces of Syria',
      date: '2016-03-27', date_earliest: '2016-03-27', date_latest: '2016-03-27', time_precision: 1,
      background: false, evidence: 'Government troops retook the town.',
      ...over,
    },
  };
}

import { findNearDuplicates } from '../dedup/NearDuplicateRefiner.js';
import { createEventStage } from '../events/EventStage.js';
import { loadGeoparser } from '../places/GeoparserLoader.js';
import { loadActors, loadOnTopicLexicon, loadTriggerLexicon } from '../events/loadEventResources.js';
import { createPubDateInferrer } from '../time/PubDateInferrer.js';
import { loadTimeResources } from '../time/TimeResourceLoader.js';
import type { Stages } from './pipeline.js';

/**
 * The default pipeline: which implementation serves each stage. Each area wires its stage here
 * once it works; until then the stage returns nothing (never a guess).
 */
export interface StageOptions {
  /** User actor dictionary to merge over resources/events/actors.json. */
  actorsFile?: string;
  /** Where the built gazetteer lives (default $SITREP_CACHE, else <repo>/.cache). */
  cacheDir?: string;
  /** The built gazetteer's bytes, read once and shared by worker threads (sharedGazetteerBytes). */
  gazetteer?: Uint8Array;
}

export async function loadDefaultStages(opts: StageOptions = {}): Promise<Stages> {
  return {
    duplicates: findNearDuplicates,
    pubDates: createPubDateInferrer(loadTimeResources()),
    places: loadGeoparser({ cacheDir: opts.cacheDir, gazetteer: opts.gazetteer }).parse,
    events: createEventStage({ actors: loadActors(opts.actorsFile), triggers: loadTriggerLexicon(), onTopic: loadOnTopicLexicon() }),
  };
}

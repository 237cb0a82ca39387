import { findNearDuplicates } from '../dedup/NearDuplicateRefiner.js';
import type { Stages } from './pipeline.js';

/**
 * The default pipeline: which implementation serves each stage. Each area wires its stage here
 * once it works; until then the stage returns nothing (never a guess).
 */
export interface StageOptions {
  /** User actor dictionary to merge over resources/events/actors.json. */
  actorsFile?: string;
}

export async function loadDefaultStages(_opts: StageOptions = {}): Promise<Stages> {
  return {
    duplicates: findNearDuplicates,
    pubDates: () => [],
    places: () => [],
    events: () => ({ events: [], controlChanges: [], onTopic: true }),
  };
}

import { runPipeline, type Stages } from '../core/pipeline.js';
import type { Article } from '../core/types.js';
import { duplicateText, minhashSignature } from '../dedup/NearDuplicateRefiner.js';
import type { StoryToSave } from '../store/Store.js';

/**
 * What the store needs of one input, computed away from the store: every stage over the
 * input's articles, and each story's MinHash signature for cross-input near-duplicates. Pure,
 * so it runs the same inline, in a worker thread or in a `sitrep worker` process.
 * @example await store.saveInput({ file, contentHash }, extractStories(stages, articles))
 */
export function extractStories(stages: Stages, articles: Article[]): StoryToSave[] {
  return runPipeline(stages, articles).map((extraction) => ({
    extraction,
    signature: minhashSignature(duplicateText(extraction.article)),
  }));
}

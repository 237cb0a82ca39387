import type { SitrepError } from '../core/errors.js';
import type { InputResult } from '../ingest/readInputs.js';
import type { InputToSave, SaveResult, Store } from '../store/Store.js';
import type { Extractor } from './ExtractionPool.js';
import type { EnqueueOptions, IngestJobQueue } from './IngestJobQueue.js';

/** What became of one input. */
export type IngestOutcome =
  | { file: string; failed: SitrepError }
  | { file: string; skipped: true }
  | { file: string; saved: SaveResult };

export interface IngestRunOptions {
  extract: Extractor;
  /** Inputs read and being extracted at once (memory holds about this many inputs). */
  inFlight: number;
  /**
   * Extracted inputs the writer saves together (default 8): it waits for that many unless no
   * other input is being extracted. One commit and one fusion step per group, not per input.
   */
  minGroup?: number;
  /** Most extracted inputs waiting for the writer (default 16); reading waits beyond that. */
  maxWaiting?: number;
  onInput: (outcome: IngestOutcome) => void;
}

/**
 * Stores inputs as they are read: stored ones (by content hash) are skipped before extraction,
 * up to `inFlight` inputs are extracted at once, and one writer saves extracted inputs in groups
 * (`minGroup`), each in one transaction (`saveInputs`: one commit and one fusion step for the
 * group), so inputs may be stored out of reading order. A killed run leaves whole inputs only;
 * running it again does the rest.
 * @example await ingestInputs(readInputs(paths), store, { extract: pool.extract, inFlight: 8, onInput: console.log })
 */
export async function ingestInputs(inputs: AsyncIterable<InputResult>, store: Store, opts: IngestRunOptions): Promise<void> {
  const minGroup = opts.minGroup ?? 8;
  const maxWaiting = Math.max(minGroup, opts.maxWaiting ?? 16);
  // One writer: each save starts when the previous one has committed.
  let writes: Promise<void> = Promise.resolve();
  let failure: unknown = null;
  // After a failure nothing more is written (the run stops and throws it).
  const write = (fn: () => Promise<void>) => (writes = writes.then(() => (failure ? undefined : fn())).catch((e) => void (failure ??= e)));
  const waiting: InputToSave[] = [];
  /** Saves every input waiting when the writer gets to it (later calls may find none left). */
  const flush = () => write(async () => {
    const group = waiting.splice(0);
    if (group.length === 0) return;
    const saved = await store.saveInputs(group);
    group.forEach(({ file }, i) => opts.onInput(saved[i]!.skipped ? { file, skipped: true } : { file, saved: saved[i]! }));
  });
  const extracting = new Set<Promise<void>>();

  for await (const r of inputs) {
    if (failure) break;
    if ('error' in r) {
      await write(async () => {
        await store.saveFailure(r.file, r.error);
        opts.onInput({ file: r.file, failed: r.error });
      });
    } else if (await store.hasInput(r.contentHash)) {
      opts.onInput({ file: r.file, skipped: true });
    } else {
      const job = opts
        .extract(r.articles)
        .then((stories) => {
          waiting.push({ file: r.file, contentHash: r.contentHash, stories });
          // This job is still in `extracting`: when it is the only one, no other will flush.
          if (waiting.length >= minGroup || extracting.size <= 1) void flush();
        })
        .catch((e) => void (failure ??= e))
        .finally(() => extracting.delete(job));
      extracting.add(job);
      while (extracting.size >= opts.inFlight) await Promise.race(extracting);
      // The writer is behind: wait for it rather than hold ever more extracted inputs.
      while (waiting.length >= maxWaiting && !failure) await writes;
    }
  }
  await Promise.all(extracting);
  await flush();
  if (failure) throw failure;
}

/** What became of one input sent to the job queue. */
export type EnqueueOutcome =
  | { file: string; failed: SitrepError }
  | { file: string; skipped: true }
  | { file: string; queued: boolean; stories: number };

/**
 * `sitrep ingest --queue`: one job per input not yet stored, carrying its articles (workers need
 * not see the files). Inputs that cannot be read are recorded as failures, as ingest does.
 */
export async function enqueueInputs(
  inputs: AsyncIterable<InputResult>,
  store: Store,
  queue: IngestJobQueue,
  opts: EnqueueOptions & { onInput: (outcome: EnqueueOutcome) => void },
): Promise<void> {
  for await (const r of inputs) {
    if ('error' in r) {
      await store.saveFailure(r.file, r.error);
      opts.onInput({ file: r.file, failed: r.error });
    } else if (await store.hasInput(r.contentHash)) {
      opts.onInput({ file: r.file, skipped: true });
    } else {
      const queued = await queue.enqueue({ file: r.file, contentHash: r.contentHash, articles: r.articles }, opts);
      opts.onInput({ file: r.file, queued, stories: r.articles.length });
    }
  }
}

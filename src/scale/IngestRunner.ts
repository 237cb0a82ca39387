import type { SitrepError } from '../core/errors.js';
import type { InputResult } from '../ingest/readInputs.js';
import type { SaveResult, Store } from '../store/Store.js';
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
  onInput: (outcome: IngestOutcome) => void;
}

/**
 * Stores inputs as they are read: stored ones (by content hash) are skipped before extraction,
 * up to `inFlight` inputs are extracted at once, and one writer saves each input in its own
 * transaction as soon as it is extracted, so inputs may be stored out of reading order. A
 * killed run leaves whole inputs only; running it again does the rest.
 * @example await ingestInputs(readInputs(paths), store, { extract: pool.extract, inFlight: 8, onInput: console.log })
 */
export async function ingestInputs(inputs: AsyncIterable<InputResult>, store: Store, opts: IngestRunOptions): Promise<void> {
  // One writer: each save starts when the previous one has committed.
  let writes: Promise<void> = Promise.resolve();
  const write = (fn: () => Promise<void>) => (writes = writes.then(fn));
  const pending = new Set<Promise<void>>();
  let failure: unknown = null;

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
        .then((stories) => write(async () => {
          const saved = await store.saveInput({ file: r.file, contentHash: r.contentHash }, stories);
          opts.onInput(saved.skipped ? { file: r.file, skipped: true } : { file: r.file, saved });
        }))
        .catch((e) => void (failure ??= e))
        .finally(() => pending.delete(job));
      pending.add(job);
      while (pending.size >= opts.inFlight) await Promise.race(pending);
    }
  }
  await Promise.all(pending);
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

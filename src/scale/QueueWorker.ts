import { setTimeout as sleep } from 'node:timers/promises';
import type { SaveResult, Store } from '../store/Store.js';
import type { Extractor } from './ExtractionPool.js';
import type { IngestJobQueue } from './IngestJobQueue.js';

/** What became of one job. */
export type JobOutcome =
  | { file: string; saved: SaveResult }
  | { file: string; skipped: true }
  | { file: string; failed: Error };

export interface QueueWorkerOptions {
  store: Store;
  queue: IngestJobQueue;
  extract: Extractor;
  /** Return once no job is left unfinished; otherwise wait for new jobs until `signal` aborts. */
  untilEmpty?: boolean;
  /** Pause between looks at an empty queue (default 500 ms). */
  pollMs?: number;
  signal?: AbortSignal;
  /** A job was taken (before extraction). */
  onTake?: (file: string) => void;
  onJob?: (outcome: JobOutcome) => void;
}

/**
 * A `sitrep worker`'s loop: take a job, extract its articles, and store the input and complete
 * the job in one transaction. A worker killed at any point leaves the input unstored and the
 * job held; once the job times out it is retried elsewhere. Writes are keyed by content hash,
 * so a job run twice stores its input once.
 * @example await runQueueWorker({ store, queue, extract, untilEmpty: true })
 */
export async function runQueueWorker(opts: QueueWorkerOptions): Promise<{ jobs: number }> {
  let jobs = 0;
  while (!opts.signal?.aborted) {
    const job = await opts.queue.take();
    if (!job) {
      if (opts.untilEmpty && (await opts.queue.unfinished()) === 0) break;
      await sleep(opts.pollMs ?? 500);
      continue;
    }
    const { file, contentHash, articles } = job.data;
    opts.onTake?.(file);
    try {
      const stories = await opts.extract(articles);
      const saved = await opts.store.saveInput({ file, contentHash }, stories, {
        alsoInTransaction: (db) => opts.queue.complete(job.id, db),
      });
      jobs++;
      opts.onJob?.(saved.skipped ? { file, skipped: true } : { file, saved });
    } catch (e) {
      await opts.queue.fail(job.id, e as Error);
      opts.onJob?.({ file, failed: e as Error });
    }
  }
  return { jobs };
}

import PgBoss from 'pg-boss';
import type { Article } from '../core/types.js';
import type { SqlExecutor } from '../store/Store.js';

/**
 * The ingest job queue in PostgreSQL (pg-boss, in the `pgboss` schema of the store's database):
 * `sitrep ingest --queue` enqueues one job per input (its segmented articles), `sitrep worker`
 * processes take them. Jobs are claimed with SELECT … FOR UPDATE SKIP LOCKED; a job still active
 * after `jobTimeoutSeconds` (its worker died) is failed by whichever worker runs maintenance and
 * retried, up to `retryLimit` times.
 * @example
 * const queue = await openJobQueue(url);
 * await queue.enqueue({ file, contentHash, articles });
 * await queue.close();
 */
export interface IngestJobQueue {
  /** Adds a job; false when a job for this content is already queued (same id). */
  enqueue(job: IngestJob, opts?: EnqueueOptions): Promise<boolean>;
  /** Claims the next job, or null when none is waiting. */
  take(): Promise<TakenJob | null>;
  /**
   * Completes a job through `db` (inside the transaction that stores its input). Throws when the
   * job is no longer held (it expired and another worker completed it): roll back then.
   */
  complete(id: string, db: SqlExecutor): Promise<void>;
  /** Gives a job back after an error: retried later, or failed for good after the retry limit. */
  fail(id: string, error: Error): Promise<void>;
  /** Jobs not finished: waiting, to be retried, or held by a worker. */
  unfinished(): Promise<number>;
  close(): Promise<void>;
}

export interface IngestJob {
  file: string;
  contentHash: string;
  articles: Article[];
}

export interface TakenJob {
  id: string;
  data: IngestJob;
}

export interface EnqueueOptions {
  /** A job held longer than this is taken to be lost and retried (default 600). */
  jobTimeoutSeconds?: number;
  /** Retries after a failure or a timeout (default 5). */
  retryLimit?: number;
}

export interface QueueOptions {
  /** How often this process may run queue maintenance (expiring lost jobs); default 5. */
  maintenanceIntervalSeconds?: number;
  onError?: (e: Error) => void;
}

export const INGEST_QUEUE = 'sitrep_ingest';

export async function openJobQueue(url: string, opts: QueueOptions = {}): Promise<IngestJobQueue> {
  const boss = new PgBoss({
    connectionString: url,
    max: 2,
    schedule: false,
    // Maintenance (expire, archive) runs in one process per interval, chosen by pg-boss.
    maintenanceIntervalSeconds: opts.maintenanceIntervalSeconds ?? 5,
  });
  boss.on('error', opts.onError ?? (() => {}));
  await boss.start();
  await boss.createQueue(INGEST_QUEUE).catch(async (e: Error) => {
    // Two processes starting at once may race to create it.
    if (!(await boss.getQueue(INGEST_QUEUE))) throw e;
  });
  return {
    async enqueue(job, o = {}) {
      const id = await boss.send(INGEST_QUEUE, job, {
        id: jobIdOf(job.contentHash),
        expireInSeconds: o.jobTimeoutSeconds ?? 600,
        retryLimit: o.retryLimit ?? 5,
        retryDelay: 1,
      });
      return id !== null;
    },
    async take() {
      const [job] = await boss.fetch<IngestJob>(INGEST_QUEUE, { batchSize: 1 });
      return job ? { id: job.id, data: job.data } : null;
    },
    async complete(id, db) {
      // pg-boss's typings say void; it resolves to how many jobs the update touched.
      const r = (await boss.complete(INGEST_QUEUE, id, {}, { db: db as PgBoss.Db })) as unknown as { affected: number };
      if (r.affected !== 1) throw new Error(`job ${id} is no longer held by this worker`);
    },
    async fail(id, error) {
      await boss.fail(INGEST_QUEUE, id, { message: error.message });
    },
    async unfinished() {
      return boss.getQueueSize(INGEST_QUEUE, { before: 'completed' });
    },
    async close() {
      await boss.stop({ graceful: false, wait: true });
    },
  };
}

/** A job id (uuid) derived from the input's content hash: enqueuing the same input twice adds one job. */
function jobIdOf(contentHash: string): string {
  const h = contentHash.padEnd(32, '0');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

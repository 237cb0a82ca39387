import { createExtractor } from '../../scale/ExtractionPool.js';
import { openJobQueue } from '../../scale/IngestJobQueue.js';
import { runQueueWorker } from '../../scale/QueueWorker.js';
import { isPostgresUrl, openStore } from '../../store/Store.js';
import { integerOption, usageError } from '../args.js';
import type { Command } from '../Command.js';
import { DB_OPTION, storeTarget } from '../storeTarget.js';

export const workerCommand: Command = {
  name: 'worker',
  summary: "process the jobs 'sitrep ingest --queue' put in a PostgreSQL store (run one per core, on any machine)",
  args: '',
  options: {
    db: DB_OPTION,
    'until-empty': { type: 'boolean', description: 'exit once no job is left unfinished (default: wait for more until stopped)' },
    workers: { type: 'string', value: 'N', description: 'jobs at once, each extracted on its own thread (default 1: extraction on the main thread)' },
  },
  details: [
    'Each job is one input: the worker extracts it and, in one transaction, stores it and marks the',
    'job done. A worker killed mid-job leaves nothing behind; the job is retried once its timeout',
    "(ingest --queue --job-timeout) has passed. SIGINT/SIGTERM finish the current job, then exit.",
  ].join('\n'),
  async run(ctx, parsed) {
    const target = storeTarget(ctx, parsed);
    if (!isPostgresUrl(target)) throw usageError('worker', 'worker needs a PostgreSQL store (--db postgres://… or SITREP_DB)');
    const workers = integerOption('worker', parsed, 'workers') ?? 1;
    if (workers < 1) throw usageError('worker', '--workers expects at least 1');
    const store = await openStore(target);
    const stop = new AbortController();
    const onSignal = () => stop.abort();
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    let failed = 0;
    try {
      const queue = await openJobQueue(target, { onError: (e) => ctx.stderr.write(`queue: ${e.message}\n`) });
      // Threads start with the first jobs, so nothing is left running if this throws.
      const extractor = await createExtractor(workers);
      try {
        // N loops share the queue and the store; each holds one job at a time.
        const loops = Array.from({ length: workers }, () =>
          runQueueWorker({
            store, queue, extract: extractor.extract, signal: stop.signal, untilEmpty: parsed.values['until-empty'] === true,
            onTake: (file) => ctx.stderr.write(`${file}: taken\n`),
            onJob(r) {
              if ('failed' in r) failed++;
              ctx.stderr.write(
                `${r.file}: ${'failed' in r ? `failed (will be retried): ${r.failed.message}` : 'skipped' in r ? 'already stored' : `${r.saved.stories} stories, ${r.saved.duplicates} duplicates`}\n`,
              );
            },
          }));
        const jobs = (await Promise.all(loops)).reduce((n, r) => n + r.jobs, 0);
        ctx.stdout.write(`worker: ${jobs} jobs done, ${failed} failed attempts\n`);
      } finally {
        await queue.close();
        await extractor.close();
      }
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      await store.close();
    }
    return 0;
  },
};


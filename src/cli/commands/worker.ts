import { loadDefaultStages } from '../../core/defaultStages.js';
import { openJobQueue } from '../../scale/IngestJobQueue.js';
import { extractStories } from '../../scale/extractStories.js';
import { runQueueWorker } from '../../scale/QueueWorker.js';
import { isPostgresUrl, openStore } from '../../store/Store.js';
import { usageError } from '../args.js';
import type { Command } from '../Command.js';
import { DB_OPTION, storeTarget } from '../storeTarget.js';

export const workerCommand: Command = {
  name: 'worker',
  summary: "process the jobs 'sitrep ingest --queue' put in a PostgreSQL store (run one per core, on any machine)",
  args: '',
  options: {
    db: DB_OPTION,
    'until-empty': { type: 'boolean', description: 'exit once no job is left unfinished (default: wait for more until stopped)' },
  },
  details: [
    'Each job is one input: the worker extracts it and, in one transaction, stores it and marks the',
    'job done. A worker killed mid-job leaves nothing behind; the job is retried once its timeout',
    "(ingest --queue --job-timeout) has passed. SIGINT/SIGTERM finish the current job, then exit.",
  ].join('\n'),
  async run(ctx, parsed) {
    const target = storeTarget(ctx, parsed);
    if (!isPostgresUrl(target)) throw usageError('worker', 'worker needs a PostgreSQL store (--db postgres://… or SITREP_DB)');
    const store = await openStore(target);
    const stop = new AbortController();
    const onSignal = () => stop.abort();
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    let failed = 0;
    try {
      const stages = await loadDefaultStages();
      const queue = await openJobQueue(target, { onError: (e) => ctx.stderr.write(`queue: ${e.message}\n`) });
      try {
        const { jobs } = await runQueueWorker({
          store, queue, signal: stop.signal, untilEmpty: parsed.values['until-empty'] === true,
          extract: async (articles) => extractStories(stages, articles),
          onTake: (file) => ctx.stderr.write(`${file}: taken\n`),
          onJob(r) {
            if ('failed' in r) failed++;
            ctx.stderr.write(
              `${r.file}: ${'failed' in r ? `failed (will be retried): ${r.failed.message}` : 'skipped' in r ? 'already stored' : `${r.saved.stories} stories, ${r.saved.duplicates} duplicates`}\n`,
            );
          },
        });
        ctx.stdout.write(`worker: ${jobs} jobs done, ${failed} failed attempts\n`);
      } finally {
        await queue.close();
      }
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      await store.close();
    }
    return 0;
  },
};

import { readdir, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { readInputs } from '../../ingest/readInputs.js';
import { createExtractor } from '../../scale/ExtractionPool.js';
import { openJobQueue } from '../../scale/IngestJobQueue.js';
import { enqueueInputs, ingestInputs } from '../../scale/IngestRunner.js';
import { isPostgresUrl, openStore, type Store } from '../../store/Store.js';
import { integerOption, usageError } from '../args.js';
import type { Command, CommandContext } from '../Command.js';
import type { FieldMap } from '../../ingest/RecordMapper.js';
import { FIELD_OPTION, fieldMap, inputPaths } from '../inputs.js';
import { createProgress } from '../progress.js';
import { DB_OPTION, storeTarget } from '../storeTarget.js';

export const ingestCommand: Command = {
  name: 'ingest',
  summary: 'read inputs (files, folders, - for stdin), extract, and store them; stored inputs are skipped',
  args: 'PATH…',
  options: {
    db: DB_OPTION,
    field: FIELD_OPTION,
    workers: { type: 'string', value: 'N', description: `extraction threads (default: the number of cores); 1 extracts on the main thread` },
    queue: { type: 'boolean', description: "with --db postgres://…: only enqueue one job per input, for 'sitrep worker' processes" },
    'job-timeout': { type: 'string', value: 'SECONDS', description: 'with --queue: a job held this long by a worker is retried elsewhere (default 600)' },
  },
  details: [
    'Each input is stored in one transaction: an interrupted ingest keeps every input it finished,',
    'and running it again skips inputs already stored (by content hash) and does the rest.',
    'With --workers N, N threads extract while one writer stores each input as it is done',
    '(inputs may be stored out of order).',
    'Exit code 1 when some input could not be read (the others are stored).',
  ].join('\n'),
  async run(ctx, parsed) {
    if (parsed.positionals.length === 0) throw usageError('ingest', 'ingest needs at least one PATH (a file, a folder, or - for stdin)');
    const paths = inputPaths(ctx, parsed.positionals);
    const fields = fieldMap('ingest', parsed);
    const workers = integerOption('ingest', parsed, 'workers') ?? availableParallelism();
    if (workers < 1) throw usageError('ingest', '--workers expects at least 1');
    const target = storeTarget(ctx, parsed);
    if (parsed.values.queue && !isPostgresUrl(target)) throw usageError('ingest', '--queue needs a PostgreSQL store (--db postgres://…)');
    const jobTimeout = integerOption('ingest', parsed, 'job-timeout');
    if (jobTimeout === 0) throw usageError('ingest', '--job-timeout expects at least 1 second');
    const store = await openStore(target);
    if (parsed.values.queue) return enqueue(ctx, store, target, paths, fields, jobTimeout);
    const started = Date.now();
    const totals = { inputs: 0, skipped: 0, stories: 0, duplicates: 0, errors: 0 };
    // Threads start as inputs arrive, so nothing is left running if the store fails first.
    const extractor = await createExtractor(workers);
    try {
      const progress = createProgress(ctx.stderr, ctx.stderr.isTTY ? await countInputs(paths) : null);
      await ingestInputs(readInputs(paths, { fields, stdin: ctx.stdin }), store, {
        extract: extractor.extract,
        // Two inputs per thread: one being extracted, one read and waiting.
        inFlight: workers > 1 ? workers * 2 : 1,
        onInput(r) {
          if ('failed' in r) {
            totals.errors++;
            progress.input(`${r.file}: error: ${r.failed.message}`, 0);
          } else if ('skipped' in r) {
            totals.skipped++;
            progress.input(`${r.file}: already stored, skipped`, 0);
          } else {
            totals.inputs++;
            totals.stories += r.saved.stories;
            totals.duplicates += r.saved.duplicates;
            progress.input(`${r.file}: ${r.saved.stories} stories, ${r.saved.duplicates} duplicates`, r.saved.stories);
          }
        },
      });
      progress.done();
    } finally {
      await extractor.close();
      await store.close();
    }
    const seconds = (Date.now() - started) / 1000;
    ctx.stdout.write(
      `ingested ${totals.inputs} inputs (${totals.skipped} already stored), ${totals.stories} stories, ` +
        `${totals.duplicates} duplicates, ${totals.errors} errors in ${seconds.toFixed(1)} s ` +
        `(${rate(totals.stories, seconds)} stories/s) into ${store.location}\n`,
    );
    return totals.errors > 0 ? 1 : 0;
  },
};

/** `ingest --queue`: jobs for the workers instead of extraction here. */
async function enqueue(
  ctx: CommandContext, store: Store, url: string, paths: string[], fields: FieldMap, jobTimeoutSeconds: number | undefined,
): Promise<number> {
  const totals = { queued: 0, alreadyQueued: 0, skipped: 0, stories: 0, errors: 0 };
  try {
    const queue = await openJobQueue(url);
    try {
      await enqueueInputs(readInputs(paths, { fields, stdin: ctx.stdin }), store, queue, {
        ...(jobTimeoutSeconds !== undefined ? { jobTimeoutSeconds } : {}),
        onInput(r) {
          if ('failed' in r) {
            totals.errors++;
            ctx.stderr.write(`${r.file}: error: ${r.failed.message}\n`);
          } else if ('skipped' in r) totals.skipped++;
          else if (!r.queued) totals.alreadyQueued++;
          else {
            totals.queued++;
            totals.stories += r.stories;
          }
        },
      });
    } finally {
      await queue.close();
    }
  } finally {
    await store.close();
  }
  ctx.stdout.write(
    `enqueued ${totals.queued} inputs (${totals.alreadyQueued} already queued, ${totals.skipped} already stored), ` +
      `${totals.stories} stories, ${totals.errors} errors; run 'sitrep worker' to process them\n`,
  );
  return totals.errors > 0 ? 1 : 0;
}


/** How many inputs the paths hold, for the ETA only (hidden entries skipped, as the readers do). */
async function countInputs(paths: string[]): Promise<number | null> {
  let n = 0;
  for (const p of paths) {
    if (p === '-') {
      n++;
      continue;
    }
    try {
      if (!(await stat(p)).isDirectory()) n++;
      else {
        const entries = await readdir(p, { recursive: true, withFileTypes: true });
        n += entries.filter((e) => e.isFile() && !`${e.parentPath ?? ''}/${e.name}`.slice(p.length).split('/').some((s) => s.startsWith('.'))).length;
      }
    } catch {
      n++; // reported as an error input by the reader
    }
  }
  return n;
}

/** Stories per second as people read it: one decimal below 10 (a small ingest is not "0/s"). */
const rate = (stories: number, seconds: number) => {
  const r = seconds > 0 ? stories / seconds : stories;
  return r < 10 ? r.toFixed(1) : String(Math.round(r));
};

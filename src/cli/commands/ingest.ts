import { readdir, stat } from 'node:fs/promises';
import { duplicateText, minhashSignature } from '../../dedup/NearDuplicateRefiner.js';
import { openStore } from '../../store/Store.js';
import { usageError } from '../args.js';
import type { Command, CommandContext } from '../Command.js';
import { extractInputs, FIELD_OPTION, fieldMap, inputPaths } from '../inputs.js';
import { createProgress } from '../progress.js';
import { DB_OPTION, storeTarget } from '../storeTarget.js';

export const ingestCommand: Command = {
  name: 'ingest',
  summary: 'read inputs (files, folders, - for stdin), extract, and store them; stored inputs are skipped',
  args: 'PATH…',
  options: { db: DB_OPTION, field: FIELD_OPTION },
  details: [
    'Each input is stored in one transaction: an interrupted ingest keeps every input it finished,',
    'and running it again skips inputs already stored (by content hash) and does the rest.',
    'Exit code 1 when some input could not be read (the others are stored).',
  ].join('\n'),
  async run(ctx, parsed) {
    if (parsed.positionals.length === 0) throw usageError('ingest', 'ingest needs at least one PATH (a file, a folder, or - for stdin)');
    const paths = inputPaths(ctx, parsed.positionals);
    const fields = fieldMap('ingest', parsed);
    const store = await openStore(storeTarget(ctx, parsed));
    const started = Date.now();
    const totals = { inputs: 0, skipped: 0, stories: 0, duplicates: 0, errors: 0 };
    try {
      const progress = createProgress(ctx.stderr, ctx.stderr.isTTY ? await countInputs(paths) : null);
      const inputs = extractInputs(ctx, paths, { fields, skip: (hash) => store.hasInput(hash) });
      for await (const r of inputs) {
        if ('error' in r) {
          totals.errors++;
          await store.saveFailure(r.file, r.error);
          progress.input(`${r.file}: error: ${r.error.message}`, 0);
        } else if ('skipped' in r) {
          totals.skipped++;
          progress.input(`${r.file}: already stored, skipped`, 0);
        } else {
          const stories = r.extractions.map((extraction) => ({ extraction, signature: minhashSignature(duplicateText(extraction.article)) }));
          const saved = await store.saveInput({ file: r.file, contentHash: r.contentHash }, stories);
          if (saved.skipped) totals.skipped++;
          else {
            totals.inputs++;
            totals.stories += saved.stories;
            totals.duplicates += saved.duplicates;
          }
          progress.input(`${r.file}: ${saved.skipped ? 'already stored, skipped' : `${saved.stories} stories, ${saved.duplicates} duplicates`}`, saved.stories);
        }
      }
      progress.done();
    } finally {
      await store.close();
    }
    const seconds = (Date.now() - started) / 1000;
    ctx.stdout.write(
      `ingested ${totals.inputs} inputs (${totals.skipped} already stored), ${totals.stories} stories, ` +
        `${totals.duplicates} duplicates, ${totals.errors} errors in ${seconds.toFixed(1)} s ` +
        `(${seconds > 0 ? Math.round(totals.stories / seconds) : totals.stories} stories/s) into ${store.location}\n`,
    );
    return totals.errors > 0 ? 1 : 0;
  },
};

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

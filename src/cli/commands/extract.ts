import { toArticleJson, type ArticleJson } from '../../core/articleJson.js';
import type { SitrepError } from '../../core/errors.js';
import { usageError } from '../args.js';
import type { Command, CommandContext } from '../Command.js';
import { extractInputs, FIELD_OPTION, fieldMap, inputPaths } from '../inputs.js';
import type { FieldMap } from '../../ingest/RecordMapper.js';

export const extractCommand: Command = {
  name: 'extract',
  summary: 'extract inputs without a database and print the article JSON',
  args: 'PATH…',
  options: {
    json: { type: 'boolean', description: 'print { "articles": [...] } (../shared/corpus/FORMAT.md); default is a short text summary' },
    explain: { type: 'boolean', description: 'add the reasons behind every extracted item' },
    field: FIELD_OPTION,
  },
  details: 'Exit code 1 when some input could not be read (the others are still printed).',
  async run(ctx, parsed) {
    if (parsed.positionals.length === 0) throw usageError('extract', 'extract needs at least one PATH (a file, a folder, or - for stdin)');
    const { articles, errors } = await extractArticles(ctx, inputPaths(ctx, parsed.positionals), {
      fields: fieldMap('extract', parsed), explain: !!parsed.values.explain,
    });
    for (const e of errors) ctx.stderr.write(`error: ${e.message}\n`);
    if (parsed.values.json) ctx.stdout.write(JSON.stringify({ articles }, null, 2) + '\n');
    else {
      for (const a of articles) {
        ctx.stdout.write(`${a.file}#${a.n}  ${a.pub_date ?? '?'}  ${a.events.length} events  ${a.toponyms.length} places  ${a.headline}\n`);
      }
    }
    return errors.length ? 1 : 0;
  },
};

/** Every article of the inputs as article JSON, with the inputs that could not be read. */
export async function extractArticles(ctx: CommandContext, paths: string[], opts: { fields?: FieldMap; explain?: boolean } = {}) {
  const articles: ArticleJson[] = [];
  const errors: SitrepError[] = [];
  for await (const r of extractInputs(ctx, paths, { fields: opts.fields ?? {} })) {
    if ('error' in r) errors.push(r.error);
    else if ('extractions' in r) articles.push(...r.extractions.map((x) => toArticleJson(x, { explain: !!opts.explain })));
  }
  return { articles, errors };
}

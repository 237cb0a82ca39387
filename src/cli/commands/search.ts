import { integerOption, usageError } from '../args.js';
import type { Command } from '../Command.js';
import { DB_OPTION, withStore } from '../storeTarget.js';

export const searchCommand: Command = {
  name: 'search',
  summary: 'full-text search over stored stories, with snippets',
  args: 'WORDS…',
  options: {
    db: DB_OPTION,
    limit: { type: 'string', value: 'N', description: 'at most N stories (default 20)' },
    json: { type: 'boolean', description: 'print JSON (one array) instead of text' },
  },
  details: [
    'Every word must occur in the headline or text (SQLite FTS5, or PostgreSQL full-text search).',
    'Newest stories first; matched words are shown in [brackets]. Structured filters: sitrep events.',
    'example: sitrep search car bomb Kirkuk',
  ].join('\n'),
  async run(ctx, parsed) {
    const query = parsed.positionals.join(' ').trim();
    if (!/[\p{L}\p{N}]/u.test(query)) throw usageError('search', 'search needs some WORDS to look for');
    return withStore(ctx, parsed, async (store) => {
      const hits = await store.fused.searchStories(query, integerOption('search', parsed, 'limit') ?? 20);
      if (parsed.values.json) ctx.stdout.write(JSON.stringify(hits, null, 2) + '\n');
      else if (hits.length === 0) ctx.stdout.write('no stories\n');
      else {
        for (const h of hits) ctx.stdout.write(`${h.id.slice(0, 12)}  ${h.pub_date ?? '?'}  ${h.file}#${h.n}  ${h.headline}\n    ${h.snippet}\n`);
      }
      return 0;
    });
  },
};

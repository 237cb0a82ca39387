import { dateOption, integerOption, stringOption } from '../args.js';
import type { Command } from '../Command.js';
import { DB_OPTION, withStore } from '../storeTarget.js';
import { formatTable } from '../table.js';
import type { StorySummary } from '../../store/Store.js';

/** The publication day, or the window it lies in when no day is known (an inferred date is no day). */
const published = (s: StorySummary) =>
  s.pub_date_earliest && s.pub_date_latest && s.pub_date_earliest !== s.pub_date_latest
    ? `${s.pub_date_earliest}..${s.pub_date_latest}`
    : (s.pub_date ?? '?');

export const storiesCommand: Command = {
  name: 'stories',
  summary: 'list stored stories (filter by input file, publication date, words)',
  args: '',
  options: {
    db: DB_OPTION,
    file: { type: 'string', value: 'FILE', description: 'only stories of this input (path as ingested, or its file name)' },
    since: { type: 'string', value: 'YYYY-MM-DD', description: 'published on or after this date' },
    until: { type: 'string', value: 'YYYY-MM-DD', description: 'published on or before this date' },
    q: { type: 'string', value: 'WORDS', description: 'headline or text contains all these words' },
    limit: { type: 'string', value: 'N', description: 'at most N stories (default 50)' },
    json: { type: 'boolean', description: 'print JSON (one array) instead of a table' },
  },
  async run(ctx, parsed) {
    const filter = {
      file: stringOption(parsed, 'file'),
      since: dateOption('stories', parsed, 'since'),
      until: dateOption('stories', parsed, 'until'),
      q: stringOption(parsed, 'q'),
      limit: integerOption('stories', parsed, 'limit') ?? 50,
    };
    return withStore(ctx, parsed, async (store) => {
      const stories = await store.listStories(filter);
      if (parsed.values.json) {
        ctx.stdout.write(JSON.stringify(stories, null, 2) + '\n');
        return 0;
      }
      if (stories.length === 0) {
        ctx.stdout.write('no stories\n');
        return 0;
      }
      const rows = stories.map((s) => [
        s.id.slice(0, 12), `${s.file}#${s.n}`, published(s), s.duplicate_of ? `dup ${s.duplicate_of.slice(0, 8)}` : '',
        String(s.events), s.headline,
      ]);
      ctx.stdout.write(formatTable(['ID', 'STORY', 'PUBLISHED', 'DUPLICATE', 'EVENTS', 'HEADLINE'], rows, ctx.stdout.columns ?? 120));
      return 0;
    });
  },
};

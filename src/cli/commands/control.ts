import { controlTimeline } from '../../consolidate/ControlTimelineBuilder.js';
import { controlAt, findPlaceTimelines } from '../../consolidate/ControlTimelineQuery.js';
import { renderControlTimeline } from '../../consolidate/ControlTimelineRenderer.js';
import { createError } from '../../core/errors.js';
import { dateOption, usageError } from '../args.js';
import type { Command } from '../Command.js';
import { DB_OPTION, withStore } from '../storeTarget.js';
import { formatTable } from '../table.js';

export const controlCommand: Command = {
  name: 'control',
  summary: 'who held a place when: its control timeline, or who held what on a date (--at)',
  args: '[PLACE]',
  options: {
    db: DB_OPTION,
    at: { type: 'string', value: 'YYYY-MM-DD', description: 'who held each place (or PLACE) on this date' },
    explain: { type: 'boolean', description: 'list the reports behind every change' },
    json: { type: 'boolean', description: 'print JSON instead of text' },
  },
  details: [
    'Without --at, prints the ordered intervals of control of PLACE (every place when none is given);',
    '"about" marks an uncertain change date, "!" a conflict between sources. PLACE matches any name',
    'the sources used for it ("al-Bab" finds "Al Bab"). Exit code 1 when no place matches.',
    'examples: sitrep control Palmyra --explain    sitrep control --at 2016-01-01',
  ].join('\n'),
  async run(ctx, parsed) {
    const [place, ...extra] = parsed.positionals;
    if (extra.length) throw usageError('control', 'control takes at most one PLACE (quote names with spaces)');
    const at = dateOption('control', parsed, 'at');
    return withStore(ctx, parsed, async (store) => {
      const all = controlTimeline(await store.fused.controlChanges());
      const timelines = place === undefined ? all : findPlaceTimelines(all, place);
      if (place !== undefined && timelines.length === 0) throw createError('NOT_FOUND', `control changes of ${place}`);
      if (at !== undefined) {
        const states = controlAt(timelines, at);
        if (parsed.values.json) ctx.stdout.write(JSON.stringify({ date: at, places: states }, null, 2) + '\n');
        else if (states.length === 0) ctx.stdout.write(`no place with a known holder on ${at}\n`);
        else {
          const rows = states.map((s) => [s.place, s.country ?? '??', s.holder, s.since ?? 'before any record', s.confidence.toFixed(2)]);
          ctx.stdout.write(`control on ${at}\n` + formatTable(['PLACE', 'COUNTRY', 'HELD BY', 'SINCE', 'CONFIDENCE'], rows, ctx.stdout.columns ?? 120));
        }
        return 0;
      }
      if (parsed.values.json) ctx.stdout.write(JSON.stringify(timelines, null, 2) + '\n');
      else if (timelines.length === 0) ctx.stdout.write('no control changes\n');
      else ctx.stdout.write(timelines.map((t) => renderControlTimeline(t, { explain: !!parsed.values.explain })).join('\n\n') + '\n');
      return 0;
    });
  },
};

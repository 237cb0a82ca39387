import { createWriteStream } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { resourcePath } from '../../core/projectPaths.js';
import { controlTimeline } from '../../consolidate/ControlTimelineBuilder.js';
import { controlAt } from '../../consolidate/ControlTimelineQuery.js';
import type { FusedEvent } from '../../consolidate/types.js';
import { acledCsvChunks } from '../../export/AcledCsvExporter.js';
import { loadActorTyping } from '../../export/ActorTyping.js';
import { controlFeature, eventFeature, featureCollectionChunks } from '../../export/GeoJsonExporter.js';
import { eventsJsonChunks } from '../../export/JsonExporter.js';
import { dateOption, stringOption, usageError } from '../args.js';
import type { Command, Output } from '../Command.js';
import { DB_OPTION, withStore } from '../storeTarget.js';
import { EVENT_FILTER_OPTIONS, eventFilter } from './events.js';

const FORMATS = ['acled-csv', 'geojson', 'json'] as const;

export const exportCommand: Command = {
  name: 'export',
  summary: 'export fused events as ACLED-style CSV, GeoJSON or JSON with provenance (streamed)',
  args: '',
  options: {
    db: DB_OPTION,
    format: { type: 'string', value: 'FORMAT', description: `one of ${FORMATS.join(', ')}` },
    out: { type: 'string', value: 'FILE', description: 'write to FILE instead of standard output' },
    'control-at': { type: 'string', value: 'YYYY-MM-DD', description: 'GeoJSON of who held each place on this date, instead of events' },
    ...EVENT_FILTER_OPTIONS,
  },
  details: [
    'acled-csv: ACLED column names and order, one row per fused event (fatalities: the lowest reported figure).',
    'geojson: RFC 7946 FeatureCollection of Point features (null geometry when a record has no coordinates).',
    'json: {"format":"sitrep.events",...} with every source of every event (story, evidence, span, figures).',
    'examples: sitrep export --format acled-csv --out events.csv --country IQ',
    '          sitrep export --format geojson --control-at 2017-03-01 --out control.geojson',
  ].join('\n'),
  async run(ctx, parsed) {
    if (parsed.positionals.length) throw usageError('export', `unexpected argument '${parsed.positionals[0]}'`);
    const format = stringOption(parsed, 'format');
    if (!format || !(FORMATS as readonly string[]).includes(format)) {
      throw usageError('export', `--format expects one of ${FORMATS.join(', ')}${format ? `, got '${format}'` : ''}`);
    }
    const controlDate = dateOption('export', parsed, 'control-at');
    if (controlDate !== undefined && format !== 'geojson') throw usageError('export', '--control-at needs --format geojson');
    const filter = eventFilter('export', parsed);
    const outPath = stringOption(parsed, 'out');
    return withStore(ctx, parsed, async (store) => {
      let chunks: AsyncIterable<string> | Iterable<string>;
      if (controlDate !== undefined) {
        const states = controlAt(controlTimeline(await store.fused.controlChanges()), controlDate);
        chunks = featureCollectionChunks(states.map((s) => controlFeature(s, controlDate)));
      } else {
        const events = store.fused.streamEvents(filter);
        if (format === 'acled-csv') {
          const acled = { rules: store.fused.fusionRules(), typing: loadActorTyping(resourcePath()), timestamp: Math.floor(Date.now() / 1000) };
          chunks = overAsync(events, (items) => acledCsvChunks(items, acled));
        } else if (format === 'geojson') chunks = overAsync(events, (items) => featureCollectionChunks(map(items, eventFeature)));
        else chunks = overAsync(events, eventsJsonChunks);
      }
      await writeAll(chunks, outPath === undefined ? ctx.stdout : resolveOut(ctx.cwd, outPath));
      return 0;
    });
  },
};

function* map<T, U>(items: Iterable<T>, f: (t: T) => U): Generator<U> {
  for (const t of items) yield f(t);
}

/**
 * Runs a synchronous chunk generator (the exporters') over an asynchronous source of events,
 * fetched page by page: before each step one event is buffered, so the generator's lazy
 * iterator finds it without waiting. The exporters take one event per chunk.
 */
async function* overAsync(source: AsyncIterable<FusedEvent>, chunksOf: (items: Iterable<FusedEvent>) => Iterable<string>): AsyncGenerator<string> {
  const it = source[Symbol.asyncIterator]();
  const buffer: FusedEvent[] = [];
  let exhausted = false;
  const items: Iterable<FusedEvent> = {
    [Symbol.iterator]: () => ({
      next: (): IteratorResult<FusedEvent> => {
        if (buffer.length > 0) return { value: buffer.shift()!, done: false };
        if (!exhausted) throw new Error('export: the exporter read ahead of the buffered events');
        return { value: undefined, done: true };
      },
    }),
  };
  const gen = chunksOf(items)[Symbol.iterator]();
  for (;;) {
    if (buffer.length === 0 && !exhausted) {
      const r = await it.next();
      if (r.done) exhausted = true;
      else buffer.push(r.value);
    }
    const step = gen.next();
    if (step.done) return;
    yield step.value;
  }
}

function resolveOut(cwd: string, path: string): string {
  return isAbsolute(path) ? path : resolve(cwd, path);
}

/** Writes every chunk to `out` (an output, or a file path), waiting when the stream is full. */
async function writeAll(chunks: AsyncIterable<string> | Iterable<string>, out: Output | string): Promise<void> {
  if (typeof out !== 'string') {
    const stream = out as Output & { once?: (e: string, f: () => void) => void };
    for await (const c of chunks) {
      if (stream.write(c) === false && stream.once) await new Promise<void>((r) => stream.once!('drain', r));
    }
    return;
  }
  const file = createWriteStream(out);
  const failed = new Promise<never>((_, reject) => file.once('error', (e) => reject(usageError('export', `cannot write ${out}: ${e.message}`))));
  failed.catch(() => {});
  for await (const c of chunks) {
    if (!file.write(c)) await Promise.race([new Promise<void>((r) => file.once('drain', () => r())), failed]);
  }
  await Promise.race([new Promise<void>((r) => file.end(r)), failed]);
}

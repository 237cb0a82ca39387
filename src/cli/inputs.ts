import { isAbsolute, relative, resolve } from 'node:path';
import type { SitrepError } from '../core/errors.js';
import { loadDefaultStages } from '../core/defaultStages.js';
import { runPipeline } from '../core/pipeline.js';
import type { Extraction } from '../core/types.js';
import type { FieldMap } from '../ingest/RecordMapper.js';
import { readInputs } from '../ingest/readInputs.js';
import type { CommandContext, OptionSpec, ParsedArgs } from './Command.js';
import { usageError } from './args.js';

/** `--field title=headline_text`: which field of JSON/CSV records holds each article field. */
export const FIELD_OPTION: OptionSpec = {
  type: 'string', multiple: true, value: 'NAME=FIELD',
  description: 'read NAME (title, text, date, url, source) from FIELD of JSON/CSV records',
};

const FIELD_NAMES = ['title', 'text', 'date', 'url', 'source'] as const;

export function fieldMap(command: string, parsed: ParsedArgs): FieldMap {
  const map: FieldMap = {};
  for (const spec of (parsed.values.field as string[] | undefined) ?? []) {
    const m = /^([a-z]+)=(.+)$/.exec(spec);
    const name = m?.[1] as (typeof FIELD_NAMES)[number] | undefined;
    if (!m || !name || !FIELD_NAMES.includes(name)) {
      throw usageError(command, `--field expects NAME=FIELD with NAME one of ${FIELD_NAMES.join(', ')}, got '${spec}'`);
    }
    map[name] = m[2]!;
  }
  return map;
}

/**
 * Input paths resolved against the command's cwd, but written as the user would read them:
 * relative to the process's directory when that is where the command runs ("examples/a.txt").
 */
export function inputPaths(ctx: CommandContext, positionals: string[]): string[] {
  return positionals.map((p) => {
    if (p === '-' || isAbsolute(p)) return p;
    const abs = resolve(ctx.cwd, p);
    return ctx.cwd === process.cwd() ? relative(ctx.cwd, abs) || '.' : abs;
  });
}

export type ExtractedInput =
  | { file: string; contentHash: string; extractions: Extraction[] }
  | { file: string; error: SitrepError };

/**
 * Reads and extracts inputs one at a time (memory stays at one input's worth), without a store.
 * `skip` lets a caller avoid the pipeline for inputs it already has.
 */
export async function* extractInputs(
  ctx: CommandContext,
  paths: string[],
  opts: { fields?: FieldMap; skip?: (contentHash: string) => Promise<boolean> } = {},
): AsyncIterable<ExtractedInput | { file: string; contentHash: string; skipped: true }> {
  const stages = await loadDefaultStages();
  for await (const r of readInputs(paths, { fields: opts.fields ?? {}, stdin: ctx.stdin })) {
    if ('error' in r) yield r;
    else if (opts.skip && (await opts.skip(r.contentHash))) yield { file: r.file, contentHash: r.contentHash, skipped: true };
    else yield { file: r.file, contentHash: r.contentHash, extractions: runPipeline(stages, r.articles) };
  }
}

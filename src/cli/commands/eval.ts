import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createError } from '../../core/errors.js';
import { parseArticleJson, type ScoredArticle } from '../../eval/articleJsonReader.js';
import { scoreArticles, type ScoreReport } from '../../eval/score.js';
import { usageError } from '../args.js';
import type { Command, CommandContext } from '../Command.js';
import { inputPaths } from '../inputs.js';
import { formatTable } from '../table.js';
import { extractArticles } from './extract.js';

export const evalCommand: Command = {
  name: 'eval',
  summary: 'score article JSON, or inputs extracted now, against gold annotations',
  args: 'SYSTEM.json… | INPUT…',
  options: {
    gold: { type: 'string', multiple: true, value: 'GOLD.json[,GOLD…]', description: 'gold article JSON (comma-separated or repeated)' },
    json: { type: 'boolean', description: 'print the figures as JSON (the shape of score.mjs --json)' },
  },
  details: [
    'Arguments ending in .json/.jsonl are system output (article JSON); anything else is an input',
    'to extract first. Metrics: ../shared/corpus/METRICS.md.',
    'example: sitrep eval --gold dev/000.gold.json,dev/001.gold.json dev/*.txt',
  ].join('\n'),
  async run(ctx, parsed) {
    const goldFiles = ((parsed.values.gold as string[] | undefined) ?? []).flatMap((g) => g.split(',')).filter(Boolean);
    if (goldFiles.length === 0) throw usageError('eval', 'eval needs --gold GOLD.json');
    if (parsed.positionals.length === 0) throw usageError('eval', 'eval needs system output (.json) or inputs to extract');
    const gold = (await Promise.all(goldFiles.map((f) => readArticleFile(ctx, f)))).flat();
    const systemFiles = parsed.positionals.filter(isArticleJson);
    const inputs = parsed.positionals.filter((p) => !isArticleJson(p));
    const system: ScoredArticle[] = (await Promise.all(systemFiles.map((f) => readArticleFile(ctx, f)))).flat();
    let failed = 0;
    if (inputs.length) {
      const { articles, errors } = await extractArticles(ctx, inputPaths(ctx, inputs));
      for (const e of errors) ctx.stderr.write(`error: ${e.message}\n`);
      failed = errors.length;
      system.push(...(articles as ScoredArticle[]));
    }
    const report = scoreArticles(gold, system);
    ctx.stdout.write(parsed.values.json ? JSON.stringify(report) + '\n' : formatReport(report));
    return failed ? 1 : 0;
  },
};

const isArticleJson = (p: string) => /\.(json|jsonl|ndjson)$/i.test(p);

async function readArticleFile(ctx: CommandContext, file: string): Promise<ScoredArticle[]> {
  let text: string;
  try {
    text = await readFile(resolve(ctx.cwd, file), 'utf8');
  } catch {
    throw createError('INPUT_NOT_FOUND', file);
  }
  try {
    return parseArticleJson(text);
  } catch (e) {
    throw createError('INPUT_BAD_JSON', file, (e as Error).message);
  }
}

/** One row per metric group: each figure as name=value, fractions to three decimals. */
export function formatReport(report: ScoreReport): string {
  const cell = (v: unknown) => (typeof v === 'number' && !Number.isInteger(v) ? v.toFixed(3) : String(v));
  const rows = Object.entries(report).map(([group, figures]) => [
    group, Object.entries(figures).map(([k, v]) => `${k}=${cell(v)}`).join('  '),
  ]);
  return formatTable(['METRIC', 'FIGURES'], rows, 1000);
}

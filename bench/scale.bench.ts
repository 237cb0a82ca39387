import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { dispatch } from '../src/cli/dispatch.js';
import { loadDefaultStages } from '../src/core/defaultStages.js';
import type { Article } from '../src/core/types.js';
import { createExtractionPool } from '../src/scale/ExtractionPool.js';
import { extractStories } from '../src/scale/extractStories.js';
import { segmentDump } from '../src/segment/DumpSegmenter.js';
import { openStore, type StoryToSave } from '../src/store/Store.js';
import { startPostgres } from '../test/store/postgresServer.js';
import { generateCorpus } from './corpusGenerator.js';

/**
 * Scale: stories/s extract-only (1, 2, N worker threads), into SQLite and PostgreSQL (the store
 * alone, by blocks of stories as the store grows, fusion timed apart), `sitrep ingest --workers`
 * end to end, and how extraction cost grows with corpus size. Rates are given per wall second
 * and per CPU second (all threads): the machine is shared, so CPU seconds compare better.
 *
 * The generator reshuffles the 30 dev stories, so most generated stories are near-duplicates of
 * each other and all report the same few weeks. Here a share of the longer lower-case words of
 * every story is swapped for other corpus words, so few stories stay near-duplicates (the
 * duplicate share is printed); the dates stay concentrated, which makes event fusion's candidate
 * sets grow with the store faster than a real multi-year corpus would.
 *
 * Sizes: BENCH_STORIES (extract corpus, default 10000), BENCH_STORE_STORIES (store phases,
 * default 2000), BENCH_E2E_STORIES (end-to-end ingest, default 1000), BENCH_GROWTH (extract-only
 * sizes, default "1000,10000"; `--growth-only BENCH_GROWTH=1000,10000,100000` runs that curve alone).
 */
const N = Number(process.env.BENCH_STORIES ?? 10000);
const N_STORE = Number(process.env.BENCH_STORE_STORIES ?? 2000);
const N_E2E = Number(process.env.BENCH_E2E_STORIES ?? 1000);
const GROWTH = (process.env.BENCH_GROWTH ?? '1000,10000').split(',').map(Number);
const CORES = availableParallelism();
const SWAP_SHARE = 0.3;

const out = (line: string) => console.log(`scale: ${line}`);
const rssMb = () => (process.resourceUsage().maxRSS / 1024).toFixed(0);

/** Wall and CPU seconds (every thread of the process) of `fn`. */
async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; wall: number; cpu: number }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await fn();
  const c = process.cpuUsage(c0);
  return { value, wall: (performance.now() - t0) / 1000, cpu: (c.user + c.system) / 1e6 };
}
const rates = (n: number, t: { wall: number; cpu: number }) =>
  `${(n / t.wall).toFixed(0)} stories/s wall, ${(n / t.cpu).toFixed(0)} stories/cpu-s (${t.wall.toFixed(1)} s, ${t.cpu.toFixed(1)} cpu-s)`;

/** Generated dumps with SWAP_SHARE of the lower-case words of 4+ letters swapped (deterministic). */
function corpus(nStories: number, seed: number): string[] {
  const dumps = generateCorpus(nStories, seed);
  const vocabulary = [...new Set(dumps.slice(0, 50).join(' ').match(/\b[a-z]{4,}\b/g) ?? [])];
  let t = seed >>> 0;
  const rand = () => {
    t = (Math.imul(t ^ (t >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return (t ^ (t >>> 13)) / 4294967296;
  };
  return dumps.map((d) => d.replace(/\b[a-z]{4,}\b/g, (w) => (rand() < SWAP_SHARE ? vocabulary[Math.floor(rand() * vocabulary.length)]! : w)));
}

const segment = (dumps: string[]) => dumps.map((d, i) => ({ file: `dump_${i}.txt`, articles: segmentDump(d, `dump_${i}.txt`) }));

// ---- growth ----------------------------------------------------------------------------------
// Extraction is per input, so cost should be linear in stories. Each size starts fresh
// threads, whose caches (words met, gazetteer rows decoded) warm as they go: the first and second
// halves are timed apart, so warm-up and steady state show. Results are dropped as they come (a
// 100,000-story run would otherwise hold every extraction).
for (const size of GROWTH) {
  const batch = segment(corpus(size, 11));
  const n = batch.reduce((k, i) => k + i.articles.length, 0);
  const pool = createExtractionPool(CORES);
  await Promise.all(Array.from({ length: CORES }, () => pool.extract(batch[0]!.articles)));
  const half = Math.ceil(batch.length / 2);
  const halves = [batch.slice(0, half), batch.slice(half)];
  const runs = [];
  for (const part of halves) runs.push(await timed(() => Promise.all(part.map((i) => pool.extract(i.articles).then(() => undefined)))));
  await pool.close();
  const nHalf = halves.map((h) => h.reduce((k, i) => k + i.articles.length, 0));
  const run = { wall: runs[0]!.wall + runs[1]!.wall, cpu: runs[0]!.cpu + runs[1]!.cpu };
  const msPer = (r: { cpu: number }, k: number) => ((r.cpu / k) * 1000).toFixed(2);
  out(`growth, extract-only ${n} stories: ${rates(n, run)}; ${msPer(run, n)} cpu-ms/story (first half ${msPer(runs[0]!, nHalf[0]!)}, second half ${msPer(runs[1]!, nHalf[1]!)}); peak RSS ${rssMb()} MB`);
}

// `--growth-only` stops here (BENCH_GROWTH=1000,10000,100000 gives the whole curve).
if (process.argv.includes('--growth-only')) process.exit(0);

// ---- extract-only ----------------------------------------------------------------------------
const dumps = corpus(N, 7);
const inputs = segment(dumps);
const nStories = inputs.reduce((n, i) => n + i.articles.length, 0);
out(`corpus: ${nStories} stories in ${inputs.length} dumps, ${CORES} cores`);

const stages = await loadDefaultStages();
const inline = async (batch: { articles: Article[] }[]) => batch.map((i) => extractStories(stages, i.articles));
const small = inputs.slice(0, Math.ceil(inputs.length / 5));
const nSmall = small.reduce((n, i) => n + i.articles.length, 0);
const one = await timed(() => inline(small));
out(`extract-only, main thread: ${rates(nSmall, one)}`);

let extracted: StoryToSave[][] = [];
for (const workers of [...new Set([2, CORES])]) {
  const pool = createExtractionPool(workers);
  // Thread start-up (loading the stages) is timed apart from the extraction itself.
  const warm = await timed(() => Promise.all(Array.from({ length: workers }, () => pool.extract(inputs[0]!.articles))));
  const batch = workers === CORES ? inputs : small;
  const n = workers === CORES ? nStories : nSmall;
  const run = await timed(() => Promise.all(batch.map((i) => pool.extract(i.articles))));
  await pool.close();
  out(`extract-only, ${workers} worker threads: ${rates(n, run)} on ${n} stories; start-up ${warm.wall.toFixed(1)} s; peak RSS ${rssMb()} MB`);
  if (workers === CORES) extracted = run.value;
}
const dupShare = extracted.flat().filter((s) => s.extraction.duplicateOf !== null).length / nStories;
out(`within-dump near-duplicates after word swapping: ${(100 * dupShare).toFixed(1)}%`);

// ---- the store alone, in blocks as it grows --------------------------------------------------
const dir = mkdtempSync(join(tmpdir(), 'sitrep-bench-scale-'));
const storeInputs = inputs.map((i, k) => ({ file: i.file, stories: extracted[k]! }));

async function storeBlocks(label: string, target: string) {
  const store = await openStore(target);
  let fuseSeconds = 0;
  const fuse = store.fused.fuseStories.bind(store.fused);
  store.fused.fuseStories = async (trx, ids) => {
    const t0 = performance.now();
    try {
      return await fuse(trx, ids);
    } finally {
      fuseSeconds += (performance.now() - t0) / 1000;
    }
  };
  const block = 500;
  let done = 0;
  let k = 0;
  let total = { wall: 0, cpu: 0, fuse: 0 };
  while (done < N_STORE && k < storeInputs.length) {
    const before = fuseSeconds;
    let n = 0;
    const t = await timed(async () => {
      while (n < block && k < storeInputs.length) {
        const input = storeInputs[k]!;
        await store.saveInput({ file: input.file, contentHash: `bench-${k}` }, input.stories);
        n += input.stories.length;
        k++;
      }
    });
    done += n;
    total = { wall: total.wall + t.wall, cpu: total.cpu + t.cpu, fuse: total.fuse + fuseSeconds - before };
    out(`${label}, stories ${done - n}-${done}: ${rates(n, t)}; fusion ${(fuseSeconds - before).toFixed(1)} s of it`);
  }
  out(`${label}, all ${done}: ${rates(done, total)}; without fusion ${(done / (total.wall - total.fuse)).toFixed(0)} stories/s wall`);
  await store.close();
}

await storeBlocks('SQLite store', join(dir, 'store.db'));
let pgServer: Awaited<ReturnType<typeof startPostgres>> | null = null;
try {
  pgServer = await startPostgres();
  await storeBlocks('PostgreSQL store', await pgServer.fresh());
} catch (e) {
  out(`PostgreSQL skipped: ${(e as Error).message.split('\n')[0]}`);
}

// ---- sitrep ingest end to end ----------------------------------------------------------------
const e2eDir = join(dir, 'inputs');
mkdirSync(e2eDir, { recursive: true });
dumps.slice(0, Math.ceil(N_E2E / 10)).forEach((text, i) => writeFileSync(join(e2eDir, `dump_${String(i).padStart(5, '0')}.txt`), text));
const sink = new Writable({ write: (_c, _e, cb) => cb() });
for (const [label, target] of [['SQLite', (w: number) => join(dir, `e2e-${w}.db`)], ['PostgreSQL', () => pgServer!.fresh()]] as const) {
  if (label === 'PostgreSQL' && !pgServer) continue;
  for (const workers of [...new Set([1, 2, CORES])]) {
    const db = await target(workers);
    let summary = '';
    const stdout = new Writable({ write: (c, _e, cb) => ((summary += c), cb()) });
    const ctx = { cwd: dir, stdout, stderr: sink, stdin: (async function* () {})(), env: {} };
    const run = await timed(() => dispatch(ctx, ['ingest', e2eDir, '--db', db, '--workers', String(workers)]));
    const stories = Number(/(\d+) stories,/.exec(summary)?.[1] ?? 0);
    out(`sitrep ingest --workers ${workers} into ${label}: ${rates(stories, run)} (exit ${run.value}, thread start-up included)`);
  }
}

pgServer?.stop();
rmSync(dir, { recursive: true, force: true });
out(`peak RSS ${rssMb()} MB`);

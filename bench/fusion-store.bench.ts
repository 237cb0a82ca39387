import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createExtractionPool } from '../src/scale/ExtractionPool.js';
import { segmentDump } from '../src/segment/DumpSegmenter.js';
import { openStore, type Store, type StoryToSave } from '../src/store/Store.js';
import { startPostgres } from '../test/store/postgresServer.js';
import type { Extraction } from '../src/core/types.js';
import { generateCorpus } from './corpusGenerator.js';
import { syntheticReports } from './syntheticReports.js';

/**
 * The store with fusion, isolated from extraction: `generateCorpus(n, seed)` stories are
 * extracted once (two worker threads) and cached under the OS temp folder, then saved input by
 * input with `store.saveInputs` (the save alone is timed), by blocks of stories as the store
 * grows. Fusion time is measured apart (fuseStories wrapped). Flat block times mean ingest cost
 * is linear in stories. BENCH_GROUP=k saves k inputs per transaction (default 1; `sitrep ingest`
 * saves groups of 8). BENCH_CORPUS=synthetic saves one story per synthetic report instead (see
 * `syntheticInputs`).
 *
 *   BENCH_GROUP=8 node --import tsx bench/fusion-store.bench.ts   # as ingest writes
 *   node --import tsx bench/fusion-store.bench.ts            # SQLite, 10,000 stories
 *   BENCH_MAX=3000 BENCH_PG=1 node --import tsx bench/fusion-store.bench.ts
 *   BENCH_CORPUS=synthetic BENCH_STORIES=20000 node --import tsx bench/fusion-store.bench.ts
 */
const N = Number(process.env.BENCH_STORIES ?? 10_000);
const SEED = Number(process.env.BENCH_SEED ?? 7);
const BLOCK = Number(process.env.BENCH_BLOCK ?? 1000);
// Stop saving after this many stories (the extraction cache stays the full N).
const MAX = Number(process.env.BENCH_MAX ?? N);
// Inputs saved per transaction (`saveInputs`), as the ingest writer groups the inputs extracted meanwhile.
const GROUP = Number(process.env.BENCH_GROUP ?? 1);
const out = (line: string) => console.log(`fusion-store: ${line}`);

// ---- stories to save ------------------------------------------------------------------------
type Input = { file: string; stories: StoryToSave[] };
type CachedStory = { extraction: StoryToSave['extraction']; signature: number[] | null };
/**
 * Each input kept as its JSON text and parsed just before it is saved, outside the timed part:
 * ten thousand stories' extractions as objects (~1 GB of heap) made every garbage collection
 * of the timed part cost what no ingest process pays (it holds a few inputs at a time).
 */
type LazyInput = { file: string; json: string; stories: number; events: number };
const inputs: LazyInput[] = (process.env.BENCH_CORPUS === 'synthetic' ? syntheticInputs() : await generatedInputs()).map((i) => ({
  file: i.file, stories: i.stories.length, events: i.stories.reduce((m, s) => m + s.extraction.events.length, 0),
  json: JSON.stringify(i.stories.map((s) => ({ extraction: s.extraction, signature: s.signature ? [...s.signature] : null }))),
}));
const storiesOf = (i: LazyInput): StoryToSave[] =>
  (JSON.parse(i.json) as CachedStory[]).map((s) => ({ extraction: s.extraction, signature: s.signature ? Uint32Array.from(s.signature) : null }));

/**
 * generateCorpus stories, extracted once (two worker threads) and cached: extraction is not
 * what this bench measures. The generator copies the 30 dev stories, so the same few events are
 * reported again and again: fused events grow with the store.
 */
async function generatedInputs(): Promise<Input[]> {
  const cache = join(tmpdir(), `sitrep-fusion-store-${N}-${SEED}.json`);
  if (existsSync(cache)) {
    out(`extractions read from ${cache}`);
    return (JSON.parse(readFileSync(cache, 'utf8')) as { file: string; stories: CachedStory[] }[])
      .map((i) => ({ file: i.file, stories: i.stories.map((s) => ({ extraction: s.extraction, signature: s.signature ? Uint32Array.from(s.signature) : null })) }));
  }
  const dumps = generateCorpus(N, SEED);
  const pool = createExtractionPool(2);
  const t0 = performance.now();
  const extracted = await Promise.all(dumps.map(async (d, i) => {
    const file = `dump_${i}.txt`;
    return { file, stories: await pool.extract(segmentDump(d, file)) };
  }));
  await pool.close();
  out(`extracted ${N} stories in ${((performance.now() - t0) / 1000).toFixed(0)} s; cached in ${cache}`);
  writeFileSync(cache, JSON.stringify(extracted.map((i) => ({ file: i.file, stories: i.stories.map((s) => ({ extraction: s.extraction, signature: s.signature ? [...s.signature] : null })) }))));
  return extracted;
}

/**
 * BENCH_CORPUS=synthetic: one story per report of bench/syntheticReports.ts (real events over
 * two years and 3,000 towns, each reported 1-8 times), ten stories an input, no text to dedup.
 */
function syntheticInputs(): Input[] {
  const { reports } = syntheticReports(N);
  const stories = reports.map((r, i): StoryToSave => {
    const text = `Synthetic report ${r.storyId}.`;
    const extraction: Extraction = {
      article: { id: r.storyId, file: `synthetic_${Math.floor(i / 10)}.txt`, n: (i % 10) + 1, offset: 0, text, headline: null, captions: [], byline: null, dateline: [], paragraphs: [], credits: null, given: {} },
      pubDate: { date: r.pubDate!, earliest: r.pubDate!, latest: r.pubDate!, precision: 1, basis: 'bench', confidence: 1, given: true },
      duplicateOf: null, onTopic: true, toponyms: [], events: [r.event], controlChanges: [],
    };
    return { extraction, signature: null };
  });
  return Array.from({ length: Math.ceil(stories.length / 10) }, (_, k) => ({ file: `synthetic_${k}.txt`, stories: stories.slice(10 * k, 10 * k + 10) }));
}

const nEvents = inputs.reduce((n, i) => n + i.events, 0);
out(`${inputs.length} inputs, ${inputs.reduce((n, i) => n + i.stories, 0)} stories, ${nEvents} events`);

const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };

/** Saves every input, printing each block's save and fusion time. */
async function ingest(label: string, store: Store): Promise<void> {
  let fuseCpu = 0;
  let fuseWall = 0;
  let copies = 0;
  const fuse = store.fused.fuseStories.bind(store.fused);
  store.fused.fuseStories = async (trx, ids) => {
    const w0 = performance.now();
    const c0 = cpu();
    try {
      const step = await fuse(trx, ids);
      copies += step.copies;
      return step;
    } finally {
      fuseWall += (performance.now() - w0) / 1000;
      fuseCpu += cpu() - c0;
    }
  };
  let done = 0;
  let events = 0;
  let k = 0;
  const all = { wall: 0, cpu: 0 };
  while (k < inputs.length && done < MAX) {
    const [fw, fc, cp] = [fuseWall, fuseCpu, copies];
    let wall = 0;
    let c = 0;
    let n = 0;
    let e = 0;
    while (n < BLOCK && k < inputs.length) {
      const lazy = inputs.slice(k, k + GROUP);
      const group = lazy.map((input, i) => ({ file: input.file, contentHash: `bench-${k + i}`, stories: storiesOf(input) }));
      const w0 = performance.now();
      const c0 = cpu();
      await store.saveInputs(group);
      wall += (performance.now() - w0) / 1000;
      c += cpu() - c0;
      for (const input of lazy) {
        n += input.stories;
        e += input.events;
      }
      k += group.length;
    }
    all.wall += wall;
    all.cpu += c;
    done += n;
    events += e;
    out(`${label} stories ${done - n}-${done}: ${(n / wall).toFixed(0)} stories/s wall, ${(n / c).toFixed(0)} per cpu-s; ` +
      `fusion ${(fuseWall - fw).toFixed(2)} s wall, ${(fuseCpu - fc).toFixed(2)} cpu-s, ${((1000 * (fuseCpu - fc)) / Math.max(1, e)).toFixed(2)} cpu-ms per event; ` +
      `${copies - cp} of ${e} reports joined as copies of a near-duplicate's original`);
  }
  const s = await store.fused.stats();
  out(`${label} all ${done}: ${(done / all.wall).toFixed(0)} stories/s wall, ${(done / all.cpu).toFixed(0)} per cpu-s; fusion ${fuseWall.toFixed(1)} s wall, ` +
    `${fuseCpu.toFixed(1)} cpu-s (${((1000 * fuseCpu) / Math.max(1, events)).toFixed(2)} cpu-ms per event); ${s.reports} reports -> ${s.fusedEvents} fused events, ${s.multiSource} multi-source`);
}

const dir = mkdtempSync(join(tmpdir(), 'sitrep-bench-fusion-store-'));
const sqlite = await openStore(join(dir, 'store.db'));
await ingest('SQLite', sqlite);
await sqlite.close();
if (process.env.BENCH_PG) {
  const server = await startPostgres();
  const pg = await openStore(await server.fresh());
  await ingest('PostgreSQL', pg);
  await pg.close();
  await server.stop();
}
rmSync(dir, { recursive: true, force: true });
out(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);

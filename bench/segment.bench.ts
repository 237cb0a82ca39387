import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findNearDuplicates } from '../src/dedup/NearDuplicateRefiner.js';
import { readInputs } from '../src/ingest/readInputs.js';
import { segmentDump } from '../src/segment/DumpSegmenter.js';
import { DEV_DIR, generateCorpus } from './corpusGenerator.js';

/**
 * Segmentation and near-duplicate figures:
 * - dev stories against the gold (found; exact headline, dateline, byline, caption date);
 * - throughput over >= 5,000 generated stories, median of three passes, per wall-clock second
 *   and per CPU second (the machine is shared, so CPU time is the steadier figure of one core);
 * - a BIG_MB (default 200) MB dump written under the temp folder and read through readInputs in
 *   pieces and batches: time, rate and peak memory (BIG_MB=0 skips it).
 */
function devFigures() {
  const f = { gold: 0, found: 0, headline: 0, dateline: 0, byline: 0, captionDate: 0, duplicates: 0 };
  for (const file of readdirSync(DEV_DIR).filter((x) => x.endsWith('.txt')).sort()) {
    const arts = segmentDump(readFileSync(join(DEV_DIR, file), 'utf8'), file);
    const gold = JSON.parse(readFileSync(join(DEV_DIR, `${file.slice(0, 3)}.gold.json`), 'utf8')).articles as {
      headline: string; dateline: string[]; byline: string | null; caption_date: string | null;
    }[];
    f.gold += gold.length;
    f.found += arts.length;
    f.duplicates += findNearDuplicates(arts).filter((x) => x !== null).length;
    gold.forEach((g, i) => {
      const a = arts[i];
      if (!a) return;
      if (a.headline?.text === g.headline) f.headline++;
      if (JSON.stringify(a.dateline.map((d) => d.text)) === JSON.stringify(g.dateline)) f.dateline++;
      if ((a.byline?.text ?? null) === g.byline) f.byline++;
      if ((a.captions.find((c) => c.date)?.date ?? null) === g.caption_date) f.captionDate++;
    });
  }
  return f;
}
const dev = devFigures();
console.log(`dev stories found     ${dev.found} / ${dev.gold}`);
console.log(`dev exact             headline ${dev.headline}, dateline ${dev.dateline}, byline ${dev.byline}, caption date ${dev.captionDate} (of ${dev.gold}); duplicates flagged ${dev.duplicates}`);

/** Runs `f`, returning its result with wall and CPU seconds. */
function timed<T>(f: () => T): { value: T; wall: number; cpu: number } {
  const c = process.cpuUsage();
  const t = performance.now();
  const value = f();
  const u = process.cpuUsage(c);
  return { value, wall: (performance.now() - t) / 1000, cpu: (u.user + u.system) / 1e6 };
}
const rate = (n: number, s: number) => (n / s).toFixed(0);

const N = Number(process.env.STORIES ?? 5000);
const dumps = generateCorpus(N, 7);
const mb = dumps.reduce((s, d) => s + Buffer.byteLength(d), 0) / 1e6;
// three passes over the corpus; the median pass is reported (the first one also warms the JIT)
const passes = [0, 1, 2].map(() => {
  const seg = timed(() => dumps.map((d, i) => segmentDump(d, `gen-${i}.txt`)));
  const dup = timed(() => seg.value.reduce((s, arts) => s + findNearDuplicates(arts).filter((x) => x !== null).length, 0));
  return { seg, dup };
});
const median = (f: (p: (typeof passes)[number]) => number) => passes.map(f).sort((a, b) => a - b)[1]!;
const found = passes[0]!.seg.value.reduce((s, a) => s + a.length, 0);
const segWall = median((p) => p.seg.wall);
const segCpu = median((p) => p.seg.cpu);
const dupWall = median((p) => p.dup.wall);
const dupCpu = median((p) => p.dup.cpu);
const bothWall = median((p) => p.seg.wall + p.dup.wall);
const bothCpu = median((p) => p.seg.cpu + p.dup.cpu);
console.log(`stories generated     ${N} in ${dumps.length} dumps (${mb.toFixed(1)} MB); median of 3 passes`);
console.log(`stories found         ${found} (${((found / N) * 100).toFixed(1)}%)`);
console.log(`segmentation          ${rate(found, segWall)} stories/s, ${(mb / segWall).toFixed(1)} MB/s wall; ${rate(found, segCpu)} stories/s, ${(mb / segCpu).toFixed(1)} MB/s per CPU second`);
console.log(`near-duplicates       ${rate(found, dupWall)} stories/s wall; ${rate(found, dupCpu)} stories/s per CPU second; ${passes[0]!.dup.value} flagged within dumps (random draws repeat dev stories)`);
console.log(`both                  ${rate(found, bothWall)} stories/s, ${(mb / bothWall).toFixed(1)} MB/s wall; ${rate(found, bothCpu)} stories/s, ${(mb / bothCpu).toFixed(1)} MB/s per CPU second`);
console.log(`peak RSS              ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);

const BIG_MB = Number(process.env.BIG_MB ?? 200);
if (BIG_MB > 0) {
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-bench-segment-'));
  try {
    // written a thousand stories at a time, so the writer holds little
    const file = join(dir, 'big.txt');
    const fd = openSync(file, 'w');
    let bytes = 0;
    for (let seed = 100; bytes < BIG_MB * 1e6; seed++) bytes += writeSync(fd, generateCorpus(1000, seed).join('\n\n') + '\n\n');
    closeSync(fd);
    const rssBefore = process.memoryUsage().rss;
    let peak = rssBefore;
    let stories = 0;
    let batches = 0;
    const c = process.cpuUsage();
    const t = performance.now();
    for await (const r of readInputs([file], { batchArticles: 10000 })) {
      if ('error' in r) throw r.error;
      stories += r.articles.length;
      batches++;
      peak = Math.max(peak, process.memoryUsage().rss);
    }
    const wall = (performance.now() - t) / 1000;
    const u = process.cpuUsage(c);
    const cpu = (u.user + u.system) / 1e6;
    console.log(`big dump              ${(bytes / 1e6).toFixed(0)} MB, ${stories} stories in ${batches} batches: ${wall.toFixed(1)} s wall, ${cpu.toFixed(1)} s CPU; ` +
      `${rate(stories, wall)} stories/s, ${(bytes / 1e6 / wall).toFixed(1)} MB/s wall (hash, checks, decode, segment)`);
    console.log(`big dump memory       RSS ${(rssBefore / 1e6).toFixed(0)} MB before, ${(peak / 1e6).toFixed(0)} MB at most while reading (sampled per batch)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

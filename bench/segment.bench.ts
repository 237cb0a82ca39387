import { findNearDuplicates } from '../src/dedup/NearDuplicateRefiner.js';
import { segmentDump } from '../src/segment/DumpSegmenter.js';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEV_DIR, generateCorpus } from './corpusGenerator.js';

/** Dev stories against the gold: found, and exact headline, dateline, byline, caption date. */
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

/** Segmentation and near-duplicate throughput over >= 5,000 generated stories. */
const N = Number(process.env.STORIES ?? 5000);
const dumps = generateCorpus(N, 7);
const bytes = dumps.reduce((s, d) => s + Buffer.byteLength(d), 0);

let t = performance.now();
let found = 0;
const segmented = dumps.map((d, i) => {
  const arts = segmentDump(d, `gen-${i}.txt`);
  found += arts.length;
  return arts;
});
const segMs = performance.now() - t;

t = performance.now();
let dups = 0;
for (const arts of segmented) dups += findNearDuplicates(arts).filter((x) => x !== null).length;
const dupMs = performance.now() - t;

const rssMb = process.resourceUsage().maxRSS / 1024;
console.log(`stories generated     ${N} in ${dumps.length} dumps (${(bytes / 1e6).toFixed(1)} MB)`);
console.log(`stories found         ${found} (${((found / N) * 100).toFixed(1)}%)`);
console.log(`segmentation          ${(found / (segMs / 1000)).toFixed(0)} stories/s, ${(bytes / 1e6 / (segMs / 1000)).toFixed(1)} MB/s`);
console.log(`near-duplicates       ${(found / (dupMs / 1000)).toFixed(0)} stories/s, ${dups} flagged within dumps (random draws repeat dev stories)`);
console.log(`peak RSS              ${rssMb.toFixed(0)} MB`);

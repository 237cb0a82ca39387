import { findNearDuplicates } from '../src/dedup/NearDuplicateRefiner.js';
import { segmentDump } from '../src/segment/DumpSegmenter.js';
import { generateCorpus } from './corpusGenerator.js';

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

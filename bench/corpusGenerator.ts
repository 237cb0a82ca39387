import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { segmentDump } from '../src/segment/DumpSegmenter.js';
import { sharedPath } from '../src/core/projectPaths.js';

/**
 * Synthetic dumps for benchmarks, made at run time from the dev corpus (read from ../shared,
 * never copied into the project): each story is a dev story with its body paragraphs shuffled,
 * numbers changed and some words dropped; layouts vary (blank lines or single newlines, credit
 * line or dateline sometimes removed). Stories are grouped ten to a dump, like the dev files.
 */
export const DEV_DIR = sharedPath('corpus', 'dev');

/**
 * `nStories` stories in dumps of ten, deterministic for a given seed.
 * @example generateCorpus(5000).length // 500
 */
export function generateCorpus(nStories: number, seed = 1): string[] {
  const rand = mulberry32(seed);
  const stories = readdirSync(DEV_DIR)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .flatMap((f) => segmentDump(readFileSync(join(DEV_DIR, f), 'utf8'), f));
  if (stories.length === 0) throw new Error(`no dev stories under ${DEV_DIR}`);
  const dumps: string[] = [];
  let current: string[] = [];
  for (let i = 0; i < nStories; i++) {
    const a = stories[Math.floor(rand() * stories.length)]!;
    const head = [a.headline?.text, ...a.captions.slice(0, 1).map((c) => c.text), a.byline && `By ${a.byline.text}`].filter(
      (x): x is string => !!x,
    );
    const [dateline, ...body] = a.paragraphs.map((p) => p.text);
    for (let k = body.length - 1; k > 0; k--) {
      const j = Math.floor(rand() * (k + 1));
      if (rand() < 0.3) [body[k], body[j]] = [body[j]!, body[k]!];
    }
    const perturbed = body.map((p) => p.replace(/\d+/g, (d) => String(Number(d) + Math.floor(rand() * 5))).replace(/ (the|a|of) /g, (w) => (rand() < 0.1 ? ' ' : w)));
    const lines = [...head, ...(dateline && rand() > 0.1 ? [dateline] : []), ...perturbed, ...(a.credits && rand() > 0.2 ? [a.credits.text] : [])];
    current.push(lines.join(rand() < 0.7 ? '\n\n' : '\n'));
    if (current.length === 10) {
      dumps.push(current.join('\n\n'));
      current = [];
    }
  }
  if (current.length) dumps.push(current.join('\n\n'));
  return dumps;
}

function mulberry32(seed: number): () => number {
  let t = seed >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let r = Math.imul(t ^ (t >>> 15), 1 | t);
    r ^= r + Math.imul(r ^ (r >>> 7), 61 | r);
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where sitrep's own files are. Code runs both from sources (tsx: src/core/) and compiled
 * (dist/src/core/), so fixed `../..` hops would differ: walk up to the package.json named
 * "sitrep" instead. The one place that knows the layout.
 */
function findProjectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'sitrep') return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error(`sitrep's package.json not found above ${fileURLToPath(import.meta.url)}`);
    dir = up;
  }
}

export const PROJECT_ROOT = findProjectRoot();

/** resources/<parts…>: data files (gazetteer sources, lexicons, actor dictionary, taxonomy). */
export const resourcePath = (...parts: string[]) => join(PROJECT_ROOT, 'resources', ...parts);

/** The workplace's shared/ folder beside the repository (dev corpus, benchmarks, scorer). */
export const sharedPath = (...parts: string[]) => join(PROJECT_ROOT, '..', 'shared', ...parts);

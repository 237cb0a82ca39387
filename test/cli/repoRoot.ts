import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repository root, found from this file whether it runs from test/ (tsx) or dist/test/
 * (compiled): the nearest folder above holding package.json.
 */
export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('package.json not found above ' + fileURLToPath(import.meta.url));
    dir = up;
  }
  return dir;
}

/** The corpus and tools shared beside the repository (../shared), read at run time only. */
export const sharedDir = () => join(repoRoot(), '..', 'shared');

/** The compiled CLI entry point (npm test builds it before running tests). */
export const cliMain = () => join(repoRoot(), 'dist', 'src', 'cli', 'main.js');

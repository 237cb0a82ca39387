import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Runs every benchmark in turn, each in its own process (so memory figures are its own).
 * `npm run bench` runs the compiled benches (dist/bench/*.bench.js): the figures are those of the
 * code users run. Started from the sources (`node --import tsx bench/run.ts`) it runs the
 * *.bench.ts files under tsx, whose transform adds per-function overhead (about a third more CPU
 * in the extraction stages).
 */
const self = fileURLToPath(import.meta.url);
const here = dirname(self);
const compiled = self.endsWith('.js');
const benches = readdirSync(here).filter((f) => f.endsWith(compiled ? '.bench.js' : '.bench.ts')).sort();
const failed: string[] = [];
for (const file of benches) {
  console.log(`\n== ${file}`);
  const args = compiled ? [join(here, file)] : ['--import', 'tsx', join(here, file)];
  const r = spawnSync(process.execPath, args, { stdio: 'inherit' });
  if (r.status !== 0) failed.push(file);
}
if (failed.length) {
  console.error(`\nfailed: ${failed.join(', ')}`);
  process.exitCode = 1;
}

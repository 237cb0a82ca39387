import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { repoRoot } from './repoRoot.js';
import type { CliResult } from './runCli.js';

/**
 * Runs `sitrep` as a real child process: the compiled CLI when the tests run compiled (npm test
 * builds dist/ first), the TypeScript sources through tsx when they run from test/ directly, so
 * `node --import tsx --test test/cli/X.test.ts` never runs a stale build.
 */
export function sitrep(args: string[], opts: { cwd?: string } = {}): CliResult {
  const fromSource = fileURLToPath(import.meta.url).endsWith('.ts');
  const entry = fromSource ? ['--import', 'tsx', join(repoRoot(), 'src', 'cli', 'main.ts')] : [join(repoRoot(), 'dist', 'src', 'cli', 'main.js')];
  const r = spawnSync(process.execPath, [...entry, ...args], {
    cwd: opts.cwd ?? repoRoot(), input: '', encoding: 'utf8', env: { ...process.env, SITREP_DB: '' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

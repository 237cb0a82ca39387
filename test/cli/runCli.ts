import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { cliMain, repoRoot } from './repoRoot.js';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

interface CliOptions {
  cwd?: string;
  input?: string;
  env?: Record<string, string>;
}

/**
 * How to start `sitrep` as a user would: the compiled CLI when the tests run compiled (npm test
 * builds dist/ first), the sources through tsx when a test runs from test/ directly, so
 * `node --import tsx --test test/cli/X.test.ts` never runs a stale build.
 */
const entry = () => (import.meta.url.endsWith('.ts') ? ['--import', 'tsx', join(repoRoot(), 'src', 'cli', 'main.ts')] : [cliMain()]);
const environment = (env: Record<string, string> = {}) => ({ ...process.env, SITREP_DB: '', ...env });

/** Runs `sitrep` as a child process and waits for it. */
export function runCli(args: string[], opts: CliOptions = {}): CliResult {
  const r = spawnSync(process.execPath, [...entry(), ...args], {
    cwd: opts.cwd ?? repoRoot(), input: opts.input ?? '', encoding: 'utf8', env: environment(opts.env),
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Starts `sitrep` without waiting (kill tests, servers, several workers at once). */
export function startCli(args: string[], opts: Omit<CliOptions, 'input'> = {}): ChildProcess {
  return spawn(process.execPath, [...entry(), ...args], {
    cwd: opts.cwd ?? repoRoot(), stdio: ['ignore', 'pipe', 'pipe'], env: environment(opts.env),
  });
}

/** Waits for a started child to exit: its exit code or signal, stdout and stderr. */
export function finished(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d) => (stdout += d));
  child.stderr?.on('data', (d) => (stderr += d));
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
}

import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { cliMain, repoRoot } from '../cli/repoRoot.js';

/**
 * Starts `sitrep` as a child process: from the sources under tsx when this test runs from
 * sources (no build needed), else the compiled CLI as the other CLI tests do.
 */
export function startSitrep(args: string[], env: Record<string, string> = {}): ChildProcess {
  const entry = import.meta.url.endsWith('.ts') ? ['--import', 'tsx', join(repoRoot(), 'src', 'cli', 'main.ts')] : [cliMain()];
  return spawn(process.execPath, [...entry, ...args], {
    cwd: repoRoot(),
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, SITREP_DB: '', ...env },
  });
}

/** Waits for a child to exit; its stdout, stderr and exit code. */
export function finished(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d) => (stdout += d));
  child.stderr?.on('data', (d) => (stderr += d));
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
}

import { spawn, spawnSync } from 'node:child_process';
import { cliMain, repoRoot } from './repoRoot.js';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built `sitrep` as a real child process, as a user would. */
export function runCli(args: string[], opts: { cwd?: string; input?: string; env?: Record<string, string> } = {}): CliResult {
  const r = spawnSync(process.execPath, [cliMain(), ...args], {
    cwd: opts.cwd ?? repoRoot(),
    input: opts.input ?? '',
    encoding: 'utf8',
    env: { ...process.env, SITREP_DB: '', ...opts.env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Starts `sitrep` without waiting (for the kill-and-resume test). */
export const startCli = (args: string[]) =>
  spawn(process.execPath, [cliMain(), ...args], { cwd: repoRoot(), stdio: 'ignore', env: { ...process.env, SITREP_DB: '' } });

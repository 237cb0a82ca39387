#!/usr/bin/env node
import { SitrepError } from '../core/errors.js';
import { dispatch } from './dispatch.js';

/**
 * The `sitrep` executable: the only place that catches errors and exits. Exit codes: 0 ok,
 * 1 some inputs failed (or an error), 2 usage error.
 */
const stdout = process.stdout;
// A closed pipe (`sitrep stories | head`) ends the output, it is not an error.
stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

try {
  process.exitCode = await dispatch(
    { cwd: process.cwd(), stdout, stderr: process.stderr, stdin: process.stdin, env: process.env },
    process.argv.slice(2),
  );
} catch (e) {
  if (e instanceof SitrepError) {
    process.stderr.write(`sitrep: ${e.message}\n`);
    process.exitCode = e.code === 'USAGE' ? 2 : 1;
  } else {
    process.stderr.write(`sitrep: unexpected error: ${(e as Error).stack ?? e}\n`);
    process.exitCode = 1;
  }
}

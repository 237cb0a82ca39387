import assert from 'node:assert/strict';
import { it } from 'node:test';
import { Writable } from 'node:stream';
import { dispatch } from '../../src/cli/dispatch.js';
import { SitrepError } from '../../src/core/errors.js';

const sink = new Writable({ write: (_c, _e, cb) => cb() });
const ctx = { cwd: process.cwd(), stdout: sink, stderr: sink, stdin: (async function* () {})(), env: {} };

it('queue and worker options are checked before anything runs', async () => {
  for (const [argv, message] of [
    [['ingest', 'x', '--queue', '--db', 'local.db'], /--queue needs a PostgreSQL store/],
    [['ingest', 'x', '--workers', '0'], /--workers expects at least 1/],
    [['ingest', 'x', '--workers', 'two'], /--workers expects a whole number/],
    [['ingest', 'x', '--queue', '--job-timeout', '0', '--db', 'postgres://nobody@127.0.0.1:1/none'], /--job-timeout expects at least 1/],
    [['worker', '--db', 'local.db'], /worker needs a PostgreSQL store/],
  ] as const) {
    await assert.rejects(dispatch(ctx, [...argv]), (e: unknown) => e instanceof SitrepError && e.code === 'USAGE' && message.test(e.message), argv.join(' '));
  }
});

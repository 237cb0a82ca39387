import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { it } from 'node:test';
import { writeGeneratedInputs } from './generatedInputs.js';
import { finished, runCli, startCli } from './runCli.js';

const INPUTS = 400;

/** What a reader sees in the store: inputs stored, and any input whose stories are incomplete. */
function inspect(db: string) {
  const h = new Database(db, { readonly: true, fileMustExist: true });
  try {
    const inputs = h.prepare(`SELECT count(*) AS c, count(DISTINCT content_hash) AS d FROM inputs WHERE status = 'done'`).get() as { c: number; d: number };
    const incomplete = h.prepare(
      `SELECT i.file FROM inputs i WHERE i.n_stories != (SELECT count(*) FROM stories s WHERE s.input_id = i.id)`,
    ).all();
    const orphans = h.prepare(`SELECT count(*) AS c FROM stories WHERE input_id NOT IN (SELECT id FROM inputs)`).get() as { c: number };
    const stories = h.prepare(`SELECT count(*) AS c FROM stories`).get() as { c: number };
    return { inputs: inputs.c, distinct: inputs.d, incomplete: incomplete.length, orphans: orphans.c, stories: stories.c };
  } finally {
    h.close();
  }
}

it('an ingest killed with SIGKILL keeps whole inputs only, and a rerun stores each input exactly once', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-kill-'));
  const inputs = join(dir, 'inputs');
  const db = join(dir, 'kill.db');
  writeGeneratedInputs(inputs, INPUTS);

  const child = startCli(['ingest', inputs, '--db', db]);
  const exited = finished(child);
  // Kill as soon as a few inputs are committed: well before the end.
  let seen = 0;
  for (let i = 0; i < 3000 && seen < 5; i++) {
    await sleep(10);
    try {
      seen = inspect(db).inputs;
    } catch {
      // the database or its tables do not exist yet
    }
  }
  child.kill('SIGKILL');
  await exited;

  const killed = inspect(db);
  assert.ok(killed.inputs >= 5 && killed.inputs < INPUTS, `killed mid-way (${killed.inputs} of ${INPUTS} inputs stored)`);
  assert.equal(killed.incomplete, 0, 'every stored input has all its stories');
  assert.equal(killed.orphans, 0);
  assert.equal(killed.stories, killed.inputs * 2);

  const rerun = runCli(['ingest', inputs, '--db', db]);
  assert.equal(rerun.code, 0, rerun.stderr);
  assert.match(rerun.stdout, new RegExp(`ingested ${INPUTS - killed.inputs} inputs \\(${killed.inputs} already stored\\)`));
  const done = inspect(db);
  assert.deepEqual(done, { inputs: INPUTS, distinct: INPUTS, incomplete: 0, orphans: 0, stories: INPUTS * 2 });
});

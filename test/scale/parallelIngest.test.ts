import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { it } from 'node:test';
import { writeGeneratedInputs } from '../cli/generatedInputs.js';
import { finished, startCli } from '../cli/runCli.js';

const INPUTS = 150;

/** Inputs stored, and any stored input whose stories are not all there. */
function inspect(db: string) {
  const h = new Database(db, { readonly: true, fileMustExist: true });
  try {
    const { inputs } = h.prepare(`SELECT count(*) AS inputs FROM inputs WHERE status = 'done'`).get() as { inputs: number };
    const { stories } = h.prepare(`SELECT count(*) AS stories FROM stories`).get() as { stories: number };
    const { incomplete } = h.prepare(
      `SELECT count(*) AS incomplete FROM inputs i WHERE i.n_stories != (SELECT count(*) FROM stories s WHERE s.input_id = i.id)`,
    ).get() as { incomplete: number };
    return { inputs, stories, incomplete };
  } finally {
    h.close();
  }
}

it('ingest --workers 2 killed with SIGKILL keeps whole inputs, and a rerun stores the rest exactly once', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-workers-'));
  const inputs = join(dir, 'inputs');
  const db = join(dir, 'w.db');
  writeGeneratedInputs(inputs, INPUTS);
  try {
    const child = startCli(['ingest', inputs, '--db', db, '--workers', '2']);
    const killedRun = finished(child);
    let seen = 0;
    for (let i = 0; i < 6000 && seen < 5; i++) {
      await sleep(10);
      try {
        seen = inspect(db).inputs;
      } catch {
        // no database or tables yet
      }
    }
    child.kill('SIGKILL');
    await killedRun;
    const killed = inspect(db);
    assert.ok(killed.inputs >= 5 && killed.inputs < INPUTS, `killed mid-way (${killed.inputs} of ${INPUTS} stored)`);
    assert.equal(killed.incomplete, 0);
    assert.equal(killed.stories, killed.inputs * 2);

    const rerun = await finished(startCli(['ingest', inputs, '--db', db, '--workers', '2']));
    assert.equal(rerun.code, 0, rerun.stderr);
    // Counts are right whatever order the threads finish in.
    assert.match(rerun.stdout, new RegExp(`ingested ${INPUTS - killed.inputs} inputs \\(${killed.inputs} already stored\\), ${(INPUTS - killed.inputs) * 2} stories`));
    assert.deepEqual(inspect(db), { inputs: INPUTS, stories: INPUTS * 2, incomplete: 0 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import pg from 'pg';
import { writeGeneratedInputs } from '../cli/generatedInputs.js';
import { startPostgres } from '../store/postgresServer.js';
import { finished, startCli } from '../cli/runCli.js';

const INPUTS = 30;

let server: Awaited<ReturnType<typeof startPostgres>>;
before(async () => {
  server = await startPostgres();
});
after(() => server.stop());

it('three workers, one killed mid-job: every input is stored exactly once and the killed job is retried', async () => {
  const url = await server.fresh();
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-queue-'));
  const inputs = join(dir, 'inputs');
  writeGeneratedInputs(inputs, INPUTS);

  // A short job timeout: the killed worker's job is retried within seconds.
  const enqueued = await finished(startCli(['ingest', '--queue', inputs, '--db', url, '--job-timeout', '3']));
  assert.equal(enqueued.code, 0, enqueued.stderr);
  assert.match(enqueued.stdout, new RegExp(`enqueued ${INPUTS} inputs .* ${INPUTS * 2} stories, 0 errors`));

  const workers = [0, 1, 2].map(() => startCli(['worker', '--db', url, '--until-empty']));
  const results = workers.map((w) => finished(w));

  // Kill the first worker right after it takes its fourth job: it then holds that job, uncommitted.
  const victim = workers[0]!;
  const killedFile = await new Promise<string>((resolve, reject) => {
    let log = '';
    let taken = 0;
    victim.stderr!.on('data', (d) => {
      log += d;
      for (const line of String(d).split('\n')) {
        const m = /^(.*): taken$/.exec(line);
        if (m && ++taken === 4) {
          victim.kill('SIGKILL');
          resolve(m[1]!);
        }
      }
    });
    victim.on('exit', () => reject(new Error(`the worker exited before its fourth job:\n${log}`)));
  });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const atKill = await client.query(`SELECT state FROM pgboss.job WHERE data->>'file' = $1`, [killedFile]);
    assert.equal(atKill.rows[0]?.state, 'active', 'the killed worker held its job');

    const [killed, ...others] = await Promise.all(results);
    assert.equal(killed!.signal, 'SIGKILL');
    for (const r of others) assert.equal(r.code, 0, r.stderr);

    const jobs = await client.query(`SELECT state, count(*)::int AS n FROM pgboss.job GROUP BY state`);
    assert.deepEqual(jobs.rows, [{ state: 'completed', n: INPUTS }], 'every job completed');
    const retried = await client.query(`SELECT retry_count FROM pgboss.job WHERE data->>'file' = $1`, [killedFile]);
    assert.ok(retried.rows[0].retry_count >= 1, 'the killed job was taken again');

    const stored = await client.query(`SELECT count(*)::int AS inputs, count(DISTINCT content_hash)::int AS distinct_inputs FROM inputs WHERE status = 'done'`);
    assert.deepEqual(stored.rows[0], { inputs: INPUTS, distinct_inputs: INPUTS });
    const stories = await client.query(`SELECT count(*)::int AS stories, count(DISTINCT content_id)::int AS distinct_stories FROM stories`);
    // A story stored twice would show as a second row with the same content id.
    assert.deepEqual(stories.rows[0], { stories: INPUTS * 2, distinct_stories: INPUTS * 2 });
    const incomplete = await client.query(`SELECT i.file FROM inputs i WHERE i.n_stories != (SELECT count(*) FROM stories s WHERE s.input_id = i.id)`);
    assert.deepEqual(incomplete.rows, []);
  } finally {
    await client.end();
    rmSync(dir, { recursive: true, force: true });
  }
});

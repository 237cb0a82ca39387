import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCli } from './runCli.js';

/** Starts `sitrep serve` as a real process and resolves with the address it prints. */
function serve(args: string[]) {
  const child = startCli(['serve', '--port', '0', ...args]);
  const url = new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /at (http:\/\/\S+) /.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`serve exited early with ${code}`)));
  });
  return { child, url };
}

const story = [
  'Militants storm checkpoint in northern town',
  '',
  'KIRKUK, Iraq (Reuters) - Islamic State militants attacked a police checkpoint in the town of Hawija on Tuesday, killing four policemen, a police officer said.',
  '',
  '(Reporting by A. Writer; Editing by B. Editor)',
].join('\n');

test('sitrep serve is read-only by default and ingests over HTTP only when allowed', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-serve-'));
  const db = join(dir, 'serve.db');
  try {
    const ro = serve(['--db', db]);
    const base = await ro.url;
    assert.match(base, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    assert.equal((await fetch(new URL('/api/summary', base))).status, 200);
    const refused = await fetch(new URL('/api/ingest?file=a.txt', base), { method: 'POST', body: story });
    assert.equal(refused.status, 400);
    ro.child.kill('SIGTERM');
    assert.equal(await new Promise((r) => ro.child.once('exit', r)), 0);

    const rw = serve(['--db', db, '--allow-ingest']);
    const url = await rw.url;
    const res = await fetch(new URL('/api/ingest?file=upload.txt', url), { method: 'POST', body: story });
    assert.equal(res.status, 200);
    const body = (await res.json()) as { result: { status: string; stories: number } };
    assert.deepEqual([body.result.status, body.result.stories], ['stored', 1]);
    const again = (await (await fetch(new URL('/api/ingest?file=upload.txt', url), { method: 'POST', body: story })).json()) as { result: { status: string } };
    assert.equal(again.result.status, 'already stored');
    const stories = (await (await fetch(new URL('/api/stories', url))).json()) as { items?: unknown[]; total?: number };
    assert.equal(stories.total ?? stories.items?.length, 1);
    rw.child.kill('SIGTERM');
    await new Promise((r) => rw.child.once('exit', r));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

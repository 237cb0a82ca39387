import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { dispatch } from '../src/cli/dispatch.js';
import { openStore } from '../src/store/Store.js';
import { generateCorpus } from './corpusGenerator.js';

/**
 * Ingest throughput into SQLite: generated dumps written to files, then `sitrep ingest` run
 * in-process (read, segment, every default stage, signatures, one transaction per input).
 * Prints stories/s and peak RSS (the whole process, generator included).
 */
const N_STORIES = Number(process.env.BENCH_STORIES ?? 5000);
// Extraction threads (default: as `sitrep ingest`, one per core).
const WORKERS = process.env.BENCH_WORKERS;
const dir = mkdtempSync(join(tmpdir(), 'sitrep-bench-ingest-'));
const inputs = join(dir, 'inputs');
const db = join(dir, 'bench.db');

const dumps = generateCorpus(N_STORIES, 7);
// Dumps of ~10 stories per input, as the dev corpus has them.
const perInput = Math.max(1, Math.round(N_STORIES / dumps.length));
rmSync(inputs, { recursive: true, force: true });
(await import('node:fs')).mkdirSync(inputs, { recursive: true });
dumps.forEach((text, i) => writeFileSync(join(inputs, `dump_${String(i).padStart(5, '0')}.txt`), text));

const sink = new Writable({ write: (_c, _e, cb) => cb() });
const ctx = { cwd: dir, stdout: sink, stderr: sink, stdin: (async function* () {})(), env: {} };
const t0 = performance.now();
const cpu0 = process.cpuUsage();
const code = await dispatch(ctx, ['ingest', inputs, '--db', db, ...(WORKERS ? ['--workers', WORKERS] : [])]);
const seconds = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;

const store = await openStore(db);
const stats = await store.stats();
await store.close();
const rssMb = process.resourceUsage().maxRSS / 1024;
console.log(`ingest: ${dumps.length} inputs (~${perInput} stories each), exit ${code}`);
console.log(`ingest: ${stats.stories} stories, ${stats.duplicates} duplicates, ${stats.events} events, ${stats.toponyms} toponyms stored`);
console.log(`ingest: ${seconds.toFixed(1)} s, ${(stats.stories / seconds).toFixed(0)} stories/s into SQLite (--workers ${WORKERS ?? 'default'})`);
console.log(`ingest: ${cpuSeconds.toFixed(1)} cpu-s (all threads), ${(stats.stories / cpuSeconds).toFixed(0)} stories/cpu-s`);
console.log(`ingest: peak RSS ${rssMb.toFixed(0)} MB`);
rmSync(dir, { recursive: true, force: true });

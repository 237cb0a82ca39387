import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { sql } from 'kysely';
import { ingestCommand } from '../src/cli/commands/ingest.js';
import { dispatch } from '../src/cli/dispatch.js';
import { sharedPath } from '../src/core/projectPaths.js';
import { controlTimeline } from '../src/consolidate/ControlTimelineBuilder.js';
import type { FusedEvent } from '../src/consolidate/types.js';
import { createSqliteStoreDialect } from '../src/store/dialect/sqlite/SqliteStoreDialect.js';
import { openStore } from '../src/store/Store.js';

/**
 * Consolidation on the dev corpus (read at run time from ../shared, never copied): ingest every
 * dev dump into a temporary SQLite store with `sitrep ingest` (fusion runs inside each input's
 * transaction), then print events before and after fusion, the share of fused events with two
 * or more sources, and the control intervals per place.
 */
const dev = sharedPath('corpus', 'dev');
const files = readdirSync(dev).filter((f) => f.endsWith('.txt')).sort().map((f) => join(dev, f));
const dir = mkdtempSync(join(tmpdir(), 'sitrep-bench-consolidate-'));
const db = join(dir, 'dev.db');

const sink = new Writable({ write: (_c, _e, cb) => cb() });
const ctx = { cwd: dir, stdout: sink, stderr: sink, stdin: (async function* () {})(), env: {} };
const t0 = performance.now();
// Extraction on the main thread: worker threads (where ingest has them) add nothing on 3 inputs.
const inline = 'workers' in ingestCommand.options ? ['--workers', '1'] : [];
const code = await dispatch(ctx, ['ingest', ...files, '--db', db, ...inline]);
const seconds = (performance.now() - t0) / 1000;

const store = await openStore(db);
const stats = await store.stats();
const fused = await store.fused.stats();
const all: FusedEvent[] = [];
for await (const e of store.fused.streamEvents({ includeBackground: true })) all.push(e);
const foreground = all.filter((e) => !e.background);
const timelines = controlTimeline(await store.fused.controlChanges());
await store.close();

// Batch versus incremental: drop the fused records and let the store fuse every event at once
// (what it does for a store from before fusion existed); the result must be the same.
const raw = createSqliteStoreDialect(db);
await sql`DELETE FROM fused_event_sources`.execute(raw.db);
await sql`DELETE FROM fused_events`.execute(raw.db);
await raw.db.destroy();
const again = await openStore(db);
const t1 = performance.now();
const batch = await again.fused.stats();
const batchMs = performance.now() - t1;
const batchIds: string[] = [];
for await (const e of again.fused.streamEvents({ includeBackground: true })) batchIds.push(`${e.id}:${e.sources.length}`);
await again.close();
const sameAsIncremental = JSON.stringify(batchIds) === JSON.stringify(all.map((e) => `${e.id}:${e.sources.length}`));

const pct = (a: number, b: number) => (b === 0 ? '-' : `${((100 * a) / b).toFixed(1)}%`);
const multi = (es: typeof all) => es.filter((e) => e.sources.length >= 2).length;
console.log(`consolidate-dev: ${files.length} inputs, ${stats.stories} stories (${stats.duplicates} duplicates), ingest exit ${code}, ${seconds.toFixed(1)} s`);
console.log(`consolidate-dev: events before fusion ${fused.reports}, after ${fused.fusedEvents} (ratio ${(fused.fusedEvents / Math.max(1, fused.reports)).toFixed(3)})`);
console.log(`consolidate-dev: fused events with >= 2 sources ${fused.multiSource} (${pct(fused.multiSource, fused.fusedEvents)}); ` +
  `excluding background: ${multi(foreground)} of ${foreground.length} (${pct(multi(foreground), foreground.length)})`);
console.log(`consolidate-dev: sources per fused event max ${Math.max(0, ...all.map((e) => e.sources.length))}, ` +
  `fatality disagreements ${all.filter((e) => e.fatalities_disagree).length}`);
console.log(`consolidate-dev: batch re-fusion of all ${batch.reports} events from the db ${batchMs.toFixed(0)} ms -> ${batch.fusedEvents} fused events, ` +
  `${sameAsIncremental ? 'identical to' : 'DIFFERENT from'} the incremental result`);
const intervals = timelines.map((t) => t.intervals.length);
console.log(`consolidate-dev: ${stats.controlChanges} control changes -> ${timelines.length} places, ` +
  `${intervals.reduce((a, b) => a + b, 0)} intervals (mean ${(intervals.reduce((a, b) => a + b, 0) / Math.max(1, timelines.length)).toFixed(2)} per place), ` +
  `${timelines.filter((t) => t.conflicts.length > 0).length} places with conflicts`);
for (const t of timelines) {
  console.log(`  ${t.place} (${t.country ?? '??'}): ${t.intervals.length} intervals, ${t.transitions.reduce((n, tr) => n + tr.sources.length, 0)} reports` +
    `${t.conflicts.length ? `, ${t.conflicts.length} conflicts` : ''}`);
}
rmSync(dir, { recursive: true, force: true });

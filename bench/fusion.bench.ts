/**
 * Fusion throughput: 100,000 synthetic reports generated at run time with realistic clustering
 * (each real event reported 1-8 times: first takes, updates, round-ups with vaguer places and
 * dates; bench/syntheticReports.ts), fused at once (`fuse`) and incrementally in 10 batches
 * (one `EventFuser`). Prints reports/s, peak memory, the fused count against the true count,
 * and how pure/complete the fused events are.
 *
 *   node --import tsx bench/fusion.bench.ts [reports]
 */
import { isDeepStrictEqual } from 'node:util';
import { resourcePath } from '../src/core/projectPaths.js';
import { EventFuser, fuse } from '../src/consolidate/EventFuser.js';
import { loadFusionRules } from '../src/consolidate/FusionRules.js';
import type { FusedEvent } from '../src/consolidate/types.js';
import { syntheticReports } from './syntheticReports.js';

const TARGET = Number(process.argv[2] ?? 100_000);
const rules = loadFusionRules(resourcePath());

const { reports, truth, real } = syntheticReports(TARGET);

const mb = (b: number) => `${(b / 1048576).toFixed(0)} MB`;
// CPU seconds as well as wall time: the machine is shared, so wall time varies with load.
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };

const rssBefore = process.memoryUsage().rss;
const t0 = performance.now();
const c0 = cpu();
const batch = fuse([], reports, rules).events;
const t1 = performance.now();
const c1 = cpu();

// Incremental: one EventFuser kept across batches, as a long-running ingest would.
const fuser = new EventFuser(rules);
const step = Math.ceil(reports.length / 10);
let changed = 0;
const t2 = performance.now();
const c2 = cpu();
for (let i = 0; i < reports.length; i += step) changed += fuser.add(reports.slice(i, i + step)).changed.length;
const inc: FusedEvent[] = fuser.events();
const t3 = performance.now();
const c3 = cpu();

// Quality against the generator's truth: a fused event is pure when all its reports come from
// one real event; a real event is whole when all its reports ended in one fused event.
const homes = new Map<number, Set<string>>();
let pure = 0;
for (const e of batch) {
  const reals = new Set(e.sources.map((s) => truth.get(`${s.storyId}#${s.index}`)!));
  if (reals.size === 1) pure++;
  for (const r of reals) homes.set(r, (homes.get(r) ?? new Set()).add(e.id));
}
const whole = [...homes.values()].filter((h) => h.size === 1).length;
const same = isDeepStrictEqual(inc, batch);

console.log(`fusion bench: ${reports.length} reports of ${real} real events`);
const rate = (secs: number) => Math.round(reports.length / secs);
console.log(`  batch:       ${(t1 - t0).toFixed(0)} ms wall, ${(c1 - c0).toFixed(1)} s CPU; ${rate((t1 - t0) / 1000)} reports/s wall, ${rate(c1 - c0)} per CPU-s -> ${batch.length} fused events`);
console.log(`  incremental: 10 batches in ${(t3 - t2).toFixed(0)} ms wall, ${(c3 - c2).toFixed(1)} s CPU; ${rate((t3 - t2) / 1000)} reports/s wall, ${rate(c3 - c2)} per CPU-s; ${changed} upserts; same result as batch: ${same}`);
console.log(`  peak RSS ${mb(process.resourceUsage().maxRSS * 1024)} (inputs generated: ${mb(rssBefore)}), heap used at end ${mb(process.memoryUsage().heapUsed)}`);
console.log(`  fused events pure (one real event): ${(100 * pure / batch.length).toFixed(1)}%; real events whole (one fused event): ${(100 * whole / real).toFixed(1)}%`);

/**
 * Fusion throughput: 100,000 synthetic reports generated at run time with realistic clustering
 * (each real event reported 1-8 times: first takes, updates, round-ups with vaguer places and
 * dates), fused at once (`fuse`) and incrementally in 10 batches (one `EventFuser`). Prints reports/s, peak memory, the fused
 * count against the true count, and how pure/complete the fused events are.
 *
 *   node --import tsx bench/fusion.bench.ts [reports]
 */
import { isDeepStrictEqual } from 'node:util';
import { EventFuser, fuse } from '../src/consolidate/EventFuser.js';
import { loadFusionRules } from '../src/consolidate/FusionRules.js';
import type { FusedEvent, SourcedEvent } from '../src/consolidate/types.js';
import type { CodedEvent } from '../src/core/types.js';

const TARGET = Number(process.argv[2] ?? 100_000);
const rules = loadFusionRules(new URL('../resources', import.meta.url).pathname);

// Deterministic PRNG (mulberry32) so runs are comparable.
let seed = 20170308;
const rnd = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;

const TYPES = [
  ['Battles', 'Armed clash'], ['Battles', 'Government regains territory'],
  ['Explosions/Remote violence', 'Air/drone strike'], ['Explosions/Remote violence', 'Shelling/artillery/missile attack'],
  ['Explosions/Remote violence', 'Suicide bomb'], ['Explosions/Remote violence', 'Remote explosive/landmine/IED'],
  ['Violence against civilians', 'Attack'], ['Violence against civilians', 'Abduction/forced disappearance'],
  ['Strategic developments', 'Arrests'], ['Protests', 'Peaceful protest'],
] as const;
const ACTORS = ['Islamic State', 'Military Forces of Iraq', 'Military Forces of Syria', 'Syrian Democratic Forces', 'US-led coalition', 'Peshmerga', null];
// 3,000 towns over Iraq and Syria, 60 provinces.
const TOWNS = Array.from({ length: 3000 }, (_, i) => ({
  name: `Town ${i}`, lat: 32 + rnd() * 5, lon: 36 + rnd() * 10, admin1: `Province ${i % 60}`, country: i % 2 ? 'IQ' : 'SY',
}));
const DAY0 = Date.UTC(2016, 0, 1) / 86_400_000;
const iso = (d: number) => new Date(d * 86_400_000).toISOString().slice(0, 10);

const reports: SourcedEvent[] = [];
const truth = new Map<string, number>(); // source key -> real event number
let real = 0;
let story = 0;
while (reports.length < TARGET) {
  const [event_type, sub_event_type] = pick(TYPES);
  const town = pick(TOWNS);
  const day = DAY0 + Math.floor(rnd() * 730);
  const actor1 = pick(ACTORS);
  const killed = rnd() < 0.5 ? Math.floor(rnd() * 30) : null;
  const copies = 1 + Math.min(7, Math.floor(-Math.log(1 - rnd()) * 2)); // geometric-ish, mean ~2.7
  for (let c = 0; c < copies && reports.length < TARGET; c++) {
    const roundup = c > 0 && rnd() < 0.2; // weekly round-up: province-level, week window
    const jitter = roundup ? 0 : (rnd() - 0.5) * 0.02;
    const ev: CodedEvent = {
      rule: 'bench', confidence: 0.5 + rnd() * 0.5, span: { start: 0, end: 80 },
      event_type, sub_event_type,
      actor1: rnd() < 0.15 ? 'Unidentified armed group' : actor1, actor2: null,
      location: roundup ? town.admin1 : town.name, country: town.country, admin1: town.admin1,
      lat: town.lat + jitter, lon: town.lon + jitter, geo_precision: roundup ? 3 : 1,
      date: iso(day), date_earliest: iso(roundup ? day - 3 : day), date_latest: iso(roundup ? day + 3 : day), time_precision: roundup ? 2 : 1,
      fatalities: killed === null ? null : killed + (rnd() < 0.3 ? Math.floor(rnd() * 5) : 0),
      fatalities_min: killed, fatalities_text: null, background: false, evidence: 'synthetic',
    };
    const s: SourcedEvent = { storyId: `story${story++}`, index: 0, pubDate: iso(day + c), event: ev };
    reports.push(s);
    truth.set(`${s.storyId}#0`, real);
  }
  real++;
}

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

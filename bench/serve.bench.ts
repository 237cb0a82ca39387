/**
 * sitrep serve: the dashboard's first screen with 10,000 events, and API latency (p50/p95) of
 * filtered event queries over 100,000 events on loopback. Targets: first screen < 1 s, p95 < 50 ms.
 *
 * The first screen is the event markers on the map, the timeline histogram and the basemap, all
 * drawn (the page marks each, web/src/marks.ts). Cold: a new server process and a new browser
 * (empty cache, no compiled code) for each load; warm: reloads. Each load prints navigation and
 * resource timings and the page's main-thread CPU time, which a loaded machine inflates less.
 * Bounded loops; exits 0.
 *
 *   node --import tsx bench/serve.bench.ts [--first-screen [--profile] | --api]   (needs `npm run build:web` and /usr/bin/chromium)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { startServer } from '../src/server/startServer.js';
import { openDialect } from '../src/store/Store.js';

const TYPES = ['Battles', 'Explosions/Remote violence', 'Violence against civilians', 'Protests', 'Riots', 'Strategic developments'];
const ACTORS = ['Islamic State', 'Military Forces of Iraq', 'Military Forces of Syria', 'Syrian Democratic Forces', 'US-led coalition', 'Police Forces of Iraq', 'Civilians (Iraq)', 'Civilians (Syria)', 'Protesters (Iraq)', 'Unidentified Armed Group'];
const WORDS = ['army', 'militants', 'village', 'shelling', 'convoy', 'checkpoint', 'market', 'bridge', 'airstrike', 'offensive', 'district', 'police'];

/** Deterministic pseudo-random numbers (mulberry32): the same store every run. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;

/**
 * `events` single-source fused events (10 a story) written straight into the store's tables (stories, events,
 * fused_events, fused_event_sources) in one transaction: saveInput fuses each input against the
 * stored events, which at this size takes longer than a benchmark should. The API reads the same
 * tables either way.
 */
async function bulkStore(events: number): Promise<{ path: string; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-serve-bench-'));
  const path = join(dir, 'bench.db');
  const { dialect } = await openDialect(path);
  const db = dialect.db as unknown as import('kysely').Kysely<import('../src/store/FusedEventRepository.js').FusionDatabase>;
  const r = rng(events);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
  await db.transaction().execute(async (trx) => {
    const { id: inputId } = await trx.insertInto('inputs').values({ file: 'bench', content_hash: 'bench', ingested_at: '2020-01-01', status: 'done', error_code: null, error: null, n_stories: events / 10 }).returning('id').executeTakeFirstOrThrow();
    for (let s = 0; s < events / 10; s++) {
      const text = Array.from({ length: 10 }, () => `The ${pick(WORDS)} near the ${pick(WORDS)} was hit.`).join(' ');
      const id = `s${s}`;
      const day = new Date(Date.UTC(2016, 0, 1) + Math.floor(r() * 730) * 86_400_000).toISOString().slice(0, 10);
      await trx.insertInto('stories').values({
        id, content_id: id, input_id: inputId, file: 'bench', n: s + 1, headline: `Story ${s}`, text, offset: null, parts: '{}',
        given_date: null, given_url: null, given_source: null, pub_date: day, pub_date_earliest: day, pub_date_latest: day,
        pub_date_precision: 1, pub_date_basis: 'bench', pub_date_given: 1, duplicate_of: null, on_topic: 1,
      }).execute();
      const rows = Array.from({ length: 10 }, (_, k) => {
        const fatalities = r() < 0.5 ? null : Math.floor(r() ** 3 * 60);
        return {
          event_type: pick(TYPES), sub_event_type: 'Armed clash', actor1: pick(ACTORS), actor2: pick(ACTORS), location: `Place ${Math.floor(r() * 2000)}`,
          country: r() < 0.5 ? 'IQ' : 'SY', admin1: null, lat: 30 + r() * 7, lon: 36 + r() * 12, geo_precision: 1, date: day, date_earliest: day,
          date_latest: day, time_precision: 1, fatalities, fatalities_min: fatalities, background: r() < 0.05 ? 1 : 0, k,
        };
      });
      await trx.insertInto('events').values(rows.map(({ k, ...e }) => ({ ...e, story_id: id, k, rule: 'bench', confidence: 0.8, span_start: 0, span_end: 10, reasons: null, fatalities_text: null, evidence: text.slice(0, 10) }))).execute();
      await trx.insertInto('fused_events').values(rows.map(({ k, ...e }) => ({
        ...e, id: `ev:${id}#${k}`, fatalities_max: e.fatalities, fatalities_disagree: 0, confidence: 0.8, n_sources: 1, n_stories: 1,
        sources_earliest: day, sources_latest: day, fatality_reports: '[]', reasons: '[]',
      }))).execute();
      // The candidate columns fusion reads (the API does not): every report a dated point.
      const dayNumber = Math.floor(Date.parse(day) / 86_400_000);
      await trx.insertInto('fused_event_sources').values(rows.map(({ k, event_type, country }) => ({
        event_id: `ev:${id}#${k}`, story_id: id, k, event_type, anchor: 1, precise: 1, cell: null, country, admin1: '', day_start: dayNumber, day_end: dayNumber,
      }))).execute();
    }
  });
  await dialect.db.destroy();
  return { path, dir };
}

async function apiLatency() {
  const t0 = performance.now();
  const { path, dir } = await bulkStore(100_000);
  console.log(`store: 100,000 events written in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const server = await startServer({ db: path, port: 0 });
  const r = rng(7);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
  // Filters an analyst combines: a type, an actor, a country, a month, a box, a threshold, words.
  const query = () => {
    const p = new URLSearchParams();
    if (r() < 0.5) p.set('type', pick(TYPES));
    if (r() < 0.5) p.set('actor', pick(ACTORS));
    if (r() < 0.3) p.set('country', pick(['IQ', 'SY']));
    if (r() < 0.5) {
      const m = 1 + Math.floor(r() * 12);
      p.set('from', `2016-${String(m).padStart(2, '0')}-01`);
      p.set('to', `2016-${String(m).padStart(2, '0')}-28`);
    }
    if (r() < 0.3) {
      const w = 36 + r() * 9;
      const s = 30 + r() * 5;
      p.set('bbox', `${w.toFixed(2)},${s.toFixed(2)},${(w + 3).toFixed(2)},${(s + 2).toFixed(2)}`);
    }
    if (r() < 0.2) p.set('min_fatalities', String(Math.floor(r() * 20)));
    if (r() < 0.15) p.set('q', pick(WORDS));
    if (r() < 0.3) p.set('sort', pick(['-fatalities', 'date']));
    return `api/events?${p}`;
  };
  for (let i = 0; i < 20; i++) await (await fetch(server.url + query())).text(); // warm-up
  const times: number[] = [];
  const N = 400;
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < N; i++) {
    const t = performance.now();
    const res = await fetch(server.url + query());
    await res.text();
    if (res.status !== 200) throw new Error(`status ${res.status}`);
    times.push(performance.now() - t);
  }
  const cpu = process.cpuUsage(cpu0);
  const unfiltered: number[] = [];
  for (let i = 0; i < 30; i++) {
    const t = performance.now();
    await (await fetch(`${server.url}api/events?limit=100`)).text();
    unfiltered.push(performance.now() - t);
  }
  console.log(`API /api/events, random filter combinations over 100,000 events, ${N} requests on loopback:`);
  console.log(`  p50 ${quantile(times, 0.5).toFixed(1)} ms, p95 ${quantile(times, 0.95).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms (target p95 < 50 ms)`);
  console.log(`  unfiltered first page: p95 ${quantile(unfiltered, 0.95).toFixed(1)} ms`);
  // Less sensitive to a loaded machine than latency: CPU this process spent (server and client).
  console.log(`  CPU per request (server and client, this process): ${((cpu.user + cpu.system) / 1000 / N).toFixed(1)} ms`);
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}

/** The first screen's timings in one page load, in ms since navigation start. */
interface Load {
  /** Marks the dashboard sets (web/src/marks.ts): markers, timeline, basemap, first-screen. */
  marks: Record<string, number>;
  /** Navigation timing: HTML received, DOMContentLoaded (module script run). */
  html: number;
  dcl: number;
  /** Resource timing: name -> [request start, response end, bytes transferred]. */
  resources: Record<string, [number, number, number]>;
  /** CPU time of the page's main thread until the first screen (honest on a loaded machine). */
  mainCpu: number;
  /** With --profile: the page's functions by self time (V8's sampling profiler), ms. */
  profile?: [string, number][];
}

/** Loads the dashboard in `page` and waits for its first screen. */
async function load(page: Page, url: string, profile = false): Promise<Load> {
  const cdp = await page.context().newCDPSession(page);
  // Thread ticks: TaskDuration is then the main thread's CPU time, counted from the navigation.
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  if (profile) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  await page.goto(url);
  await page.waitForFunction(() => performance.getEntriesByName('first-screen', 'mark').length > 0, null, { timeout: 60_000 });
  const { metrics } = await cdp.send('Performance.getMetrics');
  const selfTimes = profile ? selfTime((await cdp.send('Profiler.stop')).profile) : undefined;
  await cdp.detach();
  const mainCpu = Math.round(1000 * (metrics.find((m) => m.name === 'TaskDuration')?.value ?? NaN));
  const timings = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const resources: Record<string, [number, number, number]> = {};
    for (const r of performance.getEntriesByType('resource') as PerformanceResourceTiming[]) {
      resources[r.name.replace(/^https?:\/\/[^/]+\//, '').replace(/-[\w-]{8}\.(js|css)$/, '.$1')] = [Math.round(r.startTime), Math.round(r.responseEnd), r.transferSize];
    }
    const marks = Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, Math.round(m.startTime)]));
    return { marks, html: Math.round(nav.responseEnd), dcl: Math.round(nav.domContentLoadedEventEnd), resources };
  });
  return { ...timings, mainCpu, ...(selfTimes && { profile: selfTimes }) };
}

/** A CPU profile's samples summed by function (name, file, line), largest first. */
function selfTime(p: { nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[]; samples?: number[]; timeDeltas?: number[] }): [string, number][] {
  const byNode = new Map(p.nodes.map((n) => [n.id, n.callFrame]));
  const sums = new Map<string, number>();
  (p.samples ?? []).forEach((id, i) => {
    const f = byNode.get(id)!;
    const name = `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*\//, '')}:${f.lineNumber + 1}`.trim();
    sums.set(name, (sums.get(name) ?? 0) + (p.timeDeltas?.[i + 1] ?? 0) / 1000);
  });
  return [...sums].sort((a, b) => b[1] - a[1]).slice(0, 15).map(([n, ms]) => [n, Math.round(ms)]);
}

const CHROMIUM = {
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
};
const VIEWPORT = { width: 1400, height: 860 };

/**
 * A server in its own, new process (`--serve DB`): a cold start has no JIT-compiled code, no
 * prepared statements and an empty SQLite page cache. Resolves with its URL and the time from
 * spawn to listening.
 */
async function spawnServer(db: string): Promise<{ url: string; startMs: number; modulesMs: number; startServerMs: number; child: ChildProcess }> {
  const t0 = performance.now();
  const self = fileURLToPath(import.meta.url);
  // The server runs as this bench runs: compiled, or from the sources under tsx.
  const child = spawn(process.execPath, [...(self.endsWith('.ts') ? ['--import', 'tsx'] : []), self, '--serve', db], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [url, modulesMs, startServerMs] = await new Promise<[string, number, number]>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /^listening (\S+) (\d+) (\d+)$/m.exec(out);
      if (m) resolve([m[1]!, Number(m[2]), Number(m[3])]);
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { url, startMs: performance.now() - t0, modulesMs, startServerMs, child };
}

const fmt = (l: Load) => {
  const res = Object.entries(l.resources).map(([n, [s, e, b]]) => `${n} ${s}-${e}${b ? ` (${(b / 1024).toFixed(0)} kB)` : ''}`).join(', ');
  const m = l.marks;
  return `first screen ${m['first-screen']} ms (main thread CPU ${l.mainCpu} ms) = markers ${m.markers}, timeline ${m.timeline}, basemap ${m.basemap}; html ${l.html}, DOMContentLoaded ${l.dcl}; ${res}`;
};

/**
 * Cold: a new server process and a new browser (empty cache, no compiled code) for each load. Warm: reloads in the
 * last browser, against the running server. Times are wall clock in the page, from navigation
 * start; the machine is shared, so the load average is printed beside them.
 */
async function firstScreen() {
  const { path, dir } = await bulkStore(10_000);
  const cold: Load[] = [];
  const starts: string[] = [];
  const warm: Load[] = [];
  const COLD = 3;
  for (let i = 0; i < COLD; i++) {
    const server = await spawnServer(path);
    starts.push(`${server.startMs.toFixed(0)} (modules ${server.modulesMs}, startServer ${server.startServerMs})`);
    const browser = await chromium.launch(CHROMIUM);
    const page = await browser.newPage({ viewport: VIEWPORT });
    // A visitor's browser is already running: its start-up is not the dashboard's, its empty cache is.
    await page.goto('about:blank');
    cold.push(await load(page, server.url, i === 0 && process.argv.includes('--profile')));
    if (i === COLD - 1) for (let w = 0; w < 3; w++) warm.push(await load(page, server.url));
    await browser.close();
    server.child.kill();
    await once(server.child, 'exit');
  }
  rmSync(dir, { recursive: true, force: true });
  const first = (ls: Load[]) => ls.map((l) => l.marks['first-screen']!);
  const pts = warm.at(-1)!;
  console.log(`Dashboard first screen (markers, timeline histogram and basemap drawn), 10,000 events, headless Chromium ${VIEWPORT.width}x${VIEWPORT.height}, load ${loadavg()[0]!.toFixed(1)}:`);
  // startServer includes answering the first screen once (files read, queries run and cached).
  console.log(`  server start (new process, spawn to listening, ms): ${starts.join(', ')}`);
  cold.forEach((l, i) => console.log(`  cold ${i + 1}: ${fmt(l)}`));
  if (cold[0]!.profile) console.log(`  cold 1 profile, self time (ms): ${cold[0]!.profile.map(([n, ms]) => `${n} ${ms}`).join('; ')}`);
  console.log(`  warm (last of ${warm.length}): ${fmt(pts)}`);
  const cpu = (ls: Load[]) => quantile(ls.map((l) => l.mainCpu), 0.5);
  console.log(`  cold (new server and browser) median ${quantile(first(cold), 0.5)} ms, max ${Math.max(...first(cold))} ms, main thread CPU median ${cpu(cold)} ms; warm median ${quantile(first(warm), 0.5)} ms, CPU ${cpu(warm)} ms (target < 1000 ms)`);
}

if (process.argv[2] === '--serve') {
  // performance.now() counts from the process's start: modules loaded, then startServer.
  const loaded = performance.now();
  const server = await startServer({ db: process.argv[3]!, port: 0 });
  console.log(`listening ${server.url} ${loaded.toFixed(0)} ${(performance.now() - loaded).toFixed(0)}`);
} else {
  console.log(`load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} on a shared machine`);
  if (!process.argv.includes('--api')) await firstScreen();
  if (!process.argv.includes('--first-screen')) await apiLatency();
}

/**
 * Geoparsing benchmark: the dev corpus (score.mjs's toponym definitions), GeoWebNews and LGL
 * (Gritta et al.), throughput and memory. Prints figures beside Mordecai 3's published ones; exits 0.
 *   node --import tsx bench/geo.bench.ts [--quick] [--dev-only] [--threads]
 * --threads: only starts two threads that load the geoparser viewing one shared copy of the gazetteer
 * file's bytes (as ExtractionPool's threads do), and prints their start-up and the RSS;
 * --threads=own: the same with each thread reading the file itself (run each in its own process).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import type { Article, Span, Toponym } from '../src/core/types.js';
import { noDebug } from '../src/core/types.js';
import { distanceKm } from '../src/places/Gazetteer.js';
import { loadGeoparser } from '../src/places/GeoparserLoader.js';
import { sharedGazetteerBytes } from '../src/places/GazetteerLoader.js';
import { sharedPath } from '../src/core/projectPaths.js';

const SHARED = sharedPath();
const quick = process.argv.includes('--quick');

// ---- threads: the gazetteer read by each thread, or shared ----
/** Starts `n` threads that each load the geoparser (from the shared bytes when given); resolves when
 *  all are ready, with the seconds it took and the process RSS then (threads kept until measured). */
async function geoparserThreads(n: number, gazetteer?: Uint8Array): Promise<{ sec: number; rssMb: number }> {
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const loader = JSON.stringify(new URL('../src/places/GeoparserLoader.ts', import.meta.url).href);
  const code = `const { parentPort, workerData } = require('node:worker_threads');
    import(${tsx}).then((m) => { m.register(); return import(${loader}); })
      .then(({ loadGeoparser }) => parentPort.postMessage(loadGeoparser({ gazetteer: workerData.gazetteer }).index.size));`;
  const t = performance.now();
  const workers = Array.from({ length: n }, () => new Worker(code, { eval: true, workerData: { gazetteer } }));
  await Promise.all(workers.map((w) => new Promise((ok, fail) => { w.once('message', ok); w.once('error', fail); })));
  const out = { sec: (performance.now() - t) / 1000, rssMb: process.memoryUsage().rss / 2 ** 20 };
  await Promise.all(workers.map((w) => w.terminate()));
  return out;
}

const threads = process.argv.find((a) => a.startsWith('--threads'));
if (threads) {
  const before = process.memoryUsage().rss / 2 ** 20;
  const own = threads === '--threads=own';
  const t = performance.now();
  const bytes = own ? undefined : sharedGazetteerBytes();
  const readMs = performance.now() - t;
  const r = await geoparserThreads(2, bytes);
  console.log(`== two threads loading the geoparser, ${own ? 'each reading the gazetteer file' : `viewing one shared read of it (${readMs.toFixed(0)} ms)`} ==`);
  console.log(`ready after ${r.sec.toFixed(2)} s; process rss ${before.toFixed(0)} MB before, ${r.rssMb.toFixed(0)} MB with both threads`);
  process.exit(0);
}

const t0 = performance.now();
const geo = loadGeoparser();
const loadMs = performance.now() - t0;
const rssMb = process.memoryUsage().rss / 2 ** 20;
const heapMb = process.memoryUsage().heapUsed / 2 ** 20;

function article(text: string, n: number, extra: Partial<Article> = {}): Article {
  return { id: String(n), file: 'bench', n, offset: 0, text, headline: null, captions: [], byline: null, dateline: [], paragraphs: [], credits: null, given: {}, ...extra };
}

const plain = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/[‘’'"“”`]/g, '').toLowerCase().trim();
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

// ---- dev corpus: gold toponyms per story, one entry per distinct surface form ----
interface GoldToponym { text: string; lat: number | null; lon: number | null }
interface GoldArticle { headline: string; toponyms: GoldToponym[] }

function devArticles(): { art: Article; gold: GoldToponym[] }[] {
  const dir = join(SHARED, 'corpus', 'dev');
  const out: { art: Article; gold: GoldToponym[] }[] = [];
  for (const g of readdirSync(dir).filter((f) => f.endsWith('.gold.json'))) {
    const gold = JSON.parse(readFileSync(join(dir, g), 'utf8')) as { file: string; articles: GoldArticle[] };
    const dump = readFileSync(join(dir, gold.file ?? readdirSync(dir).find((f) => f.startsWith(g.slice(0, 3)) && f.endsWith('.txt'))!), 'utf8');
    // the bench's own minimal segmentation: a story runs from its headline line to the next one
    let from = 0;
    const starts = gold.articles.map((a) => {
      const at = dump.indexOf(a.headline, from);
      from = at < 0 ? from : at + 1;
      return at;
    });
    gold.articles.forEach((a, k) => {
      const s = starts[k]!;
      if (s < 0) return;
      const e = starts.slice(k + 1).find((x) => x > s) ?? dump.length;
      const text = dump.slice(s, e);
      const dateline: { text: string; span: Span }[] = [];
      const dm = /^(.*?)[ \t]*\(Reuters\)/m.exec(text);
      if (dm && dm[1]!.length < 80) {
        let off = dm.index;
        for (const part of dm[1]!.split(/[/,]/)) {
          const p = part.trim();
          const at = text.indexOf(p, off);
          if (p && at >= 0) dateline.push({ text: p, span: { start: at, end: at + p.length } });
          off = at + p.length;
        }
      }
      const cr = /^\(?(Reporting|Writing|Additional reporting)[^\n]*/m.exec(text);
      const credits = cr ? { text: cr[0], span: { start: cr.index, end: cr.index + cr[0].length }, people: [] } : null;
      const by = /^By [^\n]*/m.exec(text);
      const byline = by ? { text: by[0], span: { start: by.index, end: by.index + by[0].length } } : null;
      const headline = { text: a.headline, span: { start: 0, end: a.headline.length } };
      out.push({ art: article(text, k + 1, { file: g.slice(0, 3), headline, dateline, credits, byline }), gold: a.toponyms });
    });
  }
  return out;
}

function scoreDev() {
  const stories = devArticles();
  let gold = 0, found = 0, sys = 0, sysHit = 0, acc = 0;
  const misses: string[] = [];
  const fps: string[] = [];
  const far: string[] = [];
  for (const { art, gold: g } of stories) {
    const tops = geo.parse(art, noDebug);
    const bySurface = new Map<string, Toponym>();
    for (const t of tops) if (!bySurface.has(plain(t.text))) bySurface.set(plain(t.text), t);
    const goldForms = new Map<string, GoldToponym>();
    for (const t of g) if (!goldForms.has(plain(t.text))) goldForms.set(plain(t.text), t);
    gold += goldForms.size;
    sys += bySurface.size;
    for (const [k, gt] of goldForms) {
      const s = bySurface.get(k);
      if (!s) {
        misses.push(`${art.file}/${art.n}:${gt.text}`);
        continue;
      }
      found++;
      if (gt.lat !== null && gt.lon !== null && s.lat !== null && s.lon !== null && distanceKm(gt.lat, gt.lon, s.lat, s.lon) <= 161) acc++;
      else far.push(`${art.file}/${art.n}:${gt.text}->${s.name}/${s.country} (${gt.lat},${gt.lon} vs ${s.lat},${s.lon})`);
    }
    for (const k of bySurface.keys()) if (goldForms.has(k)) sysHit++; else fps.push(`${art.file}/${art.n}:${bySurface.get(k)!.text}`);
  }
  console.log('\n== dev corpus (score.mjs definitions: distinct surface forms per story) ==');
  console.log(`stories ${stories.length}  gold toponyms ${gold}  system ${sys}`);
  console.log(`recall ${pct(found / gold)}  precision ${pct(sysHit / sys)}  acc@161 of gold ${pct(acc / gold)}  (targets: acc@161 >= 90%, precision >= 85%)`);
  if (process.argv.includes('--explain')) {
    console.log('missed:', misses.join(' | '));
    console.log('false positives:', fps.join(' | '));
    console.log('found but > 161 km:', far.join(' | '));
  }
  return stories;
}

// ---- GeoWebNews and LGL ----
/** `plain`: not a modifier, demonym or name embedded in another name (GWN's types; LGL has none) —
 *  the toponyms sitrep's own convention asks for ("Russian hackers", "U.S. officials" and "the New
 *  York Times" name no place of their own there). */
interface XmlGold { span: Span; lat: number; lon: number; plain?: boolean }
interface XmlDoc { text: string; gold: XmlGold[]; ignore: Span[] }

const tag = (s: string, t: string) => {
  const m = new RegExp(`<${t}>([\\s\\S]*?)</${t}>`).exec(s);
  return m ? m[1]!.replace(/^<!\[CDATA\[|\]\]>$/g, '') : null;
};
const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

function readGwn(file: string): XmlDoc[] {
  const xml = readFileSync(file, 'utf8');
  return [...xml.matchAll(/<article[^>]*>([\s\S]*?)<\/article>/g)].map((m) => {
    const a = m[1]!;
    const text = unescape(tag(a, 'text') ?? '');
    const gold: XmlGold[] = [];
    const ignore: Span[] = [];
    for (const t of a.matchAll(/<toponym>([\s\S]*?)<\/toponym>/g)) {
      const x = t[1]!;
      const span = { start: Number(tag(x, 'start')), end: Number(tag(x, 'end')) };
      const lat = Number(tag(x, 'latitude'));
      const lon = Number(tag(x, 'longitude'));
      const type = tag(x, 'type') ?? '';
      // Gritta et al.: Literal, Literal_Modifier, Metonymic, Mixed, Embedded_* are toponyms with
      // coordinates; Homonym, Non_Toponym, Noun/Adjective modifiers are not scored as errors either way
      if (tag(x, 'latitude') && Number.isFinite(lat) && !/Non_Toponym|Homonym/.test(type)) gold.push({ span, lat, lon, plain: !/Modifier|Embedded|Demonym/.test(type) });
      else ignore.push(span);
    }
    return { text, gold, ignore };
  });
}

function readLgl(file: string): XmlDoc[] {
  const xml = readFileSync(file, 'utf8');
  return [...xml.matchAll(/<article [^>]*>([\s\S]*?)<\/article>/g)].map((m) => {
    const a = m[1]!;
    const text = unescape(tag(a, 'text') ?? '');
    const gold: XmlGold[] = [];
    for (const t of a.matchAll(/<toponym>([\s\S]*?)<\/toponym>/g)) {
      const x = t[1]!;
      const lat = tag(x, 'lat');
      if (lat === null) continue;
      gold.push({ span: { start: Number(tag(x, 'start')), end: Number(tag(x, 'end')) }, lat: Number(lat), lon: Number(tag(x, 'lon')) });
    }
    return { text, gold, ignore: [] };
  });
}

function scoreXml(name: string, docs: XmlDoc[], mordecai: number) {
  let gold = 0, sys = 0, exact = 0, overlapGold = 0, overlapSys = 0, acc = 0, accE2e = 0, accSpans = 0, plainGold = 0, plainFound = 0;
  const t = performance.now();
  docs.forEach((d, i) => {
    const tops = geo.parse(article(d.text, i + 1), noDebug);
    const ov = (a: Span, b: Span) => a.start < b.end && b.start < a.end;
    const scored = tops.filter((x) => !d.ignore.some((s) => ov(s, x.span)));
    gold += d.gold.length;
    sys += scored.length;
    // the story's leading country, the hint a span-given resolution gets
    const counts = new Map<string, number>();
    for (const x of tops) if (x.country) counts.set(x.country, (counts.get(x.country) ?? 0) + 1);
    const lead = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
    for (const g of d.gold) {
      const hit = scored.find((x) => ov(x.span, g.span));
      const given = hit ?? geo.resolve(d.text.slice(g.span.start, g.span.end), lead ? { country: lead } : undefined);
      if (given && given.lat !== null && given.lon !== null && distanceKm(g.lat, g.lon, given.lat, given.lon) <= 161) accSpans++;
      if (g.plain) plainGold++;
      if (!hit) continue;
      if (g.plain) plainFound++;
      overlapGold++;
      if (hit.span.start === g.span.start && hit.span.end === g.span.end) exact++;
      if (hit.lat !== null && hit.lon !== null && distanceKm(g.lat, g.lon, hit.lat, hit.lon) <= 161) acc++;
    }
    for (const x of scored) if (d.gold.some((g) => ov(x.span, g.span))) overlapSys++;
  });
  accE2e = acc / gold;
  const ms = performance.now() - t;
  const p = overlapSys / sys;
  const r = overlapGold / gold;
  console.log(`\n== ${name}: ${docs.length} articles, ${gold} gold toponyms with coordinates ==`);
  console.log(`recognition (overlapping spans): precision ${pct(p)}  recall ${pct(r)}  F1 ${pct((2 * p * r) / (p + r))}; exact-span recall ${pct(exact / gold)}`);
  if (plainGold > 0) console.log(`recall of ${plainGold} toponyms that are not modifiers, demonyms or embedded in other names: ${pct(plainFound / plainGold)}`);
  // Mordecai 3's figures score resolution, as Gritta et al. recommend: over the gold toponyms a system
  // recognised (or was given); end-to-end also charges every recognition miss
  console.log(`acc@161 (Mordecai 3 published: ${mordecai}%): of recognised gold ${pct(acc / overlapGold)}; with gold spans given ${pct(accSpans / gold)}; end-to-end of all gold ${pct(accE2e)}`);
  console.log(`throughput ${(docs.length / (ms / 1000)).toFixed(0)} articles/s (${(ms / docs.length).toFixed(2)} ms each)`);
}

const stories = scoreDev();
const gwn = join(SHARED, 'benchmarks', 'geo', 'GWN.xml');
const lgl = join(SHARED, 'benchmarks', 'geo', 'lgl.xml');
const devOnly = process.argv.includes('--dev-only');
if (!devOnly && existsSync(gwn)) scoreXml('GeoWebNews', readGwn(gwn), 94.1);
if (!devOnly && existsSync(lgl)) scoreXml('LGL', readLgl(lgl), 82.7);

// throughput on the dev stories (wire copy, ~3-5 KB each), one core
const arts = stories.map((s) => s.art);
const rounds = quick ? 10 : 50;
// CPU time, not wall time: the machine is shared, and one core's work is what the target counts
// the best round too: on a shared machine it is the closest to an uncontended core
const cpu = process.cpuUsage();
const ts = performance.now();
let bestRound = Infinity;
for (let r = 0; r < rounds; r++) {
  const t = performance.now();
  for (const a of arts) geo.parse(a, noDebug);
  bestRound = Math.min(bestRound, performance.now() - t);
}
const sec = (performance.now() - ts) / 1000;
const cpuSec = process.cpuUsage(cpu).user / 1e6;
console.log(`\n== speed and memory ==`);
console.log(`dev stories: ${((rounds * arts.length) / cpuSec).toFixed(0)} stories/s per CPU-second, best round ${(arts.length / (bestRound / 1000)).toFixed(0)}/s (wall ${((rounds * arts.length) / sec).toFixed(0)}/s) (target >= 2,000)`);
console.log(`gazetteer load ${loadMs.toFixed(0)} ms; ${geo.index.size} places, ${geo.index.trie.size} names; rss after load ${rssMb.toFixed(0)} MB, heap ${heapMb.toFixed(0)} MB (target < 500 MB)`);


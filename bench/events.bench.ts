/**
 * Events on the dev set, with ORACLE inputs so the figures measure the events stage alone:
 * - places: the GOLD toponyms, found by their surface text in each article (oracle places);
 * - publication dates: the GOLD pub dates and windows (oracle anchors).
 * Articles come from the real dump segmenter. The system JSON is written to a temp file and
 * scored by ../shared/tools/score.mjs (events and control lines), then throughput is measured.
 * usage: node --import tsx bench/events.bench.ts [--dump]   (--dump prints every coded item)
 */
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { sharedPath } from '../src/core/projectPaths.js';
import { segmentDump } from '../src/segment/DumpSegmenter.js';
import type { Article, PubDate, Toponym } from '../src/core/types.js';
import { noDebug } from '../src/core/types.js';
import { createEventStage } from '../src/events/EventStage.js';
import { loadActors, loadOnTopicLexicon, loadTriggerLexicon } from '../src/events/loadEventResources.js';

const SHARED = sharedPath();
const DEV = join(SHARED, 'corpus', 'dev');
const SETS = [['000_8b450ada6105e3a8.txt', '000.gold.json'], ['001_987d3f0599e5a954.txt', '001.gold.json'], ['003_2c923a2d59d24b56.txt', '003.gold.json']] as const;

interface GoldArticle { n: number; headline: string; pub_date: string; pub_date_earliest: string; pub_date_latest: string;
  toponyms: { text: string; name: string; kind: Toponym['kind']; country: string; admin1: string | null; lat: number; lon: number }[] }

const stage = createEventStage({ actors: loadActors(), triggers: loadTriggerLexicon(), onTopic: loadOnTopicLexicon() });
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Oracle places: every occurrence of every gold toponym's surface text in the article. */
function oracleToponyms(a: Article, g: GoldArticle): Toponym[] {
  const out: Toponym[] = [];
  for (const t of g.toponyms) {
    const re = new RegExp(`(?<![\\w])${esc(t.text)}(?![\\w])`, 'g');
    for (const m of a.text.matchAll(re)) {
      if (out.some((o) => o.span.start < m.index + t.text.length && m.index < o.span.end)) continue;
      out.push({ text: t.text, name: t.name, kind: t.kind, country: t.country, admin1: t.admin1, lat: t.lat, lon: t.lon, geonameId: null,
        rule: 'oracle.gold', confidence: 1, span: { start: m.index, end: m.index + t.text.length } });
    }
  }
  return out;
}

const inputs: { article: Article; pubDate: PubDate | null; toponyms: Toponym[] }[] = [];
for (const [dump, goldFile] of SETS) {
  const gold = JSON.parse(readFileSync(join(DEV, goldFile), 'utf8')).articles as GoldArticle[];
  const articles = segmentDump(readFileSync(join(DEV, dump), 'utf8'), dump);
  for (const a of articles) {
    const g = gold.find((x) => x.headline.trim() === a.headline?.text.trim()) ?? gold[a.n - 1];
    if (!g) continue;
    const pubDate: PubDate = { date: g.pub_date, earliest: g.pub_date_earliest, latest: g.pub_date_latest, precision: 1, basis: 'oracle: gold', confidence: 1, given: false };
    inputs.push({ article: a, pubDate, toponyms: oracleToponyms(a, g) });
  }
}

const dump = process.argv.includes('--dump');
const articlesJson = inputs.map((inp) => {
  const out = stage(inp, noDebug);
  if (dump) {
    console.log(`## ${inp.article.file} ${inp.article.n} ${inp.article.headline?.text}`);
    for (const e of out.events) console.log(`  E ${e.sub_event_type} | ${e.actor1} | ${e.actor2} | ${e.location} ${e.geo_precision} | ${e.date} ${e.time_precision} | ${e.fatalities}${e.background ? ' BG' : ''} :: ${e.evidence.slice(0, 110)}`);
    for (const c of out.controlChanges) console.log(`  C ${c.place} | ${c.from_actor} -> ${c.to_actor} ${c.date}${c.background ? ' BG' : ''} :: ${c.evidence.slice(0, 110)}`);
  }
  return { file: inp.article.file, n: inp.article.n, headline: inp.article.headline?.text ?? '', on_topic: out.onTopic,
    events: out.events, control_changes: out.controlChanges };
});
const sysFile = join(mkdtempSync(join(tmpdir(), 'sitrep-events-')), 'system.json');
writeFileSync(sysFile, JSON.stringify({ articles: articlesJson }));
const golds = SETS.map(([, g]) => join(DEV, g)).join(',');
const scored = JSON.parse(execFileSync('node', [join(SHARED, 'tools', 'score.mjs'), golds, sysFile, '--json'], { encoding: 'utf8' }));
const f = (v: number) => v.toFixed(3);
console.log(`events bench (ORACLE places = gold toponyms, ORACLE pub dates = gold), ${inputs.length} stories, system JSON: ${sysFile}`);
console.log(`  aligned ${scored.articles.aligned}/${scored.articles.gold}, on_topic acc ${f(scored.on_topic.accuracy)}`);
const e = scored.events;
console.log(`  events:  gold ${e.gold} system ${e.system} matched ${e.matched}  P ${f(e.precision)} R ${f(e.recall)} F1 ${f(e.f1)}`);
console.log(`           sub_type acc ${f(e.sub_type_acc)}  actor1 acc ${f(e.actor1_acc)}  fatalities acc ${f(e.fatalities_exact)} (n=${e.fatalities_n})  date exact ${f(e.date_exact)}  geo50 ${f(e.geo50)}`);
const c = scored.control;
console.log(`  control: gold ${c.gold} system ${c.system} matched ${c.matched}  P ${f(c.precision)} R ${f(c.recall)} F1 ${f(c.f1)}`);

// throughput: the events stage alone (segmentation and places excluded), warm. The machine is
// shared, so the figure is the best of five batches, each timed by the process's CPU time
const ROUNDS = 10;
for (const inp of inputs) stage(inp, noDebug);
let best = Infinity;
for (let k = 0; k < 5; k++) {
  const c0 = process.cpuUsage();
  for (let r = 0; r < ROUNDS; r++) for (const inp of inputs) stage(inp, noDebug);
  const cpu = process.cpuUsage(c0);
  best = Math.min(best, (cpu.user + cpu.system) / 1e6 / (ROUNDS * inputs.length));
}
console.log(`  throughput: ${Math.round(1 / best)} stories/s = ${(best * 1e3).toFixed(3)} ms/story (events stage, one core, best of 5 by CPU time), heap ${Math.round(process.memoryUsage().heapUsed / 1e6)} MB`);

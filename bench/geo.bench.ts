/**
 * Geoparsing benchmark: the dev corpus (score.mjs's toponym definitions), GeoWebNews and LGL
 * (Gritta et al.), throughput and memory. Prints figures beside Mordecai 3's published ones; exits 0.
 *   node --import tsx bench/geo.bench.ts [--quick] [--dev-only] [--threads] [--causes [--explain]]
 * --causes: GWN and LGL only; classifies every resolution error > 161 km and every recognition miss
 * into causes (resources/places/README.md, "Against Mordecai 3 on GWN and LGL"); with --explain,
 * lists each error under its cause.
 * --threads: only starts two threads that load the geoparser viewing one shared copy of the gazetteer
 * file's bytes (as ExtractionPool's threads do), and prints their start-up and the RSS;
 * --threads=own: the same with each thread reading the file itself (run each in its own process).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import type { Article, Span, Toponym } from '../src/core/types.js';
import type { Place } from '../src/places/Gazetteer.js';
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
  // Threads load the loader as this bench runs: compiled, or from the sources under tsx.
  const fromSources = import.meta.url.endsWith('.ts');
  const loader = JSON.stringify(new URL(`../src/places/GeoparserLoader.${fromSources ? 'ts' : 'js'}`, import.meta.url).href);
  const register = fromSources ? `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((m) => m.register())` : 'Promise.resolve()';
  const code = `const { parentPort, workerData } = require('node:worker_threads');
    ${register}.then(() => import(${loader}))
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
interface XmlGold {
  span: Span; lat: number; lon: number; plain?: boolean;
  /** GWN's annotation type ("Literal", "Demonym", ...). */
  type?: string;
  /** LGL's GeoNames sense: feature class.code ("A.ADM2"), id and first-level division name. */
  fcode?: string; geonameId?: number; admin1?: string;
}
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
      if (tag(x, 'latitude') && Number.isFinite(lat) && !/Non_Toponym|Homonym/.test(type)) gold.push({ span, lat, lon, plain: !/Modifier|Embedded|Demonym/.test(type), type });
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
      const gid = /geonameid="(\d+)"/.exec(x);
      gold.push({
        span: { start: Number(tag(x, 'start')), end: Number(tag(x, 'end')) }, lat: Number(lat), lon: Number(tag(x, 'lon')),
        fcode: `${tag(x, 'fclass') ?? '?'}.${tag(x, 'fcode') ?? '?'}`, geonameId: gid ? Number(gid[1]) : undefined, admin1: tag(x, 'admin1') ?? undefined,
      });
    }
    return { text, gold, ignore: [] };
  });
}

/** One gold toponym as the system saw it: the doc, the overlapping system toponym if any, and the
 *  doc's other resolved toponyms (the context a resolution had). */
interface Outcome { doc: XmlDoc; gold: XmlGold; hit: Toponym | undefined; others: Toponym[] }

function scoreXml(name: string, docs: XmlDoc[], mordecai: number, outcomes?: Outcome[]) {
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
      outcomes?.push({ doc: d, gold: g, hit, others: tops.filter((x) => x !== hit) });
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

// ---- --causes: why each gold toponym was missed or resolved > 161 km away ----
const AREA_KINDS = new Set(['country', 'admin1', 'district', 'region']);

/** The nearest gazetteer point (city, town, village, admin area) to a coordinate: a 1-degree grid. */
function reverseGeocoder(): (lat: number, lon: number) => Place | null {
  const grid = new Map<number, number[]>();
  const cell = (la: number, lo: number) => (Math.floor(la) + 90) * 400 + Math.floor(lo) + 180;
  for (let i = 0; i < geo.index.size; i++) {
    const p = geo.index.place(i);
    if (p.points || !p.country) continue;
    const k = cell(p.lat, p.lon);
    const c = grid.get(k);
    if (c) c.push(i); else grid.set(k, [i]);
  }
  return (lat, lon) => {
    let best: Place | null = null;
    let bestD = Infinity;
    for (let r = 0; r <= 3 && !best; r++) {
      for (let a = -r; a <= r; a++) for (let b = -r; b <= r; b++) {
        for (const i of grid.get(cell(lat + a, lon + b)) ?? []) {
          const p = geo.index.place(i);
          const d = distanceKm(lat, lon, p.lat, p.lon);
          if (d < bestD) { bestD = d; best = p; }
        }
      }
    }
    return best;
  };
}

/** Streets, buildings and natural features: rows the city packages do not carry. */
const FEATURE_WORD = /\b(?:street|st|avenue|ave|road|rd|boulevard|highway|bridge|church|chapel|cathedral|hospital|school|university|college|airport|station|park|square|lagoon|lake|river|creek|mountain|mount|hill|bay|island|beach|conservation|forest|canyon|valley|falls|ocean|sea|gulf)\b/i;

/** "Athens, Ga.", "Springfield, Illinois", "Paris, Texas": a qualifier right after the name. */
const QUALIFIER = /^\s*,\s*((?:\p{Lu}[\p{L}.]*)(?: \p{Lu}[\p{L}.]*)?)/u;

/**
 * Sorts every gold toponym that was not resolved within 161 km into one cause (the first that
 * applies, in the order printed), and every one not recognised into a recognition cause.
 */
function causes(name: string, outcomes: Outcome[]): void {
  const near = reverseGeocoder();
  const explain = process.argv.includes('--explain');
  const inGaz = new Set<number>();
  for (let i = 0; i < geo.index.size; i++) { const id = geo.index.place(i).geonameId; if (id) inGaz.add(id); }
  const res = new Map<string, { n: number; notPlain: number; spanDiff: number; lines: string[] }>();
  const rec = new Map<string, { n: number; notPlain: number; lines: string[] }>();
  let resolved = 0, errors = 0, missed = 0, contested = 0, contestedWon = 0;
  const put = (cause: string, o: Outcome, line: string) => {
    const e = res.get(cause) ?? { n: 0, notPlain: 0, spanDiff: 0, lines: [] };
    e.n++;
    if (o.gold.plain === false) e.notPlain++;
    if (o.hit && plain(o.hit.text) !== plain(o.doc.text.slice(o.gold.span.start, o.gold.span.end))) e.spanDiff++;
    e.lines.push(line);
    res.set(cause, e);
  };
  for (const o of outcomes) {
    const { doc, gold: g, hit } = o;
    const surface = doc.text.slice(g.span.start, g.span.end);
    const goldAt = `(${g.lat.toFixed(2)},${g.lon.toFixed(2)}${g.fcode ? ` ${g.fcode}` : ''}${g.admin1 ? ` ${g.admin1}` : ''}${g.type ? ` ${g.type}` : ''})`;
    if (!hit) {
      missed++;
      const known = geo.index.lookup(surface).length > 0;
      const before = doc.text.slice(Math.max(0, g.span.start - 30), g.span.start);
      const after = doc.text.slice(g.span.end, g.span.end + 30);
      const demonym = geo.index.demonyms.has(surface) || geo.index.demonyms.has(surface.replace(/s$/, '')) || /(?:an|ian|ese|ish|i)s?$/.test(surface) && !known;
      const embedded = /^ +(?:\p{Lu}|of \p{Lu})/u.test(after) || /\p{Lu}[\p{L}.]* +$/u.test(before);
      const cause = g.plain === false ? 'GWN modifier, demonym or embedded name (not plain)'
        : demonym ? 'a demonym or adjective ("American", "Palestinians") the gold tags as a toponym'
          : /\.$|^\p{Lu}{2}$/u.test(surface) ? 'an abbreviation ("W.Va.", "S.C.", "U.S.")'
            : embedded ? `inside a longer proper name ("Texas Department of ...", "Dublin City Council"), ${known ? 'name in gazetteer' : 'name not in gazetteer'}`
              : known ? 'name in gazetteer, not recognised' : 'name not in gazetteer';
      const e = rec.get(cause) ?? { n: 0, notPlain: 0, lines: [] };
      e.n++;
      e.lines.push(`${surface} ${goldAt}`);
      rec.set(cause, e);
      continue;
    }
    resolved++;
    const dist = hit.lat === null || hit.lon === null ? Infinity : distanceKm(g.lat, g.lon, hit.lat, hit.lon);
    // how often a right sense we hold wins against a larger namesake: the likely fate of the small
    // senses a fuller gazetteer would add
    const held = geo.index.lookup(surface).map((r) => geo.index.place(r));
    const rightHeld = held.find((p) => !p.points && distanceKm(g.lat, g.lon, p.lat, p.lon) <= 161);
    if (rightHeld && held.some((p) => p.population > rightHeld.population && distanceKm(g.lat, g.lon, p.lat, p.lon) > 161)) {
      contested++;
      if (dist <= 161) contestedWon++;
    }
    if (dist <= 161) continue;
    errors++;
    const line = `"${surface}"${plain(hit.text) !== plain(surface) ? ` [ours "${hit.text}"]` : ''} -> ${hit.name}/${hit.country}/${hit.kind} ${dist === Infinity ? 'no point' : `${dist.toFixed(0)} km`} off gold ${goldAt}`;
    const gp = near(g.lat, g.lon);
    const rows = [...new Set([...geo.index.lookup(surface), ...geo.index.lookup(hit.text)])];
    const places = rows.map((r) => geo.index.place(r));
    // an area holds the gold point when the gold point's nearest place lies in it (our admin points
    // are the mean of their places, GeoNames' are not)
    const holds = (p: Place) => !!gp && ((p.kind === 'country' && p.country === gp.country) || (p.kind === 'admin1' && !!p.admin1Code && p.admin1Code === gp.admin1Code));
    const right = places.filter((p) => holds(p) || distanceKm(g.lat, g.lon, ...(nearestPoint(p, g.lat, g.lon))) <= 161)
      .sort((a, b) => b.population - a.population)[0];
    // an area resolved to its own point, the gold to another point inside it
    if (AREA_KINDS.has(hit.kind) && gp && gp.country === hit.country && (hit.kind === 'country' || !hit.admin1 || gp.admin1 === hit.admin1 || hit.kind === 'region')) {
      put(`convention: area (${hit.kind === 'country' ? 'country' : 'admin area or region'}) whose gold point is elsewhere inside it`, o, `${line} [gold point near ${gp.name}/${gp.country}]`);
      continue;
    }
    // a continent, ocean or region we hold under that name, at another of its points
    if ((hit.kind === 'region' || hit.kind === 'other' || hit.kind === 'river') && plain(hit.name).includes(plain(surface))) {
      put('convention: continent, sea or region whose gold point is elsewhere inside it', o, line);
      continue;
    }
    if (FEATURE_WORD.test(surface)) {
      put('name not in gazetteer: a street, building or natural feature (no such rows in the packages)', o, line);
      continue;
    }
    if (rows.length === 0) {
      put('name not in gazetteer (resolved through a misspelling, a cue or a part)', o, line);
      continue;
    }
    if (!right) {
      const cls = g.fcode ? (g.fcode.startsWith('A.ADM2') ? 'a county or parish' : g.fcode.startsWith('P.') ? 'a populated place' : g.fcode.startsWith('A.') ? `an admin area (${g.fcode})` : `a feature (${g.fcode})`) : gp && gp.country === 'US' ? 'in the US' : 'outside the US';
      const where = g.geonameId && inGaz.has(g.geonameId) ? ', which we hold under another name' : '';
      put(`right sense missing: gold is ${cls}${where}`, o, `${line} [nearest ${gp?.name}/${gp?.country}]`);
      continue;
    }
    const after = doc.text.slice(g.span.end, g.span.end + 40);
    const q = QUALIFIER.exec(after)?.[1];
    const adm1 = right.admin1Code ? geo.index.admin1.get(right.admin1Code)?.name : undefined;
    const qualifies = q && (q.endsWith('.') || /^\p{Lu}{2}$/u.test(q) || (adm1 && plain(adm1).startsWith(plain(q).slice(0, 4))) || plain(geo.index.countries.get(right.country!)?.name ?? '') === plain(q));
    const inCountry = (cc: string | null) => o.others.filter((x) => x.country === cc).length;
    const inAdmin1 = (a: string | null) => (a ? o.others.filter((x) => x.admin1 === a && x.name !== a).length : 0);
    const contextFavoured = right.country !== hit.country ? inCountry(right.country) > inCountry(hit.country) : inAdmin1(right.admin1) > inAdmin1(hit.admin1);
    const ours = places.find((p) => p.lat === hit.lat && p.lon === hit.lon);
    const why = `${line} [right: ${right.name}/${right.country}/${right.admin1 ?? '-'} pop ${right.population}; ours pop ${ours?.population ?? '?'}]`;
    if (hit.kind === 'site' && plain(hit.text) !== plain(surface)) put('wrong span: a facility word joined to the name ("X County Road"), placed at the story\'s focus', o, why);
    else if (qualifies) put('wrong sense: "X, State" qualifier after the name not used', o, `${why} [after "${q}"]`);
    else if (ours && plain(ours.name) !== plain(surface) && plain(right.name) === plain(surface)) put('wrong sense: a candidate not spelled as the text (vowel-blind key or alternate name: Maryvale for "Maryville") beat one that is', o, why);
    else if (contextFavoured) put('wrong sense: the story\'s other places pointed to the right one', o, why);
    else if (right.kind === 'country' || right.kind === 'admin1' || hit.kind === 'country' || hit.kind === 'admin1') put('wrong sense: country or state vs a place of the same name', o, why);
    else if (right.country !== hit.country) put('wrong sense, no context for it: a better-known namesake abroad (population prior)', o, why);
    else put('wrong sense, no context for it: a better-known namesake in the same country (population prior)', o, why);
  }
  const show = (m: Map<string, { n: number; notPlain?: number; spanDiff?: number; lines: string[] }>, total: number) => {
    for (const [k, e] of [...m].sort((a, b) => b[1].n - a[1].n)) {
      const extra = [e.notPlain ? `${e.notPlain} not plain` : '', e.spanDiff ? `${e.spanDiff} our span differs` : ''].filter(Boolean).join(', ');
      console.log(`  ${String(e.n).padStart(5)}  ${pct(e.n / total).padStart(6)}  ${k}${extra ? ` (${extra})` : ''}`);
      if (explain) for (const l of e.lines) console.log(`           ${l}`);
    }
  };
  console.log(`\n== ${name} causes: ${errors} of ${resolved} recognised gold toponyms resolved > 161 km (acc@161 ${pct(1 - errors / resolved)}) ==`);
  show(res, errors);
  console.log(`-- a right sense we hold, with a larger namesake elsewhere: ${contested}, resolved right ${contestedWon} (${pct(contestedWon / contested)}) --`);
  console.log(`-- ${missed} of ${outcomes.length} gold toponyms not recognised --`);
  show(rec, missed);
}

/** A place's point nearest to (lat, lon): rivers and regions have several. */
function nearestPoint(p: Place, lat: number, lon: number): [number, number] {
  if (!p.points) return [p.lat, p.lon];
  return p.points.reduce((a, b) => (distanceKm(lat, lon, a[0], a[1]) <= distanceKm(lat, lon, b[0], b[1]) ? a : b));
}

const gwn = join(SHARED, 'benchmarks', 'geo', 'GWN.xml');
const lgl = join(SHARED, 'benchmarks', 'geo', 'lgl.xml');
if (process.argv.includes('--causes')) {
  for (const [name, file, read, m] of [['GeoWebNews', gwn, readGwn, 94.1], ['LGL', lgl, readLgl, 82.7]] as const) {
    const outcomes: Outcome[] = [];
    scoreXml(name, read(file), m, outcomes);
    causes(name, outcomes);
  }
  process.exit(0);
}

/** CPU time of one pass over texts not seen before (after 20 passes over `warm`, for the JIT): µs
 *  per document and ns per character. */
function firstPass(docs: XmlDoc[], warm: Article[]): { docs: number; usPerDoc: number; nsPerChar: number } | null {
  if (docs.length === 0) return null;
  for (let r = 0; r < 20; r++) for (const a of warm) geo.parse(a, noDebug);
  const arts = docs.map((d, i) => article(d.text, i + 1));
  const chars = arts.reduce((a, x) => a + x.text.length, 0);
  const c = process.cpuUsage();
  for (const a of arts) geo.parse(a, noDebug);
  const us = process.cpuUsage(c).user;
  return { docs: arts.length, usPerDoc: us / arts.length, nsPerChar: (1000 * us) / chars };
}

const stories = scoreDev();
const devOnly = process.argv.includes('--dev-only');
// the honest speed: a newsroom archive is mostly text the geoparser has never seen, and its caches
// (per word, per key, per place row) are then cold; timed as a first pass over GWN and LGL, after
// the JIT has warmed up on the dev stories (scoring them above), before scoring reads them again
const unseen = devOnly ? null : firstPass([...(existsSync(gwn) ? readGwn(gwn) : []), ...(existsSync(lgl) ? readLgl(lgl) : [])], stories.map((s) => s.art));
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
console.log(`dev stories (warm: the same stories repeated): ${((rounds * arts.length) / cpuSec).toFixed(0)} stories/s per CPU-second, best round ${(arts.length / (bestRound / 1000)).toFixed(0)}/s (wall ${((rounds * arts.length) / sec).toFixed(0)}/s) (target >= 2,000)`);
if (unseen) {
  console.log(`unseen text (GWN+LGL, first pass, JIT warmed on dev): ${(1e6 / unseen.usPerDoc).toFixed(0)} stories/s per CPU-second, ${unseen.usPerDoc.toFixed(0)} µs per story (${unseen.docs} stories, ${unseen.nsPerChar.toFixed(0)} ns/char) (target >= 2,000); the GWN/LGL throughput lines above are a second pass`);
}
console.log(`gazetteer load ${loadMs.toFixed(0)} ms; ${geo.index.size} places, ${geo.index.trie.size} names; rss after load ${rssMb.toFixed(0)} MB, heap ${heapMb.toFixed(0)} MB (target < 500 MB)`);


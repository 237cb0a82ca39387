import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Writable } from 'node:stream';
import type { CommandContext } from '../src/cli/Command.js';
import { extractArticles } from '../src/cli/commands/extract.js';
import { formatTable } from '../src/cli/table.js';
import type { ArticleJson } from '../src/core/articleJson.js';
import { PROJECT_ROOT, sharedPath } from '../src/core/projectPaths.js';
import { parseArticleJson, type ScoredArticle, type ScoredControlChange, type ScoredEvent } from '../src/eval/articleJsonReader.js';
import { distanceKm, normalise } from '../src/eval/measures.js';
import { scoreArticles, type ScoreReport } from '../src/eval/score.js';

/**
 * Generalisation: sitrep on the held-out set (test/fixtures/heldout/: stories written for this
 * project about Nigeria, Yemen, Ukraine, the Sahel, Somalia and Indonesia in 2015-2016, which no
 * rule was tuned on) next to the dev set (../shared/corpus/dev, Islamic State 2016-2017, read at
 * run time only). Both go through `sitrep extract` in-process (the CLI's own extractArticles) and
 * the project's scorer (scoreArticles, the figures of ../shared/tools/score.mjs).
 *
 * usage: node --import tsx bench/heldout.bench.ts [--explain] [--dev-explain]
 *   --explain      per held-out story: toponyms missed or resolved > 161 km off, events and
 *                  control changes missed or spurious, wrong actor1 / sub-type / toll / date,
 *                  publication dates outside the gold window; then the misses counted by kind
 *   --dev-explain  the same for the dev set
 */
interface EvalSet { name: string; dir: string }
const SETS: EvalSet[] = [
  { name: 'dev', dir: sharedPath('corpus', 'dev') },
  { name: 'heldout', dir: join(PROJECT_ROOT, 'test', 'fixtures', 'heldout') },
];

const sink = new Writable({ write: (_c, _e, cb) => cb() });
const ctx: CommandContext = { cwd: PROJECT_ROOT, argv: [], stdout: sink, stderr: process.stderr, stdin: (async function* () {})(), env: {} };

interface SetRun { set: EvalSet; gold: ScoredArticle[]; system: ArticleJson[]; report: ScoreReport; seconds: number; cpuSeconds: number }

async function run(set: EvalSet): Promise<SetRun> {
  const goldFiles = readdirSync(set.dir).filter((f) => f.endsWith('.gold.json')).sort();
  const gold = goldFiles.flatMap((f) => parseArticleJson(readFileSync(join(set.dir, f), 'utf8')));
  const dumps = [...new Set(gold.map((g) => g.file!))].map((f) => join(set.dir, f));
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const { articles, errors } = await extractArticles(ctx, dumps, { explain: true });
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  for (const e of errors) console.error(`error: ${e.message}`);
  return { set, gold, system: articles, report: scoreArticles(gold, articles as ScoredArticle[]), seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
}

// The pipeline's resources load on first use: a throw-away run keeps that out of the first set's time.
await extractArticles(ctx, [], {});
const runs: SetRun[] = [];
for (const set of SETS) runs.push(await run(set));

// ---- the side-by-side table --------------------------------------------------------------------
const cell = (v: unknown) => (typeof v === 'number' && !Number.isInteger(v) ? v.toFixed(3) : String(v));
const rows: string[][] = [];
for (const [group, figures] of Object.entries(runs[0]!.report)) {
  for (const key of Object.keys(figures)) {
    rows.push([`${group}.${key}`, ...runs.map((r) => cell((r.report as Record<string, Record<string, unknown>>)[group]![key]))]);
  }
}
rows.push(['speed.articles_per_s', ...runs.map((r) => (r.system.length / r.seconds).toFixed(1))]);
rows.push(['speed.cpu_ms_per_article', ...runs.map((r) => ((r.cpuSeconds * 1000) / (r.system.length || 1)).toFixed(1))]);
console.log(`held-out generalisation bench: ${runs.map((r) => `${r.set.name} ${r.gold.length} stories`).join(', ')}; heap ${Math.round(process.memoryUsage().heapUsed / 1e6)} MB`);
console.log(formatTable(['METRIC', ...runs.map((r) => r.set.name)], rows, 200));

// ---- per-story explanations ---------------------------------------------------------------------
// Every verdict below comes from scoreArticles itself, run on one gold item against one story's
// output (or one system item against the story's gold): no matching rule is restated here.
const withOnly = (a: ScoredArticle, part: Partial<ScoredArticle>): ScoredArticle => ({ ...a, toponyms: [], events: [], control_changes: [], ...part });
const eventLine = (e: ScoredEvent & { location?: string | null; evidence?: string | null }) =>
  `${e.event_type}/${e.sub_event_type} ${e.actor1 ?? '-'} @${e.location ?? '?'}(${e.country ?? '?'}) ${e.date ?? '?'}` +
  `${e.fatalities != null ? ` killed=${e.fatalities}` : ''} :: ${(e.evidence ?? '').slice(0, 110)}`;
const reasonsOf = (x: unknown) => {
  const r = (x as { reasons?: string[]; rule?: string });
  return r.reasons?.length ? ` [${r.reasons.slice(0, 2).join('; ')}]` : r.rule ? ` [${r.rule}]` : '';
};

/** A gold window no system date falls outside of. */
const ANY_DATE = { date_earliest: '0001-01-01', date_latest: '9999-12-31' };

type Tally = Map<string, number>;
const bump = (t: Tally, k: string) => t.set(k, (t.get(k) ?? 0) + 1);

function explain(r: SetRun) {
  const kinds: Tally = new Map();
  const bySys = new Map(r.system.map((s) => [`${basename(s.file)}#${s.n}`, s]));
  console.log(`\n## ${r.set.name}: per-story misses`);
  for (const g of r.gold) {
    const s = bySys.get(`${g.file}#${g.n}`) as (ScoredArticle & ArticleJson) | undefined;
    const out: string[] = [];
    if (!s) {
      console.log(`\n${g.file}#${g.n} ${g.headline}\n  NOT SEGMENTED (no system story)`);
      bump(kinds, 'story not segmented');
      continue;
    }
    if (scoreArticles([g], [s]).articles.aligned === 0) { out.push(`  HEADLINE not aligned: system "${s.headline}"`); bump(kinds, 'headline'); }
    const pubIn = scoreArticles([g], [s]).pub_date.within_window === 1;
    if (!pubIn) { out.push(`  pub_date ${s.pub_date} outside gold ${g.pub_date} [${g.pub_date_earliest}..${g.pub_date_latest}]  (${s.pub_date_basis ?? ''})`); bump(kinds, 'pub_date outside window'); }
    if ((g.duplicate_of != null) !== (s.duplicate_of != null)) { out.push(`  duplicate_of system ${s.duplicate_of} gold ${g.duplicate_of}`); bump(kinds, 'duplicate flag'); }
    if (!!g.on_topic !== !!s.on_topic) { out.push(`  on_topic system ${s.on_topic} gold ${g.on_topic}`); bump(kinds, 'on_topic'); }

    const sysTops = s.toponyms ?? [];
    for (const t of g.toponyms ?? []) {
      const found = sysTops.find((x) => normalise(x.text) === normalise(t.text)) as ArticleJson['toponyms'][number] | undefined;
      if (!found) { out.push(`  toponym MISSED "${t.text}" (${t.country})`); bump(kinds, 'toponym missed'); continue; }
      const km = distanceKm(t, found);
      if (km > 161) {
        out.push(`  toponym OFF "${t.text}" -> ${found.name} (${found.country}) ${found.lat},${found.lon}: ${Math.round(km)} km from gold ${t.lat},${t.lon}${reasonsOf(found)}`);
        bump(kinds, 'toponym > 161 km');
      }
    }
    for (const x of sysTops) {
      if (!(g.toponyms ?? []).some((t) => normalise(t.text) === normalise(x.text))) { out.push(`  toponym EXTRA "${x.text}" -> ${x.name} (${x.country})`); bump(kinds, 'toponym extra'); }
    }

    const sysEvents = (s.events ?? []) as (ScoredEvent & ArticleJson['events'][number])[];
    for (const e of (g.events ?? []).filter((x) => !x.background)) {
      const one = withOnly(g, { events: [e] });
      const ev = scoreArticles([one], [s]).events;
      if (ev.matched === 0) {
        // Missed only through its date when the same story's output matches it once any date is allowed.
        const undated = withOnly(g, { events: [{ ...e, ...ANY_DATE }] });
        const dated = sysEvents.find((y) => scoreArticles([undated], [withOnly(s, { events: [y] })]).events.matched === 1);
        out.push(`  event MISSED${dated ? ` (date only: system says ${dated.date})` : ''} ${eventLine(e)}`);
        bump(kinds, dated ? 'event missed by its date only' : `event missed: ${e.event_type}/${e.sub_event_type}`);
        continue;
      }
      const by = sysEvents.find((y) => scoreArticles([one], [withOnly(s, { events: [y] })]).events.matched === 1);
      const sys = by ? ` (system: ${eventLine(by)}${reasonsOf(by)})` : '';
      if (ev.actor1_acc < 1) { out.push(`  event ACTOR1 gold "${e.actor1}"${sys}`); bump(kinds, 'event actor1'); }
      if (ev.sub_type_acc < 1) { out.push(`  event SUB-TYPE gold ${e.sub_event_type}${sys}`); bump(kinds, 'event sub-type'); }
      if (ev.fatalities_n === 1 && ev.fatalities_exact < 1) { out.push(`  event TOLL gold ${e.fatalities} ("${e.fatalities_text}")${sys}`); bump(kinds, 'event toll'); }
      if (ev.date_exact < 1) { out.push(`  event DATE gold ${e.date} [${e.date_earliest}..${e.date_latest}]${sys}`); bump(kinds, 'event date not exact'); }
    }
    // A system event that no gold event accepts is spurious, unless it only restates background.
    const background = (g.events ?? []).filter((x) => x.background).map((x) => ({ ...x, ...ANY_DATE, background: false }));
    for (const y of sysEvents) {
      const alone = withOnly(s, { events: [y] });
      if (scoreArticles([withOnly(g, { events: g.events ?? [] })], [alone]).events.matched === 1) continue;
      if (background.length && scoreArticles([withOnly(g, { events: background })], [alone]).events.matched === 1) continue;
      out.push(`  event SPURIOUS ${eventLine(y)}${reasonsOf(y)}`);
      bump(kinds, `event spurious: ${y.event_type}/${y.sub_event_type}`);
    }

    const sysControl = (s.control_changes ?? []) as (ScoredControlChange & { place?: string; evidence?: string })[];
    const ccLine = (c: ScoredControlChange & { place?: string; evidence?: string; from_actor?: string | null }) =>
      `${c.place} ${c.from_actor ?? '?'} -> ${c.to_actor} ${c.date} :: ${(c.evidence ?? '').slice(0, 100)}`;
    for (const c of g.control_changes ?? []) {
      if (scoreArticles([withOnly(g, { control_changes: [c] })], [s]).control.matched > 0) continue;
      const dateOnly = scoreArticles([withOnly(g, { control_changes: [{ ...c, ...ANY_DATE }] })], [s]).control.matched > 0;
      out.push(`  control MISSED${dateOnly ? ' (date only)' : ''} ${ccLine(c)}`);
      bump(kinds, dateOnly ? 'control missed by its date only' : 'control missed');
    }
    for (const c of sysControl) {
      if (scoreArticles([withOnly(g, { control_changes: g.control_changes ?? [] })], [withOnly(s, { control_changes: [c] })]).control.matched === 0) {
        out.push(`  control SPURIOUS ${ccLine(c)}${reasonsOf(c)}`);
        bump(kinds, 'control spurious');
      }
    }
    if (out.length) console.log(`\n${g.file}#${g.n} ${g.headline}\n${out.join('\n')}`);
  }
  console.log(`\n## ${r.set.name}: misses by kind`);
  console.log(formatTable(['KIND', 'COUNT'], [...kinds].sort((a, b) => b[1] - a[1]).map(([k, n]) => [k, String(n)])));
}

if (process.argv.includes('--explain')) explain(runs.find((r) => r.set.name === 'heldout')!);
if (process.argv.includes('--dev-explain')) explain(runs.find((r) => r.set.name === 'dev')!);

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot, sharedDir } from './repoRoot.js';
import { runCli } from './runCli.js';

const tmp = mkdtempSync(join(tmpdir(), 'sitrep-cli-'));
const examples = join(repoRoot(), 'examples');
const exampleFiles = readdirSync(examples).filter((f) => !f.startsWith('.'));

describe('sitrep usage', () => {
  it('--help lists every command and exits 0', () => {
    const r = runCli(['--help']);
    assert.equal(r.code, 0);
    for (const c of ['ingest', 'stories', 'show', 'extract', 'eval']) assert.match(r.stdout, new RegExp(`\\n  ${c} `));
  });
  it('CMD --help shows its options and exits 0', () => {
    const r = runCli(['stories', '--help']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /usage: sitrep stories/);
    assert.match(r.stdout, /--since YYYY-MM-DD/);
  });
  it('exits 2 with a helpful message on usage errors', () => {
    const cases: [string[], RegExp][] = [
      [[], /usage: sitrep COMMAND/],
      [['frobnicate'], /unknown command 'frobnicate'/],
      [['stories', '--colour'], /Unknown option '--colour'[\s\S]*sitrep stories --help/],
      [['ingest'], /needs at least one PATH/],
      [['show'], /needs exactly one story ID/],
      [['stories', '--since', 'last week'], /--since expects a date/],
      [['ingest', 'x', '--field', 'colour=c'], /--field expects NAME=FIELD/],
      [['eval', 'system.json'], /needs --gold/],
    ];
    for (const [args, message] of cases) {
      const r = runCli(args);
      assert.equal(r.code, 2, `sitrep ${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stdout + r.stderr, message);
    }
  });
});

describe('sitrep ingest, stories, show', () => {
  const db = join(tmp, 'examples.db');
  // examples/: a dump of two stories, a dump of one, and a JSONL feed of four dated stories
  const EXAMPLE_STORIES = 7;

  it('ingests the examples folder, then skips it on a second run', () => {
    const first = runCli(['ingest', 'examples/', '--db', db]);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, new RegExp(`ingested ${exampleFiles.length} inputs \\(0 already stored\\), ${EXAMPLE_STORIES} stories, 0 duplicates, 0 errors`));
    assert.match(first.stderr, /examples\/market_bombing_dump\.txt: 2 stories/, 'one plain line per input off a terminal');
    const again = runCli(['ingest', 'examples/', '--db', db]);
    assert.equal(again.code, 0);
    assert.match(again.stdout, new RegExp(`ingested 0 inputs \\(${exampleFiles.length} already stored\\), 0 stories`));
  });

  it('lists stories as a table and as JSON, with filters', () => {
    const table = runCli(['stories', '--db', db]);
    assert.equal(table.code, 0);
    assert.match(table.stdout, /^ID +STORY/);
    assert.match(table.stdout, /Car bomb kills at least se/, "headlines are cut to the terminal width");
    // The dumps carry no date: their stories show the window the date lies in, not a day.
    assert.match(table.stdout, /market_bombing_dump\.txt#1 +\d{4}-\d\d-\d\d\.\.\d{4}-\d\d-\d\d /);
    assert.match(table.stdout, /wire_feed\.jsonl#1 +2017-05-14 /, 'a given date is a day');
    const json = JSON.parse(runCli(['stories', '--db', db, '--json']).stdout) as { id: string; headline: string }[];
    assert.equal(json.length, EXAMPLE_STORIES);
    const dated = JSON.parse(runCli(['stories', '--db', db, '--json', '--since', '2017-06-01', '--until', '2017-06-05']).stdout) as { headline: string }[];
    assert.equal(dated.length, 2, 'the feed gives its dates; two of its stories fall in that window');
    const q = JSON.parse(runCli(['stories', '--db', db, '--json', '--q', 'checkpoint desert']).stdout) as { headline: string }[];
    assert.deepEqual(q.map((s) => s.headline), ['Two soldiers killed in clash with gunmen near Syrian border']);
    const byFile = JSON.parse(runCli(['stories', '--db', db, '--json', '--file', 'market_bombing_dump.txt', '--limit', '1']).stdout) as unknown[];
    assert.equal(byFile.length, 1);
  });

  it('shows a story by id prefix with its parts; an unknown id exits 1', () => {
    const [story] = JSON.parse(runCli(['stories', '--db', db, '--json', '--q', 'Tal Hamra']).stdout) as { id: string }[];
    assert.ok(story);
    const r = runCli(['show', story.id.slice(0, 10), '--db', db]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Army says it has retaken town of Tal Hamra/);
    assert.match(r.stdout, /dateline  BAGHDAD/);
    assert.match(r.stdout, /credits   .*Omar Salem \(reporting\)/);
    assert.match(r.stdout, /events \(\d+\)/);
    const missing = runCli(['show', 'no-such-story', '--db', db]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /story no-such-story not found/);
  });

  it('reads stdin for -, honours SITREP_DB, and exits 1 when an input fails while storing the rest', () => {
    const envDb = join(tmp, 'env.db');
    const text = 'Rebels shell river port\n\nPORTVILLE (Reuters) - Rebels shelled the river port of Portville on Friday, officials said.\n';
    const r = runCli(['ingest', '-', 'no/such/file.txt'], { input: text, env: { SITREP_DB: envDb } });
    assert.equal(r.code, 1);
    assert.match(r.stdout, /ingested 1 inputs .*1 stories.*1 errors/);
    assert.match(r.stderr, /no\/such\/file\.txt: no such file or folder/);
    const stories = JSON.parse(runCli(['stories', '--json'], { env: { SITREP_DB: envDb } }).stdout) as { file: string }[];
    assert.deepEqual(stories.map((s) => s.file), ['stdin']);
  });
});

describe('sitrep extract and eval', () => {
  it('extract --json prints the article JSON of FORMAT.md without a database', () => {
    const r = runCli(['extract', 'examples/market_bombing_dump.txt', '--json'], { cwd: repoRoot() });
    assert.equal(r.code, 0, r.stderr);
    const { articles } = JSON.parse(r.stdout) as { articles: Record<string, unknown>[] };
    assert.equal(articles.length, 2);
    const required = ['file', 'n', 'headline', 'dateline', 'byline', 'caption_date', 'pub_date', 'pub_date_earliest', 'pub_date_latest',
      'duplicate_of', 'on_topic', 'toponyms', 'events', 'control_changes'];
    for (const a of articles) for (const k of required) assert.ok(k in a, `article lacks ${k}`);
    assert.deepEqual(articles[0]?.dateline, ['KIRKUK', 'Iraq']);
  });

  it('eval on system JSON equals score.mjs, and extracts inputs itself', () => {
    const dev = join(sharedDir(), 'corpus', 'dev');
    const gold = readdirSync(dev).filter((f) => f.endsWith('.gold.json')).sort().map((f) => join(dev, f));
    const system = join(tmp, 'system.json');
    const extracted = runCli(['extract', '--json', ...readdirSync(dev).filter((f) => f.endsWith('.txt')).map((f) => join(dev, f))]);
    writeFileSync(system, extracted.stdout);
    const ours = runCli(['eval', '--gold', gold.join(','), system, '--json']);
    assert.equal(ours.code, 0, ours.stderr);
    const reference = JSON.parse(
      execFileSync(process.execPath, [join(sharedDir(), 'tools', 'score.mjs'), gold.join(','), system, '--json'], { encoding: 'utf8' }),
    );
    assert.deepEqual(JSON.parse(ours.stdout), reference);
    const table = runCli(['eval', '--gold', gold[0]!, '--gold', gold.slice(1).join(','), ...readdirSync(dev).filter((f) => f.endsWith('.txt')).map((f) => join(dev, f))]);
    assert.equal(table.code, 0, table.stderr);
    assert.match(table.stdout, /^METRIC +FIGURES\narticles +gold=30 +system=\d+ +aligned=\d+/);
    assert.match(table.stdout, /\nevents +gold=118 /);
  });
});

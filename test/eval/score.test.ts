import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseArticleJson, type ScoredArticle } from '../../src/eval/articleJsonReader.js';
import { sameActor } from '../../src/eval/actorNames.js';
import { bigramDice, distanceKm, greedyMatch } from '../../src/eval/measures.js';
import { scoreArticles } from '../../src/eval/score.js';
import { sharedDir } from '../cli/repoRoot.js';

const devDir = join(sharedDir(), 'corpus', 'dev');
const goldFiles = readdirSync(devDir).filter((f) => f.endsWith('.gold.json')).sort().map((f) => join(devDir, f));
const gold = goldFiles.flatMap((f) => parseArticleJson(readFileSync(f, 'utf8')));

/** Deterministic pseudo-random numbers (mulberry32), so a failure reproduces. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const shiftDate = (d: string | null | undefined, days: number) =>
  d ? new Date(Date.parse(d.slice(0, 10) + 'T00:00:00Z') + days * 86400000).toISOString().slice(0, 10) : d;

/**
 * A plausible imperfect system output made from gold: stories dropped or retitled, dates, points,
 * types, actors and counts moved by amounts on both sides of every threshold in METRICS.md.
 */
function perturb(articles: ScoredArticle[], seed: number): ScoredArticle[] {
  const r = random(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
  const move = <T extends { lat?: number | null; lon?: number | null }>(x: T): T =>
    r() < 0.5 || x.lat == null ? x : { ...x, lat: x.lat + pick([0.1, 0.5, 1, 2]) * (r() - 0.5), lon: (x.lon ?? 0) + (r() - 0.5) };
  const out = articles.filter(() => r() > 0.1).map((a): ScoredArticle => ({
    ...a,
    headline: r() < 0.15 ? (a.headline ?? '').slice(0, Math.floor((a.headline ?? '').length * 0.8)) : r() < 0.2 ? a.headline?.toUpperCase() : a.headline,
    pub_date: r() < 0.4 ? shiftDate(a.pub_date, pick([-9, -3, -1, 1, 2, 8])) : r() < 0.1 ? null : a.pub_date,
    duplicate_of: r() < 0.1 ? 1 : r() < 0.1 ? false : a.duplicate_of,
    on_topic: r() < 0.1 ? !a.on_topic : r() < 0.1 ? null : a.on_topic,
    toponyms: (a.toponyms ?? []).filter(() => r() > 0.2).map((t) => move({ ...t, text: r() < 0.1 ? (t.text ?? '').toUpperCase() : t.text, country: r() < 0.1 ? 'XX' : t.country }))
      .concat(r() < 0.3 ? [{ text: 'Nowhere', country: null, lat: null, lon: null }] : []),
    events: (a.events ?? []).filter(() => r() > 0.2).flatMap((e) => {
      const e2 = move({
        ...e,
        event_type: r() < 0.1 ? 'Riots' : e.event_type,
        sub_event_type: r() < 0.2 ? 'Attack' : e.sub_event_type,
        actor1: r() < 0.2 ? pick(['ISIS', 'Iraqi army', 'SDF', 'coalition', null, 'Civilians (Iraq)']) : e.actor1,
        date: r() < 0.3 ? shiftDate(e.date, pick([-2, -1, 1, 2])) : r() < 0.05 ? null : e.date,
        fatalities: e.fatalities != null && r() < 0.4 ? e.fatalities + pick([-2, -1, 1, 5]) : e.fatalities,
      });
      return r() < 0.1 ? [e2, { ...e2, lat: null }] : [e2];
    }),
    control_changes: (a.control_changes ?? []).filter(() => r() > 0.2).map((c) => move({
      ...c, to_actor: r() < 0.2 ? pick(['Iraqi forces', 'Syrian army', 'Islamic State']) : c.to_actor,
      date: r() < 0.3 ? shiftDate(c.date, pick([-5, -3, 3, 4])) : c.date,
    })),
  }));
  // Reordered, so alignment cannot rely on order.
  return out.sort(() => r() - 0.5);
}

function referenceScore(systemArticles: ScoredArticle[]) {
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-eval-'));
  const sysFile = join(dir, 'system.json');
  writeFileSync(sysFile, JSON.stringify({ articles: systemArticles }));
  const out = execFileSync(process.execPath, [join(sharedDir(), 'tools', 'score.mjs'), goldFiles.join(','), sysFile, '--json'], { encoding: 'utf8' });
  return JSON.parse(out);
}

describe('scoreArticles equals ../shared/tools/score.mjs on the dev set', () => {
  it('gold scored against itself', () => {
    const ours = scoreArticles(gold, gold);
    assert.deepEqual(JSON.parse(JSON.stringify(ours)), referenceScore(gold));
    assert.equal(ours.events.f1, 1);
  });
  for (const seed of [1, 2, 3, 4, 5]) {
    it(`perturbed system output, seed ${seed}`, () => {
      const system = perturb(gold, seed);
      const ours = JSON.parse(JSON.stringify(scoreArticles(gold, system)));
      const reference = referenceScore(system);
      assert.deepEqual(ours, reference);
      // The perturbation must actually move the figures, or this test proves nothing.
      assert.ok(reference.events.f1 < 1 && reference.events.f1 > 0, `events f1 ${reference.events.f1}`);
    });
  }
  it('an empty system output', () => {
    assert.deepEqual(JSON.parse(JSON.stringify(scoreArticles(gold, []))), referenceScore([]));
  });
});

describe('eval measures', () => {
  it('aligns headlines regardless of case, accents and quotes', () => {
    assert.equal(bigramDice('Iraqi forces retake “Al-Qaim”', 'IRAQI FORCES RETAKE "al-Qaim"'), 1);
    assert.ok(bigramDice('Bomb kills five in market', 'Rain expected in the north') < 0.5);
  });
  it('measures great-circle distance and treats missing points as infinitely far', () => {
    assert.ok(Math.abs(distanceKm({ lat: 0, lon: 0 }, { lat: 0, lon: 1 }) - 111.19) < 0.01);
    assert.equal(distanceKm({ lat: 0, lon: 0 }, { lat: null, lon: 1 }), Infinity);
  });
  it('compares actors by canonical name', () => {
    assert.ok(sameActor('ISIL', 'Islamic State'));
    assert.ok(sameActor('Civilians (Iraq)', 'Civilians (Syria)'));
    assert.ok(!sameActor('Islamic State', 'Syrian army'));
    assert.ok(!sameActor(null, 'SDF'));
  });
  it('matches greedily, best score first, each item once', () => {
    const m = greedyMatch([1, 2], [1.2, 2.1, 5], (g, s) => Math.abs(g - s) < 1, (g, s) => -Math.abs(g - s));
    assert.deepEqual(m, [[2, 2.1], [1, 1.2]]);
  });
  it('reads {articles}, arrays of documents and JSON Lines', () => {
    assert.deepEqual(parseArticleJson('{"file":"a.txt","articles":[{"n":1}]}'), [{ n: 1, file: 'a.txt' }]);
    assert.deepEqual(parseArticleJson('[{"file":"b.txt","articles":[{"n":2}]},{"n":3}]'), [{ n: 2, file: 'b.txt' }, { n: 3 }]);
    assert.deepEqual(parseArticleJson('{"n":1}\n{"n":2}\n'), [{ n: 1 }, { n: 2 }]);
    assert.deepEqual(parseArticleJson('  '), []);
  });
});

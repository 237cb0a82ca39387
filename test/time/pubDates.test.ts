import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Article, Caption } from '../../src/core/types.js';
import { noDebug } from '../../src/core/types.js';
import { inferPubDates } from '../../src/time/PubDateInferrer.js';

const article = (n: number, text: string, opts: { captions?: Omit<Caption, 'span' | 'text'>[]; date?: string } = {}): Article => ({
  id: `t${n}`, file: 'test.txt', n, offset: 0, text, headline: null, byline: null, dateline: [], paragraphs: [], credits: null,
  captions: (opts.captions ?? []).map((c) => ({ ...c, text: '', span: { start: 0, end: 0 } })),
  given: opts.date ? { date: opts.date } : {},
});
const day = (s: string) => Date.parse(s) / 86_400_000;

test('a given date wins', () => {
  const [p] = inferPubDates([article(1, 'Rebels attacked on Monday, as they had in 2012.', { date: '2019-06-05' })], noDebug);
  assert.equal(p!.date, '2019-06-05');
  assert.equal(p!.given, true);
  assert.equal(p!.precision, 1);
});

test('a caption date and weekday words fix the day', () => {
  // caption Tuesday 2018-05-08; the story says "on Tuesday" with a reporting verb
  const [p] = inferPubDates([article(1, 'Officials said on Tuesday that fighters had left the city, which they seized in 2016.', {
    captions: [{ date: '2018-05-08', filePhoto: false }],
  })], noDebug);
  assert.equal(p!.date, '2018-05-08');
  assert.equal(p!.given, false);
  assert.ok(p!.basis.includes('caption'));
});

test('a FILE PHOTO caption only bounds the date from below', () => {
  const [p] = inferPubDates([article(1, 'The ministry said on Thursday the dam was repaired in 2018.', {
    captions: [{ date: '2015-07-02', filePhoto: true }],
  })], noDebug);
  assert.ok(day(p!.date) > day('2015-07-02'));
  assert.notEqual(p!.date, '2015-07-02');
});

test('a story with no evidence at all gets an honest wide window', () => {
  const [p] = inferPubDates([article(1, 'Clashes broke out near the border.')], noDebug);
  assert.equal(p!.precision, 3);
  assert.equal(p!.confidence, 0);
  assert.ok(day(p!.latest) - day(p!.earliest) > 3650);
});

test('an undated story borrows its neighbours\' dates, with a wider window', () => {
  const dated = (n: number, d: string) => article(n, `Officials said on ${new Date(d).toLocaleDateString('en-US', { weekday: 'long', timeZone: 'UTC' })} the offensive, begun in 2016, went on.`, {
    captions: [{ date: d, filePhoto: false }],
  });
  const ps = inferPubDates([dated(1, '2017-04-12'), article(2, 'Clashes broke out near the border.'), dated(3, '2017-04-10')], noDebug);
  const p = ps[1]!;
  assert.ok(Math.abs(day(p.date) - day('2017-04-11')) <= 3, p.date);
  assert.ok(day(p.latest) - day(p.earliest) >= 1);
});

test('the latest past year and a durations anchored to it set the year', () => {
  const [p] = inferPubDates([article(1, 'The five-year civil war, which began in 2011, has killed many. Talks in March 2015 failed.')], noDebug);
  assert.equal(p!.date.slice(0, 4), '2016');
});

test('same length and order as the input', () => {
  const arts = [article(1, 'On Monday, in 2015.'), article(2, 'Nothing dated.'), article(3, 'On Feb. 3, 2016, troops moved.')];
  assert.equal(inferPubDates(arts, noDebug).length, 3);
  assert.deepEqual(inferPubDates([], noDebug), []);
});

test('"last April" may be eleven months back: it does not push a mid-March story into early March', () => {
  const capped = article(1, 'Officials said on Thursday the talks, begun in 2018, would resume.', { captions: [{ date: '2019-03-14', filePhoto: false }] });
  const mid = article(2, 'The army said on Monday it had retaken the town, which rebels seized last April.');
  const p = inferPubDates([capped, mid], noDebug)[1]!;
  // the Monday next to its neighbour (11 or 18 March), not one before 8 March, which a bare
  // "April" read as at most 340 days back would force
  assert.ok(['2019-03-11', '2019-03-18'].includes(p.date), p.date);
});

test('weekday-only stories after a captioned one keep their own week (the dump centre does not pull them back)', () => {
  // an oldest-first dump: only the first story has a date of its own (a caption, Friday 5 June 2020)
  const ps = inferPubDates([
    article(1, 'Police said on Friday gunmen had attacked a convoy.', { captions: [{ date: '2020-06-05', filePhoto: false }] }),
    article(2, 'Rebels shelled the port on Sunday, residents said.'),
    article(3, 'The governor said on Tuesday the curfew would be lifted.'),
    article(4, 'Thousands marched through the capital on Friday, organisers said.'),
    article(5, 'Troops retook the airport on Sunday, the army said.'),
  ], noDebug);
  assert.deepEqual(ps.map((p) => p.date), ['2020-06-05', '2020-06-07', '2020-06-09', '2020-06-12', '2020-06-14']);
});

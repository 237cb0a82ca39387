/**
 * Publication dates for stories that carry none. Every piece of internal evidence becomes a
 * likelihood over candidate days (kernels in resources/time/evidence.json): caption dates (the
 * publication day or a few days before; FILE PHOTO captions only bound it from below), explicit
 * dates ("on Oct. 17", "March 17 deadline"), months and years mentioned, weekday words (a wire
 * story's "on Wednesday" is within the past week, so the weekdays a story uses point at its own
 * weekday), relative phrases adjacent to absolute ones ("last year, in 2016"), and durations
 * anchored to a year ("five-year war" + "since 2011").
 *
 * Stories of one input are then read together: they tend to lie close in time (a common centre)
 * and dumps are often in time order (a chain over the stories, newest-first, oldest-first or
 * unordered, whichever explains the evidence best). Each story's posterior gives its date (the
 * most probable day) and its window (the shortest span holding `credibleMass` of it). A story
 * with no evidence and no dated neighbours gets the whole supported range, not a guessed day.
 */
import type { Article, Debug, PubDate } from '../core/types.js';
import { dayOf, isoOf, monthStart, parseIsoDay, precisionOf, weekdayOf, ymdOf } from './calendar.js';
import { defaultTimeResources, type EvidenceModel, type Segment, type TimeResources } from './TimeResourceLoader.js';
import { createTimexScanner, type RawTimex } from './TimexScanner.js';

/** One piece of evidence about a story's publication day. */
interface Clue {
  key: string;
  label: string;
  /** Multiplies the story's likelihood over the grid [lo, lo + n). */
  apply: (like: Grid, lo: number) => void;
  /** The year this clue says the story is not (much) older than, when it states one. */
  year: number | null;
}

interface StoryEvidence {
  clues: Clue[];
  given: number | null;
}

export type InferPubDates = (articles: Article[], debug: Debug) => PubDate[];

const REL_WINDOW = 75;
const TRANSITION_FLOOR = 1e-5;

/** Adds a piecewise-constant kernel anchored at day `x` into `acc` (grid starts at `lo`). */
function addKernel(acc: Float64Array, lo: number, x: number, segments: Segment[], scale = 1): void {
  const n = acc.length;
  for (const [from, to, mass] of segments) {
    const a = Math.max(0, x + from - lo);
    const b = Math.min(n - 1, x + to - lo);
    const density = (scale * mass) / (to - from + 1);
    for (let i = a; i <= b; i++) acc[i]! += density;
  }
}

/**
 * A story's likelihood on the grid while its clues are applied. Each kernel clue rescales it to a
 * maximum of 1 (against underflow); that division is deferred into the next pass over the grid
 * (`pending`), which does the same arithmetic with one pass fewer per clue.
 */
interface Grid {
  v: Float64Array;
  pending: number;
}

/**
 * Multiplies `like` (a grid starting at day `lo`) by `floor` plus the kernel placed at each day of
 * `anchors`, then rescales it to a maximum of 1. The kernels' sum is piecewise constant, so it is
 * worked out once per piece instead of being accumulated day by day into a buffer (the same
 * additions in the same order, so the same numbers); this is the inner loop of the inference.
 */
function multiplyKernels(like: Grid, lo: number, anchors: number[], segments: Segment[], floor: number): void {
  const g = like.v;
  const pending = like.pending;
  const n = g.length;
  const starts: number[] = [];
  const ends: number[] = [];
  const densities: number[] = [];
  const cuts = [0, n];
  for (const x of anchors) {
    for (const [from, to, mass] of segments) {
      const a = Math.max(0, x + from - lo);
      const b = Math.min(n - 1, x + to - lo);
      if (a > b) continue;
      starts.push(a);
      ends.push(b);
      densities.push(mass / (to - from + 1));
      cuts.push(a, b + 1);
    }
  }
  // grid indices: a typed array sorts them numerically without a comparator call per pair
  const sorted = Int32Array.from(cuts).sort();
  let max = 0;
  for (let c = 0; c + 1 < sorted.length; c++) {
    const p = sorted[c]!;
    const q = sorted[c + 1]!;
    if (p === q) continue;
    let acc = 0;
    for (let k = 0; k < starts.length; k++) if (starts[k]! <= p && q - 1 <= ends[k]!) acc += densities[k]!;
    const f = floor + acc;
    for (let i = p; i < q; i++) {
      const v = (g[i]! / pending) * f;
      g[i] = v;
      if (v > max) max = v;
    }
  }
  like.pending = max > 0 ? max : 1;
}

export function createPubDateInferrer(resources: TimeResources): InferPubDates {
  // the two large per-input tables (stories x ~1,460 days) reuse their memory from input to input
  const gridRows = rowPool();
  const prefixRows = rowPool();
  const scan = createTimexScanner(resources.lexicon);
  const ev: EvidenceModel = resources.evidence;
  const lx = resources.lexicon;
  const conflict = [...lx.conflictNouns].sort((a, b) => b.length - a.length).join('|');
  const numberWords = Object.keys(lx.numbers).filter((w) => !w.includes(' ')).join('|');
  const durationRe = new RegExp(`\\b(\\d{1,2}|${numberWords})[- ]year(?:[- ]old)?(?:[- ]long)?\\s+(?:[a-z]+\\s+)?(?:${conflict})\\b`, 'gi');
  const nthYearRe = new RegExp(`\\b(?:its|their|the)\\s+(${Object.keys(lx.ordinals).join('|')})\\s+year\\b`, 'gi');
  const conflictRe = new RegExp(`\\b(?:${conflict})\\b[^.;]*$`, 'i');
  const onsetRe = new RegExp(`(?:${lx.onsetCues.map((c) => c.replace(/ /g, '\\s+')).join('|')})\\s+(?:[A-Z][a-z]+\\s+)?$`, 'i');
  const numOf = (s: string) => (/^\d/.test(s) ? +s : lx.numbers[s.toLowerCase()] ?? 0);

  const kernelClue = (key: string, label: string, x: number, k: { segments: Segment[]; floor?: number }, year: number | null): Clue => ({
    key, label, year,
    apply: (like, lo) => multiplyKernels(like, lo, [x], k.segments, k.floor ?? ev.floor),
  });
  /** A kernel repeated every year (a month or month-day stated without its year). */
  const yearlyClue = (key: string, label: string, m: number, d: number, k: { segments: Segment[] }): Clue => ({
    key, label, year: null,
    apply: (like, lo) => {
      const anchors: number[] = [];
      for (let y = ymdOf(lo).y - 1; y <= ymdOf(lo + like.v.length).y + 1; y++) anchors.push(dayOf(y, m, d));
      multiplyKernels(like, lo, anchors, k.segments, ev.floor);
    },
  });
  const weekdayClue = (dow: number, said: boolean, future: boolean, name: string): Clue => {
    const w = future ? ev.weekdayFuture : said ? ev.weekdaySaid : ev.weekday;
    return {
      key: `wd:${dow}`, label: `"${name}"${said ? ' (reporting verb)' : ''}${future ? ' (future)' : ''}`, year: null,
      apply: (like, lo) => {
        const g = like.v;
        const pending = like.pending;
        let k = (weekdayOf(lo) - dow + 7) % 7;
        for (let i = 0; i < g.length; i++) {
          g[i] = (g[i]! / pending) * w[k]!;
          if (++k === 7) k = 0;
        }
        like.pending = 1;
      },
    };
  };

  /** Pairs of adjacent expressions that name the same time from two sides ("last year, in 2016"). */
  function coreferentClues(ts: RawTimex[], text: string): Clue[] {
    const out: Clue[] = [];
    for (let i = 0; i + 1 < ts.length; i++) {
      const a = ts[i]!;
      const b = ts[i + 1]!;
      if (b.start - a.end > 20 || /[.;!?]/.test(text.slice(a.end, b.start))) continue;
      const rel = a.kind === 'relative' ? a : b.kind === 'relative' ? b : null;
      const abs = rel === a ? b : a;
      if (rel && rel.kind === 'relative') {
        const k = rel.rel === 'last' ? 1 : rel.rel === 'next' ? -1 : rel.rel === 'this' || rel.rel === 'earlier' ? 0 : null;
        if (k === null) continue;
        if (rel.unit === 'year' && (abs.kind === 'year' || ((abs.kind === 'month' || abs.kind === 'date') && abs.y !== null))) {
          const y = abs.y! + k;
          out.push(kernelClue(`coref:y:${y}`, `"${rel.text}" beside "${abs.text}": published in ${y}`, dayOf(y, 1, 1), ev.yearCoreferent, y));
        } else if (rel.unit === 'month' && (abs.kind === 'month' || abs.kind === 'date')) {
          const label = `"${rel.text}" beside "${abs.text}"`;
          if (abs.y !== null) out.push(kernelClue(`coref:m:${abs.y}-${abs.m + k}`, label, monthStart(abs.y, abs.m + k), ev.monthCoreferent, abs.y));
          else out.push(yearlyClue(`coref:m:${abs.m + k}`, label, ((abs.m + k + 11) % 12) + 1, 1, ev.monthCoreferent));
        } else if (rel.unit === 'week' && abs.kind === 'date' && abs.y !== null) {
          const day = dayOf(abs.y, abs.m, abs.d);
          const mon = day - ((weekdayOf(day) + 6) % 7) + 7 * k;
          out.push(kernelClue(`coref:w:${mon}`, `"${rel.text}" beside "${abs.text}"`, mon, ev.weekCoreferent, abs.y));
        }
      } else if ((a.kind === 'shift' && !a.fromReference && a.unit === 'year' && b.kind === 'year') || (b.kind === 'shift' && !b.fromReference && b.unit === 'year' && a.kind === 'year')) {
        const sh = a.kind === 'shift' ? a : (b as RawTimex & { kind: 'shift' });
        const yr = (a.kind === 'year' ? a : b) as RawTimex & { kind: 'year' };
        const y = yr.y - sh.n;
        out.push(kernelClue(`coref:ago:${y}`, `"${sh.text}" beside "${yr.text}": published in ${y}`, dayOf(y, 1, 1), ev.yearCoreferent, y));
      }
    }
    return out;
  }

  /** "five-year civil war" with a single onset year ("since 2011") → published about onset + 5. */
  function durationClues(text: string, ts: RawTimex[]): Clue[] {
    const onsets = new Set<number>();
    // the onset must be said of a conflict ("the war began in 2011", "conflict since 2011"), not of
    // anything else that started that year
    for (const t of ts) {
      if (t.kind !== 'year' || !(t.since || onsetRe.test(text.slice(Math.max(0, t.start - 30), t.start)))) continue;
      if (conflictRe.test(text.slice(Math.max(0, t.start - 60), t.start))) onsets.add(t.y);
    }
    if (onsets.size !== 1) return [];
    const onset = [...onsets][0]!;
    const out: Clue[] = [];
    const years = new Set<number>();
    for (const m of text.matchAll(durationRe)) years.add(numOf(m[1]!));
    for (const m of text.matchAll(nthYearRe)) years.add((lx.ordinals[m[1]!.toLowerCase()] ?? 1) - 1);
    for (const n of years) {
      if (n <= 0 || n > 60) continue;
      const y = onset + n;
      // null year: a duration never widens the search range on its own
      out.push(kernelClue(`dur:${y}`, `${n}-year duration from ${onset}: about ${y}`, dayOf(y, 1, 1), ev.durationYear, null));
    }
    return out;
  }

  function evidenceOf(a: Article): StoryEvidence {
    const given = a.given.date ? parseIsoDay(a.given.date) : NaN;
    if (!Number.isNaN(given)) return { clues: [], given };
    const clues = new Map<string, Clue>();
    const add = (c: Clue) => { const old = clues.get(c.key); if (!old || c.label.includes('reporting verb')) clues.set(c.key, c); };
    for (const c of a.captions) {
      if (!c.date) continue;
      const x = parseIsoDay(c.date);
      if (Number.isNaN(x)) continue;
      const y = ymdOf(x).y;
      if (c.filePhoto) add(kernelClue(`cap:file:${x}`, `FILE PHOTO caption ${c.date}: published after it`, x, ev.fileCaption, y));
      else if (c.date.length === 7) add(kernelClue(`cap:m:${x}`, `caption month ${c.date}`, x, ev.captionMonth, y));
      else add(kernelClue(`cap:${x}`, `caption ${c.date}: usually the day or a few days before`, x, ev.caption, y));
    }
    const inCaption = (t: RawTimex) => a.captions.some((c) => t.start >= c.span.start && t.end <= c.span.end);
    const ts = scan(a.text).filter((t) => !inCaption(t));
    for (const t of ts) {
      switch (t.kind) {
        case 'date':
          if (t.y !== null) {
            const x = dayOf(t.y, t.m, t.d);
            add(kernelClue(`d:${x}:${t.future}`, `"${t.text}"`, x, t.future ? ev.dayFuture : ev.dayPast, t.future ? null : t.y));
          } else add(yearlyClue(`md:${t.m}-${t.d}:${t.future}`, `"${t.text}" (no year)`, t.m, t.d, t.future ? ev.monthDayFuture : ev.monthDayPast));
          break;
        case 'month':
          if (t.y !== null) add(kernelClue(`my:${t.y}-${t.m}:${t.future}`, `"${t.text}"`, monthStart(t.y, t.m), t.future ? ev.monthYearFuture : ev.monthYearPast, t.future ? null : t.y));
          else if (t.last) add(yearlyClue(`m:${t.m}:last`, `"last ${t.text}"`, t.m, 1, ev.monthLast));
          else add(yearlyClue(`m:${t.m}:${t.future}`, `"${t.text}" (no year)`, t.m, 1, t.future ? ev.monthFuture : ev.monthPast));
          break;
        case 'year':
          add(kernelClue(`y:${t.y}:${t.future}`, `"${t.text}"`, dayOf(t.y, 1, 1), t.future ? ev.yearFuture : ev.yearPast, t.future ? null : t.y));
          break;
        case 'weekday':
          if (!t.inPeriod && (t.rel === null || t.rel === 'last' || t.rel === 'next')) add(weekdayClue(t.dow, t.said, t.future || t.rel === 'next', t.text));
          break;
        default:
      }
    }
    // past years only bound the date from below; the latest one also says how recent the story is
    let latest = -Infinity;
    for (const t of ts) if (!t.future && (t.kind === 'year' || ((t.kind === 'month' || t.kind === 'date') && t.y !== null))) latest = Math.max(latest, t.y!);
    if (Number.isFinite(latest)) add(kernelClue('latest', `latest past year stated: ${latest}`, dayOf(latest, 1, 1), ev.latestYear, latest));
    for (const c of coreferentClues(ts, a.text)) add(c);
    for (const c of durationClues(a.text, ts)) add(c);
    return { clues: [...clues.values()], given: null };
  }

  /** The years the grid must cover: from the year before the latest stated past year, `searchYears` on. */
  function gridFor(stories: StoryEvidence[]): { lo: number; n: number } | null {
    let top = -Infinity;
    for (const s of stories) {
      if (s.given !== null) top = Math.max(top, ymdOf(s.given).y);
      for (const c of s.clues) if (c.year !== null) top = Math.max(top, c.year);
    }
    if (!Number.isFinite(top)) return null;
    const lo = dayOf(top - 1, 1, 1);
    return { lo, n: dayOf(top + ev.searchYears, 1, 1) - lo };
  }

  /** The story's likelihood over the grid [lo, lo + n), written into `like` (zeroed, length n). */
  function likelihood(s: StoryEvidence, lo: number, n: number, like: Float64Array): Float64Array {
    if (s.given !== null) {
      if (s.given >= lo && s.given < lo + n) like[s.given - lo] = 1;
      else like.fill(1);
      return like;
    }
    like.fill(1);
    const grid: Grid = { v: like, pending: 1 };
    for (const c of s.clues) c.apply(grid, lo);
    if (grid.pending !== 1) for (let i = 0; i < n; i++) like[i]! /= grid.pending;
    normalise(like);
    return like;
  }

  /**
   * Centre of the input in time: the day that best explains every story lying near it. Scored
   * coarsely, then refined day by day around the best (the centre need not be sharper).
   */
  function centreOf(likes: Float64Array[], n: number): { best: number; score: (c: number) => number } {
    const segs = ev.neighbourSpread.segments;
    const floor = ev.neighbourSpread.floor ?? ev.floor;
    // segment bounds and weights hoisted out of the scoring loop (it runs ~500 times per input)
    const from = segs.map(([f]) => f);
    const to = segs.map(([, t]) => t);
    const weight = segs.map(([f, t, mass]) => mass / (t - f + 1) / 2);
    // centres at least this far from both grid ends need no clamping of prefix indices
    const reach = Math.max(...from.map(Math.abs), ...to.map(Math.abs)) + 1;
    const prefixes = prefixRows(likes.length, n + 1).map((prefix, k) => {
      const like = likes[k]!;
      for (let i = 0; i < n; i++) prefix[i + 1] = prefix[i]! + like[i]!;
      return prefix;
    });
    // each centre is scored once: the coarse search, the refinement and the prior share them
    const memo = new Float64Array(n).fill(NaN);
    const score = (c: number): number => {
      const known = memo[c]!;
      if (!Number.isNaN(known)) return known;
      let total = 0;
      const inside = c >= reach && c + reach <= n;
      for (const prefix of prefixes) {
        let v = floor;
        for (let k = 0; k < weight.length; k++) {
          const f = from[k]!;
          const t = to[k]!;
          v += inside
            ? weight[k]! * (prefix[c + t + 1]! - prefix[c + f]! + prefix[c - f + 1]! - prefix[c - t]!)
            : weight[k]! * (prefix[clamp(c + t + 1, n)]! - prefix[clamp(c + f, n)]! + prefix[clamp(c - f + 1, n)]! - prefix[clamp(c - t, n)]!);
        }
        total += Math.log(v);
      }
      memo[c] = total;
      return total;
    };
    let best = 0;
    let bestScore = -Infinity;
    // the score changes little within a quarter of the spread's narrowest piece: the coarse step
    const step = Math.max(1, Math.min(...segs.map(([f, t]) => t - f + 1)) >> 2);
    for (let c = 0; c < n; c += step) { const v = score(c); if (v > bestScore) { bestScore = v; best = c; } }
    const coarse = best;
    for (let c = Math.max(0, coarse - step); c <= Math.min(n - 1, coarse + step); c++) { const v = score(c); if (v > bestScore) { bestScore = v; best = c; } }
    return { best, score };
  }

  /** Transition weights over day steps -30..30 for one reading order. */
  function transitions(order: 'newestFirst' | 'oldestFirst' | 'none'): Float64Array {
    const t = new Float64Array(61);
    const put = (segs: Segment[], sign: number) => {
      for (const [from, to, mass] of segs) for (let d = from; d <= to; d++) if (Math.abs(d) <= 30) t[30 + sign * d]! += mass / (to - from + 1);
    };
    if (order === 'none') put(ev.orderless, 1);
    else {
      const sign = order === 'newestFirst' ? -1 : 1;
      put(ev.order.forward, sign);
      put(ev.order.backward, -sign);
    }
    return t;
  }
  const ORDERS = (['newestFirst', 'oldestFirst', 'none'] as const).map((o) => ({
    order: o, runs: runsOf(transitions(o)), prior: o === 'none' ? 1 - ev.orderedPrior : ev.orderedPrior / 2,
  }));

  /** Forward pass over the chained stories: log-evidence of the reading order and the normalised alphas. */
  function forward(emissions: Float64Array[], runs: Run[]): { logZ: number; alphas: Float64Array[] } {
    const m = emissions[0]!.length;
    const alphas = rows(emissions.length, m);
    const prefix = new Float64Array(m + 1);
    let logZ = 0;
    let prev: Float64Array | null = null;
    for (let k = 0; k < emissions.length; k++) {
      const e = emissions[k]!;
      const a = alphas[k]!;
      if (!prev) a.set(e);
      else {
        transition(prev, runs, -1, a, prefix);
        for (let j = 0; j < m; j++) a[j]! *= e[j]!;
      }
      const z = normalise(a);
      logZ += Math.log(z || 1e-300);
      prev = a;
    }
    return { logZ, alphas };
  }

  /** Backward pass: per-story posteriors from the forward pass of the chosen order. */
  function posteriors(emissions: Float64Array[], runs: Run[], alphas: Float64Array[]): Float64Array[] {
    const m = emissions[0]!.length;
    const post = rows(emissions.length, m);
    const prefix = new Float64Array(m + 1);
    const eb = new Float64Array(m);
    let beta = new Float64Array(m).fill(1);
    let spare = new Float64Array(m);
    for (let k = emissions.length - 1; k >= 0; k--) {
      const p = post[k]!;
      for (let i = 0; i < m; i++) p[i] = alphas[k]![i]! * beta[i]!;
      normalise(p);
      if (k === 0) break;
      const e = emissions[k]!;
      for (let j = 0; j < m; j++) eb[j] = e[j]! * beta[j]!;
      const nb = spare;
      transition(eb, runs, 1, nb, prefix);
      normalise(nb);
      spare = beta;
      beta = nb;
    }
    return post;
  }

  /** Most probable day and the shortest window holding `credibleMass` around it (contiguous). */
  function summarise(p: Float64Array, lo: number): { date: number; earliest: number; latest: number; mass: number } {
    let best = 0;
    for (let i = 1; i < p.length; i++) if (p[i]! > p[best]!) best = i;
    let a = best;
    let b = best;
    let mass = p[best]!;
    while (mass < ev.credibleMass && (a > 0 || b < p.length - 1)) {
      const left = a > 0 ? p[a - 1]! : -1;
      const right = b < p.length - 1 ? p[b + 1]! : -1;
      if (left >= right) mass += p[--a]!;
      else mass += p[++b]!;
    }
    return { date: lo + best, earliest: lo + a, latest: lo + b, mass: p[best]! };
  }

  return (articles, debug) => {
    const stories = articles.map(evidenceOf);
    const grid = gridFor(stories);
    if (!grid) {
      const e = parseIsoDay(ev.noEvidence.earliest);
      const l = parseIsoDay(ev.noEvidence.latest);
      return articles.map((a) => {
        debug(() => `pub_date ${a.file}#${a.n}: no dated evidence in this input`);
        return { date: isoOf(e + Math.floor((l - e) / 2)), earliest: isoOf(e), latest: isoOf(l), precision: 3, basis: 'no date evidence in the story or its neighbours: the whole supported range', confidence: 0, given: false };
      });
    }
    const { lo, n } = grid;
    const grids = gridRows(stories.length, n);
    const likes = stories.map((s, k) => likelihood(s, lo, n, grids[k]!));
    const informative = stories.map((s) => s.given !== null || s.clues.some((c) => c.year !== null || c.key.startsWith('md:') || c.key.startsWith('m:')));
    const centred = centreOf(likes.filter((_, i) => informative[i]), n);
    const centre = centred.best;
    // the chain runs over a window around the centre; a story whose own evidence lies elsewhere
    // (an old story in the dump) is read on its own
    const w0 = Math.max(0, centre - REL_WINDOW);
    const w1 = Math.min(n - 1, centre + REL_WINDOW);
    // the prior of each day averages the spread kernel over the centre's posterior (not just its
    // best value), so an input whose evidence leaves the week open keeps that doubt in its windows
    const prior = new Float64Array(w1 - w0 + 1);
    const spreadSegs = ev.neighbourSpread.segments.flatMap(([f, t, m]) => [[f, t, m / 2], [-t, -f, m / 2]] as Segment[]);
    const logs = Array.from({ length: w1 - w0 + 1 }, (_, k) => centred.score(w0 + k));
    const top = Math.max(...logs);
    logs.forEach((v, k) => { const w = Math.exp(v - top); if (w > 1e-4) addKernel(prior, w0, w0 + k, spreadSegs, w); });
    normalise(prior);
    const inChain: number[] = [];
    const emissions: Float64Array[] = [];
    likes.forEach((like, i) => {
      let inside = 0;
      for (let d = w0; d <= w1; d++) inside += like[d]!;
      if (stories[i]!.given === null && inside < 1e-3) return;
      const e = new Float64Array(w1 - w0 + 1);
      for (let d = w0; d <= w1; d++) e[d - w0] = like[d]! * ((ev.neighbourSpread.floor ?? ev.floor) + prior[d - w0]!);
      inChain.push(i);
      emissions.push(e);
    });
    const posts = new Map<number, { p: Float64Array; lo: number }>();
    let orderUsed = 'none';
    if (emissions.length) {
      let best = ORDERS[2]!;
      let bestAlphas: Float64Array[] | null = null;
      let bestScore = -Infinity;
      if (emissions.length > 2) {
        const scores: string[] = [];
        for (const o of ORDERS) {
          const f = forward(emissions, o.runs);
          const s = f.logZ + Math.log(o.prior);
          scores.push(`${o.order} ${s.toFixed(2)}`);
          if (s > bestScore) { bestScore = s; best = o; bestAlphas = f.alphas; }
        }
        debug(() => `pub_date ${articles[0]!.file}: centre ${isoOf(lo + centre)}; reading orders (log-evidence) ${scores.join(', ')}`);
      }
      orderUsed = best.order;
      const post = posteriors(emissions, best.runs, bestAlphas ?? forward(emissions, best.runs).alphas);
      inChain.forEach((i, k) => posts.set(i, { p: post[k]!, lo: lo + w0 }));
    }
    return articles.map((a, i) => {
      const s = stories[i]!;
      if (s.given !== null) {
        return { date: isoOf(s.given), earliest: isoOf(s.given), latest: isoOf(s.given), precision: 1, basis: `given by the input's metadata: ${a.given.date}`, confidence: 1, given: true };
      }
      const pp = posts.get(i) ?? { p: likes[i]!, lo };
      const r = summarise(pp.p, pp.lo);
      const own = s.clues.length ? s.clues.map((c) => c.label).join('; ') : 'no date evidence of its own';
      const basis = `${own}${posts.has(i) ? `; neighbouring stories (centre ${isoOf(lo + centre)}, order ${orderUsed})` : '; read alone (its evidence lies away from its neighbours)'}`;
      debug(() => `pub_date ${a.file}#${a.n}: ${isoOf(r.date)} [${isoOf(r.earliest)}..${isoOf(r.latest)}] p=${r.mass.toFixed(2)} from ${basis}`);
      return { date: isoOf(r.date), earliest: isoOf(r.earliest), latest: isoOf(r.latest), precision: precisionOf(r.earliest, r.latest), basis, confidence: r.mass, given: false };
    });
  };
}

/** Day steps lo..hi between consecutive stories that share one transition weight w. */
interface Run { lo: number; hi: number; w: number }

/** The non-zero runs of equal weight in a transition table over steps -30..30. */
function runsOf(t: Float64Array): Run[] {
  const runs: Run[] = [];
  for (let d = 0; d < t.length; d++) {
    const last = runs[runs.length - 1];
    if (last && last.hi === d - 31 && last.w === t[d]) last.hi++;
    else if (t[d] !== 0) runs.push({ lo: d - 30, hi: d - 30, w: t[d]! });
  }
  return runs;
}

/**
 * One chain step: out[j] = TRANSITION_FLOOR * sum(src) + sum over steps d of w(d) * src[j - d]
 * (dir -1, forward) or src[j + d] (dir 1, backward). The weights come in a few runs of equal
 * value, so each run is one difference of prefix sums: O(days x runs) instead of O(days x 61).
 */
function transition(src: Float64Array, runs: Run[], dir: 1 | -1, out: Float64Array, prefix: Float64Array): void {
  const m = src.length;
  for (let i = 0; i < m; i++) prefix[i + 1] = prefix[i]! + src[i]!;
  const base = TRANSITION_FLOOR * prefix[m]!;
  for (let j = 0; j < m; j++) {
    let s = base;
    for (const { lo, hi, w } of runs) {
      const a = Math.max(0, dir < 0 ? j - hi : j + lo);
      const b = Math.min(m - 1, dir < 0 ? j - lo : j + hi);
      if (a <= b) s += w * (prefix[b + 1]! - prefix[a]!);
    }
    out[j] = s;
  }
}

/** `count` zeroed arrays of `length` over one buffer: one allocation instead of `count` (fewer GC pauses). */
function rows(count: number, length: number): Float64Array[] {
  const buffer = new Float64Array(count * length);
  return Array.from({ length: count }, (_, k) => buffer.subarray(k * length, (k + 1) * length));
}

/** Largest buffer a pool keeps between inputs (doubles); a bigger input gets its own. */
const POOL_LIMIT = 1 << 21;

/**
 * `rows` over one buffer kept from call to call: an inferrer reads one input at a time, and
 * allocating its day-by-story tables anew for every input spent a sixth of the time in GC.
 */
function rowPool(): (count: number, length: number) => Float64Array[] {
  let buffer = new Float64Array(0);
  return (count, length) => {
    const size = count * length;
    if (size > POOL_LIMIT) return rows(count, length);
    if (buffer.length < size) buffer = new Float64Array(Math.max(size, buffer.length * 2));
    else buffer.fill(0, 0, size);
    return Array.from({ length: count }, (_, k) => buffer.subarray(k * length, (k + 1) * length));
  };
}

const clamp = (i: number, n: number) => (i < 0 ? 0 : i > n ? n : i);

function normalise(a: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]!;
  if (s > 0) for (let i = 0; i < a.length; i++) a[i]! /= s;
  return s;
}

let defaultInferrer: InferPubDates | null = null;

/**
 * Publication dates for a batch of articles (one input, in order), same order as given.
 * Given dates (Article.given.date) win; the rest are inferred from internal evidence and from
 * their neighbours.
 *
 * @example
 * const dates = inferPubDates(segmentDump(text, file), noDebug);
 * dates[0] // { date: '2017-03-01', earliest: '2017-02-28', latest: '2017-03-02', precision: 2, basis: '…', … }
 */
export function inferPubDates(articles: Article[], debug: Debug): PubDate[] {
  defaultInferrer ??= createPubDateInferrer(defaultTimeResources());
  return defaultInferrer(articles, debug);
}

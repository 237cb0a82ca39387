import { sameActor } from './actorNames.js';
import type { DatedItem, ScoredArticle, ScoredEvent } from './articleJsonReader.js';
import { bigramDice, dayNumber, distanceKm, greedyMatch, letters, normalise } from './measures.js';

/**
 * Scores a system's articles against gold articles with the definitions of
 * ../shared/corpus/METRICS.md; the figures equal those of ../shared/tools/score.mjs (its
 * `--json` output has this shape, key for key).
 *
 * @example scoreArticles(parseArticleJson(goldText), parseArticleJson(systemText)).events.f1
 */
export function scoreArticles(gold: ScoredArticle[], system: ScoredArticle[]): ScoreReport {
  const pairs = alignByHeadline(gold, system);
  return {
    articles: { gold: gold.length, system: system.length, aligned: pairs.filter((p) => p[1]).length },
    pub_date: scorePubDates(pairs),
    duplicates: scoreDuplicates(pairs),
    on_topic: scoreOnTopic(pairs),
    toponyms: scoreToponyms(pairs),
    events: scoreEvents(pairs),
    control: scoreControl(pairs),
  };
}

export type ScoreReport = {
  articles: { gold: number; system: number; aligned: number };
  pub_date: ReturnType<typeof scorePubDates>;
  duplicates: ReturnType<typeof scoreDuplicates>;
  on_topic: ReturnType<typeof scoreOnTopic>;
  toponyms: ReturnType<typeof scoreToponyms>;
  events: ReturnType<typeof scoreEvents>;
  control: ReturnType<typeof scoreControl>;
};

/** A gold article and the system article aligned with it, or null (a miss everywhere). */
type Pair = [ScoredArticle, ScoredArticle | null];

/** Each gold story, in order, takes the unused system story with the most similar headline (Dice >= 0.85). */
function alignByHeadline(gold: ScoredArticle[], system: ScoredArticle[]): Pair[] {
  const used = new Set<number>();
  return gold.map((g): Pair => {
    let best: number | null = null;
    let bestScore = 0;
    system.forEach((s, i) => {
      if (used.has(i)) return;
      const score = bigramDice(s.headline, g.headline);
      if (score > bestScore) {
        bestScore = score;
        best = i;
      }
    });
    if (best === null || bestScore < 0.85) return [g, null];
    used.add(best);
    return [g, system[best]!];
  });
}

const share = (k: number, n: number) => k / (n || 1);
const f1 = (p: number, r: number) => (p + r ? (2 * p * r) / (p + r) : 0);

function scorePubDates(pairs: Pair[]) {
  let n = 0;
  let inWindow = 0;
  let exact = 0;
  const errors: number[] = [];
  for (const [g, s] of pairs) {
    if (!s) continue;
    n++;
    const d = dayNumber(s.pub_date);
    const e = Math.abs(d - dayNumber(g.pub_date));
    errors.push(isNaN(e) ? 1e9 : e);
    if (e === 0) exact++;
    if (d >= dayNumber(g.pub_date_earliest ?? g.pub_date) && d <= dayNumber(g.pub_date_latest ?? g.pub_date)) inWindow++;
  }
  errors.sort((a, b) => a - b);
  return {
    n,
    exact: share(exact, n),
    within_window: share(inWindow, n),
    median_abs_days: errors.length ? errors[Math.floor(errors.length / 2)]! : null,
    within_7_days: share(errors.filter((e) => e <= 7).length, n),
  };
}

function scoreDuplicates(pairs: Pair[]) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [g, s] of pairs) {
    const goldDup = g.duplicate_of != null;
    const sysDup = !!s && s.duplicate_of != null && s.duplicate_of !== false;
    if (goldDup && sysDup) tp++;
    else if (sysDup) fp++;
    else if (goldDup) fn++;
  }
  return { tp, fp, fn };
}

function scoreOnTopic(pairs: Pair[]) {
  let n = 0;
  let agree = 0;
  for (const [g, s] of pairs) {
    if (!s || s.on_topic == null) continue;
    n++;
    if (!!s.on_topic === !!g.on_topic) agree++;
  }
  return { n, accuracy: share(agree, n) };
}

/** A gold toponym is found when the paired story has an unused toponym with the same normalised text. */
function scoreToponyms(pairs: Pair[]) {
  let goldN = 0;
  let sysN = 0;
  let matched = 0;
  let within161 = 0;
  let country = 0;
  for (const [g, s] of pairs) {
    const goldTops = g.toponyms ?? [];
    goldN += goldTops.length;
    if (!s) continue;
    const sysTops = s.toponyms ?? [];
    sysN += sysTops.length;
    const used = new Set<number>();
    for (const t of goldTops) {
      const i = sysTops.findIndex((x, k) => !used.has(k) && normalise(x.text) === normalise(t.text));
      if (i < 0) continue;
      used.add(i);
      matched++;
      if (distanceKm(t, sysTops[i]!) <= 161) within161++;
      if (normalise(sysTops[i]!.country) === normalise(t.country)) country++;
    }
  }
  return {
    gold: goldN,
    system: sysN,
    recall: share(matched, goldN),
    precision: share(matched, sysN),
    acc161_of_matched: share(within161, matched),
    acc161_of_gold: share(within161, goldN),
    country_of_matched: share(country, matched),
  };
}

const NUMBER_WORDS = /\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|hundred)\b/i;

/** Whether a gold fatalities_text states a number (so a system count can be checked against it). */
function statesNumber(t: string | null | undefined): boolean {
  if (!t) return false;
  if (/\d/.test(t) || NUMBER_WORDS.test(t)) return true;
  return /\b(killed|dead|death|shot dead)\b/i.test(t) && !/\b(dozens|scores|hundreds|thousands|tens|several|many|some)\b/i.test(t);
}

/** The system date lies in the gold window widened by `slack` days (any date when gold has none). */
function inDateWindow(g: DatedItem, s: DatedItem, slack: number): boolean {
  const earliest = dayNumber(g.date_earliest ?? g.date);
  const latest = dayNumber(g.date_latest ?? g.date);
  const d = dayNumber(s.date);
  if (isNaN(d)) return false;
  if (isNaN(earliest)) return true;
  return d >= earliest - slack && d <= latest + slack;
}

/** Within `km` of the gold point, or in the gold country when gold is only province-precise or vaguer. */
function near(g: ScoredEvent, s: ScoredEvent, km: number): boolean {
  if (distanceKm(g, s) <= km) return true;
  return (g.geo_precision ?? 1) >= 3 && normalise(g.country) === normalise(s.country);
}

function scoreEvents(pairs: Pair[]) {
  let goldN = 0;
  let sysN = 0;
  let tp = 0;
  let subType = 0;
  let actor1 = 0;
  let fatalitiesN = 0;
  let fatalitiesOk = 0;
  let dateExact = 0;
  let geo50 = 0;
  let backgroundMatched = 0;
  const sameType = (x: ScoredEvent, y: ScoredEvent) => letters(x.event_type) === letters(y.event_type);
  const compatible = (x: ScoredEvent, y: ScoredEvent) => sameType(x, y) && near(x, y, 100) && inDateWindow(x, y, 1);
  // Prefer equal sub-type, then equal actor1, then the nearer event.
  const preference = (x: ScoredEvent, y: ScoredEvent) =>
    (letters(x.sub_event_type) === letters(y.sub_event_type) ? 2 : 0) + (sameActor(x.actor1, y.actor1) ? 1 : 0) - distanceKm(x, y) / 1000;
  for (const [g, s] of pairs) {
    const goldEvents = g.events ?? [];
    const main = goldEvents.filter((e) => !e.background);
    goldN += main.length;
    if (!s) continue;
    const sysEvents = s.events ?? [];
    sysN += sysEvents.length;
    const matches = greedyMatch(main, sysEvents, compatible, preference);
    tp += matches.length;
    for (const [x, y] of matches) {
      if (letters(x.sub_event_type) === letters(y.sub_event_type)) subType++;
      if (sameActor(x.actor1, y.actor1)) actor1++;
      if (x.fatalities != null && statesNumber(x.fatalities_text)) {
        fatalitiesN++;
        if (y.fatalities != null && (Math.abs(y.fatalities - x.fatalities) <= 1 || y.fatalities === x.fatalities_min)) fatalitiesOk++;
      }
      if (dayNumber(y.date) === dayNumber(x.date)) dateExact++;
      if (distanceKm(x, y) <= 50) geo50++;
    }
    // System events that only match background gold events are neither right nor wrong.
    const matchedSys = new Set(matches.map(([, y]) => y));
    const rest = sysEvents.filter((y) => !matchedSys.has(y));
    const background = goldEvents.filter((e) => e.background);
    backgroundMatched += greedyMatch(background, rest, (x, y) => sameType(x, y) && near(x, y, 100), () => 0).length;
  }
  const precision = tp / (sysN - backgroundMatched || 1);
  const recall = share(tp, goldN);
  return {
    gold: goldN,
    system: sysN,
    matched: tp,
    precision,
    recall,
    f1: f1(precision, recall),
    sub_type_acc: share(subType, tp),
    actor1_acc: share(actor1, tp),
    fatalities_exact: share(fatalitiesOk, fatalitiesN),
    fatalities_n: fatalitiesN,
    date_exact: share(dateExact, tp),
    geo50: share(geo50, tp),
  };
}

function scoreControl(pairs: Pair[]) {
  let goldN = 0;
  let sysN = 0;
  let tp = 0;
  for (const [g, s] of pairs) {
    const goldChanges = g.control_changes ?? [];
    goldN += goldChanges.length;
    if (!s) continue;
    const sysChanges = s.control_changes ?? [];
    sysN += sysChanges.length;
    tp += greedyMatch(
      goldChanges,
      sysChanges,
      (x, y) => distanceKm(x, y) <= 50 && sameActor(x.to_actor, y.to_actor) && (!!x.background || inDateWindow(x, y, 3)),
      (x, y) => -distanceKm(x, y),
    ).length;
  }
  const precision = share(tp, sysN);
  const recall = share(tp, goldN);
  return { gold: goldN, system: sysN, matched: tp, precision, recall, f1: f1(precision, recall) };
}

import type { Span } from '../core/types.js';
import { matchEach } from './matchEach.js';

/**
 * Counts of people reported killed: digits and number words, qualifiers ("at least 32" -> 32,
 * "more than 50" -> min 51), vague quantities ("dozens" -> 24, "scores" -> 40, "hundreds" -> 200),
 * ranges (lower bound), lists added up ("36 militants were dead, along with 12 soldiers").
 * Wounded counts are not fatalities. A war's or campaign's running total ("250,000 people have
 * died in the civil war") is marked `total` so the coder does not give it to one event.
 */
export interface CasualtyCount {
  span: Span;
  text: string;
  fatalities: number;
  min: number;
  total: boolean;
}

const UNITS: Record<string, number> = {
  zero: 0, one: 1, a: 1, an: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};
/** ANNOTATION.md's readings of vague quantities. */
const VAGUE: Record<string, number> = { dozens: 24, scores: 40, hundreds: 200, thousands: 2000, tens: 20, 'a dozen': 12, dozen: 12, several: 3, 'a few': 3, 'a handful': 3,
  'several hundred': 300, 'several thousand': 3000, 'a few hundred': 300, 'a few thousand': 3000 };

const WORD = '(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?(?: hundred| thousand)?';
const BARE = `(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?: (?:thousand|million))?|${WORD}|a dozen|dozens|scores|hundreds|thousands|tens|(?:several|a few) (?:hundred|thousand)|several`;
const QUAL = '(?:at least|more than|over|nearly|almost|about|around|some|up to|roughly|approximately|an estimated|as many as|at most|fewer than|less than|another|a further)';
/** A quantity with its qualifier and an optional range: "at least 32", "20 to 30", "dozens of". */
export const QUANTITY = `(?:${QUAL} )?(?:${BARE})(?: (?:to|or|and) (?:${BARE}))?(?:-(?:\\d+))?(?: of)?`;

/** Parses a quantity phrase; null when it holds no number. */
export function parseQuantity(s: string): { best: number; min: number } | null {
  const t = s.toLowerCase().replace(/\bof$/, '').trim();
  const q = /^(at least|more than|over|nearly|almost|about|around|some|up to|roughly|approximately|an estimated|as many as|at most|fewer than|less than|another|a further)\s+/.exec(t);
  const rest = q ? t.slice(q[0].length) : t;
  const first = /^(\d{1,3}(?:,\d{3})+|\d+)(?: (thousand|million))?|^([a-z][a-z -]*?)(?= (?:to|or|and) |-\d|$)/.exec(rest);
  if (!first) return null;
  let n: number | null;
  if (first[1]) n = Number(first[1].replace(/,/g, '')) * (first[2] === 'thousand' ? 1e3 : first[2] === 'million' ? 1e6 : 1);
  else n = wordsToNumber(first[3]!.trim());
  if (n === null) return null;
  const strict = q && /^(more than|over)$/.test(q[1]!);
  const min = strict ? n + 1 : n;
  return { best: min, min };
}

function wordsToNumber(w: string): number | null {
  if (w in VAGUE) return VAGUE[w]!;
  let total = 0;
  let cur = 0;
  for (const part of w.split(/[- ]+/)) {
    if (part === 'hundred') cur = (cur || 1) * 100;
    else if (part === 'thousand') { total += (cur || 1) * 1000; cur = 0; }
    else if (part in UNITS) cur += UNITS[part]!;
    else return null;
  }
  return total + cur;
}

const KILLED = '(?:killed|dead|slain|died|executed|shot dead|lost their lives|lay dead|were killed|was killed)';
// "N <up to five words> (were) killed": the gap may not hold another count or a wound word
// nor another number or a verb of saying ("one of them said four snipers were killed": four)
const GAP = "(?:(?!\\d|(?:wounded|injured|hurt|and|or|but|while|who|which|that|said|says|told|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|dozens|scores|hundreds|several)\\b)[A-Za-z’'.-]+,? ){0,6}?";
const AUX = '(?:(?:were|was|have been|has been|had been|are|is|being|been|reportedly|also|all|later|confirmed|reported|believed to have been|believed|found) )*';
const P_SUBJECT = new RegExp(`(?<![\\w-])(${QUANTITY}) ${GAP}${AUX}${KILLED}\\b`, 'gi');
// "a 60-year-old woman who was killed": the relative clause reports the death of the noun before it
const P_RELATIVE = new RegExp(`(?<![\\w-])(${QUANTITY}|an?) (?:[\\w’'-]+ ){1,4}who (?:was|were|had been|have been) (?:killed|shot dead|executed)\\b`, 'gi');
// one person named by a singular noun: "killed the seventh member of", "a policeman was shot dead"
const PERSON = '(?:man|woman|boy|girl|child|baby|member|soldier|policeman|policewoman|officer|civilian|fighter|militant|commander|leader|journalist|reporter|priest|teacher|doctor|nurse|worker|farmer|student|resident|shepherd|judge|official|guard|cleric|imam|trader|driver|engineer|pilot|hostage|son|daughter|father|mother|brother|sister|husband|wife|person|citizen|national|volunteer|lawyer|activist|politician|mayor|governor|elder|chief|villager|pilgrim|tourist|worshipper|monk|nun|bishop|pastor|Christian|Muslim|Copt)';
const P_ONE_OBJECT = new RegExp(`\\b(?:killed|killing|shot dead|executed|executing|beheaded|murdered|gunned down|assassinated) (?:a|an|the|one|another) (?:[\\w’'-]+ ){0,2}?${PERSON}\\b`, 'gi');
const P_ONE_SUBJECT = new RegExp(`(?<![\\w-])(?:a|an|one|another) (?:[\\w’'-]+ ){0,3}?${PERSON} (?:was|has been|had been) (?:killed|shot dead|executed|beheaded|murdered|gunned down|assassinated)\\b`, 'gi');
// cheap case-sensitive cues that the one-person patterns can match at all
const ONE_OBJECT_CUE = /(?:killed|killing|shot dead|executed|executing|beheaded|murdered|gunned down|assassinated) (?:a|an|the|one|another) /;
const ONE_SUBJECT_CUE = / (?:was|has been|had been) (?:killed|shot dead|executed|beheaded|murdered|gunned down|assassinated)/;
const P_OBJECT = new RegExp(`\\b(?:killed|killing|kills|kill|executed|executing|massacred|claimed the lives of|left) (${QUANTITY})(?![\\w])`, 'gi');
const P_TOLL = new RegExp(`\\bdeath toll (?:\\w+ ){0,3}?(?:to|at|of|reached|stood at|hit) (${QUANTITY})`, 'gi');
const P_BODIES = new RegExp(`\\b(?:corpses|bodies) of (${QUANTITY})`, 'gi');
const P_ALONG = new RegExp(`\\b(?:was|were) killed (?:along|together) with (${QUANTITY}) (?:others|other people|more|people|\\w+)`, 'gi');
const SUM_TAIL = new RegExp(`^,? (?:along with|as well as|plus) ((?:${QUANTITY}) [\\w ]+?(?:(?:,| and) (?:${QUANTITY}) [\\w ]+?)*)(?=[,.;]|$)`, 'i');
// SUM_TAIL's opening words, tested where the count ends: most counts have no list after them
const SUM_TAIL_CUE = /,? (?:along with|as well as|plus) /iy;
const SUM_ITEM = new RegExp(`(?:^|, |,? and )(${QUANTITY}) `, 'gi');
// running totals of a war or campaign, not one event's toll
const TOTAL_AFTER = /^[^.;]{0,80}?\b(?:(?:in|during|since|throughout|over|of) (?:the |its |this |that )?(?:\w+ ){0,3}?(?:war|conflict|insurgency|uprising|violence|crisis|campaign|years?|decades?)\b|since (?:19|20)\d\d|since (?:the )?(?:start|beginning|outbreak)|so far|to date|in total|altogether|(?:over|in|during) the (?:past|last|previous) (?:\d+|twenty-four|forty-eight|two|three) (?:hours|days)|across (?:the )?(?:conflict zone|country|region|province|front(?: ?line)?|war zone|east|north|south|west))/i;
// "the insurgency has killed thousands": the toll's pattern starts at the verb, so the verb is optional here
const TOTAL_BEFORE = /\b(?:(?:war|conflict|insurgency|crisis|uprising|rebellion|violence|campaign)(?:['’]s)? (?:has|have|had|that has|which has) (?:(?:already|so far|now) )?(?:killed|left)?|total of)\s*$/i;

// "killed and wounded", "dead or injured": a count of all casualties, not of the dead
const WOUNDED_TOO = /^\s+(?:and|or|and\/or)\s+(?:(?:seriously|critically|badly|severely)\s+)?(?:wounded|injured|hurt|maimed)\b/i;
// "Feb. 17 attack", "March 3 gunmen": the day of a date; "the 2015 attack": a year
const DATE_BEFORE = /\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?\s+$|\b(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+$/;
const YEAR = /^(?:19|20)\d\d$/;

const DEATH_WORD = /kill|dead|died|slain|death|execut|lives|bodies|corpses|massacre|behead|murder|assassinat|gunned down/i;

/** Fatality counts in `text` (a sentence), spans shifted by `base`, in text order. */
export function extractCasualtyCounts(text: string, base: number): CasualtyCount[] {
  if (!DEATH_WORD.test(text)) return [];
  const out: CasualtyCount[] = [];
  const push = (start: number, end: number, qty: string, extra = 0) => {
    if (out.some((o) => o.span.start - base < end && start < o.span.end - base)) return;
    const q = parseQuantity(qty);
    if (!q) return;
    if (YEAR.test(qty) || DATE_BEFORE.test(text.slice(Math.max(0, start - 12), start)) || WOUNDED_TOO.test(text.slice(end, end + 30))) return;
    let { best, min } = q;
    let tailEnd = end;
    SUM_TAIL_CUE.lastIndex = end;
    const tail = SUM_TAIL_CUE.test(text) ? SUM_TAIL.exec(text.slice(end)) : null;
    if (tail) {
      matchEach(SUM_ITEM, tail[1]!, (it) => {
        const p = parseQuantity(it[1]!);
        if (p) { best += p.best; min += p.min; }
      });
      tailEnd = end + tail[0].length;
    }
    const total = TOTAL_AFTER.test(text.slice(tailEnd)) || TOTAL_BEFORE.test(text.slice(Math.max(0, start - 40), start)) || (best >= 5000 && /\b(?:have|has) (?:been killed|died)\b/.test(text.slice(start, tailEnd)));
    out.push({ span: { start: base + start, end: base + tailEnd }, text: text.slice(start, tailEnd), fatalities: best + extra, min: min + extra, total });
  };
  // each pattern needs a word of its own: a plain substring test skips most of them cheaply
  // (literal regex tests: String#includes cost more on these sentence slices, Node 20)
  if (/with/.test(text)) matchEach(P_ALONG, text, (x) => push(x.index, x.index + x[0].length, x[1]!, 1));
  if (/toll/.test(text)) matchEach(P_TOLL, text, (x) => push(x.index, x.index + x[0].length, x[1]!));
  if (/odies|orpses/.test(text)) matchEach(P_BODIES, text, (x) => push(x.index, x.index + x[0].length, x[1]!));
  matchEach(P_SUBJECT, text, (x) => push(x.index, x.index + x[0].length, x[1]!));
  if (/ who /.test(text)) matchEach(P_RELATIVE, text, (x) => push(x.index, x.index + x[0].length, x[1]!));
  matchEach(P_OBJECT, text, (x) => push(x.index, x.index + x[0].length, x[1]!));
  if (ONE_OBJECT_CUE.test(text)) matchEach(P_ONE_OBJECT, text, (x) => push(x.index, x.index + x[0].length, 'one'));
  if (ONE_SUBJECT_CUE.test(text)) matchEach(P_ONE_SUBJECT, text, (x) => push(x.index, x.index + x[0].length, 'one'));
  return out.sort((a, b) => a.span.start - b.span.start);
}

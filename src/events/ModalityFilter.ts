import type { Debug } from '../core/types.js';
import { matchEach } from './matchEach.js';
import type { Trigger } from './TriggerExtractor.js';

/**
 * Is a trigger reported as having happened? Plans, threats, predictions, aims, hypotheticals,
 * negated events and questions are not coded (ANNOTATION.md). The test looks at the words of the
 * trigger's own clause before it, so "The army, which will advance next week, captured X" still
 * codes the capture (a relative clause closed by its comma is an aside).
 */
// a word that can stand inside a list of options: not an auxiliary, modal or verb of saying, not a
// word opening a clause, and not a past verb taking an object ("jets then struck the", "launched 12"):
// those are a finite verb, and the list ends before it
const LIST_WORD = String.raw`(?!(?:is|are|was|were|be|been|has|have|had|do|does|did|will|would|could|can|may|might|should|must|said|says|told|that|which|who|when|while|struck|hit|took|began|fought|went|came)[,\s])(?![\w-]+ed\s+(?:the|a|an|its|their|his|her|them|him|it|on|at|in|into|near|\d)\b)`;

const RULES: [RegExp, string][] = [
  [/\b(?:will|won['’]t|would|could|might|shall|must|should|can|cannot|can['’]t)\s+(?:[\w-]+,?\s+){0,14}$/i, 'modal or future'],
  [/\bmay\s+(?:[\w-]+,?\s+){0,14}$/, 'modal or future'],
  [/^\s*Asked\b/, 'question'],
  [/\b(?:plans?|planned|planning|aims?|aimed|aiming|intends?|intended|seeks?|sought|seeking|threaten(?:s|ed|ing)?|vow(?:s|ed)?|pledged|promised|expects?|expected|hopes?|hoped|wants?|wanted|tries|tried|trying|attempt(?:s|ed|ing)?|ready|prepar(?:e|es|ed|ing)|set|about|going|poised|push(?:es|ed|ing)?|bid|effort|fighting|order(?:s|ed)?|called on \w+|urged \w+|asked \w+)\s+to\s+(?:\w+\s+){0,2}$/i, 'plan, aim or threat'],
  [/\b(?:not|never|no|n['’]t|neither|nor|denied|denies|deny|denying|without|failed to|fails to|unable to|rather than|instead of)\s+(?:\w+\s+){0,3}$/i, 'negated'],
  [/\b(?:if|unless|whether|in case|once|until)\s+(?:[^,;]*)$/i, 'hypothetical or conditional'],
  // "the impact of any further air strikes"
  [/\bany\s+(?:[\w-]+\s+){0,2}$/i, 'hypothetical (any ...)'],
  // "options such as more attack helicopters, special forces and air strikes": the list runs on
  // through its items and their coordination, however long, until a finite verb ends it
  [new RegExp(`\\b(?:options?|measures|steps|capabilities|choices)\\s+(?:like|such as|including)\\s+(?:${LIST_WORD}[\\w’'-]+,?\\s+)*$`, 'i'), 'an option, not an event'],
  [/\b(?:threat of|risk of|fears? of|possibility of|prospect of|plans? for|preparations? for|ahead of|before the|calls? for|warned of|warning of)\s+(?:(?:a|an|the|any|new|further|possible|major)\s+){0,2}$/i, 'threat or prospect'],
  // "to recapture", "launched an offensive to retake": an aim, unless a past verb follows it
  // "to encircle and ultimately capture": the aim covers every verb coordinated after "to";
  // "continued to fire", "began to withdraw": an aspect of what happened, not an aim
  [/(?:^|[^\w])(?<!\b(?:continued|continues|continuing|began|begun|started|kept)\s+)to\s+(?:[\w-]+\s+(?:and|or)\s+(?:\w+ly\s+)?)?$/i, 'infinitive (aim)'],
];

// most triggers match no rule: one scan of the clause by the case-insensitive rules together
// (one alternation) skips the ten scans; the rules in order still say which one matched
const ANY_RULE = new RegExp(RULES.filter(([re]) => re.flags === 'i').map(([re]) => `(?:${re.source})`).join('|'), 'i');
const CASED = RULES.filter(([re]) => re.flags !== 'i');
/** The words the case-sensitive rules need as written ("may", "Asked"): one literal test skips their scans
 * (a regex test, not String#includes per word: cheaper on these sentence slices, Node 20). */
const CASED_WORDS = /may|Asked/;

// "has fought a three-decade insurgency": the trigger names a whole war, not an event
// (read from the trigger's offset: the trigger's own word, then the words after it)
const LONG_RUNNING_AFTER = /\S*\s+(?:an?\s+)?(?:[\w-]+\s+)?[\w-]*(?:decades?|years?|months?)[\w-]*(?:-long|-old)?\s+(?:insurgency|war|campaign|conflict|rebellion|struggle)\b/iy;

/** A relative clause that the last clause boundary opened and a comma closed, before the trigger. */
const CLOSED_RELATIVE = /^(?:which|who)\b[^,]*,\s+/i;

/** Clause boundaries: the trigger's clause starts after the last of these. */
const CLAUSE = /[;:“”"(]|,\s+(?=(?:which|who|while|but|although|though|as|after|and|since|when|where)\b)|\b(?:but|while|although|whereas)\b/g;

/**
 * Returns why the trigger at `at` (offset into `sentence`) is not a reported fact, or null when it is.
 * @example notAsserted('The army will enter the town soon.', 14) // 'modal or future'
 */
export function notAsserted(sentence: string, at: number): string | null {
  const before = sentence.slice(0, at);
  let from = 0;
  matchEach(CLAUSE, before, (m) => { from = m.index + m[0].length; });
  // "The army, which will advance next week, captured X": a relative clause closed by its comma
  // before the trigger is an aside; the trigger's own clause resumes after it
  const clause = before.slice(from).replace(CLOSED_RELATIVE, '');
  if (ANY_RULE.test(clause) || (CASED_WORDS.test(clause) && CASED.some(([re]) => re.test(clause)))) for (const [re, why] of RULES) if (re.test(clause)) return why;
  LONG_RUNNING_AFTER.lastIndex = at;
  if (LONG_RUNNING_AFTER.test(sentence)) return 'a long-running conflict, not an event';
  if (/\?/.test(sentence) && /\?\s*["”’]?\s*$/.test(sentence) && !/\bsaid\b/.test(sentence)) return 'question';
  return null;
}

const QUOTED = /“[^”]*(?:”|$)|"[^"]*(?:"|$)/g;

/**
 * The triggers of a sentence reported as facts: not inside a quotation (a statement, not a report)
 * and asserted (`notAsserted`). Run before the other extractors, so a sentence of quotes and
 * plans costs no actor, toll or time pass. `base` is the sentence's offset in the article.
 */
export function assertedTriggers(sentence: string, base: number, triggers: Trigger[], debug: Debug): Trigger[] {
  if (triggers.length === 0) return triggers;
  const quoted: [number, number][] = [];
  if (/[“"]/.test(sentence)) matchEach(QUOTED, sentence, (m) => quoted.push([m.index, m.index + m[0].length]));
  return triggers.filter((t) => {
    const at = t.span.start - base;
    const why = quoted.some(([a, b]) => a <= at && at < b) ? 'inside a quotation (a statement, not a report)' : notAsserted(sentence, at);
    if (why) debug(() => `events: skip "${t.text}" (${why}) in: ${sentence}`);
    return !why;
  });
}

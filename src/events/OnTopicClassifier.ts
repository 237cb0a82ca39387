import { createError } from '../core/errors.js';
import { matchEach } from './matchEach.js';
import { trieAlternation } from './trieAlternation.js';

/**
 * Is the story about armed conflict, terrorism, militancy or political violence? A cheap lexicon
 * score (resources/events/ontopic.json): the weighted count of conflict terms in the text. The
 * threshold (3 by default) means one strong term alone (weight 2, e.g. "air strikes") is not
 * enough, but a short report of a clash ("militants", "killed", "troops") is.
 */
export interface OnTopicLexicon {
  threshold: number;
  terms: Record<string, number>;
  re: RegExp;
}

export function validateOnTopicLexicon(raw: unknown, file: string): OnTopicLexicon {
  const r = raw as { threshold?: unknown; terms?: unknown };
  if (typeof r?.threshold !== 'number' || typeof r.terms !== 'object' || r.terms === null)
    throw createError('RESOURCE_INVALID', file, 'expected { "threshold": number, "terms": { "word": weight } }');
  for (const [k, v] of Object.entries(r.terms)) if (typeof v !== 'number') throw createError('RESOURCE_INVALID', file, `terms["${k}"]: weight must be a number`);
  const terms = r.terms as Record<string, number>;
  const alt = trieAlternation(Object.keys(terms));
  return { threshold: r.threshold, terms, re: new RegExp(`\\b(?:${alt})\\b`, 'gi') };
}

/** Weighted count of conflict terms in `text`. */
export function onTopicScore(text: string, lex: OnTopicLexicon): number {
  let s = 0;
  matchEach(lex.re, text, (m) => { s += lex.terms[m[0].toLowerCase()] ?? 0; });
  return s;
}

/** True when the weighted count reaches the threshold; stops reading there (most stories reach it early). */
export function isOnTopic(text: string, lex: OnTopicLexicon): boolean {
  let s = 0;
  const re = lex.re;
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    s += lex.terms[m[0].toLowerCase()] ?? 0;
    if (s >= lex.threshold) return true;
  }
  return s >= lex.threshold;
}

import type { PubDate, TimeMention } from '../core/types.js';

/**
 * Finds temporal expressions in `text` and resolves them against the publication date.
 * `base` is added to every span (pass the sentence's offset in Article.text).
 * (Stub until the time stage lands; the signature is the contract.)
 */
export function findTimeMentions(_text: string, _base: number, _anchor: PubDate): TimeMention[] {
  return [];
}

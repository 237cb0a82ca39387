import type { Article } from '../../src/core/types.js';

/** Every part of an article that carries a span, for the span invariant. */
export function parts(a: Article) {
  return [a.headline, a.byline, a.credits, ...a.captions, ...a.dateline, ...a.paragraphs].filter((p) => p !== null);
}

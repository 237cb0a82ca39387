import type { Article, Iso2, Toponym } from '../core/types.js';

/**
 * The story's focus: where it happens when a sentence names no place. The most-mentioned
 * town-level toponym (a dateline place breaks ties, since wire datelines name the reporting city),
 * and the country the toponyms point to most.
 */
export interface StoryFocus {
  place: Toponym | null;
  country: Iso2 | null;
}

const BROAD = new Set(['country', 'admin1', 'region']);

export function storyFocus(article: Article, toponyms: Toponym[]): StoryFocus {
  const datelineNames = new Set(article.dateline.map((d) => d.text.toLowerCase()));
  const byCountry = new Map<string, number>();
  const byName = new Map<string, { t: Toponym; n: number }>();
  for (const t of toponyms) {
    if (t.country) byCountry.set(t.country, (byCountry.get(t.country) ?? 0) + 1);
    if (BROAD.has(t.kind) || t.lat === null) continue;
    const inDateline = article.dateline.some((d) => d.span.start <= t.span.start && t.span.end <= d.span.end);
    const e = byName.get(t.name) ?? { t, n: 0 };
    // a dateline place is where the reporter sits (often Beirut for Syria): a tie-breaker, not a vote
    e.n += inDateline ? 0.5 : 1;
    byName.set(t.name, e);
  }
  let country: Iso2 | null = null;
  let cn = 0;
  for (const [k, v] of byCountry) if (v > cn) { country = k; cn = v; }
  let place: Toponym | null = null;
  let pn = 0;
  for (const { t, n } of byName.values()) {
    const score = n + (datelineNames.has(t.text.toLowerCase()) ? 0.25 : 0) + (t.country === country ? 0.1 : 0);
    if (score > pn) { place = t; pn = score; }
  }
  if (!place) place = toponyms.find((t) => t.country === country && t.lat !== null) ?? null;
  return { place, country };
}

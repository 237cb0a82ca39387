import type { Article, Debug, Iso2, Span, Toponym } from '../core/types.js';
import type { CompactGazetteer } from './CompactGazetteer.js';
import { compactGazetteer } from './CompactGazetteer.js';
import type { GazetteerData } from './Gazetteer.js';
import type { NormalisationTable } from './NameNormalizer.js';
import { createNameNormalizer } from './NameNormalizer.js';
import type { PlaceIndex } from './PlaceIndex.js';
import { createPlaceIndex } from './PlaceIndex.js';
import type { PlaceLexicon } from './PlaceLexicon.js';
import { createRecognizer } from './ToponymRecognizer.js';
import type { Mention } from './ToponymRecognizer.js';
import { resolveMentions } from './ToponymResolver.js';

/**
 * The places stage: recognise toponyms in an article (headline, dateline, captions, body) and
 * resolve each to a gazetteer entry. Pure: the gazetteer, the normalisation table and the lexicon
 * come in as data (GeoparserLoader reads them).
 *
 * @example
 *   const g = createGeoparser(data, table, lexicon);
 *   g.parse(article, noDebug);            // one Toponym per mention span
 *   g.resolve('Dayr az Zawr');            // -> Deir ez-Zor, SY
 */
export interface Geoparser {
  parse(article: Article, debug: Debug): Toponym[];
  /** Resolves a bare name ("Tal Afar", "Nineveh province"); null when the gazetteer has nothing. */
  resolve(name: string, hint?: { country?: Iso2 }): Toponym | null;
  index: PlaceIndex;
}

/** `data` is the compact gazetteer the loader reads, or a built one (tests build small ones). */
export function createGeoparser(data: CompactGazetteer | GazetteerData, table: NormalisationTable, lexicon: PlaceLexicon): Geoparser {
  const normalizer = createNameNormalizer(table);
  const compact = 'places' in data ? compactGazetteer(data, normalizer, '') : data;
  const index = createPlaceIndex(compact, normalizer);
  const recognize = createRecognizer({ index, lexicon });

  return {
    index,
    parse(article, debug) {
      const skip: Span[] = [];
      if (article.byline) skip.push(article.byline.span);
      if (article.credits) skip.push(article.credits.span);
      const dateline = article.dateline.map((d) => d.span);
      const rec = recognize(article.text, { dateline, skip });
      const focus = rec.mentions.filter((m) => m.inDateline);
      // the headline's places count as context but are not toponyms of their own: the annotation
      // guide lists the body's, dateline's and captions' (a headline repeats the body in short)
      const head = article.headline?.span;
      const out = resolveMentions(index, rec, focus).filter((t) => !head || t.span.start < head.start || t.span.start >= head.end);
      debug(() => `places: ${rec.mentions.length} mentions, ${out.length} resolved; demonyms ${[...rec.demonymCountries.keys()].join(',') || '-'}`);
      for (const t of out) debug(() => `places: "${t.text}" -> ${t.name} (${t.country}) ${t.lat},${t.lon} [${t.rule} ${t.confidence.toFixed(2)}]: ${t.reasons?.join('; ')}`);
      return out;
    },
    resolve(name, hint) {
      const text = name.trim();
      const rec = recognize(text, { dateline: [{ start: 0, end: text.length }], skip: [] });
      const m: Mention | undefined = rec.mentions.find((x) => x.span.start === 0 && x.candidates.length > 0);
      if (!m) return null;
      if (hint?.country) rec.demonymCountries.set(hint.country, 4);
      const [t] = resolveMentions(index, { mentions: [{ ...m, inDateline: false }], demonymCountries: rec.demonymCountries, sentenceStarts: [0] });
      return t ?? null;
    },
  };
}

/**
 * A story's focus place: the first dateline toponym that is not a country, else the most-mentioned
 * city, town or village, else the most-mentioned toponym. Events without a place of their own fall
 * back to it.
 */
export function focusPlace(article: Article, toponyms: Toponym[]): Toponym | null {
  const inDateline = (t: Toponym) => article.dateline.some((d) => t.span.start >= d.span.start && t.span.start < d.span.end);
  const dl = toponyms.filter(inDateline);
  const first = dl.find((t) => t.kind !== 'country') ?? dl[0];
  if (first) return first;
  const count = (pool: Toponym[]) => {
    const n = new Map<string, { t: Toponym; c: number }>();
    for (const t of pool) {
      const k = `${t.name}|${t.country}`;
      const e = n.get(k) ?? { t, c: 0 };
      e.c++;
      n.set(k, e);
    }
    return [...n.values()].sort((a, b) => b.c - a.c)[0]?.t ?? null;
  };
  return count(toponyms.filter((t) => t.kind === 'city' || t.kind === 'town' || t.kind === 'village')) ?? count(toponyms);
}

/** Toponyms whose span lies inside `span` (e.g. a sentence's), in text order. */
export function toponymsIn(span: Span, toponyms: Toponym[]): Toponym[] {
  return toponyms.filter((t) => t.span.start >= span.start && t.span.end <= span.end);
}

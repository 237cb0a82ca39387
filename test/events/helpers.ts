import type { Article, PubDate, Toponym } from '../../src/core/types.js';
import { noDebug } from '../../src/core/types.js';
import { createEventStage } from '../../src/events/EventStage.js';
import { loadActors, loadOnTopicLexicon, loadTriggerLexicon } from '../../src/events/loadEventResources.js';

/** Builds an Article from paragraphs written for the test (headline first, then body paragraphs). */
export function makeArticle(paragraphs: string[], headline = 'Test story'): Article {
  let text = `${headline}\n\n`;
  const paras = paragraphs.map((p) => {
    const start = text.length;
    text += `${p}\n\n`;
    return { text: p, span: { start, end: start + p.length }, kind: 'body' as const };
  });
  return { id: 'test', file: 'test.txt', n: 1, offset: 0, text, headline: { text: headline, span: { start: 0, end: headline.length } },
    captions: [], byline: null, dateline: [], paragraphs: paras, credits: null, given: {} };
}

/** Gazetteer rows for the places the tests name (what the places stage would resolve). */
type PlaceRow = Omit<Toponym, 'text' | 'span' | 'rule' | 'confidence' | 'geonameId'>;
const PLACES: Record<string, PlaceRow> = {
  Kobani: { name: 'Kobani', kind: 'town', country: 'SY', admin1: 'Aleppo', lat: 36.89, lon: 38.35 },
  Hama: { name: 'Hama', kind: 'city', country: 'SY', admin1: 'Hama', lat: 35.13, lon: 36.75 },
  Fallujah: { name: 'Fallujah', kind: 'city', country: 'IQ', admin1: 'Anbar', lat: 33.35, lon: 43.78 },
  Baiji: { name: 'Baiji', kind: 'town', country: 'IQ', admin1: 'Salahuddin', lat: 34.93, lon: 43.49 },
  Rafah: { name: 'Rafah', kind: 'city', country: 'EG', admin1: 'North Sinai', lat: 31.28, lon: 34.24 },
  Sinai: { name: 'Sinai', kind: 'region', country: 'EG', admin1: 'North Sinai', lat: 30.0, lon: 33.8 },
  Maiduguri: { name: 'Maiduguri', kind: 'city', country: 'NG', admin1: 'Borno', lat: 11.85, lon: 13.16 },
  Damaturu: { name: 'Damaturu', kind: 'city', country: 'NG', admin1: 'Yobe', lat: 11.75, lon: 11.96 },
  Derna: { name: 'Derna', kind: 'city', country: 'LY', admin1: 'Derna', lat: 32.76, lon: 22.64 },
  Syria: { name: 'Syria', kind: 'country', country: 'SY', admin1: null, lat: 35.0, lon: 38.5 },
  Iraq: { name: 'Iraq', kind: 'country', country: 'IQ', admin1: null, lat: 33.0, lon: 44.0 },
  Libya: { name: 'Libya', kind: 'country', country: 'LY', admin1: null, lat: 27.0, lon: 17.0 },
};

/** Toponyms for every occurrence of the known place names in the article. */
export function placesIn(a: Article, extra: Record<string, PlaceRow> = {}): Toponym[] {
  const out: Toponym[] = [];
  for (const [text, row] of Object.entries({ ...extra, ...PLACES }))
    for (const m of a.text.matchAll(new RegExp(`\\b${text}\\b`, 'g')))
      if (!out.some((o) => o.span.start <= m.index && m.index < o.span.end))
        out.push({ ...row, text, span: { start: m.index, end: m.index + text.length }, rule: 'test', confidence: 1, geonameId: null });
  return out;
}

export const PUB: PubDate = { date: '2019-05-10', earliest: '2019-05-10', latest: '2019-05-10', precision: 1, basis: 'test', confidence: 1, given: true };

export const stage = createEventStage({ actors: loadActors(), triggers: loadTriggerLexicon(), onTopic: loadOnTopicLexicon() });

/** Runs the events stage over paragraphs written for the test. */
export function code(paragraphs: string[], pubDate: PubDate = PUB) {
  const article = makeArticle(paragraphs);
  return { article, ...stage({ article, pubDate, toponyms: placesIn(article) }, noDebug) };
}

/** Like `code`, with extra gazetteer rows for places only this test names (longer names first). */
export function codeWith(paragraphs: string[], places: Record<string, PlaceRow>, pubDate: PubDate = PUB) {
  const article = makeArticle(paragraphs);
  return { article, ...stage({ article, pubDate, toponyms: placesIn(article, places).sort((a, b) => a.span.start - b.span.start) }, noDebug) };
}

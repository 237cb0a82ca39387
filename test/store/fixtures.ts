import type { Article, CodedEvent, Extraction } from '../../src/core/types.js';
import { duplicateText, minhashSignature } from '../../src/dedup/NearDuplicateRefiner.js';
import type { StoryToSave } from '../../src/store/Store.js';

/** A story as the segmenter would give it: headline line, blank line, body paragraphs. */
export function article(file: string, n: number, headline: string, body: string[], id = `${file}#${n}`): Article {
  const text = [headline, '', ...body].join('\n');
  let at = headline.length + 2;
  const paragraphs = body.map((p) => {
    const part = { text: p, span: { start: at, end: at + p.length }, kind: 'body' as const };
    at += p.length + 1;
    return part;
  });
  return {
    id, file, n, offset: 0, text, headline: { text: headline, span: { start: 0, end: headline.length } },
    captions: [], byline: null, dateline: [], paragraphs, credits: null, given: {},
  };
}

export function bombing(storyId: string): CodedEvent {
  return {
    rule: 'test.rule', confidence: 0.9, span: { start: 0, end: 10 }, reasons: ['test reason'],
    event_type: 'Explosions/Remote violence', sub_event_type: 'Remote explosive/landmine/IED',
    actor1: 'Unidentified Armed Group', actor2: 'Civilians', location: 'Testville', country: 'IQ', admin1: null,
    lat: 33.3, lon: 44.4, geo_precision: 1, date: '2021-05-03', date_earliest: '2021-05-03', date_latest: '2021-05-03',
    time_precision: 1, fatalities: 4, fatalities_min: 4, fatalities_text: 'four people', background: false,
    evidence: `A bomb exploded (${storyId}).`,
  };
}

export function extraction(a: Article, extra: Partial<Extraction> = {}): Extraction {
  return {
    article: a,
    pubDate: { date: '2021-05-04', earliest: '2021-05-03', latest: '2021-05-04', precision: 1, basis: 'test', confidence: 1, given: false },
    duplicateOf: null, onTopic: true, toponyms: [], events: [], controlChanges: [], ...extra,
  };
}

export const toSave = (x: Extraction): StoryToSave => ({ extraction: x, signature: minhashSignature(duplicateText(x.article)) });

/** Distinct sentences so unrelated stories share no 5-word run. */
export function paragraphs(seed: string, count = 4): string[] {
  const words = ['river', 'convoy', 'market', 'council', 'bridge', 'harvest', 'clinic', 'school', 'checkpoint', 'airport', 'village', 'governor'];
  return Array.from({ length: count }, (_, i) =>
    `${seed} report ${i}: the ${words[(seed.length + i) % words.length]} near the ${words[(i * 7 + seed.charCodeAt(0)) % words.length]} was described by ${seed} officials on day ${i + 1} of the ${seed} inquiry.`);
}

import type { Article, CodedEvent, ControlChange, Debug, Extraction, PubDate, Toponym } from './types.js';
import { noDebug } from './types.js';

/**
 * The extraction pipeline as a list you can read. Each stage is a pure function over data;
 * resources (gazetteer, actor dictionary, lexicons) are loaded once by an edge and passed in.
 * Order matters where noted.
 */
export interface Stages {
  /** Batch stage: n of an earlier near-identical story per article (same order), or null. */
  duplicates: (articles: Article[]) => (number | null)[];
  /** Batch stage: dumps are read in order, so neighbours are evidence of each other's date. */
  pubDates: (articles: Article[], debug: Debug) => PubDate[];
  /** Per article: toponyms with resolved coordinates. */
  places: (article: Article, debug: Debug) => Toponym[];
  /** Per article, after places and dates (it uses both). */
  events: (input: EventInput, debug: Debug) => EventOutput;
}

export interface EventInput {
  article: Article;
  pubDate: PubDate | null;
  toponyms: Toponym[];
}

export interface EventOutput {
  events: CodedEvent[];
  controlChanges: ControlChange[];
  onTopic: boolean;
}

/** Runs every stage over one batch (one input file, or one chunk of a stream). */
export function runPipeline(stages: Stages, articles: Article[], debug: Debug = noDebug): Extraction[] {
  const dups = stages.duplicates(articles);
  const dates = stages.pubDates(articles, debug);
  return articles.map((article, i) => {
    const pubDate = dates[i] ?? null;
    const toponyms = stages.places(article, debug);
    const { events, controlChanges, onTopic } = stages.events({ article, pubDate, toponyms }, debug);
    return { article, pubDate, duplicateOf: dups[i] ?? null, onTopic, toponyms, events, controlChanges };
  });
}

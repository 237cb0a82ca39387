/**
 * Reads article JSON (../shared/corpus/FORMAT.md) in any of its three layouts: a document
 * `{ "articles": [...] }` (its `file` given to articles that lack one), a JSON array of articles
 * or of such documents, or JSON Lines with one article a line. Pure: takes text, returns data.
 *
 * @example parseArticleJson('{"file":"a.txt","articles":[{"n":1,"headline":"…"}]}') // [{ n: 1, headline: "…", file: "a.txt" }]
 */
export function parseArticleJson(text: string): ScoredArticle[] {
  const trimmed = text.trim();
  if (!trimmed) return [];
  let doc: unknown;
  try {
    doc = JSON.parse(trimmed);
  } catch {
    return trimmed.split('\n').filter(Boolean).map((line) => JSON.parse(line) as ScoredArticle);
  }
  const withFile = (d: { articles: ScoredArticle[]; file?: string }) => d.articles.map((a) => ({ ...a, file: a.file ?? d.file }));
  if (Array.isArray(doc)) return doc.flatMap((x) => (x && x.articles ? withFile(x) : [x as ScoredArticle]));
  const obj = doc as { articles?: ScoredArticle[]; file?: string };
  if (obj.articles) return withFile(obj as { articles: ScoredArticle[]; file?: string });
  return [doc as ScoredArticle];
}

/** The fields of an article the scorer reads; JSON from other systems may lack any of them. */
export interface ScoredArticle {
  file?: string;
  n?: number;
  headline?: string | null;
  pub_date?: string | null;
  pub_date_earliest?: string | null;
  pub_date_latest?: string | null;
  duplicate_of?: number | string | boolean | null;
  on_topic?: boolean | null;
  toponyms?: ScoredToponym[];
  events?: ScoredEvent[];
  control_changes?: ScoredControlChange[];
}

export interface Point {
  lat?: number | null;
  lon?: number | null;
}

export interface ScoredToponym extends Point {
  text?: string | null;
  country?: string | null;
}

export interface DatedItem {
  date?: string | null;
  date_earliest?: string | null;
  date_latest?: string | null;
}

export interface ScoredEvent extends Point, DatedItem {
  event_type?: string | null;
  sub_event_type?: string | null;
  actor1?: string | null;
  country?: string | null;
  geo_precision?: number | null;
  fatalities?: number | null;
  fatalities_min?: number | null;
  fatalities_text?: string | null;
  background?: boolean;
}

export interface ScoredControlChange extends Point, DatedItem {
  to_actor?: string | null;
  background?: boolean;
}

import type { Extraction, Span, Toponym } from './types.js';

/**
 * The article JSON of ../shared/corpus/FORMAT.md: what `sitrep extract --json` prints and what
 * gold files hold. Fields FORMAT.md requires come first; sitrep's extras (ids, spans, rules,
 * confidences) follow and scorers ignore them.
 */
export function toArticleJson(x: Extraction, opts: { explain?: boolean } = {}) {
  const a = x.article;
  const abs = (s: { start: number; end: number }) =>
    a.offset === null ? null : { start: a.offset + s.start, end: a.offset + s.end };
  const prov = (p: { rule: string; confidence: number; span: { start: number; end: number }; reasons?: string[] }) => ({
    rule: p.rule,
    confidence: round(p.confidence),
    span: p.span,
    file_span: abs(p.span),
    ...(opts.explain && p.reasons ? { reasons: p.reasons } : {}),
  });
  return {
    file: a.file,
    n: a.n,
    headline: a.headline?.text ?? '',
    dateline: a.dateline.map((d) => d.text),
    byline: a.byline?.text ?? null,
    caption_date: a.captions.find((c) => c.date)?.date ?? null,
    pub_date: x.pubDate?.date ?? null,
    pub_date_earliest: x.pubDate?.earliest ?? null,
    pub_date_latest: x.pubDate?.latest ?? null,
    duplicate_of: x.duplicateOf,
    on_topic: x.onTopic,
    toponyms: bySurfaceForm(x.toponyms).map(({ best: t, spans }) => ({
      text: t.text, name: t.name, kind: t.kind, country: t.country, admin1: t.admin1, lat: t.lat, lon: t.lon,
      geonameid: t.geonameId, ...prov(t), mentions: spans,
    })),
    events: x.events.map(({ rule, confidence, span, reasons, ...e }) => ({ ...e, ...prov({ rule, confidence, span, reasons }) })),
    control_changes: x.controlChanges.map(({ rule, confidence, span, reasons, ...c }) => ({
      ...c, ...prov({ rule, confidence, span, reasons }),
    })),
    id: a.id,
    offset: a.offset,
    pub_date_basis: x.pubDate?.basis ?? null,
    pub_date_given: x.pubDate?.given ?? false,
    captions: a.captions.map((c) => ({ text: c.text, date: c.date, file_photo: c.filePhoto, span: c.span })),
    credits: a.credits?.people ?? [],
  };
}

export type ArticleJson = ReturnType<typeof toArticleJson>;

/**
 * FORMAT.md lists one toponym per distinct surface form; the stages keep one per mention (events
 * need them by sentence). The most confident resolution speaks for the form; every span is kept.
 */
function bySurfaceForm(toponyms: Toponym[]): { best: Toponym; spans: Span[] }[] {
  const forms = new Map<string, { best: Toponym; spans: Span[] }>();
  for (const t of toponyms) {
    const key = t.text.toLowerCase();
    const form = forms.get(key);
    if (!form) forms.set(key, { best: t, spans: [t.span] });
    else {
      form.spans.push(t.span);
      if (t.confidence > form.best.confidence) form.best = t;
    }
  }
  return [...forms.values()];
}

const round = (v: number) => Math.round(v * 1000) / 1000;

import { createError } from '../../core/errors.js';
import type { StoreDialect } from '../../store/dialect/StoreDialect.js';
import { int, isoDate, text, withDefault, type Params } from '../params.js';
import { fusedDb, MAX_PAGE } from './events.js';

export const storyListParams = {
  q: text('Words that must all occur in the story (full-text search)'),
  from: isoDate('Published on or after this date'),
  to: isoDate('Published on or before this date'),
  limit: withDefault(int('Page size', { min: 1, max: MAX_PAGE }), 50),
  offset: withDefault(int('Stories to skip', { min: 0, max: 1_000_000 }), 0),
};

export async function listStories(store: StoreDialect, p: Params<typeof storyListParams>) {
  let qb = store.db.selectFrom('stories');
  if (p.q) qb = qb.where(store.matchesText(p.q));
  if (p.from) qb = qb.where('pub_date', '>=', p.from);
  if (p.to) qb = qb.where('pub_date', '<=', p.to);
  const [rows, total] = await Promise.all([
    qb
      .select(['id', 'headline', 'file', 'n', 'pub_date', 'given_url', 'duplicate_of', 'on_topic'])
      .orderBy('pub_date', 'desc')
      .orderBy('id')
      .limit(p.limit)
      .offset(p.offset)
      .execute(),
    qb.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(total.n),
    limit: p.limit,
    offset: p.offset,
    stories: rows.map((r) => ({ ...r, on_topic: r.on_topic === null ? null : r.on_topic === 1 })),
  };
}

/** A highlighted span of a story: what was found there, and the label to show. */
export interface StorySpan {
  start: number;
  end: number;
  kind: 'event' | 'control' | 'place';
  label: string;
  /** Fused event id for kind "event". */
  ref: string | null;
}

/**
 * Cuts `text` into consecutive segments, each either plain or covered by spans. Where spans
 * overlap (a place inside an event sentence) the segment lists every span covering it, so a
 * renderer can nest highlights without re-deriving offsets.
 */
export function segment(text: string, spans: StorySpan[]): { text: string; spans: number[] }[] {
  const cuts = new Set([0, text.length]);
  for (const s of spans) {
    cuts.add(Math.max(0, Math.min(text.length, s.start)));
    cuts.add(Math.max(0, Math.min(text.length, s.end)));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out: { text: string; spans: number[] }[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i]!;
    const b = points[i + 1]!;
    if (a === b) continue;
    out.push({ text: text.slice(a, b), spans: spans.flatMap((s, j) => (s.start <= a && s.end >= b ? [j] : [])) });
  }
  return out;
}

/** A story with everything extracted from it, and its text cut into highlighted segments. */
export async function getStory(store: StoreDialect, id: string) {
  const story = await store.db.selectFrom('stories').selectAll().where('id', '=', id).executeTakeFirst();
  if (!story) throw createError('NOT_FOUND', `story ${id}`);
  const [events, controls, places] = await Promise.all([
    // Each report with the fused event it was merged into (what /api/events/:id serves).
    fusedDb(store)
      .selectFrom('events')
      .leftJoin('fused_event_sources as s', (j) => j.onRef('s.story_id', '=', 'events.story_id').onRef('s.k', '=', 'events.k'))
      .selectAll('events')
      .select('s.event_id')
      .where('events.story_id', '=', id)
      .orderBy('events.k')
      .execute(),
    store.db.selectFrom('control_changes').selectAll().where('story_id', '=', id).orderBy('k').execute(),
    store.db.selectFrom('toponyms').selectAll().where('story_id', '=', id).orderBy('k').execute(),
  ]);
  const spans: StorySpan[] = [
    ...events.map((e) => ({ start: e.span_start, end: e.span_end, kind: 'event' as const, label: `${e.event_type}: ${e.sub_event_type}`, ref: e.event_id })),
    ...controls.map((c) => ({ start: c.span_start, end: c.span_end, kind: 'control' as const, label: `${c.place}: ${c.from_actor ?? '?'} → ${c.to_actor ?? '?'}`, ref: null })),
    ...places.map((t) => ({ start: t.span_start, end: t.span_end, kind: 'place' as const, label: [t.name, t.admin1, t.country].filter(Boolean).join(', '), ref: null })),
  ];
  const { parts, ...rest } = story;
  return {
    ...rest,
    on_topic: story.on_topic === null ? null : story.on_topic === 1,
    pub_date_given: story.pub_date_given === 1,
    parts: JSON.parse(parts) as unknown,
    events: events.map((e) => ({ ...e, background: e.background === 1, reasons: e.reasons ? (JSON.parse(e.reasons) as string[]) : [] })),
    control_changes: controls.map((c) => ({ ...c, background: c.background === 1, reasons: c.reasons ? (JSON.parse(c.reasons) as string[]) : [] })),
    toponyms: places.map((t) => ({ ...t, reasons: t.reasons ? (JSON.parse(t.reasons) as string[]) : [] })),
    spans,
    segments: segment(story.text, spans),
  };
}

import type { EventDetail, PlaceTimeline, Source } from './api.js';
import { actorColor, typeColor } from './colors.js';
import { el } from './dom.js';

const PRECISION = ['', 'exact day', 'within a week', 'approximate'];

/** The story text with the evidence span marked in place, and a little context scrolled to. */
function storyText(s: Source): HTMLElement {
  const { start, end } = s.span;
  return el('div', { class: 'story-text' }, s.text.slice(0, start), el('mark', {}, s.text.slice(start, end)), s.text.slice(end));
}

export function eventPanel(e: EventDetail, onClose: () => void): HTMLElement {
  const close = el('button', { class: 'close', 'aria-label': 'Close' }, '×');
  close.addEventListener('click', onClose);
  const date = e.date
    ? e.date_earliest && e.date_latest && e.date_earliest !== e.date_latest
      ? `${e.date} (${e.date_earliest} – ${e.date_latest})`
      : e.date
    : 'date unknown';
  const place = [e.location, e.admin1, e.country].filter(Boolean).join(', ') || 'place unknown';
  const sources = e.sources.map((s, i) =>
    el('details', { class: 'source', ...(i === 0 ? { open: '' } : {}) },
      el('summary', {},
        el('span', { class: 'headline' }, s.headline || '(no headline)'),
        el('span', { class: 'meta' }, [s.pub_date ?? 'undated', s.file].join(' · ')),
      ),
      s.url ? el('a', { href: s.url, rel: 'noopener noreferrer', target: '_blank', class: 'url' }, s.url) : null,
      storyText(s),
    ));
  return el('article', { class: 'event', 'data-event': e.id },
    close,
    el('div', { class: 'chip', style: `--c:${typeColor(e.event_type)}` }, e.event_type),
    el('h2', {}, e.sub_event_type || e.event_type),
    el('dl', {},
      el('dt', {}, 'Actors'), el('dd', {}, [e.actor1 ?? 'unknown', e.actor2].filter(Boolean).join(' vs ')),
      el('dt', {}, 'Date'), el('dd', {}, date, el('span', { class: 'muted' }, ` · ${PRECISION[e.time_precision] ?? ''}`)),
      el('dt', {}, 'Place'), el('dd', {}, place),
      el('dt', {}, 'Killed'), el('dd', { class: 'fatalities' }, e.fatalities === null ? 'not reported' : String(e.fatalities),
        e.fatalities_text && e.fatalities_text !== String(e.fatalities) ? el('span', { class: 'muted' }, ` (“${e.fatalities_text}”)`) : null),
    ),
    el('h3', {}, `Sources (${e.sources.length})`),
    ...sources,
  );
}

/** A list of events at one spot (a cluster that zooming cannot split). */
export function clusterPanel(ids: string[], describe: (id: string) => { label: string; color: string }, open: (id: string) => void): HTMLElement {
  return el('div', { class: 'cluster' },
    el('h2', {}, `${ids.length} events here`),
    el('ul', {}, ...ids.map((id) => {
      const d = describe(id);
      const b = el('button', { class: 'link', style: `--c:${d.color}` }, d.label);
      b.addEventListener('click', () => open(id));
      return el('li', {}, b);
    })),
  );
}

const DAY = 86_400_000;

/** A place's control history: a band coloured by holder over time, then each change with its evidence. */
export function placePanel(t: PlaceTimeline, extent: [string, string], date: string): HTMLElement {
  const lo = Date.parse(extent[0]);
  const hi = Math.max(Date.parse(extent[1]), lo + DAY);
  const pct = (d: string) => Math.max(0, Math.min(100, (100 * (Date.parse(d) - lo)) / (hi - lo)));
  const band = el('div', { class: 'band' });
  for (const i of t.intervals) {
    const from = i.from?.date ?? extent[0];
    const to = i.to?.date ?? extent[1];
    band.append(el('div', {
      class: 'seg',
      title: `${i.holder ?? 'unknown'}: ${i.from ? from : 'before the first report'} – ${i.to ? to : 'last report'}`,
      style: `left:${pct(from)}%;width:${Math.max(0.5, pct(to) - pct(from))}%;background:${actorColor(i.holder)}`,
    }));
  }
  band.append(el('div', { class: 'now', style: `left:${pct(date)}%` }));
  const holders = [...new Set(t.intervals.map((i) => i.holder))];
  return el('div', { class: 'place', 'data-place': t.id },
    el('h2', {}, t.place, el('span', { class: 'muted' }, t.country ? ` · ${t.country}` : '')),
    el('div', { class: 'band-wrap' }, band, el('div', { class: 'band-axis' }, el('span', {}, extent[0]), el('span', {}, extent[1]))),
    el('div', { class: 'legend-inline' }, ...holders.map((h) => el('span', { class: 'key', style: `--c:${actorColor(h)}` }, h ?? 'unknown'))),
    el('ol', { class: 'changes' }, ...t.transitions.map((c) =>
      el('li', {},
        el('div', { class: 'when' }, c.when.earliest !== c.when.latest ? `${c.when.date} (${c.when.earliest} – ${c.when.latest})` : c.when.date),
        el('div', {}, el('b', {}, c.from_actor ?? 'unknown'), ' → ', el('b', { style: `color:${actorColor(c.to_actor)}` }, c.to_actor ?? 'unknown')),
        ...c.conflicts.map((x) => el('div', { class: 'conflict' }, `⚠ ${x}`)),
        ...c.sources.map((s) => el('blockquote', {}, s.change.evidence, el('cite', {}, [s.headline, s.pubDate].filter(Boolean).join(' · ')))),
      ))),
  );
}

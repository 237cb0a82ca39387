import type { ChangeDate, PlaceTimeline } from './ControlTimelineBuilder.js';
import { monthYear } from './dates.js';

/**
 * Human-readable control history for `sitrep control PLACE`:
 *
 *   Palmyra (SY, 34.56, 38.28): 3 changes from 4 reports
 *     held by Military Forces of Syria until about May 2015
 *     held by Islamic State from about May 2015 to 27 March 2016  [2 reports]
 *     held by Military Forces of Syria since 27 March 2016
 *     ! 2016-03-27: sources disagree on who lost it (...)
 *
 * With `explain`, each change lists its sources (story, headline, evidence).
 */
export function renderControlTimeline(t: PlaceTimeline, opts: { explain?: boolean } = {}): string {
  const reports = t.transitions.reduce((n, tr) => n + tr.sources.length, 0);
  const where = [t.country, t.lat !== null && t.lon !== null ? `${t.lat.toFixed(2)}, ${t.lon.toFixed(2)}` : null].filter(Boolean).join(', ');
  const aka = t.names.filter((n) => n !== t.place);
  const lines = [`${t.place}${where ? ` (${where})` : ''}${aka.length ? ` also ${aka.join(', ')}` : ''}: ` +
    `${t.transitions.length} change${t.transitions.length === 1 ? '' : 's'} from ${reports} report${reports === 1 ? '' : 's'}`];
  t.intervals.forEach((iv, i) => {
    const who = iv.holder ?? 'unknown';
    const span = iv.from === null ? `until ${when(iv.to!)}` : iv.to === null ? `since ${when(iv.from)}` : `from ${when(iv.from)} to ${when(iv.to)}`;
    const tr = i > 0 ? t.transitions[i - 1]! : null;
    const n = tr ? tr.sources.length : 0;
    lines.push(`  held by ${who} ${span}${n > 1 ? `  [${n} reports]` : ''}`);
    if (opts.explain && tr) {
      for (const s of tr.sources) {
        lines.push(`      ${s.storyId}#${s.index}${s.pubDate ? ` ${s.pubDate}` : ''}${s.headline ? ` "${s.headline}"` : ''}: ${s.change.evidence}`);
      }
    }
  });
  for (const c of t.conflicts) lines.push(`  ! ${c}`);
  return lines.join('\n');
}

/** "27 March 2016" for an exact day, "about 27 March 2016" within a week, "about May 2015" vaguer. */
function when(d: ChangeDate): string {
  const day = `${Number(d.date.slice(8, 10))} ${monthYear(d.date)}`;
  if (d.time_precision === 1 && d.earliest === d.latest) return day;
  return d.time_precision <= 2 ? `about ${day}` : `about ${monthYear(d.date)}`;
}

import { createError } from '../../core/errors.js';
import type { StoryDetail } from '../../store/Store.js';
import { usageError } from '../args.js';
import type { Command } from '../Command.js';
import { DB_OPTION, withStore } from '../storeTarget.js';

export const showCommand: Command = {
  name: 'show',
  summary: 'show one stored story: its parts and what was extracted, with evidence',
  args: 'ID',
  options: {
    db: DB_OPTION,
    json: { type: 'boolean', description: 'print JSON instead of text' },
  },
  details: 'ID may be shortened to any prefix only one story has (as `sitrep stories` prints it).',
  async run(ctx, parsed) {
    const [id, ...extra] = parsed.positionals;
    if (!id || extra.length) throw usageError('show', 'show needs exactly one story ID');
    return withStore(ctx, parsed, async (store) => {
      const detail = await store.getStory(id);
      if (!detail) throw createError('NOT_FOUND', `story ${id}`);
      ctx.stdout.write(parsed.values.json ? JSON.stringify(detail, null, 2) + '\n' : renderStory(detail));
      return 0;
    });
  },
};

function renderStory({ story: s, parts, toponyms, events, controlChanges }: StoryDetail): string {
  const out: string[] = [];
  const reasons = (json: string | null) => (json ? (JSON.parse(json) as string[]).map((r) => `      because: ${r}`) : []);
  const place = (p: { lat: number | null; lon: number | null }) => (p.lat === null ? 'no point' : `${p.lat.toFixed(3)},${p.lon?.toFixed(3)}`);
  out.push(s.headline || '(no headline)', '='.repeat(Math.min(80, Math.max(8, s.headline.length))));
  out.push(`id        ${s.id}`, `input     ${s.file} #${s.n}${s.offset !== null ? ` at offset ${s.offset}` : ''}`);
  const window = s.pub_date_earliest && s.pub_date_latest ? ` (window ${s.pub_date_earliest}..${s.pub_date_latest})` : '';
  out.push(`published ${s.pub_date ?? 'unknown'}${window}${s.pub_date_basis ? `, ${s.pub_date_given ? 'given' : 'inferred'}: ${s.pub_date_basis}` : ''}`);
  if (s.duplicate_of) out.push(`duplicate of ${s.duplicate_of}`);
  if (s.on_topic !== null) out.push(`on topic  ${s.on_topic ? 'yes' : 'no'}`);
  if (parts.dateline.length) out.push(`dateline  ${parts.dateline.map((d) => d.text).join(', ')}`);
  if (parts.byline) out.push(`byline    ${parts.byline.text}`);
  if (s.given_url) out.push(`url       ${s.given_url}`);
  for (const c of parts.captions) out.push(`caption   ${c.text}${c.date ? ` [${c.date}${c.filePhoto ? ', file photo' : ''}]` : ''}`);
  out.push('');
  for (const p of parts.paragraphs) out.push(p.kind === 'subhead' ? `## ${p.text}` : p.text, '');
  if (parts.credits) out.push(`credits   ${parts.credits.people.map((c) => `${c.name} (${c.role})`).join('; ') || parts.credits.text}`, '');
  out.push(`toponyms (${toponyms.length})`);
  for (const t of toponyms) {
    out.push(`  ${t.text} → ${t.name} (${t.kind}, ${t.country ?? '??'}${t.admin1 ? `, ${t.admin1}` : ''}) ${place(t)}  [${t.rule} ${t.confidence}]`, ...reasons(t.reasons));
  }
  out.push(`events (${events.length})`);
  for (const e of events) {
    out.push(
      `  ${e.date ?? '?'} ${e.event_type} / ${e.sub_event_type}: ${e.actor1 ?? '?'}${e.actor2 ? ` vs ${e.actor2}` : ''} at ${e.location ?? '?'} (${e.country ?? '??'}) ${place(e)}` +
        `${e.fatalities !== null ? `, ${e.fatalities} killed` : ''}${e.background ? ', background' : ''}  [${e.rule} ${e.confidence}]`,
      `      evidence: ${e.evidence}`,
      ...reasons(e.reasons),
    );
  }
  out.push(`control changes (${controlChanges.length})`);
  for (const c of controlChanges) {
    out.push(
      `  ${c.date ?? '?'} ${c.place} (${c.country ?? '??'}) ${place(c)}: ${c.from_actor ?? '?'} → ${c.to_actor ?? '?'}${c.background ? ', background' : ''}  [${c.rule} ${c.confidence}]`,
      `      evidence: ${c.evidence}`,
      ...reasons(c.reasons),
    );
  }
  return out.join('\n') + '\n';
}

import type { FusedEvent } from '../../consolidate/types.js';
import type { FusedEventFilter } from '../../store/FusedEventRepository.js';
import { dateOption, integerOption, stringOption, usageError } from '../args.js';
import type { Command, OptionSpec, ParsedArgs } from '../Command.js';
import { DB_OPTION, withStore } from '../storeTarget.js';
import { formatTable } from '../table.js';

/** The structured filters `sitrep events` and `sitrep export` share. */
export const EVENT_FILTER_OPTIONS: Record<string, OptionSpec> = {
  from: { type: 'string', value: 'YYYY-MM-DD', description: 'events whose date window reaches this day or later' },
  to: { type: 'string', value: 'YYYY-MM-DD', description: 'events whose date window starts on or before this day' },
  bbox: { type: 'string', value: 'W,S,E,N', description: 'events inside minLon,minLat,maxLon,maxLat (decimal degrees)' },
  actor: { type: 'string', value: 'NAME', description: 'actor1 or actor2 contains NAME (case-insensitive)' },
  type: { type: 'string', value: 'TYPE', description: 'ACLED event type or sub-event type ("Battles", "Suicide bomb")' },
  country: { type: 'string', value: 'CC', description: 'ISO 3166-1 alpha-2 country code' },
  'min-fatalities': { type: 'string', value: 'N', description: 'at least N reported killed (best figure)' },
  background: { type: 'boolean', description: 'include events the stories mention only as history' },
};

/** The filter the options of `command` describe; malformed values are usage errors. */
export function eventFilter(command: string, parsed: ParsedArgs): FusedEventFilter {
  const f: FusedEventFilter = {
    from: dateOption(command, parsed, 'from'),
    to: dateOption(command, parsed, 'to'),
    actor: stringOption(parsed, 'actor'),
    type: stringOption(parsed, 'type'),
    minFatalities: integerOption(command, parsed, 'min-fatalities'),
    includeBackground: !!parsed.values.background,
  };
  const country = stringOption(parsed, 'country');
  if (country !== undefined) {
    if (!/^[A-Za-z]{2}$/.test(country)) throw usageError(command, `--country expects a two-letter ISO code, got '${country}'`);
    f.country = country.toUpperCase();
  }
  const bbox = stringOption(parsed, 'bbox');
  if (bbox !== undefined) {
    const n = bbox.split(',').map((v) => (/^\s*-?\d+(\.\d+)?\s*$/.test(v) ? Number(v) : NaN));
    const [minLon, minLat, maxLon, maxLat] = n as [number, number, number, number];
    const ok = n.length === 4 && n.every((v) => Number.isFinite(v)) && minLon <= maxLon && minLat <= maxLat &&
      minLon >= -180 && maxLon <= 180 && minLat >= -90 && maxLat <= 90;
    if (!ok) throw usageError(command, `--bbox expects minLon,minLat,maxLon,maxLat in degrees, got '${bbox}'`);
    f.bbox = { minLon, minLat, maxLon, maxLat };
  }
  return f;
}

export const eventsCommand: Command = {
  name: 'events',
  summary: 'list fused events (each real event once, with every story that reports it), with filters',
  args: '',
  options: {
    db: DB_OPTION,
    ...EVENT_FILTER_OPTIONS,
    limit: { type: 'string', value: 'N', description: 'at most N events (default 50)' },
    json: { type: 'boolean', description: 'print JSON (one array of fused events with their sources)' },
    explain: { type: 'boolean', description: 'show what each fused event merged, and why' },
  },
  details: [
    'Events are fused across stories and inputs as they are ingested: duplicate stories and',
    'later reports of one event make one record with several sources.',
    'example: sitrep events --country IQ --from 2017-03-01 --type "Suicide bomb" --explain',
  ].join('\n'),
  async run(ctx, parsed) {
    if (parsed.positionals.length) throw usageError('events', `unexpected argument '${parsed.positionals[0]}'`);
    const filter = { ...eventFilter('events', parsed), limit: integerOption('events', parsed, 'limit') ?? 50 };
    return withStore(ctx, parsed, async (store) => {
      const events = await store.fused.findEvents(filter);
      if (parsed.values.json) ctx.stdout.write(JSON.stringify(events, null, 2) + '\n');
      else if (events.length === 0) ctx.stdout.write('no events\n');
      else if (parsed.values.explain) ctx.stdout.write(events.map(explainEvent).join('\n'));
      else ctx.stdout.write(formatTable(['DATE', 'TYPE', 'ACTORS', 'PLACE', 'KILLED', 'SOURCES', 'ID'], events.map(eventRow), ctx.stdout.columns ?? 160));
      return 0;
    });
  },
};

function eventRow(e: FusedEvent): string[] {
  return [
    dateText(e), `${e.event_type} / ${e.sub_event_type}`, actorsText(e), placeText(e), killedText(e),
    String(e.sources.length), e.id,
  ];
}

const dateText = (e: FusedEvent) => (e.date ?? '?') + (e.time_precision > 1 ? '~' : '');
const actorsText = (e: FusedEvent) => `${e.actor1 ?? '?'}${e.actor2 ? ` vs ${e.actor2}` : ''}`;
const placeText = (e: FusedEvent) => `${e.location ?? '?'} (${e.country ?? '??'})`;
const killedText = (e: FusedEvent) =>
  e.fatalities === null ? '' : e.fatalities_disagree ? `${e.fatalities} (${e.fatalities_min}-${e.fatalities_max})` : String(e.fatalities);

/** A fused event with its reasons and every source, for --explain. */
function explainEvent(e: FusedEvent): string {
  const window = e.date_earliest && e.date_latest && e.date_earliest !== e.date_latest ? ` (${e.date_earliest}..${e.date_latest})` : '';
  const lines = [
    `${e.id}  ${e.date ?? '?'}${window}  ${e.event_type} / ${e.sub_event_type}`,
    `  ${actorsText(e)} at ${placeText(e)}${e.lat !== null ? ` ${e.lat.toFixed(3)},${e.lon!.toFixed(3)}` : ''}` +
      `${e.fatalities !== null ? `, ${killedText(e)} killed` : ''}${e.background ? ', background' : ''}, confidence ${e.confidence}`,
    ...e.reasons.map((r) => `  because: ${r}`),
    `  sources (${e.sources.length}):`,
    ...e.sources.map((s) =>
      `    ${s.storyId}#${s.index}${s.pubDate ? ` ${s.pubDate}` : ''}${s.headline ? ` "${s.headline}"` : ''}` +
        ` [${s.event.rule} ${s.event.confidence}; chars ${s.event.span.start}-${s.event.span.end}` +
        `${s.event.fatalities_text ? `; "${s.event.fatalities_text}"` : ''}]\n      ${s.event.evidence}`),
  ];
  return lines.join('\n') + '\n';
}

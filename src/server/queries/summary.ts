import type { StoreDialect } from '../../store/dialect/StoreDialect.js';
import type { Params } from '../params.js';
import { eventFilters, filteredEvents, searchText } from './events.js';

const TOP = 25;

/** Counts and ranges of the matching events: what the dashboard's header and filter lists show. */
export async function summary(store: StoreDialect, p: Params<typeof eventFilters>) {
  // Same filters as the event list, so a summary always agrees with the list it sits above.
  const base = filteredEvents(store, await searchText(store, p));
  const [totals, byType, byCountry, actors1, actors2, stories, controls] = await Promise.all([
    base
      .select((eb) => [
        eb.fn.countAll<number>().as('events'),
        eb.fn.sum<number>('fatalities').as('fatalities'),
        eb.fn.min<string>('date').as('first'),
        eb.fn.max<string>('date').as('last'),
      ])
      .executeTakeFirstOrThrow(),
    base.select((eb) => ['event_type', eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('fatalities').as('fatalities')]).groupBy('event_type').orderBy('n', 'desc').execute(),
    base.select((eb) => ['country', eb.fn.countAll<number>().as('n')]).where('country', 'is not', null).groupBy('country').orderBy('n', 'desc').limit(TOP).execute(),
    base.select((eb) => ['actor1 as actor', eb.fn.countAll<number>().as('n')]).where('actor1', 'is not', null).groupBy('actor1').execute(),
    base.select((eb) => ['actor2 as actor', eb.fn.countAll<number>().as('n')]).where('actor2', 'is not', null).groupBy('actor2').execute(),
    store.db.selectFrom('stories').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    store.db.selectFrom('control_changes').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const actors = new Map<string, number>();
  for (const a of [...actors1, ...actors2]) actors.set(a.actor!, (actors.get(a.actor!) ?? 0) + Number(a.n));
  return {
    events: Number(totals.events),
    fatalities: Number(totals.fatalities ?? 0),
    first_date: totals.first ?? null,
    last_date: totals.last ?? null,
    stories: Number(stories.n),
    control_changes: Number(controls.n),
    by_type: byType.map((t) => ({ event_type: t.event_type, events: Number(t.n), fatalities: Number(t.fatalities ?? 0) })),
    by_country: byCountry.map((c) => ({ country: c.country, events: Number(c.n) })),
    top_actors: [...actors].sort((a, b) => b[1] - a[1]).slice(0, TOP).map(([actor, events]) => ({ actor, events })),
  };
}

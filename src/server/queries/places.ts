import type { StoreDialect } from '../../store/dialect/StoreDialect.js';
import { int, list, text, withDefault, type Params } from '../params.js';

export const placeParams = {
  country: list('ISO 3166-1 alpha-2 codes'),
  q: text('Name starts with this'),
  limit: withDefault(int('Page size', { min: 1, max: 500 }), 100),
  offset: withDefault(int('Places to skip', { min: 0, max: 1_000_000 }), 0),
};

/** Resolved places mentioned in the stories, most mentioned first. */
export async function listPlaces(store: StoreDialect, p: Params<typeof placeParams>) {
  let qb = store.db.selectFrom('toponyms');
  if (p.country) qb = qb.where('country', 'in', p.country.map((c) => c.toUpperCase()));
  if (p.q) qb = qb.where('name', '>=', p.q).where('name', '<', `${p.q}\uffff`);
  const rows = await qb
    .select((eb) => [
      'name', 'kind', 'country', 'admin1', 'geoname_id',
      eb.fn.max('lat').as('lat'),
      eb.fn.max('lon').as('lon'),
      eb.fn.countAll<number>().as('mentions'),
      eb.fn.count<number>('story_id').distinct().as('stories'),
    ])
    .groupBy(['name', 'kind', 'country', 'admin1', 'geoname_id'])
    .orderBy('mentions', 'desc')
    .orderBy('name')
    .limit(p.limit)
    .offset(p.offset)
    .execute();
  return { places: rows.map((r) => ({ ...r, mentions: Number(r.mentions), stories: Number(r.stories) })) };
}

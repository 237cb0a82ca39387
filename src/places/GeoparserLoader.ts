import type { Geoparser } from './Geoparser.js';
import { createGeoparser } from './Geoparser.js';
import { defaultCacheDir, loadCompactGazetteer, loadNormalisationTable, loadPlaceLexicon } from './GazetteerLoader.js';

/**
 * The edge the pipeline calls: reads the built gazetteer (building it from the installed packages
 * on first run) and the resources/places tables, and returns the pure geoparser. `gazetteer`: the
 * built file's bytes when another thread read them (sharedGazetteerBytes).
 *
 * @example const g = loadGeoparser(); g.resolve('Ar Raqqah')?.country === 'SY'
 */
export function loadGeoparser(opts: { cacheDir?: string; gazetteer?: Uint8Array } = {}): Geoparser {
  const data = loadCompactGazetteer(opts.cacheDir ?? defaultCacheDir(), opts.gazetteer);
  return createGeoparser(data, loadNormalisationTable(), loadPlaceLexicon());
}

/**
 * A GeoJSON validity check for the export tests (RFC 7946): FeatureCollection structure, Feature
 * members, Point/null geometry, positions [longitude, latitude] in range. Returns the problems.
 */
export function geoJsonProblems(doc: unknown): string[] {
  const problems: string[] = [];
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObj(doc) || doc.type !== 'FeatureCollection') return ['top level is not a FeatureCollection'];
  if (!Array.isArray(doc.features)) return ['"features" is not an array'];
  doc.features.forEach((f: unknown, i: number) => {
    const at = `features[${i}]`;
    if (!isObj(f) || f.type !== 'Feature') return problems.push(`${at}: not a Feature`);
    if (!('geometry' in f)) problems.push(`${at}: no "geometry" member`);
    if (!('properties' in f) || !(f.properties === null || isObj(f.properties))) problems.push(`${at}: "properties" must be an object or null`);
    if ('id' in f && typeof f.id !== 'string' && typeof f.id !== 'number') problems.push(`${at}: "id" must be a string or number`);
    const g = f.geometry;
    if (g === null) return;
    if (!isObj(g) || g.type !== 'Point') return problems.push(`${at}: geometry is not a Point`);
    const c = g.coordinates;
    if (!Array.isArray(c) || c.length < 2 || c.length > 3 || !c.every((x) => typeof x === 'number' && Number.isFinite(x))) {
      return problems.push(`${at}: coordinates must be 2-3 finite numbers`);
    }
    const [lon, lat] = c as number[];
    if (lon! < -180 || lon! > 180) problems.push(`${at}: longitude ${lon} out of range`);
    if (lat! < -90 || lat! > 90) problems.push(`${at}: latitude ${lat} out of range`);
  });
  return problems;
}

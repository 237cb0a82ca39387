import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { PROJECT_ROOT, resourcePath } from '../../src/core/projectPaths.js';

/**
 * The held-out set (test/fixtures/heldout/) is only useful if its gold is right: these tests check
 * that each gold file is well-formed against its own dump, never how sitrep scores on it (that is
 * bench/heldout.bench.ts). Every evidence must be a verbatim substring of the story it belongs to,
 * so a scorer or a reader can find it again.
 */
const dir = join(PROJECT_ROOT, 'test', 'fixtures', 'heldout');
const goldFiles = readdirSync(dir).filter((f) => f.endsWith('.gold.json')).sort();

/** ACLED event types and their sub-types, from the same data file the export and fusion use. */
const taxonomy = (JSON.parse(readFileSync(resourcePath('consolidate', 'taxonomy.json'), 'utf8')) as {
  event_types: Record<string, { sub_event_types: Record<string, string> }>;
}).event_types;

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const KINDS = new Set(['city', 'town', 'village', 'district', 'admin1', 'country', 'region', 'camp', 'site', 'river', 'other']);
const ARTICLE_FIELDS = ['n', 'headline', 'dateline', 'byline', 'caption_date', 'pub_date', 'pub_date_earliest', 'pub_date_latest',
  'pub_date_basis', 'duplicate_of', 'on_topic', 'toponyms', 'events', 'control_changes'];
const EVENT_FIELDS = ['event_type', 'sub_event_type', 'actor1', 'actor2', 'location', 'country', 'admin1', 'lat', 'lon', 'geo_precision',
  'date', 'date_earliest', 'date_latest', 'time_precision', 'fatalities', 'fatalities_min', 'fatalities_text', 'background', 'evidence'];
const CONTROL_FIELDS = ['place', 'country', 'lat', 'lon', 'from_actor', 'to_actor', 'date', 'date_earliest', 'date_latest',
  'time_precision', 'background', 'evidence'];

type Json = Record<string, any>;

function assertFields(o: Json, fields: string[], where: string) {
  for (const f of fields) assert.ok(f in o, `${where}: missing field ${f}`);
}

function assertDateWindow(o: Json, where: string, [d, lo, hi]: [string, string, string]) {
  for (const k of [d, lo, hi]) assert.match(String(o[k]), ISO_DAY, `${where}: ${k} is not YYYY-MM-DD`);
  assert.ok(o[lo] <= o[d] && o[d] <= o[hi], `${where}: ${o[d]} outside [${o[lo]}, ${o[hi]}]`);
}

function assertPoint(o: Json, where: string) {
  assert.ok(typeof o.lat === 'number' && o.lat >= -90 && o.lat <= 90, `${where}: bad lat ${o.lat}`);
  assert.ok(typeof o.lon === 'number' && o.lon >= -180 && o.lon <= 180, `${where}: bad lon ${o.lon}`);
}

/** Each story's text: from its headline line to the next story's headline line. */
function storyTexts(dump: string, headlines: string[]): string[] {
  const starts: number[] = [];
  let from = 0;
  for (const h of headlines) {
    const at = dump.indexOf(h + '\n', from);
    assert.ok(at >= 0 && (at === 0 || dump[at - 1] === '\n'), `headline not found as a line, in order: ${h}`);
    starts.push(at);
    from = at + h.length;
  }
  return starts.map((s, i) => dump.slice(s, starts[i + 1] ?? dump.length));
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

it('the held-out set has gold files', () => {
  assert.ok(goldFiles.length >= 4, `only ${goldFiles.length} gold files in ${dir}`);
});

for (const goldFile of goldFiles) {
  describe(`held-out gold ${goldFile}`, () => {
    const gold = JSON.parse(readFileSync(join(dir, goldFile), 'utf8')) as { file: string; articles: Json[] };
    const dumpPath = join(dir, gold.file);

    it('names a dump that exists beside it', () => {
      assert.ok(existsSync(dumpPath), `${gold.file} not found`);
    });

    const dump = existsSync(dumpPath) ? readFileSync(dumpPath, 'utf8') : '';
    const stories = storyTexts(dump, gold.articles.map((a) => a.headline));

    it('numbers its articles 1..k in file order, with every required field', () => {
      gold.articles.forEach((a, i) => {
        assert.equal(a.n, i + 1);
        assertFields(a, ARTICLE_FIELDS, `${goldFile}#${a.n}`);
        assert.equal(typeof a.on_topic, 'boolean');
        assert.ok(typeof a.pub_date_basis === 'string' && a.pub_date_basis.length > 10, `${goldFile}#${a.n}: no pub_date_basis`);
      });
    });

    it('gives publication windows, caption dates and duplicates that are consistent', () => {
      for (const a of gold.articles) {
        const where = `${goldFile}#${a.n}`;
        assertDateWindow(a, where, ['pub_date', 'pub_date_earliest', 'pub_date_latest']);
        if (a.caption_date !== null) assert.match(a.caption_date, ISO_DAY);
        if (a.duplicate_of !== null) assert.ok(Number.isInteger(a.duplicate_of) && a.duplicate_of >= 1 && a.duplicate_of < a.n, `${where}: duplicate_of`);
        if (!a.on_topic) assert.equal(a.events.length + a.control_changes.length, 0, `${where}: off-topic story with events`);
      }
    });

    it('lists datelines printed before the agency name', () => {
      gold.articles.forEach((a, i) => {
        for (const d of a.dateline as string[]) assert.ok(stories[i]!.includes(d), `${goldFile}#${a.n}: dateline part ${d}`);
      });
    });

    it('lists toponyms that occur in their story, one per surface form, with a kind and a point', () => {
      gold.articles.forEach((a, i) => {
        const seen = new Set<string>();
        for (const t of a.toponyms as Json[]) {
          const where = `${goldFile}#${a.n} toponym ${t.text}`;
          assert.ok(new RegExp(`(?<![\\w])${escape(t.text)}(?![\\w])`, 'i').test(stories[i]!), `${where}: not in the story`);
          assert.ok(!seen.has(t.text.toLowerCase()), `${where}: listed twice`);
          seen.add(t.text.toLowerCase());
          assert.ok(KINDS.has(t.kind), `${where}: kind ${t.kind}`);
          assert.ok(t.country === null || /^[A-Z]{2}$/.test(t.country), `${where}: country ${t.country}`);
          assertPoint(t, where);
        }
      });
    });

    it('codes events with ACLED types, honest windows and evidence copied verbatim from their story', () => {
      gold.articles.forEach((a, i) => {
        for (const e of a.events as Json[]) {
          const where = `${goldFile}#${a.n} event ${e.sub_event_type} @${e.location}`;
          assertFields(e, EVENT_FIELDS, where);
          assert.ok(taxonomy[e.event_type], `${where}: event type ${e.event_type}`);
          assert.ok(e.sub_event_type in taxonomy[e.event_type]!.sub_event_types, `${where}: sub-type of ${e.event_type}`);
          assert.ok(typeof e.actor1 === 'string' && e.actor1.length > 1, `${where}: actor1`);
          assert.ok([1, 2, 3].includes(e.geo_precision) && [1, 2, 3].includes(e.time_precision), `${where}: precision`);
          assertPoint(e, where);
          assertDateWindow(e, where, ['date', 'date_earliest', 'date_latest']);
          if (e.fatalities !== null || e.fatalities_min !== null) assert.ok(e.fatalities_text, `${where}: a toll without its words`);
          assert.equal(typeof e.background, 'boolean');
          assert.ok(stories[i]!.includes(e.evidence), `${where}: evidence not verbatim in the story: ${e.evidence}`);
        }
      });
    });

    it('codes control changes with both actors, a window and verbatim evidence', () => {
      gold.articles.forEach((a, i) => {
        for (const c of a.control_changes as Json[]) {
          const where = `${goldFile}#${a.n} control ${c.place}`;
          assertFields(c, CONTROL_FIELDS, where);
          assert.ok(c.from_actor && c.to_actor && c.from_actor !== c.to_actor, `${where}: actors`);
          assertPoint(c, where);
          assertDateWindow(c, where, ['date', 'date_earliest', 'date_latest']);
          assert.ok(stories[i]!.includes(c.evidence), `${where}: evidence not verbatim in the story: ${c.evidence}`);
        }
      });
    });
  });
}

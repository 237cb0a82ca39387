import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Article, CodedEvent, ControlChange, Extraction, Toponym } from '../../src/core/types.js';
import { openStore } from '../../src/store/Store.js';

/**
 * A small store for the server and dashboard tests, written through the real store code. The
 * stories are invented for these tests (not corpus text); each event's evidence is a sentence of
 * its story, so spans are real.
 */
interface StorySpec {
  id: string;
  headline: string;
  pubDate: string;
  body: string[];
  events: (Partial<CodedEvent> & { evidence: string; event_type: string; date: string; location: string; lat: number; lon: number; country: string })[];
  controls?: (Partial<ControlChange> & { evidence: string; place: string; date: string; to_actor: string })[];
  places?: (Partial<Toponym> & { text: string; name: string })[];
}

export const STORIES: StorySpec[] = [
  {
    id: 'a1',
    headline: 'Car bomb kills 12 at market in northern town',
    pubDate: '2021-05-03',
    body: [
      'A car bomb exploded at a crowded market in Tal Afar on Sunday, killing 12 people, police said.',
      'No group claimed the attack, but officials blamed Islamic State militants.',
      'Separately, army troops clashed with militants near Sinjar, leaving three soldiers dead.',
    ],
    events: [
      { evidence: 'A car bomb exploded at a crowded market in Tal Afar on Sunday, killing 12 people, police said.', event_type: 'Explosions/Remote violence', sub_event_type: 'Remote explosive/landmine/IED', actor1: 'Islamic State', actor2: 'Civilians (Iraq)', date: '2021-05-02', location: 'Tal Afar', lat: 36.38, lon: 42.45, country: 'IQ', admin1: 'Ninawa', fatalities: 12 },
      { evidence: 'Separately, army troops clashed with militants near Sinjar, leaving three soldiers dead.', event_type: 'Battles', sub_event_type: 'Armed clash', actor1: 'Military Forces of Iraq', actor2: 'Islamic State', date: '2021-05-02', location: 'Sinjar', lat: 36.32, lon: 41.87, country: 'IQ', admin1: 'Ninawa', fatalities: 3 },
    ],
    places: [{ text: 'Tal Afar', name: 'Tal Afar', country: 'IQ', lat: 36.38, lon: 42.45 }, { text: 'Sinjar', name: 'Sinjar', country: 'IQ', lat: 36.32, lon: 41.87 }],
  },
  {
    id: 'a2',
    headline: 'Government forces retake river town from insurgents',
    pubDate: '2021-06-15',
    body: [
      'Syrian government forces took full control of Maskanah on Monday after a week of fighting, state media said.',
      'Air strikes hit insurgent positions outside Deir al-Zor, killing at least 20 fighters, a monitor said.',
      'Residents said <script>alert(1)</script> was painted on a wall by pranksters.',
    ],
    events: [
      { evidence: 'Syrian government forces took full control of Maskanah on Monday after a week of fighting, state media said.', event_type: 'Battles', sub_event_type: 'Government regains territory', actor1: 'Military Forces of Syria', actor2: 'Islamic State', date: '2021-06-14', location: 'Maskanah', lat: 35.96, lon: 38.03, country: 'SY', admin1: 'Aleppo', fatalities: null },
      { evidence: 'Air strikes hit insurgent positions outside Deir al-Zor, killing at least 20 fighters, a monitor said.', event_type: 'Explosions/Remote violence', sub_event_type: 'Air/drone strike', actor1: 'Military Forces of Russia', actor2: 'Islamic State', date: '2021-06-14', location: 'Deir al-Zor', lat: 35.33, lon: 40.14, country: 'SY', admin1: 'Deir ez-Zor', fatalities: 20, fatalities_min: 20, fatalities_text: 'at least 20' },
    ],
    controls: [{ evidence: 'Syrian government forces took full control of Maskanah on Monday after a week of fighting, state media said.', place: 'Maskanah', country: 'SY', lat: 35.96, lon: 38.03, from_actor: 'Islamic State', to_actor: 'Military Forces of Syria', date: '2021-06-14' }],
  },
  {
    id: 'a3',
    headline: 'Militants seize border crossing, later pushed back',
    pubDate: '2021-08-20',
    body: [
      'Islamic State fighters seized the village of Maskanah in a dawn raid on Tuesday, a commander said.',
      'Protesters gathered in Basra on Wednesday to demand jobs and electricity.',
      'Police fired tear gas at the crowd, wounding several people.',
    ],
    events: [
      { evidence: 'Islamic State fighters seized the village of Maskanah in a dawn raid on Tuesday, a commander said.', event_type: 'Battles', sub_event_type: 'Non-state actor overtakes territory', actor1: 'Islamic State', actor2: 'Military Forces of Syria', date: '2021-08-17', location: 'Maskanah', lat: 35.96, lon: 38.03, country: 'SY', admin1: 'Aleppo', fatalities: null },
      { evidence: 'Protesters gathered in Basra on Wednesday to demand jobs and electricity.', event_type: 'Protests', sub_event_type: 'Peaceful protest', actor1: 'Protesters (Iraq)', actor2: null, date: '2021-08-18', location: 'Basra', lat: 30.51, lon: 47.78, country: 'IQ', admin1: 'Al-Basrah', fatalities: null },
    ],
    controls: [{ evidence: 'Islamic State fighters seized the village of Maskanah in a dawn raid on Tuesday, a commander said.', place: 'Maskanah', country: 'SY', lat: 35.96, lon: 38.03, from_actor: 'Military Forces of Syria', to_actor: 'Islamic State', date: '2021-08-17' }],
  },
  {
    id: 'a4',
    headline: 'Market bombing toll rises, say officials',
    pubDate: '2021-05-04',
    body: ['The death toll from the market bombing in Tal Afar on Sunday rose to 14, a hospital official said.'],
    events: [
      { evidence: 'The death toll from the market bombing in Tal Afar on Sunday rose to 14, a hospital official said.', event_type: 'Explosions/Remote violence', sub_event_type: 'Remote explosive/landmine/IED', actor1: 'Islamic State', actor2: 'Civilians (Iraq)', date: '2021-05-02', location: 'Tal Afar', lat: 36.38, lon: 42.45, country: 'IQ', admin1: 'Ninawa', fatalities: 14 },
    ],
  },
];

function extraction(spec: StorySpec, n: number, file: string): Extraction {
  const headline = spec.headline;
  const text = [headline, '', ...spec.body].join('\n');
  const span = (s: string) => {
    const start = text.indexOf(s);
    if (start < 0) throw new Error(`fixture: "${s}" not in story ${spec.id}`);
    return { start, end: start + s.length };
  };
  const article: Article = {
    id: `story-${spec.id}`, file, n, offset: null, text,
    headline: { text: headline, span: { start: 0, end: headline.length } },
    captions: [], byline: null, dateline: [], credits: null,
    paragraphs: spec.body.map((p) => ({ text: p, span: span(p), kind: 'body' as const })),
    given: { date: spec.pubDate, url: `https://example.org/${spec.id}` },
  };
  const prov = (evidence: string) => ({ rule: 'fixture', confidence: 0.9, span: span(evidence), reasons: ['written for the server tests'] });
  return {
    article,
    pubDate: { date: spec.pubDate, earliest: spec.pubDate, latest: spec.pubDate, precision: 1, basis: 'given', confidence: 1, given: true },
    duplicateOf: null,
    onTopic: true,
    toponyms: (spec.places ?? []).map((t) => ({
      kind: 'city', country: null, admin1: null, lat: null, lon: null, geonameId: null, ...t, ...prov(t.text),
    })),
    events: spec.events.map((e) => ({
      sub_event_type: '', actor1: null, actor2: null, admin1: null, geo_precision: 1, date_earliest: e.date, date_latest: e.date,
      time_precision: 1, fatalities: null, fatalities_min: e.fatalities ?? null, fatalities_text: e.fatalities == null ? null : String(e.fatalities),
      background: false, ...e, ...prov(e.evidence),
    })),
    controlChanges: (spec.controls ?? []).map((c) => ({
      country: null, lat: null, lon: null, from_actor: null, date_earliest: c.date, date_latest: c.date, time_precision: 1,
      background: false, ...c, ...prov(c.evidence),
    })),
  };
}

/** Creates a SQLite store in a fresh temp folder holding STORIES (one input per story); returns its path. */
export async function buildFixtureStore(): Promise<string> {
  const path = join(mkdtempSync(join(tmpdir(), 'sitrep-serve-')), 'test.db');
  const store = await openStore(path);
  try {
    for (const [i, spec] of STORIES.entries()) {
      const file = `fixture-${spec.id}.txt`;
      await store.saveInput({ file, contentHash: `hash-${spec.id}` }, [{ extraction: extraction(spec, 1, file), signature: null }]);
      void i;
    }
  } finally {
    await store.close();
  }
  return path;
}

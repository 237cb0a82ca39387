import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import type { CodedEvent, ControlChange } from '../../src/core/types.js';
import { openStore, type Store } from '../../src/store/Store.js';
import { article, extraction, paragraphs, toSave } from '../store/fixtures.js';
import { event } from './fixtures.js';

/**
 * Fusion through the real store, written once and run against every dialect (a real SQLite
 * file, a real PostgreSQL server). Events are hand-coded here; the CLI tests run the pipeline.
 */
export function fusedEventStoreSuite(dialect: string, fresh: () => Promise<string>) {
  const withStore = async (fn: (store: Store) => Promise<void>) => {
    const store = await openStore(await fresh());
    try {
      await fn(store);
    } finally {
      await store.close();
    }
  };
  let k = 0;
  /** Saves one input of one story per event list (each story published on `pubDate`). */
  const save = (store: Store, stories: { pubDate: string; events?: CodedEvent[]; changes?: ControlChange[]; body?: string[] }[]) => {
    const file = `in-${k++}.txt`;
    return store.saveInput({ file, contentHash: `h-${file}` }, stories.map((s, i) => {
      const a = article(file, i + 1, `Story ${file} ${i + 1}`, s.body ?? paragraphs(`${file}x${i}`));
      const x = extraction(a, { events: s.events ?? [], controlChanges: s.changes ?? [] });
      x.pubDate = { ...x.pubDate!, date: s.pubDate, earliest: s.pubDate, latest: s.pubDate };
      return toSave(x);
    }));
  };
  const tikrit = (over: Partial<CodedEvent> = {}) => event({ fatalities: 12, fatalities_min: 12, fatalities_text: '12 people', ...over });
  const samarra = (over: Partial<CodedEvent> = {}) =>
    event({ location: 'Samarra', lat: 34.2, lon: 43.87, fatalities: 3, fatalities_min: 3, evidence: 'A bomb killed three in Samarra.', ...over });

  describe(`fused events in the store (${dialect})`, () => {
    it('fuses a later report of the same event from another input, and keeps another town apart', async () => {
      await withStore(async (store) => {
        await save(store, [{ pubDate: '2017-03-08', events: [tikrit()] }]);
        await save(store, [{ pubDate: '2017-03-09', events: [tikrit({ fatalities: 15, fatalities_min: 15, fatalities_text: '15 people' }), samarra()] }]);
        const events = await store.fused.findEvents({});
        assert.equal(events.length, 2);
        const t = events.find((e) => e.location === 'Tikrit')!;
        assert.equal(t.sources.length, 2);
        assert.deepEqual([t.fatalities_min, t.fatalities, t.fatalities_max, t.fatalities_disagree], [12, 15, 15, true]);
        assert.ok(t.reasons.some((r) => /joins/.test(r)), t.reasons.join('\n'));
        assert.ok(t.sources.every((s) => s.event.evidence && s.event.span.end > s.event.span.start));
        assert.equal(events.find((e) => e.location === 'Samarra')!.sources.length, 1);
        assert.deepEqual(await store.fused.stats(), { reports: 3, fusedEvents: 2, multiSource: 1 });
      });
    });

    it('gives the same fused events whether reports arrive in one input or several', async () => {
      const reports = [
        { pubDate: '2017-03-08', events: [tikrit()] },
        { pubDate: '2017-03-09', events: [samarra(), tikrit({ fatalities: 14, fatalities_min: 14 })] },
        { pubDate: '2017-03-10', events: [samarra({ fatalities: 4, fatalities_min: 4 })] },
      ];
      const shape = (store: Store) => store.fused.findEvents({}).then((es) =>
        es.map((e) => [e.location, e.sources.length, e.fatalities_min, e.fatalities_max]).sort());
      let one: unknown;
      let several: unknown;
      await withStore(async (store) => {
        await save(store, reports);
        one = await shape(store);
      });
      await withStore(async (store) => {
        for (const r of [...reports].reverse()) await save(store, [r]);
        several = await shape(store);
        // Rows of merged-away events are gone: every stored report is the source of exactly one fused event.
        const s = await store.fused.stats();
        assert.equal(s.fusedEvents, 2);
      });
      assert.deepEqual(several, one);
      assert.deepEqual(one, [['Samarra', 2, 3, 4], ['Tikrit', 2, 12, 14]]);
    });

    it('fuses events stored before fusion existed, on first use', async () => {
      const target = await fresh();
      const store = await openStore(target);
      await save(store, [{ pubDate: '2017-03-08', events: [tikrit()] }, { pubDate: '2017-03-09', events: [tikrit({ fatalities: 13, fatalities_min: 13 })] }]);
      // What a store migrated from before 0005 holds: events, and no fused records.
      const { createSqliteStoreDialect } = await import('../../src/store/dialect/sqlite/SqliteStoreDialect.js');
      const { createPostgresStoreDialect } = await import('../../src/store/dialect/postgres/PostgresStoreDialect.js');
      await store.close();
      const d = dialect === 'sqlite' ? createSqliteStoreDialect(target) : createPostgresStoreDialect(target);
      await sql`DELETE FROM fused_event_sources`.execute(d.db);
      await sql`DELETE FROM fused_events`.execute(d.db);
      await d.db.destroy();
      const reopened = await openStore(target);
      try {
        const events = await reopened.fused.findEvents({});
        assert.equal(events.length, 1);
        assert.equal(events[0]!.sources.length, 2);
      } finally {
        await reopened.close();
      }
    });

    it('fuses a new report with the stored events it could link to, not with what a vague one spans', async () => {
      await withStore(async (store) => {
        const day = (i: number) => new Date(Date.UTC(2017, 0, 1 + 5 * i)).toISOString().slice(0, 10);
        const on = (d: string) => ({ date: d, date_earliest: d, date_latest: d });
        // Thirty Tikrit bombings five days apart, and a report from far away dated only to a season.
        await save(store, Array.from({ length: 30 }, (_, i) => ({ pubDate: day(i), events: [tikrit(on(day(i)))] })));
        await save(store, [{ pubDate: '2017-08-01', events: [event({ location: 'Raqqa', country: 'SY', admin1: 'Raqqa', lat: 35.95, lon: 39.01, date: '2017-04-01', date_earliest: '2017-01-01', date_latest: '2017-07-20', time_precision: 3 })] }]);
        const steps: { candidates: number; changed: number }[] = [];
        const fuseStories = store.fused.fuseStories.bind(store.fused);
        store.fused.fuseStories = async (trx, ids) => {
          const step = await fuseStories(trx, ids);
          steps.push(step);
          return step;
        };
        await save(store, [{ pubDate: day(10), events: [tikrit(on(day(10)))] }]);
        assert.deepEqual(steps.map((s) => [s.candidates, s.changed]), [[1, 1]], 'only the same-day Tikrit event is loaded and rewritten');
        const events = await store.fused.findEvents({ limit: 100 });
        assert.equal(events.length, 31);
        assert.equal(events.find((e) => e.date === day(10))!.sources.length, 2);
      });
    });

    it('fuses an exact duplicate story stored from another input', async () => {
      await withStore(async (store) => {
        const body = ['A suicide bomber killed 12 people in Tikrit on Wednesday, police said.'];
        await save(store, [{ pubDate: '2017-03-08', events: [tikrit()], body }]);
        const second = await save(store, [{ pubDate: '2017-03-08', events: [tikrit()], body }]);
        assert.equal(second.duplicates, 1);
        const [e, ...rest] = await store.fused.findEvents({});
        assert.equal(rest.length, 0);
        assert.equal(e!.sources.length, 2);
        assert.notEqual(e!.sources[0]!.storyId, e!.sources[1]!.storyId);
      });
    });

    it('filters fused events with SQL over their columns', async () => {
      await withStore(async (store) => {
        await save(store, [
          { pubDate: '2017-03-08', events: [tikrit()] },
          { pubDate: '2017-03-09', events: [samarra({ actor1: 'Military Forces of Iraq', event_type: 'Battles', sub_event_type: 'Armed clash', actor2: 'Islamic State' })] },
          { pubDate: '2017-05-02', events: [event({ location: 'Raqqa', country: 'SY', admin1: 'Raqqa', lat: 35.95, lon: 39.01, date: '2017-05-01', date_earliest: '2017-05-01', date_latest: '2017-05-01' })] },
          { pubDate: '2017-05-02', events: [event({ location: 'Mosul', lat: 36.34, lon: 43.13, background: true, date: '2014-06-10', date_earliest: '2014-06-10', date_latest: '2014-06-10' })] },
        ]);
        const names = async (f: Parameters<Store['fused']['findEvents']>[0]) => (await store.fused.findEvents(f)).map((e) => e.location).sort();
        assert.deepEqual(await names({}), ['Raqqa', 'Samarra', 'Tikrit']);
        assert.deepEqual(await names({ includeBackground: true }), ['Mosul', 'Raqqa', 'Samarra', 'Tikrit']);
        assert.deepEqual(await names({ country: 'sy' }), ['Raqqa']);
        assert.deepEqual(await names({ from: '2017-03-01', to: '2017-03-31' }), ['Samarra', 'Tikrit']);
        assert.deepEqual(await names({ from: '2017-04-01' }), ['Raqqa']);
        assert.deepEqual(await names({ bbox: { minLon: 43, minLat: 34, maxLon: 44, maxLat: 34.5 } }), ['Samarra']);
        assert.deepEqual(await names({ actor: 'military forces of iraq' }), ['Samarra']);
        assert.deepEqual(await names({ actor: 'civilians' }), ['Raqqa', 'Tikrit']);
        assert.deepEqual(await names({ type: 'battles' }), ['Samarra']);
        assert.deepEqual(await names({ type: 'Suicide bomb' }), ['Raqqa', 'Tikrit']);
        assert.deepEqual(await names({ minFatalities: 10 }), ['Tikrit']);
        assert.deepEqual(await names({ actor: "O'Brien %_" }), []);
        assert.equal((await store.fused.findEvents({ limit: 2 })).length, 2);
        const streamed = [];
        for await (const e of store.fused.streamEvents({}, 1)) streamed.push(e.location);
        assert.deepEqual(streamed.sort(), ['Raqqa', 'Samarra', 'Tikrit']);
      });
    });

    it('searches story text with snippets, and reads control changes with their stories', async () => {
      await withStore(async (store) => {
        const change: ControlChange = {
          rule: 'test', confidence: 0.8, span: { start: 0, end: 10 }, place: 'Palmyra', country: 'SY', lat: 34.56, lon: 38.28,
          from_actor: 'Islamic State', to_actor: 'Military Forces of Syria', date: '2016-03-27', date_earliest: '2016-03-27',
          date_latest: '2016-03-27', time_precision: 1, background: false, evidence: 'Troops retook Palmyra.',
        };
        await save(store, [
          { pubDate: '2016-03-28', changes: [change], body: ['Government troops retook the ancient city of Palmyra on Sunday after weeks of fighting, state television said.'] },
          { pubDate: '2016-03-28', body: ['Floods closed the coastal road for a second day.'] },
        ]);
        const hits = await store.fused.searchStories('palmyra fighting');
        assert.equal(hits.length, 1);
        assert.match(hits[0]!.snippet, /\[Palmyra\].*\[fighting\]/);
        assert.deepEqual(await store.fused.searchStories('"; DROP TABLE stories; --'), []);
        const changes = await store.fused.controlChanges();
        assert.equal(changes.length, 1);
        assert.equal(changes[0]!.pubDate, '2016-03-28');
        assert.equal(changes[0]!.change.to_actor, 'Military Forces of Syria');
      });
    });
  });
}

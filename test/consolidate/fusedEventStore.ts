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
  /** Clears the fused records under `target` without a store, as a store from before fusion holds. */
  const dropFusedRecords = async (target: string) => {
    const { createSqliteStoreDialect } = await import('../../src/store/dialect/sqlite/SqliteStoreDialect.js');
    const { createPostgresStoreDialect } = await import('../../src/store/dialect/postgres/PostgresStoreDialect.js');
    const d = dialect === 'sqlite' ? createSqliteStoreDialect(target) : createPostgresStoreDialect(target);
    await sql`DELETE FROM fused_event_sources`.execute(d.db);
    await sql`DELETE FROM fused_events`.execute(d.db);
    await d.db.destroy();
  };
  /** Records every fusion step `store` runs from now on. */
  const record = (store: Store) => {
    const steps: Awaited<ReturnType<Store['fused']['fuseStories']>>[] = [];
    const fuseStories = store.fused.fuseStories.bind(store.fused);
    store.fused.fuseStories = async (trx, ids) => {
      const step = await fuseStories(trx, ids);
      steps.push(step);
      return step;
    };
    return steps;
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
      await store.close();
      await dropFusedRecords(target);
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

    it('puts the reports of a near-duplicate story in the records of the reports they repeat, without a candidate search', async () => {
      await withStore(async (store) => {
        const body = ['A suicide bomber killed 12 people in Tikrit on Wednesday and a bomb killed three in Samarra, police said.'];
        await save(store, [{ pubDate: '2017-03-08', events: [tikrit(), samarra()], body }]);
        const steps = record(store);
        // The re-run was coded a little differently: another toll, and a date two days off.
        const copy = await save(store, [{ pubDate: '2017-03-08', body, events: [
          samarra({ fatalities: 4, fatalities_min: 4, date: '2017-03-10', date_earliest: '2017-03-10', date_latest: '2017-03-10' }),
          tikrit({ fatalities: 14, fatalities_min: 14, fatalities_text: '14 people' }),
        ] }]);
        assert.equal(copy.duplicates, 1);
        assert.deepEqual(steps.map((s) => [s.reports, s.copies, s.candidates]), [[2, 2, 0]], 'both reports joined as copies, no candidate loaded');
        const events = await store.fused.findEvents({});
        assert.equal(events.length, 2);
        const t = events.find((e) => e.location === 'Tikrit')!;
        const s = events.find((e) => e.location === 'Samarra')!;
        assert.deepEqual([t.sources.length, t.fatalities_min, t.fatalities_max, t.fatalities_disagree], [2, 12, 14, true]);
        assert.deepEqual([s.sources.length, s.fatalities_min, s.fatalities_max], [2, 3, 4]);
        assert.equal(s.date, '2017-03-08', 'a copy does not move the date of the record');
        const copied = t.sources.find((x) => x.copyOf !== undefined)!;
        assert.equal(copied.copyOf, `${t.sources.find((x) => x.copyOf === undefined)!.storyId}#0`);
        assert.equal(copied.event.fatalities, 14, 'the copy keeps its own figure and evidence');
        assert.match(t.reasons[0]!, /^fused 2 reports from 2 stories/);
        assert.ok(t.reasons.some((r) => /near-duplicate/.test(r)), t.reasons.join('\n'));
        assert.deepEqual(await store.fused.stats(), { reports: 4, fusedEvents: 2, multiSource: 2 });
      });
    });

    it('keeps min, best and max, the counts and the explanation of a record with many copies as a rebuild would', async () => {
      const target = await fresh();
      const store = await openStore(target);
      const body = ['Rescuers were still searching the rubble of the Tikrit market after the bombing, officials said.'];
      let e: Awaited<ReturnType<Store['fused']['findEvents']>>[number];
      try {
        await save(store, [{ pubDate: '2017-03-08', events: [tikrit()], body }]);
        // 60 re-runs over 12 inputs, one at a time into the record; the last-published says 31, the lowest 9.
        const tolls = Array.from({ length: 60 }, (_, i) => (i === 59 ? 31 : i === 17 ? 9 : 12 + (i % 7)));
        for (let i = 0; i < 60; i += 5) {
          await save(store, tolls.slice(i, i + 5).map((n, j) => ({
            pubDate: i + j === 59 ? '2017-03-20' : '2017-03-09', body,
            events: [tikrit({ fatalities: n, fatalities_min: n, fatalities_text: `${n} people` })],
          })));
        }
        const [only, ...rest] = await store.fused.findEvents({});
        assert.equal(rest.length, 0);
        e = only!;
      } finally {
        await store.close();
      }
      assert.equal(e.sources.length, 61);
      assert.equal(e.sources.filter((x) => x.copyOf !== undefined).length, 60);
      assert.deepEqual([e.fatalities_min, e.fatalities, e.fatalities_max, e.fatalities_disagree], [9, 31, 31, true]);
      assert.deepEqual(e.fatality_reports.map((r) => r.source), e.sources.map((x) => `${x.storyId}#${x.index}`), 'one figure per source, in source order');
      assert.equal(e.reasons[0], 'fused 61 reports from 61 stories');
      assert.equal(e.reasons.length, 3, e.reasons.join('\n'));
      assert.match(e.reasons[1]!, /^60 of them from near-duplicate stories/);
      assert.match(e.reasons[2]!, /^fatalities from 61 reports -> min 9, best 31 \(latest report, .+\), max 31; the sources disagree$/);
      assert.equal(e.id, `ev:${e.sources.find((x) => x.copyOf === undefined)!.storyId}#0`, 'the id stays the primary report\'s');
      // Fused again from the stored events in one step (all copies at once), the record is the same.
      await dropFusedRecords(target);
      const reopened = await openStore(target);
      try {
        assert.deepEqual(await reopened.fused.findEvents({}), [e]);
      } finally {
        await reopened.close();
      }
    });

    it('moves the copies of a report with it when a new report regroups the records', async () => {
      await withStore(async (store) => {
        const bodyB = ['Gunmen opened fire near the town hall of Town S, residents said.'];
        const a = event({ location: 'North road', lat: 34.6, lon: 43.68, geo_precision: 2, actor1: 'Military Forces of Iraq' });
        const b = (n: number) => event({ location: 'Town S', lat: 34.3, lon: 43.68, geo_precision: 2, actor1: null, fatalities: n, fatalities_min: n });
        await save(store, [{ pubDate: '2017-03-10', events: [a] }]);
        await save(store, [{ pubDate: '2017-03-09', events: [b(4)], body: bodyB }]);
        await save(store, [{ pubDate: '2017-03-09', events: [b(5)], body: bodyB }]);
        const before = await store.fused.findEvents({});
        assert.deepEqual(before.map((e) => e.sources.length), [3]);
        // An exact report from Town S whose actor contradicts the road report: b leaves a's record.
        await save(store, [{ pubDate: '2017-03-08', events: [event({ location: 'Town S', lat: 34.3, lon: 43.68, geo_precision: 1, actor1: 'Islamic State' })] }]);
        const after = await store.fused.findEvents({});
        const town = after.find((e) => e.location === 'Town S')!;
        assert.deepEqual(after.map((e) => e.sources.length).sort(), [1, 3]);
        assert.equal(town.sources.filter((x) => x.copyOf !== undefined).length, 1, 'the copy followed its report');
        assert.deepEqual([town.fatalities_min, town.fatalities_max], [4, 5]);
        assert.equal(after.find((e) => e.location === 'North road')!.fatality_reports.length, 0);
        assert.deepEqual(await store.fused.stats(), { reports: 4, fusedEvents: 2, multiSource: 1 });
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

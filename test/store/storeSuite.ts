import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createError } from '../../src/core/errors.js';
import { migrateToEmpty, migrateToLatest, storeMigrations } from '../../src/store/migrations.js';
import { openStore, type Store } from '../../src/store/Store.js';
import { article, bombing, extraction, paragraphs, toSave } from './fixtures.js';

/**
 * The store's behaviour, written once and run against every dialect (no mocks: a real SQLite
 * file, a real PostgreSQL server). `fresh()` returns the target of an empty store.
 */
export function storeSuite(dialect: string, fresh: () => Promise<string>) {
  const withStore = async (fn: (store: Store, target: string) => Promise<void>) => {
    const target = await fresh();
    const store = await openStore(target);
    try {
      await fn(store, target);
    } finally {
      await store.close();
    }
  };

  describe(`store (${dialect})`, () => {
    it('migrates at open, reports each step, and is up to date on reopening', async () => {
      const target = await fresh();
      const first = await openStore(target);
      assert.equal(first.dialect, dialect);
      assert.equal(first.migration.error, undefined);
      const statuses = first.migration.results?.map((r) => r.status) ?? [];
      assert.ok(statuses.length >= 6, statuses.join());
      assert.deepEqual(statuses, statuses.map(() => 'Success'));
      await first.close();
      const again = await openStore(target);
      assert.deepEqual(again.migration.results, []);
      await again.close();
    });

    it('migrates down to empty and up again', async () => {
      await withStore(async (store, target) => {
        await store.close();
        const { createSqliteStoreDialect } = await import('../../src/store/dialect/sqlite/SqliteStoreDialect.js');
        const { createPostgresStoreDialect } = await import('../../src/store/dialect/postgres/PostgresStoreDialect.js');
        const d = dialect === 'sqlite' ? createSqliteStoreDialect(target) : createPostgresStoreDialect(target);
        const down = await migrateToEmpty(d);
        assert.equal(down.error, undefined);
        assert.equal(down.results?.length, Object.keys(storeMigrations(d)).length);
        assert.ok(down.results?.every((r) => r.direction === 'Down' && r.status === 'Success'));
        const up = await migrateToLatest(d);
        assert.equal(up.results?.length, Object.keys(storeMigrations(d)).length);
        await d.db.destroy();
        Object.assign(store, { close: async () => {} });
      });
    });

    it('saves an input with its stories and facts in one go, and reads them back', async () => {
      await withStore(async (store) => {
        const a1 = article('a.txt', 1, 'Bomb kills four in Testville market', paragraphs('alpha'));
        const a2 = article('a.txt', 2, 'Council meets on bridge repairs', paragraphs('bravo'));
        const res = await store.saveInput({ file: 'a.txt', contentHash: 'h-a' }, [
          toSave(extraction(a1, { events: [bombing('a1')], toponyms: [{ rule: 'r', confidence: 0.8, span: { start: 0, end: 4 }, text: 'Testville', name: 'Testville', kind: 'town', country: 'IQ', admin1: null, lat: 33.3, lon: 44.4, geonameId: 7 }] })),
          toSave(extraction(a2, { onTopic: false })),
        ]);
        assert.deepEqual(res, { inputId: res.inputId, skipped: false, stories: 2, duplicates: 0 });
        const list = await store.listStories();
        assert.deepEqual(list.map((s) => [s.id, s.n, s.events, s.toponyms, s.on_topic]), [['a.txt#1', 1, 1, 1, true], ['a.txt#2', 2, 0, 0, false]]);
        const detail = await store.getStory('a.txt#1');
        assert.ok(detail);
        assert.equal(detail.story.headline, 'Bomb kills four in Testville market');
        assert.equal(detail.parts.paragraphs.length, 4);
        assert.equal(detail.events[0]?.fatalities, 4);
        assert.equal(detail.events[0]?.lat, 33.3);
        assert.deepEqual(JSON.parse(detail.events[0]?.reasons ?? '[]'), ['test reason']);
        assert.equal(detail.toponyms[0]?.geoname_id, 7);
        assert.equal((await store.getStory('a.txt#'))?.story.id, undefined, 'an ambiguous prefix finds nothing');
        assert.equal((await store.getStory('a.txt#2'))?.story.on_topic, 0);
        assert.deepEqual(await store.stats(), { inputs: 1, failedInputs: 0, stories: 2, duplicates: 0, toponyms: 1, events: 1, controlChanges: 0 });
      });
    });

    it('skips an input whose content hash is stored: re-ingest is a no-op', async () => {
      await withStore(async (store) => {
        const save = () => store.saveInput({ file: 'b.txt', contentHash: 'h-b' }, [toSave(extraction(article('b.txt', 1, 'Army retakes hill town', paragraphs('charlie'))))]);
        assert.equal((await save()).skipped, false);
        assert.equal(await store.hasInput('h-b'), true);
        const again = await save();
        assert.equal(again.skipped, true);
        assert.equal((await store.stats()).stories, 1);
        assert.equal((await store.stats()).inputs, 1);
      });
    });

    it('writes nothing of an input whose transaction fails', async () => {
      await withStore(async (store) => {
        const bad = extraction(article('c.txt', 1, 'Broken story', paragraphs('delta')), {
          events: [{ ...bombing('c1'), evidence: null as unknown as string }],
        });
        await assert.rejects(store.saveInput({ file: 'c.txt', contentHash: 'h-c' }, [toSave(bad)]));
        assert.equal(await store.hasInput('h-c'), false);
        assert.deepEqual(await store.stats(), { inputs: 0, failedInputs: 0, stories: 0, duplicates: 0, toponyms: 0, events: 0, controlChanges: 0 });
      });
    });

    it('flags duplicates within an input, exact copies and near-copies across inputs', async () => {
      await withStore(async (store) => {
        const body = paragraphs('echo', 8);
        const original = article('d.txt', 1, 'Car bomb in busy market', body, 'same-content');
        const inputCopy = article('d.txt', 2, 'Car bomb in busy market (repeat)', body, 'repeat-content');
        const r1 = await store.saveInput({ file: 'd.txt', contentHash: 'h-d' }, [
          toSave(extraction(original)),
          toSave(extraction(inputCopy, { duplicateOf: 1 })),
        ]);
        assert.equal(r1.duplicates, 1);
        const exactCopy = article('e.txt', 4, 'Car bomb in busy market', body, 'same-content');
        const nearCopy = article('e.txt', 5, 'UPDATE 1-Car bomb in busy market', [...body.slice(0, 7), 'A new closing paragraph was added by the editors.'], 'near-content');
        const unrelated = article('e.txt', 6, 'Harvest festival opens', paragraphs('foxtrot', 8));
        const r2 = await store.saveInput({ file: 'e.txt', contentHash: 'h-e' }, [toSave(extraction(exactCopy)), toSave(extraction(nearCopy)), toSave(extraction(unrelated))]);
        assert.equal(r2.duplicates, 2);
        const byN = new Map((await store.listStories({ file: 'e.txt' })).map((s) => [s.n, s]));
        assert.equal(byN.get(4)?.duplicate_of, 'same-content');
        assert.match(byN.get(4)?.id ?? '', /^same-content@\d+\.4$/, 'an exact copy keeps its own row');
        assert.equal(byN.get(5)?.duplicate_of, 'same-content');
        assert.equal(byN.get(6)?.duplicate_of, null);
        const inD = await store.listStories({ file: 'd.txt' });
        assert.equal(inD[1]?.duplicate_of, 'same-content');
      });
    });

    it('saves several inputs in one transaction as it would one by one (duplicates, repeated hash, fused events)', async () => {
      const body = paragraphs('golf', 8);
      const inputs = () => [
        { file: 'g.txt', contentHash: 'h-g', stories: [toSave(extraction(article('g.txt', 1, 'Car bomb in busy market', body, 'g-content'), { events: [bombing('g1')] }))] },
        { file: 'h.txt', contentHash: 'h-h', stories: [
          toSave(extraction(article('h.txt', 1, 'Car bomb in busy market', body, 'g-content'), { events: [bombing('h1')] })),
          toSave(extraction(article('h.txt', 2, 'Harvest festival opens', paragraphs('hotel', 8)))),
        ] },
        { file: 'g-again.txt', contentHash: 'h-g', stories: [toSave(extraction(article('g-again.txt', 1, 'Other', paragraphs('india'))))] },
      ];
      const state = async (store: Store) => ({
        stats: await store.stats(),
        stories: (await store.listStories()).map((s) => [s.id.replace(/@\d+/, '@'), s.duplicate_of]),
        fused: (await store.fused.findEvents({ includeBackground: true })).map((e) => [e.id, e.sources.length, e.fatalities, e.reasons]),
      });
      let oneByOne: Awaited<ReturnType<typeof state>> | undefined;
      await withStore(async (store) => {
        const results = [];
        for (const i of inputs()) results.push(await store.saveInput({ file: i.file, contentHash: i.contentHash }, i.stories));
        assert.deepEqual(results.map((r) => [r.skipped, r.stories, r.duplicates]), [[false, 1, 0], [false, 2, 1], [true, 0, 0]]);
        oneByOne = await state(store);
      });
      await withStore(async (store) => {
        const results = await store.saveInputs(inputs());
        assert.deepEqual(results.map((r) => [r.skipped, r.stories, r.duplicates]), [[false, 1, 0], [false, 2, 1], [true, 0, 0]]);
        assert.equal(results[2]!.inputId, results[0]!.inputId, 'the repeated hash is the input saved first');
        assert.deepEqual(await state(store), oneByOne);
        assert.equal(oneByOne?.stats.inputs, 2);
      });
    });

    it('records failed inputs, replacing an earlier failure of the same file', async () => {
      await withStore(async (store) => {
        await store.saveFailure('f.bin', createError('INPUT_BINARY', 'f.bin', 'NUL bytes'));
        await store.saveFailure('f.bin', createError('INPUT_BINARY', 'f.bin', 'NUL bytes'));
        assert.equal((await store.stats()).failedInputs, 1);
        await store.saveInput({ file: 'f.bin', contentHash: 'h-f' }, []);
        assert.equal((await store.stats()).failedInputs, 0);
      });
    });

    it('lists stories by file, publication date window and words of the text', async () => {
      await withStore(async (store) => {
        const mk = (n: number, date: string, words: string) =>
          toSave({ ...extraction(article('g/list.txt', n, `Story ${n} ${words}`, paragraphs(`golf${n} ${words}`))), pubDate: { date, earliest: date, latest: date, precision: 1, basis: 't', confidence: 1, given: true } });
        await store.saveInput({ file: 'g/list.txt', contentHash: 'h-g' }, [mk(1, '2020-01-05', 'ambush motorcade'), mk(2, '2020-02-10', 'airstrike depot'), mk(3, '2020-03-15', 'motorcade orchard')]);
        const ns = async (f: Parameters<Store['listStories']>[0]) => (await store.listStories(f)).map((s) => s.n);
        assert.deepEqual(await ns({ since: '2020-02-01' }), [2, 3]);
        assert.deepEqual(await ns({ until: '2020-02-10' }), [1, 2]);
        assert.deepEqual(await ns({ q: 'motorcade' }), [1, 3]);
        assert.deepEqual(await ns({ q: 'MOTORCADE ambush' }), [1]);
        assert.deepEqual(await ns({ q: '"; drop table' }), []);
        assert.deepEqual(await ns({ file: 'list.txt', limit: 2 }), [1, 2]);
        assert.deepEqual(await ns({ file: 'other.txt' }), []);
      });
    });
  });
}

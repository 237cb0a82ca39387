import assert from 'node:assert/strict';
import { test } from 'node:test';
import { estimateJaccard, findNearDuplicates, lshBandKeys, minhashSignature, NUM_HASHES } from '../../src/dedup/NearDuplicateRefiner.js';
import { segmentDump } from '../../src/segment/DumpSegmenter.js';

const P = [
  'Government troops pushed into the eastern outskirts of the river town on Tuesday after a night of heavy shelling, two military officers said.',
  'The officers said engineers were clearing explosives laid along the main road, and that armoured units were waiting to move into the town centre.',
  'Residents who fled overnight described fires burning in the market district and said families were sheltering in basements without power.',
  'A local official said at least nine civilians had been killed since the offensive began, most of them by mortar fire on residential streets.',
  'Aid groups called for a pause in the fighting so that the wounded could be evacuated to hospitals in the provincial capital.',
  'The town sits on a supply route linking the border crossing with the interior, which both sides have fought over for months.',
  'Rebel commanders said their fighters had withdrawn to defensive lines west of the river to avoid being encircled.',
  'Independent verification of casualty figures was not possible because journalists were kept away from the front line.',
  'The United Nations said some four thousand people had reached camps to the south in the past week, many of them on foot.',
  'Diplomats said talks on a local ceasefire were expected to resume in the regional capital later in the week.',
];
const story = (headline: string, paras: string[]) => `${headline}\n\n${paras.join('\n\n')}\n\n(Reporting by Ana Ruiz; Editing by Mo Chen)`;

const original = story('Troops push into river town after night of shelling', P);
const copy = story('Troops push into river town after night of shelling', P);
const rewrite = story('UPDATE 1-Troops enter river town after heavy shelling', [
  ...P.slice(0, 4),
  'A provincial health official said hospitals had received more than forty wounded people, including several children, since Monday evening.',
  ...P.slice(5),
]);
const sameTopic = story('Fighting spreads to villages near river town', [
  'Fighting spread on Wednesday to villages north of the river town where government troops have been advancing, residents said.',
  'Villagers said shells landed near a school and a water station, and that many families had loaded belongings onto trucks.',
  'An army spokesman said troops were pursuing rebel units that had withdrawn from the town and denied targeting civilian sites.',
  'A rebel spokesman said their fighters had launched a counter-attack on an army position near the bridge and captured two vehicles.',
  'Aid workers said the roads south were crowded and that camps were running short of tents, water and medicine for the wounded.',
]);

test('a copy, a rewrite with one changed paragraph, and a different story on the same topic', () => {
  const articles = segmentDump([original, sameTopic, copy, rewrite].join('\n\n'), 'd.txt');
  assert.equal(articles.length, 4);
  assert.deepEqual(findNearDuplicates(articles), [null, null, 1, 1]);
});

test('estimated Jaccard: identical 1, unrelated low, empty text similar to nothing', () => {
  const a = minhashSignature(original);
  assert.equal(a.length, NUM_HASHES);
  assert.equal(estimateJaccard(a, minhashSignature(copy)), 1);
  assert.ok(estimateJaccard(a, minhashSignature(sameTopic)) < 0.2);
  assert.ok(estimateJaccard(a, minhashSignature(rewrite)) >= 0.6);
  assert.equal(estimateJaccard(minhashSignature(''), minhashSignature('')), 0);
  assert.deepEqual(lshBandKeys(minhashSignature('  ')), []);
});

test('punctuation and case do not change the signature; LSH keys are shared by near copies', () => {
  assert.deepEqual(minhashSignature('The army said, on Monday: "we advanced."'), minhashSignature('the army said on monday we advanced'));
  const k1 = new Set(lshBandKeys(minhashSignature(original)));
  assert.ok(lshBandKeys(minhashSignature(rewrite)).some((k) => k1.has(k)));
  assert.ok(!lshBandKeys(minhashSignature(sameTopic)).some((k) => k1.has(k)));
});

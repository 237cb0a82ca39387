import { test } from 'node:test';
import assert from 'node:assert/strict';
import { notAsserted } from '../../src/events/ModalityFilter.js';

// the offset of `word` in `s`: where a trigger would start
const at = (s: string, word: string) => {
  const i = s.indexOf(word);
  assert.ok(i >= 0, `${word} in ${s}`);
  return i;
};
const why = (s: string, trigger: string) => notAsserted(s, at(s, trigger));

test('each rule names why a trigger is not a reported fact', () => {
  assert.equal(why('The militia will attack the depot next week.', 'attack'), 'modal or future');
  assert.equal(why('Rebels may storm the prison before the vote.', 'storm'), 'modal or future');
  assert.equal(why('Asked whether troops shelled the market, he declined to comment.', 'shelled'), 'question');
  assert.equal(why('The army plans to recapture the airport.', 'recapture'), 'plan, aim or threat');
  assert.equal(why('Police did not arrest anyone at the rally.', 'arrest'), 'negated');
  assert.equal(why('The town would be safe unless gunmen attacked the road.', 'attacked'), 'modal or future');
  assert.equal(why('Residents fled in case fighters shelled the village.', 'shelled'), 'hypothetical or conditional');
  assert.equal(why('Officials weighed the cost of any further air strikes.', 'air strikes'), 'hypothetical (any ...)');
  assert.equal(why('They discussed options such as drones and air strikes.', 'air strikes'), 'an option, not an event');
  assert.equal(why('Shops closed amid fears of a new offensive.', 'offensive'), 'threat or prospect');
  assert.equal(why('Troops moved north to retake the bridge.', 'retake'), 'infinitive (aim)');
});

test('a capitalised month is not the modal "may"; "continued to" is an aspect, not an aim', () => {
  assert.equal(why('In May fighters captured the airport.', 'captured'), null);
  assert.equal(why('Artillery continued to shell the district.', 'shell'), null);
});

test('the trigger\'s own clause decides: a modal in an earlier clause does not', () => {
  assert.equal(why('Talks will resume soon; troops captured the ridge on Monday.', 'captured'), null);
  assert.equal(why('Talks will resume soon and troops captured the ridge on Monday.', 'captured'), 'modal or future');
});

test('a relative clause closed by its comma is an aside: its modal does not reach the main verb', () => {
  assert.equal(why('The brigade, which will rotate home next month, seized the crossing on Friday.', 'seized'), null);
  assert.equal(why('The governor, who had vowed to hold the city, fled on Sunday.', 'fled'), null);
  // still inside the relative clause, or a modal after it, decides as before
  assert.equal(why('The brigade, which will seize the crossing, is waiting.', 'seize'), 'modal or future');
  assert.equal(why('The brigade, which arrived on Friday, will seize the crossing.', 'seize'), 'modal or future');
});

test('a trigger naming a whole war, and a question nobody is reported to have said', () => {
  assert.equal(why('The group has fought a decades-long insurgency in the north.', 'fought'), 'a long-running conflict, not an event');
  assert.equal(why('The group fought a battle in the north.', 'fought'), null);
  assert.equal(why('Who bombed the convoy?', 'bombed'), 'question');
  assert.equal(why('"Who bombed the convoy?" the governor said.', 'bombed'), null);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eventMatches } from '../../src/consolidate/EventQuery.js';
import { fuse } from '../../src/consolidate/EventFuser.js';
import { report, rules } from './fixtures.js';

const [bomb, clash] = fuse([], [
  report('s1', 0, '2017-03-08', { fatalities: 9, fatalities_min: 9, evidence: 'A car bomb exploded near a checkpoint.' }),
  report('s2', 0, '2017-04-02', { event_type: 'Battles', sub_event_type: 'Armed clash', actor1: 'Peshmerga', actor2: 'Islamic State', location: 'Makhmour', lat: 35.78, lon: 43.58, background: true }),
], rules).events.sort((a, b) => a.event_type.localeCompare(b.event_type)).reverse();

test('queries filter by text, actor, dates, place, fatalities and background', () => {
  assert.ok(eventMatches(bomb!, { text: 'car bomb tikrit' }));
  assert.ok(!eventMatches(bomb!, { text: 'mosul' }));
  assert.ok(eventMatches(clash!, { actor: 'islamic state' }), 'actor2 counts too');
  assert.ok(eventMatches(bomb!, { from: '2017-03-01', to: '2017-03-08' }));
  assert.ok(!eventMatches(bomb!, { from: '2017-03-09' }));
  assert.ok(eventMatches(bomb!, { near: { lat: 34.7, lon: 43.7, km: 15 } }));
  assert.ok(!eventMatches(clash!, { near: { lat: 34.7, lon: 43.7, km: 15 } }));
  assert.ok(eventMatches(bomb!, { minFatalities: 9 }) && !eventMatches(clash!, { minFatalities: 1 }));
  assert.ok(!eventMatches(clash!, { excludeBackground: true }));
  assert.ok(eventMatches(clash!, { eventType: 'Battles', country: 'IQ' }));
});

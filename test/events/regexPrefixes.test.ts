import { test } from 'node:test';
import assert from 'node:assert/strict';
import { regexPrefixes } from '../../src/events/regexPrefixes.js';
import { extractTriggers, compileTriggerLexicon, type TriggerEntry } from '../../src/events/TriggerExtractor.js';

test('prefixes of literals, optional groups, classes and alternations', () => {
  assert.deepEqual(regexPrefixes('(?:re)?captur(?:ed|ing)|seiz(?:ed|es)', 2), new Set(['ca', 're', 'se']));
  assert.deepEqual(regexPrefixes('f(?:e|a)ll(?:en)? to', 3), new Set(['fel', 'fal']));
  assert.deepEqual(regexPrefixes('air ?strikes?', 4), new Set(['air ', 'airs']));
  assert.deepEqual(regexPrefixes('(?<!-)IEDs?', 3), new Set(['ied']));
});

test('what the reader cannot enumerate is null (tried at every word)', () => {
  assert.equal(regexPrefixes('\\w+ed', 2), null);
  assert.equal(regexPrefixes('[a-z]+ing', 2), null);
  assert.equal(regexPrefixes('at|on', 3), null, 'a match shorter than the prefix');
});

test('the prefix index finds what one alternation would: leftmost-longest, first entry on a tie, any casing', () => {
  const entry = (id: string, pattern: string): TriggerEntry => ({ id, kind: 'event', form: 'noun', event_type: 'Battles', sub_event_type: 'Armed clash', pattern });
  const nouns = { settlement: ['town'], facility: ['dam'], vague: ['ground'], partial: ['half'] };
  const lex = compileTriggerLexicon([entry('a', 'clash(?:es)?'), entry('b', 'clashes with'), entry('c', '\\w+-style attack'), entry('d', 'naïve attack')], nouns);
  const found = (s: string) => extractTriggers(s, 10, lex).map((t) => `${t.entry.id}:${t.text}@${t.span.start}`);
  assert.deepEqual(found('CLASHES WITH rebels and clashes.'), ['b:CLASHES WITH@10', 'a:clashes@34']);
  assert.deepEqual(found('A mafia-style attack; anti-clash'), ['c:mafia-style attack@12']);
  assert.deepEqual(found('“naïve attack” and NAÏVE ATTACK'), ['d:naïve attack@11', 'd:NAÏVE ATTACK@29']);
});

test('a trie alternation matches what the longest-first alternation matches', async () => {
  const { trieAlternation } = await import('../../src/events/trieAlternation.js');
  const words = ['army', 'armed forces', 'air', 'airstrike', 'IS', 'ISIS', 'ISIL', 'Shi’ite militias', 'U.S.-led coalition', 'a', 'ab', 'abc'];
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const trie = new RegExp(`\\b(?:${trieAlternation(words)})(?![\\w])`, 'g');
  const alt = new RegExp(`\\b(?:${[...words].sort((a, b) => b.length - a.length).map(esc).join('|')})(?![\\w])`, 'g');
  const text = 'the army and armed forces, ISIS, ISIL and IS; airstrike air airs Shi’ite militias U.S.-led coalition abc ab abd a';
  const all = (re: RegExp) => [...text.matchAll(re)].map((m) => `${m.index}:${m[0]}`);
  assert.deepEqual(all(trie), all(alt));
  assert.equal(all(trie).length, 12);
});

test('the fourth-letter test never drops a match: "they"/"the", a three-letter alternative ("IED"), end of text', () => {
  const entry = (id: string, pattern: string): TriggerEntry => ({ id, kind: 'event', form: 'noun', event_type: 'Battles', sub_event_type: 'Armed clash', pattern });
  const nouns = { settlement: ['town'], facility: ['dam'], vague: ['ground'], partial: ['half'] };
  const lex = compileTriggerLexicon([entry('arrest', '(?:they|he)s? (?:were |was )?arrested'), entry('ied', 'IEDs?|roadside bombs?'), entry('raid', 'raids?')], nouns);
  const found = (s: string) => extractTriggers(s, 0, lex).map((t) => `${t.entry.id}:${t.text}`);
  assert.deepEqual(found('The the they were arrested; an IED hit them, then IEDs, then a raid'), ['arrest:they were arrested', 'ied:IED', 'ied:IEDs', 'raid:raid']);
  assert.deepEqual(found('THEY ARRESTED him after the raids'), ['arrest:THEY ARRESTED', 'raid:raids']);
  assert.deepEqual(found('IED'), ['ied:IED']);
});

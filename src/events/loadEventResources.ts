import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { createError } from '../core/errors.js';
import { resourcePath } from '../core/projectPaths.js';
import { mergeActorDictionaries, validateActorFile, validateCountryFile, type ActorDictionary } from './ActorDictionary.js';
import { validateTriggerLexicon, type TriggerLexicon } from './TriggerExtractor.js';
import { validateOnTopicLexicon, type OnTopicLexicon } from './OnTopicClassifier.js';

/** The edge of the events area: reads resources/events/ once; everything else is pure. */
const resourceDir = () => resourcePath('events');

function readJson(file: string): unknown {
  if (!existsSync(file)) throw createError('INPUT_NOT_FOUND', file);
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw createError('RESOURCE_INVALID', file, `malformed JSON: ${(e as Error).message}`);
  }
}

/**
 * Loads the actor dictionary (resources/events/actors.json + countries.json), merged with the
 * user's file when given (`--actors FILE`). Throws RESOURCE_INVALID naming the file and entry.
 * @example const dict = loadActors('my-actors.json');
 */
export function loadActors(file?: string): ActorDictionary {
  const dir = resourceDir();
  const actorsPath = join(dir, 'actors.json');
  const countriesPath = join(dir, 'countries.json');
  const base = validateActorFile(readJson(actorsPath), actorsPath);
  const dict: ActorDictionary = {
    actors: base.actors ?? [],
    contextual: base.contextual ?? [],
    rebels: base.rebels ?? {},
    ...validateCountryFile(readJson(countriesPath), countriesPath),
  };
  return file ? mergeActorDictionaries(dict, validateActorFile(readJson(file), file)) : dict;
}

export function loadTriggerLexicon(): TriggerLexicon {
  const p = join(resourceDir(), 'triggers.json');
  return validateTriggerLexicon(readJson(p), p);
}

export function loadOnTopicLexicon(): OnTopicLexicon {
  const p = join(resourceDir(), 'ontopic.json');
  return validateOnTopicLexicon(readJson(p), p);
}

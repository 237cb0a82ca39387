import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createError } from '../core/errors.js';
import { normaliseName } from './geo.js';

/**
 * The data fusion and the ACLED export read from resources/consolidate/taxonomy.json
 * (see its README). Parsed once by `loadFusionRules` and passed in.
 */
export interface FusionRules {
  /** Sub-event type -> id of its compatibility group (itself when it has none). */
  subEventGroup: Map<string, string>;
  /** Event types whose reports may name the two sides in either order. */
  symmetricTypes: Set<string>;
  /** Normalised actor names meaning "unknown actor". */
  unknownActors: Set<string>;
  /** `event_type|sub_event_type` -> ACLED disorder_type. */
  disorderType: Map<string, string>;
}

interface TaxonomyJson {
  event_types: Record<string, { symmetric_actors: boolean; sub_event_types: Record<string, string> }>;
  compatible_sub_events: string[][];
  unknown_actors: string[];
}

/** Validates and indexes taxonomy.json content; `file` names it in errors. */
export function parseFusionRules(json: unknown, file: string): FusionRules {
  const bad = (detail: string) => createError('RESOURCE_INVALID', file, detail);
  const t = json as Partial<TaxonomyJson>;
  if (!t || typeof t !== 'object' || !t.event_types || typeof t.event_types !== 'object') throw bad('missing "event_types"');
  if (!Array.isArray(t.compatible_sub_events)) throw bad('"compatible_sub_events" must be an array of arrays');
  if (!Array.isArray(t.unknown_actors)) throw bad('"unknown_actors" must be an array');
  const rules: FusionRules = { subEventGroup: new Map(), symmetricTypes: new Set(), unknownActors: new Set(), disorderType: new Map() };
  for (const [type, def] of Object.entries(t.event_types)) {
    if (!def || typeof def.sub_event_types !== 'object') throw bad(`event type "${type}" has no "sub_event_types"`);
    if (def.symmetric_actors) rules.symmetricTypes.add(type);
    for (const [sub, disorder] of Object.entries(def.sub_event_types)) {
      if (typeof disorder !== 'string') throw bad(`"${type}/${sub}": disorder type must be a string`);
      rules.disorderType.set(`${type}|${sub}`, disorder);
      rules.subEventGroup.set(sub, sub);
    }
  }
  for (const group of t.compatible_sub_events) {
    if (!Array.isArray(group) || group.length < 2) throw bad('each compatible_sub_events entry needs two or more names');
    const id = group.join(' ~ ');
    for (const sub of group) {
      if (!rules.subEventGroup.has(sub)) throw bad(`compatible_sub_events names unknown sub-event type "${sub}"`);
      if (rules.subEventGroup.get(sub) !== sub) throw bad(`sub-event type "${sub}" is in two compatibility groups`);
      rules.subEventGroup.set(sub, id);
    }
  }
  for (const a of t.unknown_actors) {
    const n = typeof a === 'string' ? normaliseName(a) : null;
    if (n === null) throw bad('unknown_actors entries must be non-empty strings');
    rules.unknownActors.add(n);
  }
  return rules;
}

/** Reads resources/consolidate/taxonomy.json under `resourcesDir` (the edge's one file read). */
export function loadFusionRules(resourcesDir: string): FusionRules {
  const file = join(resourcesDir, 'consolidate', 'taxonomy.json');
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw createError('RESOURCE_INVALID', file, (e as Error).message);
  }
  return parseFusionRules(json, file);
}

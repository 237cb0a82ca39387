import { createError } from '../core/errors.js';
import type { Iso2 } from '../core/types.js';

/**
 * The actor dictionary: named actors with aliases, contextual words ("the militants", "troops")
 * resolved from the story, and a country table that turns "<demonym> <force noun>" into a
 * canonical name for ANY country ("Egyptian troops" -> "Military Forces of Egypt").
 * Data lives in resources/events/{actors,countries}.json; this module validates and compiles it.
 */

/** Roles a contextual or generic mention can play; resolved per story and event. */
export type ActorRole = 'nonstate' | 'military' | 'police' | 'government' | 'civilians' | 'rebels';
const ROLES: readonly ActorRole[] = ['nonstate', 'military', 'police', 'government', 'civilians', 'rebels'];
const NOUN_ROLES = ['military', 'police', 'government', 'civilians'] as const;
export type NounRole = (typeof NOUN_ROLES)[number];

export interface NamedActor {
  /** Canonical name, e.g. "Islamic State", "Military Forces of Iraq". */
  name: string;
  /** State forces (army, police, government, state-sanctioned militias) versus non-state groups. */
  kind: 'state' | 'nonstate';
  country?: Iso2;
  aliases: string[];
}

export interface ContextualGroup {
  role: ActorRole;
  patterns: string[];
}

export interface CountryEntry {
  code: Iso2;
  /** Name as used inside canonical names: "Military Forces of the United States". */
  name: string;
  /** Name inside "Civilians (...)" when it differs (no article). */
  civilians?: string;
  names: string[];
  demonyms: string[];
}

export interface ActorDictionary {
  actors: NamedActor[];
  contextual: ContextualGroup[];
  /** Canonical name of "rebels" per country code; "*" is the fallback, "{country}" is replaced. */
  rebels: Record<string, string>;
  countries: CountryEntry[];
  nouns: Record<NounRole, string[]>;
}

type Raw = Record<string, unknown>;
const isObj = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStrArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string' && s.trim() !== '');

/**
 * Validates a parsed actors file (resources/events/actors.json shape, every section optional so a
 * user file can hold only what it adds). Throws RESOURCE_INVALID naming the file and the entry.
 */
export function validateActorFile(raw: unknown, file: string): Partial<ActorDictionary> {
  const bad = (detail: string) => createError('RESOURCE_INVALID', file, detail);
  if (!isObj(raw)) throw bad('expected a JSON object with "actors" (and optionally "contextual", "rebels")');
  const out: Partial<ActorDictionary> = {};
  if (raw.actors !== undefined) {
    if (!Array.isArray(raw.actors)) throw bad('"actors" must be an array');
    out.actors = raw.actors.map((a, i) => {
      const where = `actors[${i}]${isObj(a) && typeof a.name === 'string' ? ` ("${a.name}")` : ''}`;
      if (!isObj(a)) throw bad(`${where}: expected an object`);
      if (typeof a.name !== 'string' || !a.name.trim()) throw bad(`${where}: "name" must be a non-empty string`);
      if (a.kind !== 'state' && a.kind !== 'nonstate') throw bad(`${where}: "kind" must be "state" or "nonstate"`);
      if (!isStrArray(a.aliases) || a.aliases.length === 0) throw bad(`${where}: "aliases" must be a non-empty array of strings`);
      if (a.country !== undefined && (typeof a.country !== 'string' || !/^[A-Z]{2}$/.test(a.country)))
        throw bad(`${where}: "country" must be an ISO 3166-1 alpha-2 code`);
      return { name: a.name, kind: a.kind, aliases: a.aliases, ...(a.country ? { country: a.country as string } : {}) };
    });
  }
  if (raw.contextual !== undefined) {
    if (!Array.isArray(raw.contextual)) throw bad('"contextual" must be an array');
    out.contextual = raw.contextual.map((g, i) => {
      if (!isObj(g) || !ROLES.includes(g.role as ActorRole)) throw bad(`contextual[${i}]: "role" must be one of ${ROLES.join(', ')}`);
      if (!isStrArray(g.patterns)) throw bad(`contextual[${i}]: "patterns" must be an array of strings`);
      return { role: g.role as ActorRole, patterns: g.patterns };
    });
  }
  if (raw.rebels !== undefined) {
    if (!isObj(raw.rebels) || !Object.values(raw.rebels).every((v) => typeof v === 'string')) throw bad('"rebels" must map country codes to names');
    out.rebels = raw.rebels as Record<string, string>;
  }
  return out;
}

/** Validates resources/events/countries.json. */
export function validateCountryFile(raw: unknown, file: string): Pick<ActorDictionary, 'countries' | 'nouns'> {
  const bad = (detail: string) => createError('RESOURCE_INVALID', file, detail);
  if (!isObj(raw) || !Array.isArray(raw.countries)) throw bad('expected { "countries": [...], "nouns": {...} }');
  const countries = raw.countries.map((c, i) => {
    const where = `countries[${i}]${isObj(c) && typeof c.code === 'string' ? ` ("${c.code}")` : ''}`;
    if (!isObj(c) || typeof c.code !== 'string' || !/^[A-Z]{2}$/.test(c.code)) throw bad(`${where}: "code" must be ISO alpha-2`);
    if (typeof c.name !== 'string' || !isStrArray(c.names) || !isStrArray(c.demonyms))
      throw bad(`${where}: needs "name" (string), "names" and "demonyms" (string arrays)`);
    return { code: c.code, name: c.name, names: c.names, demonyms: c.demonyms, ...(typeof c.civilians === 'string' ? { civilians: c.civilians } : {}) };
  });
  if (!isObj(raw.nouns)) throw bad('"nouns" must be an object');
  const nouns = {} as Record<NounRole, string[]>;
  for (const r of NOUN_ROLES) {
    const v = raw.nouns[r];
    if (!isStrArray(v)) throw bad(`nouns.${r}: must be an array of strings`);
    nouns[r] = v;
  }
  return { countries, nouns };
}

/**
 * Merges a user file over the base dictionary: a user actor with an existing name replaces its
 * aliases' targets (its aliases are added), new names are appended; contextual patterns are added.
 */
export function mergeActorDictionaries(base: ActorDictionary, user: Partial<ActorDictionary>): ActorDictionary {
  const actors = base.actors.map((a) => ({ ...a, aliases: [...a.aliases] }));
  for (const u of user.actors ?? []) {
    const same = actors.find((a) => a.name === u.name);
    if (same) {
      same.kind = u.kind;
      same.aliases.push(...u.aliases.filter((x) => !same.aliases.includes(x)));
    } else actors.push(u);
  }
  // a user alias wins over the same alias elsewhere in the base
  const userAliases = new Set((user.actors ?? []).flatMap((u) => u.aliases));
  for (const a of actors) {
    if (user.actors?.some((u) => u.name === a.name)) continue;
    a.aliases = a.aliases.filter((x) => !userAliases.has(x));
  }
  return {
    ...base,
    actors: actors.filter((a) => a.aliases.length > 0),
    contextual: [...base.contextual, ...(user.contextual ?? [])],
    rebels: { ...base.rebels, ...(user.rebels ?? {}) },
  };
}

/** A country as written inside "Civilians (...)" and "Protesters (...)": no article ("Yemen", "United States"). */
export function countryLabel(dict: ActorDictionary, code: Iso2): string {
  const c = indexOf(dict).country.get(code);
  return c?.civilians ?? c?.name ?? code;
}

/** Canonical name of a role for a country (null when the country is unknown). */
export function roleName(dict: ActorDictionary, role: ActorRole, code: Iso2 | null): string | null {
  if (!code) return null;
  const c = indexOf(dict).country.get(code);
  const name = c?.name ?? null;
  switch (role) {
    case 'military': return name && `Military Forces of ${name}`;
    case 'police': return name && `Police Forces of ${name}`;
    case 'government': return name && `Government of ${name}`;
    case 'civilians': return `Civilians (${countryLabel(dict, code)})`;
    case 'rebels': return (dict.rebels[code] ?? dict.rebels['*'] ?? 'Rebel forces of {country}').replace('{country}', name ?? code);
    case 'nonstate': return null;
  }
}

/** True for names of state actors (dictionary kind, or the generated state-force names). */
export function isStateActor(dict: ActorDictionary, name: string | null): boolean {
  if (!name) return false;
  if (/^(Military Forces|Police Forces|Government) of /.test(name)) return true;
  return actorKind(dict, name) === 'state';
}

const demonymIndex = new WeakMap<ActorDictionary, Map<string, Iso2>>();
/** Country of a demonym as written ("Russian" -> RU), or null. */
export function countryOfDemonym(dict: ActorDictionary, word: string): Iso2 | null {
  let idx = demonymIndex.get(dict);
  if (!idx) {
    idx = new Map(dict.countries.flatMap((c) => c.demonyms.map((d) => [d, c.code] as [string, Iso2])));
    demonymIndex.set(dict, idx);
  }
  return idx.get(word) ?? null;
}

interface DictIndex {
  country: Map<Iso2, CountryEntry>;
  kind: Map<string, NamedActor['kind']>;
}
const indexes = new WeakMap<ActorDictionary, DictIndex>();
/** Lookups by code and by name, built once per dictionary (the coder asks them for every trigger). */
function indexOf(dict: ActorDictionary): DictIndex {
  let idx = indexes.get(dict);
  if (!idx) {
    idx = { country: new Map(dict.countries.map((c) => [c.code, c])), kind: new Map() };
    // the first entry of a name wins, as a linear search would find it
    for (const a of dict.actors) if (!idx.kind.has(a.name)) idx.kind.set(a.name, a.kind);
    indexes.set(dict, idx);
  }
  return idx;
}

/** Kind of a named actor of the dictionary, or undefined for names it does not hold. */
export function actorKind(dict: ActorDictionary, name: string): NamedActor['kind'] | undefined {
  return indexOf(dict).kind.get(name);
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import countries from 'i18n-iso-countries';
import { createError } from '../core/errors.js';

/**
 * ACLED actor types (inter codes 1-8) and ACLED country names, from resources/export/actor-types.json
 * (see its README). Parsed once by `loadActorTyping` and passed to the exporters.
 */
export interface ActorTyping {
  actors: Map<string, { inter: number; country: string | null }>;
  patterns: { prefix: string; inter: number; foreignInter: number | null }[];
  /** ISO alpha-2 -> ACLED country name, where it differs from i18n-iso-countries' short name. */
  countryNames: Map<string, string>;
}

export function parseActorTyping(json: unknown, file: string): ActorTyping {
  const bad = (detail: string) => createError('RESOURCE_INVALID', file, detail);
  const j = json as { actors?: Record<string, { inter?: unknown; country?: unknown }>; patterns?: unknown[]; country_names?: Record<string, unknown> };
  if (!j || typeof j.actors !== 'object' || !Array.isArray(j.patterns) || typeof j.country_names !== 'object') {
    throw bad('needs "actors", "patterns" and "country_names"');
  }
  const code = (v: unknown, where: string) => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 8) throw bad(`${where}: inter must be an integer 1-8`);
    return v;
  };
  const typing: ActorTyping = { actors: new Map(), patterns: [], countryNames: new Map() };
  for (const [name, a] of Object.entries(j.actors!)) {
    if (a.country !== undefined && typeof a.country !== 'string') throw bad(`${name}: country must be an ISO alpha-2 code`);
    typing.actors.set(name, { inter: code(a.inter, name), country: (a.country as string | undefined) ?? null });
  }
  for (const p of j.patterns as { prefix?: unknown; inter?: unknown; foreign_inter?: unknown }[]) {
    if (typeof p?.prefix !== 'string' || p.prefix === '') throw bad('each pattern needs a "prefix"');
    typing.patterns.push({ prefix: p.prefix, inter: code(p.inter, p.prefix), foreignInter: p.foreign_inter === undefined ? null : code(p.foreign_inter, p.prefix) });
  }
  for (const [iso2, name] of Object.entries(j.country_names!)) {
    if (typeof name !== 'string' || !/^[A-Z]{2}$/.test(iso2)) throw bad(`country_names.${iso2}: needs an alpha-2 key and a name`);
    typing.countryNames.set(iso2, name);
  }
  return typing;
}

/** Reads resources/export/actor-types.json under `resourcesDir` (the edge's one file read). */
export function loadActorTyping(resourcesDir: string): ActorTyping {
  const file = join(resourcesDir, 'export', 'actor-types.json');
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw createError('RESOURCE_INVALID', file, (e as Error).message);
  }
  return parseActorTyping(json, file);
}

/** ACLED's name for a country ("Syria"), or '' for null/unknown codes. */
export function countryName(iso2: string | null, typing: ActorTyping): string {
  if (!iso2) return '';
  const override = typing.countryNames.get(iso2);
  if (override) return override;
  return countries.getName(iso2, 'en', { select: 'alias' }) ?? countries.getName(iso2, 'en') ?? '';
}

/** Alpha-2 code of a country name ("the United States", "Syria"), or null. */
function countryCode(name: string, typing: ActorTyping): string | null {
  const n = name.replace(/^the\s+/i, '').replace(/\s*\(.*\)$/, '').trim();
  for (const [iso2, acled] of typing.countryNames) if (acled.toLowerCase() === n.toLowerCase()) return iso2;
  return countries.getAlpha2Code(n, 'en') ?? null;
}

/**
 * ACLED inter code of an actor in an event in `eventCountry`, or null when the typing does not
 * know the actor. State forces outside their own country are external forces (8).
 */
export function interCode(actor: string | null, eventCountry: string | null, typing: ActorTyping): number | null {
  if (!actor) return null;
  const exact = typing.actors.get(actor);
  if (exact) return exact.country && eventCountry && exact.country !== eventCountry ? 8 : exact.inter;
  for (const p of typing.patterns) {
    if (!actor.startsWith(p.prefix)) continue;
    if (p.foreignInter !== null && eventCountry) {
      const home = countryCode(actor.slice(p.prefix.length), typing);
      if (home && home !== eventCountry) return p.foreignInter;
    }
    return p.inter;
  }
  return null;
}

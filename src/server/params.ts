/**
 * Query parameters as data: each route declares a `ParamSpec` (name -> rule); the same spec
 * validates requests (`parseParams`) and describes them in /openapi.json, so the two never drift.
 */

/** One parameter: how to read it from the query string, and how OpenAPI should describe it. */
export interface ParamRule<T> {
  /** Turns the raw string into a value, or returns an error message. */
  parse(raw: string): { value: T } | { error: string };
  /** Used when the parameter is absent (undefined: the parameter stays absent). */
  fallback?: T;
  /** JSON Schema of the raw parameter, for OpenAPI. */
  schema: Record<string, unknown>;
  description: string;
}

export type ParamSpec = Record<string, ParamRule<unknown>>;

/** The parsed values of a spec: a value for every rule with a fallback, optional otherwise. */
export type Params<S extends ParamSpec> = {
  [K in keyof S]: S[K] extends { fallback: infer T } ? T : S[K] extends ParamRule<infer T> ? T | undefined : never;
};

/** `rule`, with `value` used when the parameter is absent. */
export function withDefault<T>(rule: ParamRule<T>, value: T): ParamRule<T> & { fallback: T } {
  return { ...rule, fallback: value, schema: { ...rule.schema, default: value } };
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isoDate(description: string): ParamRule<string> {
  return {
    description,
    schema: { type: 'string', format: 'date' },
    parse: (raw) =>
      ISO_DATE.test(raw) && !Number.isNaN(Date.parse(raw)) ? { value: raw } : { error: `expected a date YYYY-MM-DD, got "${raw}"` },
  };
}

export function int(description: string, opts: { min: number; max: number }): ParamRule<number> {
  return {
    description,
    schema: { type: 'integer', minimum: opts.min, maximum: opts.max },
    parse: (raw) => {
      const v = Number(raw);
      if (!/^-?\d+$/.test(raw) || !Number.isSafeInteger(v)) return { error: `expected an integer, got "${raw}"` };
      if (v < opts.min || v > opts.max) return { error: `must be between ${opts.min} and ${opts.max}, got ${v}` };
      return { value: v };
    },
  };
}

/** Free text, trimmed, at most `max` characters (long strings make slow queries and no sense). */
export function text(description: string, max = 200): ParamRule<string> {
  return {
    description,
    schema: { type: 'string', maxLength: max },
    parse: (raw) => {
      const v = raw.trim();
      if (!v) return { error: 'must not be empty' };
      return v.length > max ? { error: `at most ${max} characters` } : { value: v };
    },
  };
}

/** Comma-separated values (e.g. several event types), each non-empty, at most `max` of them. */
export function list(description: string, max = 20): ParamRule<string[]> {
  return {
    description,
    schema: { type: 'string', description: 'comma-separated' },
    parse: (raw) => {
      const v = raw.split(',').map((s) => s.trim()).filter(Boolean);
      if (v.length === 0) return { error: 'must list at least one value' };
      return v.length > max ? { error: `at most ${max} values` } : { value: v };
    },
  };
}

export function oneOf<T extends string>(description: string, values: readonly T[]): ParamRule<T> {
  return {
    description,
    schema: { type: 'string', enum: values },
    parse: (raw) =>
      (values as readonly string[]).includes(raw) ? { value: raw as T } : { error: `expected one of ${values.join(', ')}, got "${raw}"` },
  };
}

/** Bounding box `west,south,east,north` in decimal degrees. */
export interface BBox {
  west: number;
  south: number;
  east: number;
  north: number;
}

export function bbox(description: string): ParamRule<BBox> {
  return {
    description,
    schema: { type: 'string', pattern: '^-?[0-9.]+,-?[0-9.]+,-?[0-9.]+,-?[0-9.]+$', example: '38,32,46,37.5' },
    parse: (raw) => {
      const parts = raw.split(',').map(Number);
      const [west, south, east, north] = parts;
      if (parts.length !== 4 || parts.some((n) => !Number.isFinite(n))) return { error: `expected west,south,east,north, got "${raw}"` };
      if (west! < -180 || east! > 180 || south! < -90 || north! > 90) return { error: 'outside -180..180 / -90..90' };
      if (west! > east! || south! > north!) return { error: 'west must be <= east and south <= north' };
      return { value: { west: west!, south: south!, east: east!, north: north! } };
    },
  };
}

/**
 * Parses `query` against `spec`. Unknown parameters are errors too: a typo ("acter=") silently
 * ignored would return every event and look like an answer.
 */
export function parseParams<S extends ParamSpec>(spec: S, query: Record<string, string>): { params: Params<S>; errors: string[] } {
  const errors: string[] = [];
  const params: Record<string, unknown> = {};
  for (const name of Object.keys(query)) if (!(name in spec)) errors.push(`${name}: unknown parameter`);
  for (const [name, rule] of Object.entries(spec)) {
    const raw = query[name];
    if (raw === undefined) {
      if (rule.fallback !== undefined) params[name] = rule.fallback;
      continue;
    }
    const r = rule.parse(raw);
    if ('error' in r) errors.push(`${name}: ${r.error}`);
    else params[name] = r.value;
  }
  return { params: params as Params<S>, errors };
}

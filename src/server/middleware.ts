import type { Context, MiddlewareHandler } from 'hono';
import { createError } from '../core/errors.js';
import type { StoreDialect } from '../store/dialect/StoreDialect.js';
import { parseParams, type Params, type ParamSpec } from './params.js';

/** What the route middleware pass along on the context. */
export interface ServerEnv {
  Variables: {
    store: StoreDialect;
    params: unknown;
    result: unknown;
  };
}

/** Validates the query string against `spec`: 400 with every problem listed, or `params` set. */
export function validate(spec: ParamSpec): MiddlewareHandler<ServerEnv> {
  return async (c, next) => {
    const { params, errors } = parseParams(spec, c.req.query());
    if (errors.length) throw Object.assign(createError('USAGE', `invalid query: ${errors.join('; ')}`), { details: errors });
    c.set('params', params);
    await next();
  };
}

/** Runs `run` with the store and the validated params (and path parameters); sets `result`. */
export function query<S extends ParamSpec, R>(
  _spec: S,
  run: (store: StoreDialect, params: Params<S>, c: Context<ServerEnv>) => Promise<R>,
): MiddlewareHandler<ServerEnv> {
  return async (c, next) => {
    c.set('result', await run(c.get('store'), c.get('params') as Params<S>, c));
    await next();
  };
}

/** Sends `result` as JSON. */
export function respond(): MiddlewareHandler<ServerEnv> {
  return async (c) => c.json(c.get('result') as object);
}

import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
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
  return async (c) => sendJson(c, c.get('result'));
}

const gzipAsync = promisify(gzip);

/** Bodies smaller than this go as they are: gzip would save less than its own header and time. */
const GZIP_MIN = 1024;

/**
 * `value` as JSON, gzipped when the client accepts it. zlib at level 1, off the main thread: the
 * map's 10,000 points (600 kB) take a few milliseconds, where a CompressionStream at the default
 * level (hono's compress middleware) took about a hundred, on the dashboard's first screen.
 */
export async function sendJson(c: Context, value: unknown): Promise<Response> {
  const body = JSON.stringify(value);
  c.header('Content-Type', 'application/json; charset=utf-8');
  c.header('Vary', 'Accept-Encoding');
  if (body.length < GZIP_MIN || !/\bgzip\b/.test(c.req.header('accept-encoding') ?? '')) return c.body(body);
  c.header('Content-Encoding', 'gzip');
  return c.body(new Uint8Array(await gzipAsync(body, { level: 1 })));
}

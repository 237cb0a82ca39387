import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { SitrepError, type ErrorCode } from '../core/errors.js';

/** The one place where error codes become HTTP statuses. */
const STATUS: Record<ErrorCode, ContentfulStatusCode> = {
  USAGE: 400,
  NOT_FOUND: 404,
  INPUT_NOT_FOUND: 400,
  INPUT_EMPTY: 400,
  INPUT_BINARY: 415,
  INPUT_BAD_ENCODING: 415,
  INPUT_BAD_JSON: 400,
  INPUT_BAD_CSV: 400,
  INPUT_NO_TEXT: 422,
  INPUT_TOO_LARGE: 413,
  RESOURCE_INVALID: 500,
  STORE_FAILED: 503,
};

/** Body of every error answer: `{ error: { code, message, details? } }`. */
export function errorHandler(err: Error, c: Context) {
  if (err instanceof SitrepError) {
    const details = (err as SitrepError & { details?: string[] }).details;
    return c.json({ error: { code: err.code, message: err.message, ...(details ? { details } : {}) } }, STATUS[err.code]);
  }
  if (err instanceof HTTPException) {
    return c.json({ error: { code: err.status === 413 ? 'INPUT_TOO_LARGE' : 'HTTP', message: err.message } }, err.status as ContentfulStatusCode);
  }
  // Unexpected: say so without leaking internals (SQL, paths) to the client.
  console.error(err);
  return c.json({ error: { code: 'INTERNAL', message: 'internal error' } }, 500);
}

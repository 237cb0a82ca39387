import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import { createError } from '../core/errors.js';
import type { StoreDialect } from '../store/dialect/StoreDialect.js';
import { errorHandler } from './errorHandler.js';
import { query, respond, sendJson, validate, type ServerEnv } from './middleware.js';
import { openApiDocument, type RouteDoc } from './openapi.js';
import { text, withDefault } from './params.js';
import { controlAtParams, controlParams, controlStateAt, controlTimelines } from './queries/control.js';
import { eventFilters, eventListParams, eventPoints, eventPointParams, getEvent, listEvents } from './queries/events.js';
import { listPlaces, placeParams } from './queries/places.js';
import { getStory, listStories, storyListParams } from './queries/stories.js';
import { summary } from './queries/summary.js';
import { cacheWhileUnchanged, storeDataVersion } from './responseCache.js';
import { PROJECT_ROOT } from '../core/projectPaths.js';
import { staticFiles } from './staticFiles.js';

export interface AppOptions {
  store: StoreDialect;
  /** Accept POST /api/ingest (off by default: the API is read-only). */
  allowIngest?: boolean;
  /** Ingests one uploaded input; required for POST /api/ingest to do anything. */
  ingest?: (file: string, text: string) => Promise<unknown>;
  /** Built dashboard (default: DEFAULT_WEB_ROOT). */
  webRoot?: string;
}

/** Where `npm run build:web` writes the dashboard. */
export const DEFAULT_WEB_ROOT = join(PROJECT_ROOT, 'dist', 'web');

/** Largest accepted request body (ingest uploads). */
export const MAX_BODY = 5 * 1024 * 1024;

const none = {};
const ingestParams = { file: withDefault(text('Name the input is stored under'), 'upload.txt') };

/** Every API route, described once: the OpenAPI document is built from this list. */
export const ROUTES: RouteDoc[] = [
  { method: 'get', path: '/api/events', summary: 'Events matching the filters, paged and sorted', query: eventListParams },
  { method: 'get', path: '/api/events/points', summary: 'Coordinates, dates, types and fatalities of every matching event, as parallel arrays', query: eventPointParams },
  { method: 'get', path: '/api/events/:id', summary: 'One event with all its sources and their evidence', pathParams: { id: '<story id>:<n>' } },
  { method: 'get', path: '/api/stories', summary: 'Stories, newest first', query: storyListParams },
  { method: 'get', path: '/api/stories/:id', summary: 'One story with what was extracted and its text cut into highlighted segments', pathParams: { id: 'story id' } },
  { method: 'get', path: '/api/places', summary: 'Places mentioned, most mentioned first', query: placeParams },
  { method: 'get', path: '/api/control/timelines', summary: 'Control changes per place, oldest first', query: controlParams },
  { method: 'get', path: '/api/control/at', summary: 'Who held each place on a date', query: controlAtParams },
  { method: 'get', path: '/api/summary', summary: 'Counts, date range, totals by type, country and actor for the matching events', query: eventFilters },
  { method: 'post', path: '/api/ingest', summary: 'Ingest one text input, the request body (only when the server was started with ingest allowed)', query: ingestParams },
];

/**
 * The HTTP app: the JSON API under /api, its description at /openapi.json, the dashboard at /.
 * Each route reads as validate -> query -> respond.
 */
export function createApp(opts: AppOptions) {
  const app = new Hono<ServerEnv>();
  const webRoot = opts.webRoot ?? DEFAULT_WEB_ROOT;

  app.onError(errorHandler);
  const scriptSrc = ["'self'", ...inlineScriptHashes(join(webRoot, 'index.html'))];
  app.use('*', secureHeaders({ contentSecurityPolicy: { defaultSrc: ["'self'"], scriptSrc, styleSrc: ["'self'", "'unsafe-inline'"], imgSrc: ["'self'", 'data:'] } }));
  app.use('/api/*', async (c, next) => {
    c.set('store', opts.store);
    await next();
  });

  // The whole-set answers the dashboard opens with change only when something is ingested.
  const cache = cacheWhileUnchanged(storeDataVersion(opts.store));
  app.get('/api/events', validate(eventListParams), query(eventListParams, listEvents), respond());
  app.get('/api/events/points', cache, validate(eventPointParams), query(eventPointParams, eventPoints), respond());
  app.get('/api/events/:id', validate(none), query(none, (store, _p, c) => getEvent(store, c.req.param('id') ?? '')), respond());
  app.get('/api/stories', validate(storyListParams), query(storyListParams, listStories), respond());
  app.get('/api/stories/:id', validate(none), query(none, (store, _p, c) => getStory(store, c.req.param('id') ?? '')), respond());
  app.get('/api/places', validate(placeParams), query(placeParams, listPlaces), respond());
  app.get('/api/control/timelines', cache, validate(controlParams), query(controlParams, async (store, p) => ({ places: await controlTimelines(store, p) })), respond());
  app.get('/api/control/at', validate(controlAtParams), query(controlAtParams, controlStateAt), respond());
  app.get('/api/summary', cache, validate(eventFilters), query(eventFilters, summary), respond());
  app.post('/api/ingest', allowIngest(opts), limitBody(), validate(ingestParams), query(ingestParams, async (_store, p, c) => ({ file: p.file, result: await opts.ingest!(p.file, await c.req.text()) })), respond());
  app.all('/api/*', () => {
    throw createError('NOT_FOUND', 'API route');
  });

  app.get('/openapi.json', (c) => sendJson(c, openApiDocument(ROUTES, { version: '0.1.0' })));
  if (existsSync(webRoot)) app.use('*', staticFiles(webRoot, { index: 'index.html' }));
  else app.get('/', (c) => c.text('The dashboard is not built: run `npm run build:web`.', 503));
  return app;
}

/**
 * CSP sources (`'sha256-…'`) for the scripts written inside the built page: the build inlines the
 * dashboard's script (web/vite.config.ts), and the policy allows exactly that code, nothing else
 * inline. Read once at start; none when the dashboard is not built.
 */
export function inlineScriptHashes(indexHtml: string): string[] {
  if (!existsSync(indexHtml)) return [];
  const html = readFileSync(indexHtml, 'utf8');
  return [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)]
    .filter((m) => m[1] && !/\ssrc=/.test(m[0].slice(0, m[0].indexOf('>'))))
    .map((m) => `'sha256-${createHash('sha256').update(m[1]!, 'utf8').digest('base64')}'`);
}

const limitBody = () =>
  bodyLimit({
    maxSize: MAX_BODY,
    onError: () => {
      throw createError('INPUT_TOO_LARGE', 'request body', `over ${MAX_BODY} bytes`);
    },
  });

function allowIngest(opts: AppOptions) {
  return async (_c: unknown, next: () => Promise<void>) => {
    if (!opts.allowIngest) throw createError('USAGE', 'this server is read-only: start it with ingest allowed to POST inputs');
    if (!opts.ingest) throw createError('USAGE', 'ingest over HTTP is allowed but no ingest function was given to the server');
    await next();
  };
}

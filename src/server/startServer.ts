import { existsSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { sql } from 'kysely';
import type { StoreDialect } from '../store/dialect/StoreDialect.js';
import { openDialect } from '../store/Store.js';
import { createApp, DEFAULT_WEB_ROOT, type AppOptions } from './app.js';

export interface ServeOptions {
  /** SQLite path or postgres:// URL, as for every other command. */
  db: string;
  /** 0 picks a free port. */
  port: number;
  /** Default 127.0.0.1: the API is not meant for the open network. */
  host?: string;
  allowIngest?: boolean;
  ingest?: AppOptions['ingest'];
  webRoot?: string;
}

/**
 * Starts the API and dashboard; resolves once listening.
 *
 * @example
 * const { url, close } = await startServer({ db: './sitrep.db', port: 8080 });
 * console.log(`dashboard at ${url}`);  // http://127.0.0.1:8080/
 */
export async function startServer(opts: ServeOptions): Promise<{ url: string; close: () => Promise<void> }> {
  const { dialect: store } = await openDialect(opts.db);
  await refreshPlannerStatistics(store);
  const webRoot = opts.webRoot ?? DEFAULT_WEB_ROOT;
  const app = createApp({ store, allowIngest: opts.allowIngest, ingest: opts.ingest, webRoot });
  await answerFirstScreen(app, webRoot);
  const host = opts.host ?? '127.0.0.1';
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: opts.port, hostname: host }, () => resolve(s));
    s.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}/`,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.db.destroy();
    },
  };
}

/**
 * SQLite plans from statistics that only ANALYZE writes: without them it takes the type or actor
 * index for a filtered page and sorts every match by date, where the filter indexes (migration
 * 0007) give the page directly. `PRAGMA optimize=0x10002` analyses, under a time bound, the tables
 * never analysed or grown much since; it is a no-op otherwise, so every start can run it.
 * PostgreSQL keeps its statistics itself (autovacuum).
 */
async function refreshPlannerStatistics(store: StoreDialect) {
  if (store.name !== 'sqlite') return;
  try {
    await sql`PRAGMA optimize=0x10002`.execute(store.db);
  } catch {
    // A writer holding the lock past busy_timeout: serve with the statistics there are.
  }
}

/** The API answers the dashboard's first screen waits for (web/src/main.ts asks for these first). */
const FIRST_SCREEN_API = ['/api/events/points', '/api/summary', '/api/control/timelines'];

/**
 * Answers the first screen's requests once before listening: the dashboard's files are read and
 * compressed, the whole-set queries run and their answers cached (see cacheWhileUnchanged), and
 * the code on their path compiled. A new server's first visitor then waits for none of it: their
 * first screen took 1.4 to 1.9 s against a new process, 0.5 s against a warm one (10,000 events).
 */
async function answerFirstScreen(app: ReturnType<typeof createApp>, webRoot: string) {
  const files = existsSync(webRoot) ? readdirSync(webRoot, { recursive: true, withFileTypes: true }).filter((f) => f.isFile() && !f.name.endsWith('.gz')) : [];
  const urls = [...FIRST_SCREEN_API, '/', ...files.map((f) => `/${relative(webRoot, join(f.parentPath, f.name)).split(sep).join('/')}`)];
  // Failures are left for the real requests to report (they go through the error handler).
  await Promise.all(urls.map(async (url) => (await app.request(url, { headers: { 'accept-encoding': 'gzip' } })).arrayBuffer()));
}

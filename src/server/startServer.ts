import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { sql } from 'kysely';
import type { StoreDialect } from '../store/dialect/StoreDialect.js';
import { openDialect } from '../store/Store.js';
import { createApp, type AppOptions } from './app.js';

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
  const app = createApp({ store, allowIngest: opts.allowIngest, ingest: opts.ingest, webRoot: opts.webRoot });
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

import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createError } from '../core/errors.js';
import type { StoreDialect } from '../store/dialect/StoreDialect.js';
import { createPostgresStoreDialect } from '../store/dialect/postgres/PostgresStoreDialect.js';
import { createSqliteStoreDialect } from '../store/dialect/sqlite/SqliteStoreDialect.js';
import { migrateToLatest } from '../store/migrations.js';
import { isPostgresUrl } from '../store/Store.js';
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
  const store = await openDialect(opts.db);
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
 * Opens the store for serving. The server queries through the dialect (Kysely plus full-text
 * search); the schema is brought up to date as `openStore` does, so an empty or older database works.
 */
export async function openDialect(target: string): Promise<StoreDialect> {
  let dialect: StoreDialect;
  try {
    dialect = isPostgresUrl(target) ? createPostgresStoreDialect(target) : createSqliteStoreDialect(target);
  } catch (e) {
    throw createError('STORE_FAILED', `cannot open ${target}: ${(e as Error).message}`);
  }
  const migration = await migrateToLatest(dialect);
  if (migration.error) {
    await dialect.db.destroy();
    throw createError('STORE_FAILED', `migrating ${dialect.location} failed: ${String((migration.error as Error).message ?? migration.error)}`);
  }
  return dialect;
}

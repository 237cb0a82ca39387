import { sql } from 'kysely';
import type { MiddlewareHandler } from 'hono';
import type { StoreDialect } from '../store/dialect/StoreDialect.js';

/** The store's data as of now: equal values mean no write happened in between; null: unknown. */
export type DataVersion = () => Promise<number | null>;

/**
 * SQLite's `PRAGMA data_version` changes whenever another connection commits (an ingest in
 * another process, or the HTTP ingest's own store). PostgreSQL has no cheap equivalent: null, so
 * nothing is cached there.
 */
export function storeDataVersion(store: StoreDialect): DataVersion {
  if (store.name !== 'sqlite') return async () => null;
  return async () => {
    const { rows } = await sql<{ data_version: number }>`PRAGMA data_version`.execute(store.db);
    return rows[0]?.data_version ?? null;
  };
}

interface Entry {
  version: number;
  status: number;
  headers: [string, string][];
  body: Uint8Array<ArrayBuffer>;
}

/** Total bytes kept; the oldest answers go first past it. */
const MAX_BYTES = 64 * 1024 * 1024;

/**
 * Keeps whole answers of a route, by URL and encoding, while the store's data version is unchanged.
 * For the whole-set queries the dashboard opens with (every point, the summary, the control
 * timelines): their answers change only when something is ingested, and computing them again is
 * most of a first screen's server time (10,000 points: ~60 ms of query, JSON and gzip).
 * Only 200 answers are kept.
 */
export function cacheWhileUnchanged(version: DataVersion): MiddlewareHandler {
  const entries = new Map<string, Entry>();
  let bytes = 0;
  const evict = (key: string) => {
    const old = entries.get(key);
    if (!old) return;
    bytes -= old.body.length;
    entries.delete(key);
  };
  return async (c, next) => {
    const v = await version();
    if (v === null) return next();
    // Path and query only: the same answer whatever host name the request came by.
    const url = new URL(c.req.url);
    const key = `${/\bgzip\b/.test(c.req.header('accept-encoding') ?? '') ? 'gz' : 'id'} ${url.pathname}${url.search}`;
    const hit = entries.get(key);
    if (hit && hit.version === v) return new Response(hit.body, { status: hit.status, headers: hit.headers });
    evict(key);
    await next();
    if (c.res.status !== 200) return;
    const body = new Uint8Array(await c.res.clone().arrayBuffer());
    entries.set(key, { version: v, status: c.res.status, headers: [...c.res.headers], body });
    bytes += body.length;
    for (const k of entries.keys()) {
      if (bytes <= MAX_BYTES) break;
      evict(k);
    }
  };
}

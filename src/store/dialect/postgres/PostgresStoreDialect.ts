import { CompiledQuery, Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database } from '../../schema.js';
import type { StoreDialect } from '../StoreDialect.js';

/** PostgreSQL through pg, for `--db postgres://…` or SITREP_DB: the store shared by many workers. */
export function createPostgresStoreDialect(url: string): StoreDialect {
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  return {
    name: 'postgres',
    location: url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@'),
    db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }),
    binaryType: 'bytea',
    autoId: (col) => col.primaryKey().generatedByDefaultAsIdentity(),
    // An expression index: no extra column to keep in step, and the query below uses it.
    async createSearchIndex(db) {
      await sql`CREATE INDEX stories_fts ON stories USING gin (to_tsvector('simple', headline || ' ' || text))`.execute(db);
    },
    async dropSearchIndex(db) {
      await sql`DROP INDEX IF EXISTS stories_fts`.execute(db);
    },
    matchesText(query) {
      return sql<boolean>`to_tsvector('simple', stories.headline || ' ' || stories.text) @@ plainto_tsquery('simple', ${query})`;
    },
    // Multi-row INSERTs written directly: one round trip per batch, under the 65,535-parameter bound.
    async insertRows(trx, table, columns, rows) {
      const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
      const head = `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES `;
      for (let at = 0; at < rows.length; at += perStatement) {
        const part = rows.slice(at, at + perStatement);
        const params: unknown[] = [];
        const tuples = part.map((row) => `(${row.map((v) => `$${params.push(v ?? null)}`).join(', ')})`);
        await trx.executeQuery(CompiledQuery.raw(head + tuples.join(', '), params));
      }
    },
  };
}

const MAX_PARAMETERS = 65535;

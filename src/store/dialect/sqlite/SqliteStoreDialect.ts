import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import type { Database } from '../../schema.js';
import type { StoreDialect } from '../StoreDialect.js';

/**
 * SQLite through better-sqlite3: the default store, one file (./sitrep.db). WAL journaling with
 * synchronous=NORMAL keeps every committed transaction through a killed process (only a power
 * loss may drop the last commits, never leave one half-written).
 */
export function createSqliteStoreDialect(path: string): StoreDialect {
  const handle = new BetterSqlite3(path);
  handle.pragma('journal_mode = WAL');
  handle.pragma('synchronous = NORMAL');
  handle.pragma('foreign_keys = ON');
  // Another process (a second ingest, a reader) may hold the write lock for one input's commit.
  handle.pragma('busy_timeout = 10000');
  // One prepared INSERT per table and column list, reused for every row of every input.
  const inserts = new Map<string, BetterSqlite3.Statement>();
  return {
    name: 'sqlite',
    location: path,
    db: new Kysely<Database>({ dialect: new SqliteDialect({ database: cachingStatements(handle) }) }),
    binaryType: 'blob',
    autoId: (col) => col.primaryKey().autoIncrement(),
    // External-content FTS5 table kept in step by triggers, so writers need not know it exists.
    async createSearchIndex(db) {
      await sql`CREATE VIRTUAL TABLE stories_fts USING fts5(headline, text, content='stories', content_rowid='rowid')`.execute(db);
      await sql`CREATE TRIGGER stories_fts_insert AFTER INSERT ON stories BEGIN
        INSERT INTO stories_fts(rowid, headline, text) VALUES (new.rowid, new.headline, new.text); END`.execute(db);
      await sql`CREATE TRIGGER stories_fts_delete AFTER DELETE ON stories BEGIN
        INSERT INTO stories_fts(stories_fts, rowid, headline, text) VALUES ('delete', old.rowid, old.headline, old.text); END`.execute(db);
    },
    async dropSearchIndex(db) {
      await sql`DROP TRIGGER IF EXISTS stories_fts_insert`.execute(db);
      await sql`DROP TRIGGER IF EXISTS stories_fts_delete`.execute(db);
      await sql`DROP TABLE IF EXISTS stories_fts`.execute(db);
    },
    matchesText(query) {
      // Each word quoted: user text never reaches FTS5's query syntax (hyphens, colons, quotes).
      const words = query.match(/[\p{L}\p{N}]+/gu) ?? [];
      const match = words.map((w) => `"${w}"`).join(' ');
      if (!match) return sql<boolean>`1 = 0`;
      return sql<boolean>`stories.rowid IN (SELECT rowid FROM stories_fts WHERE stories_fts MATCH ${match})`;
    },
    // SQLite has one connection, so the handle runs inside the Kysely transaction `trx` holds.
    async insertRows(_trx, table, columns, rows) {
      const key = `${table}(${columns.join(',')})`;
      let stmt = inserts.get(key);
      if (!stmt) {
        stmt = handle.prepare(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
        inserts.set(key, stmt);
      }
      for (const row of rows) stmt.run(row.map((v) => v ?? null));
    },
  };
}

// Distinct statement texts kept prepared (fusion and saveInput run a few hundred shapes).
const STATEMENT_CACHE = 500;

/**
 * `handle` for Kysely with its statements prepared once per SQL text: Kysely prepares every
 * query it runs, and preparing cost as much as running for the small statements of fusion.
 * Reuse is safe: the one connection runs one statement at a time (Kysely's connection mutex),
 * and SQLite re-prepares a statement by itself when the schema changes.
 */
function cachingStatements(handle: BetterSqlite3.Database) {
  const statements = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => handle.close(),
    prepare(text: string) {
      let stmt = statements.get(text);
      if (stmt) return stmt;
      stmt = handle.prepare(text);
      if (statements.size >= STATEMENT_CACHE) statements.delete(statements.keys().next().value!);
      statements.set(text, stmt);
      return stmt;
    },
  };
}

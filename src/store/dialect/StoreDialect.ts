import type { ColumnDataType, ColumnDefinitionBuilder, Expression, Kysely, SqlBool, Transaction } from 'kysely';
import type { Database } from '../schema.js';

/**
 * What differs between database engines, and nothing else: everything outside `dialect/`
 * (migrations, queries, transactions) is written once against Kysely and serves every dialect.
 * Each dialect folder holds the same file (`<Name>StoreDialect.ts`) exporting a factory.
 */
export interface StoreDialect {
  readonly name: 'sqlite' | 'postgres';
  /** Where the store lives, for messages (a path, or a URL without its password). */
  readonly location: string;
  readonly db: Kysely<Database>;
  /** Column type for raw bytes (MinHash signatures). */
  readonly binaryType: ColumnDataType;
  /** Makes `col` an auto-generated integer primary key. */
  autoId(col: ColumnDefinitionBuilder): ColumnDefinitionBuilder;
  /** Creates / drops the full-text index over story headline and text (a migration step). */
  createSearchIndex(db: Kysely<any>): Promise<void>;
  dropSearchIndex(db: Kysely<any>): Promise<void>;
  /** A condition on `stories` true when the story matches the words of `query` (all of them). */
  matchesText(query: string): Expression<SqlBool>;
  /**
   * Inserts `rows` (values in `columns` order; undefined is stored as null) into `table` within
   * `trx`: ingest's hot path. Building a Kysely query per batch cost more than the database work
   * (parsing every value of every row), so each dialect writes rows its fastest way.
   * @example await d.insertRows(trx, 'story_bands', ['band_key', 'story_id'], [['0:1f2e3d4c', 'abc']])
   */
  insertRows(trx: Transaction<Database>, table: keyof Database, columns: readonly string[], rows: readonly unknown[][]): Promise<void>;
}

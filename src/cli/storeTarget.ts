import { isAbsolute, resolve } from 'node:path';
import type { CommandContext, OptionSpec, ParsedArgs } from './Command.js';
import { stringOption } from './args.js';
import { isPostgresUrl, openStore, type Store } from '../store/Store.js';

export const DB_OPTION: OptionSpec = {
  type: 'string', value: 'PATH|URL',
  description: 'store: a SQLite file or postgres://… URL (default: $SITREP_DB, else ./sitrep.db)',
};

/** The store a command uses: --db, else $SITREP_DB, else ./sitrep.db in the working folder. */
export function storeTarget(ctx: CommandContext, parsed: ParsedArgs): string {
  const target = stringOption(parsed, 'db') ?? ctx.env.SITREP_DB ?? 'sitrep.db';
  return isPostgresUrl(target) || isAbsolute(target) ? target : resolve(ctx.cwd, target);
}

/** Runs `fn` over the command's store and closes it whatever happens (every reading command's shape). */
export async function withStore<T>(ctx: CommandContext, parsed: ParsedArgs, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(storeTarget(ctx, parsed));
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

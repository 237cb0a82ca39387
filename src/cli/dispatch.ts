import { commandHelp, parseCommandArgs, usageError } from './args.js';
import type { CommandContext } from './Command.js';
import { COMMANDS } from './commands/index.js';

/** The list of commands, for `sitrep --help` and `sitrep` alone. */
export function generalHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'usage: sitrep COMMAND [options]',
    '',
    'Conflict news in; a sourced, geocoded, dated record of what happened out.',
    '',
    'commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    "run 'sitrep COMMAND --help' for a command's options",
    '',
  ].join('\n');
}

/**
 * Runs the command named by `argv[0]` and returns its exit code. Throws `SitrepError`s (a usage
 * error for an unknown command or flag); the caller maps them to exit codes.
 */
export async function dispatch(ctx: Omit<CommandContext, 'argv'>, argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    ctx.stdout.write(generalHelp());
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) throw usageError(null, `unknown command '${name}'`);
  const parsed = parseCommandArgs(command, rest);
  if (parsed.values.help) {
    ctx.stdout.write(commandHelp(command));
    return 0;
  }
  return command.run({ ...ctx, argv: rest }, parsed);
}

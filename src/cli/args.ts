import { parseArgs } from 'node:util';
import { createError } from '../core/errors.js';
import type { Command, OptionSpec, ParsedArgs } from './Command.js';

/** Options every command accepts. */
export const COMMON_OPTIONS: Record<string, OptionSpec> = {
  help: { type: 'boolean', short: 'h', description: 'show this help' },
};

/** Parses a command's arguments strictly: an unknown flag or a missing value is a usage error. */
export function parseCommandArgs(command: Command, argv: string[]): ParsedArgs {
  const options = Object.fromEntries(
    Object.entries({ ...COMMON_OPTIONS, ...command.options }).map(([name, o]) => [
      name, { type: o.type, ...(o.short ? { short: o.short } : {}), ...(o.multiple ? { multiple: true } : {}) },
    ]),
  );
  try {
    const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
    return { values: values as ParsedArgs['values'], positionals };
  } catch (e) {
    throw usageError(command.name, (e as Error).message.replace(/\. To specify a positional argument.*$/s, ''));
  }
}

export function usageError(command: string | null, message: string) {
  const hint = command ? `run 'sitrep ${command} --help' for usage` : `run 'sitrep --help' for the list of commands`;
  return createError('USAGE', `${message}\n${hint}`);
}

/** Help text of one command, generated from its option specs. */
export function commandHelp(command: Command): string {
  const rows = Object.entries({ ...command.options, ...COMMON_OPTIONS }).map(([name, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : '    '}--${name}${o.type === 'string' ? ` ${o.value ?? 'VALUE'}` : ''}`;
    return [flag, o.description + (o.multiple ? ' (repeatable)' : '')] as const;
  });
  const width = Math.max(...rows.map(([f]) => f.length));
  return [
    `usage: sitrep ${command.name} ${command.args}`.trimEnd(),
    '',
    command.summary,
    '',
    'options:',
    ...rows.map(([f, d]) => `  ${f.padEnd(width)}  ${d}`),
    ...(command.details ? ['', command.details] : []),
    '',
  ].join('\n');
}

/** A string option's value (the last one when repeated), or undefined. */
export function stringOption(parsed: ParsedArgs, name: string): string | undefined {
  const v = parsed.values[name];
  if (Array.isArray(v)) return v[v.length - 1];
  return typeof v === 'string' ? v : undefined;
}

/** A non-negative integer option, or a usage error naming the command. */
export function integerOption(command: string, parsed: ParsedArgs, name: string): number | undefined {
  const v = stringOption(parsed, name);
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v)) throw usageError(command, `--${name} expects a whole number, got '${v}'`);
  return Number(v);
}

/** A YYYY-MM-DD option, or a usage error. */
export function dateOption(command: string, parsed: ParsedArgs, name: string): string | undefined {
  const v = stringOption(parsed, name);
  if (v === undefined) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || isNaN(Date.parse(v))) throw usageError(command, `--${name} expects a date YYYY-MM-DD, got '${v}'`);
  return v;
}

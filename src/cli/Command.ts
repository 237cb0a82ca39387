/**
 * What every CLI command is: a function over a context, so tests and other front ends can run
 * it without a process. Commands throw `SitrepError`s; only main.ts catches and exits.
 */
export interface CommandContext {
  cwd: string;
  /** Arguments after the command name. */
  argv: string[];
  stdout: Output;
  stderr: Output;
  stdin: AsyncIterable<Uint8Array | string>;
  env: Record<string, string | undefined>;
}

/** The part of a stream commands write to (a TTY when `isTTY` is true: progress bars). */
export interface Output {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
  /** Placeholder shown in help, e.g. "PATH". */
  value?: string;
  description: string;
}

export interface Command {
  name: string;
  /** One line for `sitrep --help`. */
  summary: string;
  /** Positional arguments as shown in help, e.g. "PATH…". */
  args: string;
  options: Record<string, OptionSpec>;
  /** Further help text (examples, notes). */
  details?: string;
  /** Returns the exit code: 0 ok, 1 some inputs failed. */
  run(ctx: CommandContext, parsed: ParsedArgs): Promise<number>;
}

export interface ParsedArgs {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

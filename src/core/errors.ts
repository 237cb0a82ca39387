/**
 * One catalogue of error codes with message templates. Stages throw `SitrepError`; only the
 * CLI entry point and the HTTP error handler catch and map them (exit codes, status codes).
 */
const CATALOGUE = {
  USAGE: (detail: string) => detail,
  INPUT_NOT_FOUND: (file: string) => `${file}: no such file or folder`,
  INPUT_EMPTY: (file: string) => `${file}: the file is empty`,
  INPUT_BINARY: (file: string, detail: string) => `${file}: looks like a binary file, not text (${detail})`,
  INPUT_BAD_ENCODING: (file: string, detail: string) => `${file}: cannot be decoded as text (${detail})`,
  INPUT_BAD_JSON: (file: string, detail: string) => `${file}: malformed JSON (${detail})`,
  INPUT_BAD_CSV: (file: string, detail: string) => `${file}: malformed CSV (${detail})`,
  INPUT_NO_TEXT: (file: string, detail: string) => `${file}: no story text found (${detail})`,
  INPUT_TOO_LARGE: (file: string, detail: string) => `${file}: too large (${detail})`,
  RESOURCE_INVALID: (file: string, detail: string) => `${file}: invalid data file (${detail})`,
  STORE_FAILED: (detail: string) => `store: ${detail}`,
  NOT_FOUND: (what: string) => `${what} not found`,
} as const;

export type ErrorCode = keyof typeof CATALOGUE;

export class SitrepError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly file?: string,
  ) {
    super(message);
    this.name = 'SitrepError';
  }
}

/** createError('INPUT_BINARY', file, 'NUL bytes at offset 12') */
export function createError<C extends ErrorCode>(code: C, ...args: Parameters<(typeof CATALOGUE)[C]>): SitrepError {
  const template = CATALOGUE[code] as (...a: string[]) => string;
  const file = code.startsWith('INPUT_') || code === 'RESOURCE_INVALID' ? (args[0] as string) : undefined;
  return new SitrepError(code, template(...(args as string[])), file);
}

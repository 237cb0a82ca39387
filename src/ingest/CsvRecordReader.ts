import { parse } from 'csv-parse/sync';
import { createError } from '../core/errors.js';
import type { RawRecord } from './RecordMapper.js';

/**
 * The rows of a CSV (or TSV) file with a header line, as records keyed by the header. Quoted
 * cells may span lines. Broken quoting or a row with the wrong number of cells is refused
 * with the line csv-parse reports.
 * @example parseCsvRecords('title,text\nT,"Body, with comma."\n', 'a.csv') // [{title:'T',text:'Body, with comma.'}]
 */
export function parseCsvRecords(text: string, file: string, delimiter = ','): RawRecord[] {
  try {
    return parse(text, { columns: true, bom: true, delimiter, skip_empty_lines: true, trim: false }) as RawRecord[];
  } catch (e) {
    const err = e as Error & { lines?: number };
    throw createError('INPUT_BAD_CSV', file, err.message.replace(/\s+/g, ' ').slice(0, 200));
  }
}

/**
 * Dates as printed in captions and metadata fields ("April 1, 2016", "1 April 2016",
 * "Feb. 27, 2017", "November 2016", "2017-03-09T10:00:00Z", "Thu, 09 Mar 2017 10:00:00 GMT").
 * Only fully printed dates count: a caption's weekday or "last year" is not a date here.
 */
const MONTHS: Record<string, number> = {
  january: 1, february: 2, march: 3, april: 4, may: 5, june: 6, july: 7, august: 8,
  september: 9, october: 10, november: 11, december: 12,
  jan: 1, feb: 2, mar: 3, apr: 4, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};
const MONTH = '(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\\.?';

/** Alternatives in order of precedence at the same position: the fuller reading wins. */
const PATTERNS: { re: RegExp; read: (m: RegExpExecArray) => string | null }[] = [
  { re: /\b(\d{4})-(\d{2})-(\d{2})(?!\d)/g, read: (m) => ymd(+m[1]!, +m[2]!, +m[3]!) },
  { re: new RegExp(`\\b${MONTH} (\\d{1,2})(?:st|nd|rd|th)?,? (\\d{4})\\b`, 'g'), read: (m) => ymd(+m[3]!, month(m[1]!), +m[2]!) },
  { re: new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)? ${MONTH},? (\\d{4})\\b`, 'g'), read: (m) => ymd(+m[3]!, month(m[2]!), +m[1]!) },
  { re: new RegExp(`\\b${MONTH},? (\\d{4})\\b`, 'g'), read: (m) => ym(+m[2]!, month(m[1]!)) },
];

/**
 * The first date printed in `text` as YYYY-MM-DD, or YYYY-MM when only a month and year are
 * printed; null when there is none.
 * @example findPrintedDate('... Homs Governorate, Syria April 1, 2016. REUTERS/Name') // '2016-04-01'
 */
export function findPrintedDate(text: string): string | null {
  let best: { at: number; rank: number; value: string } | null = null;
  PATTERNS.forEach(({ re, read }, rank) => {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const value = read(m);
      if (value === null) continue;
      if (!best || m.index < best.at || (m.index === best.at && rank < best.rank)) best = { at: m.index, rank, value };
      break;
    }
  });
  return (best as { value: string } | null)?.value ?? null;
}

/**
 * Normalises a metadata date field to YYYY-MM-DD (or YYYY-MM) when it can be read, else null.
 * ISO timestamps keep their calendar date as written (no time-zone shift).
 * @example normaliseDate('2017-03-09T22:10:00-05:00') // '2017-03-09'
 */
export function normaliseDate(value: string): string | null {
  const v = value.trim();
  if (/^\d{4}\/\d{1,2}\/\d{1,2}\b/.test(v)) {
    const [y, m, d] = v.split(/[\/\sT]/).map(Number);
    return ymd(y!, m!, d!);
  }
  if (/^\d{8}$/.test(v)) return ymd(+v.slice(0, 4), +v.slice(4, 6), +v.slice(6, 8));
  // Unix time in seconds or milliseconds (feeds and APIs), read in UTC
  if (/^\d{10}$|^\d{13}$/.test(v)) return new Date(v.length === 10 ? +v * 1000 : +v).toISOString().slice(0, 10);
  return findPrintedDate(v);
}

function month(name: string): number {
  return MONTHS[name.replace('.', '').toLowerCase()] ?? 0;
}

function ymd(y: number, m: number, d: number): string | null {
  if (y < 1800 || y > 2200 || m < 1 || m > 12 || d < 1) return null;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > days) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

function ym(y: number, m: number): string | null {
  return y < 1800 || y > 2200 || m < 1 ? null : `${y}-${pad(m)}`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A plain-text table: columns padded to their widest cell, the last column cut to fit `width`.
 * @example formatTable(['ID', 'HEADLINE'], [['ab12', 'Army retakes town']])
 */
export function formatTable(header: string[], rows: string[][], width = 120): string {
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((r) => (r[c] ?? '').length)));
  const lead = widths.slice(0, -1).reduce((s, w) => s + w + 2, 0);
  const lastWidth = Math.max(10, width - lead);
  return all
    .map((r) => r.map((cell, c) => (c === r.length - 1 ? truncate(cell, lastWidth) : cell.padEnd(widths[c]!))).join('  ').trimEnd())
    .join('\n') + '\n';
}

const truncate = (s: string, n: number) => (s.length > n ? s.slice(0, n - 1) + '…' : s);

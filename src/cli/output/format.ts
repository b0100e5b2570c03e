// Number formatting for the text output.

/** US dollars: cents for amounts of a dollar or more, four significant digits below. */
export function usd(amount: number): string {
  if (!Number.isFinite(amount)) return '—';
  const sign = amount < 0 ? '-' : '';
  const abs = Math.abs(amount);
  if (abs === 0) return '$0';
  if (abs >= 1) return `${sign}$${abs.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
  return `${sign}$${Number(abs.toPrecision(4)).toString()}`;
}

/** A signed difference in dollars, e.g. `+$1.20` or `-$0.0031`. */
export function usdDelta(amount: number): string {
  return amount > 0 ? `+${usd(amount)}` : amount < 0 ? usd(amount) : '±$0';
}

/** Whole numbers with thousands separators. */
export function int(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** A signed whole-number difference, e.g. `+120` or `-4`. */
export function intDelta(n: number): string {
  return n > 0 ? `+${int(n)}` : n < 0 ? `-${int(-n)}` : '±0';
}

/** A share as a percentage with one decimal. */
export function percent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

/** Left-aligned columns; numeric-looking cells are right-aligned. */
export function table(rows: string[][]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows
    .map((row) =>
      row
        .map((cell, i) => (/^[-+±≈$\d]/.test(cell) && i > 0 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

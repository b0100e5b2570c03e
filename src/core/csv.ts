// CSV as spreadsheets read it (RFC 4180): a table with a header line and CRLF line ends, cells quoted
// when needed, unknown values as empty cells (never zeros), and text that a spreadsheet would run as
// a formula prefixed with a quote (CSV injection).

/** One value as a CSV cell. */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows as CSV text: `columns` names each column and says how to read it from a row. */
export function toCsv<Row>(rows: readonly Row[], columns: ReadonlyArray<readonly [string, (row: Row) => string | number | boolean | null | undefined]>): string {
  const lines = [columns.map(([name]) => csvCell(name)).join(',')];
  for (const row of rows) lines.push(columns.map(([, get]) => csvCell(get(row))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

// JSON Lines as users write them by hand: blank lines are skipped, and a line that is not JSON is
// reported by its one-based number so the message points at it.

/**
 * The values of a JSON Lines text with their one-based line numbers.
 * @param invalid builds the error thrown for a line that is not valid JSON.
 */
export function parseJsonLines(text: string, invalid: (line: number) => Error): Array<{ line: number; value: unknown }> {
  const rows: Array<{ line: number; value: unknown }> = [];
  text.split(/\r?\n/).forEach((source, i) => {
    if (source.trim() === '') return;
    try {
      rows.push({ line: i + 1, value: JSON.parse(source) as unknown });
    } catch {
      throw invalid(i + 1);
    }
  });
  return rows;
}

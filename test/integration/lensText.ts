// Reading numbers out of CodeLens titles, shared by the API and UI layers. Pure, no `vscode`.

/** Every number in a lens title, with thousands separators removed ("1,387 tokens" -> [1387]). */
export function numbersIn(title: string): number[] {
  return (title.match(/\d[\d,]*(?:\.\d+)?/g) ?? []).map((n) => Number(n.replace(/,/g, '')));
}

/** Whether any title that mentions tokens shows exactly `count`. */
export function showsTokenCount(titles: readonly string[], count: number): boolean {
  return titles.filter((t) => /token/i.test(t)).some((t) => numbersIn(t).includes(count));
}

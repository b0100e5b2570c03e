// Reading numbers out of CodeLens titles, shared by the API and UI layers. Pure, no `vscode`.

/** Every number in a lens title, with thousands separators removed ("1,387 tok" -> [1387]). */
export function numbersIn(title: string): number[] {
  return (title.match(/\d[\d,]*(?:\.\d+)?/g) ?? []).map((n) => Number(n.replace(/,/g, '')));
}

/** Whether a lens title that mentions tokens ("tok", "tokens") shows exactly `count`. */
export function showsTokenCount(titles: readonly string[], count: number): boolean {
  return titles.filter((t) => /\btok(en)?s?\b/i.test(t)).some((t) => numbersIn(t).includes(count));
}

// "Did you mean" suggestions for an unknown model id.

/** Up to `limit` ids from `candidates` closest to `id` by edit distance, nearest first. */
export function closestIds(id: string, candidates: readonly string[], limit = 3): string[] {
  const target = id.toLowerCase();
  // Allow roughly one edit per three characters, so "gpt4o" finds "gpt-4o" but "foo" finds nothing.
  const allowed = Math.max(2, Math.ceil(target.length / 3));
  return [...new Set(candidates)]
    .map((candidate) => ({ candidate, distance: editDistance(target, candidate.toLowerCase()) }))
    .filter(({ distance }) => distance <= allowed)
    .sort((a, b) => a.distance - b.distance || a.candidate.localeCompare(b.candidate))
    .slice(0, limit)
    .map(({ candidate }) => candidate);
}

/** Levenshtein distance with a single rolling row. */
function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(above + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

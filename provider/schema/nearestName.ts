/** Edit distance, case aside. */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1));
    }
    row = next;
  }
  return row[b.length];
}

/** The known name a mistyped one most likely meant (at most 3 edits away), for "did you mean" hints. */
export function nearestName(name: string, known: readonly string[]): string | undefined {
  const nearest = [...known].sort((a, b) => distance(name, a) - distance(name, b))[0];
  return nearest !== undefined && distance(name, nearest) <= 3 ? nearest : undefined;
}

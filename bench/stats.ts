/** The figures every benchmark reports its samples by (one definition, so the rows agree on what "median" is). */

/** The middle sample (the upper one of an even count); NaN for none. */
export function median(xs: readonly number[]): number {
  return quantile(xs, 0.5);
}

/** The sample at share `q` of the sorted samples (0.95: the 95th percentile); NaN for none. */
export function quantile(xs: readonly number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? Number.NaN;
}

/** "min 12 max 40" */
export function range(xs: readonly number[]): string {
  return `min ${Math.min(...xs).toFixed(0)} max ${Math.max(...xs).toFixed(0)}`;
}

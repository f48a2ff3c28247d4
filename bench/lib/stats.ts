/** Order statistics of timing samples (any unit; the bench uses milliseconds). */

/** The sample count, median and 95th percentile of a set of timings. */
export interface Summary {
  n: number;
  median: number;
  p95: number;
}

/**
 * The p-th percentile (0 ≤ p ≤ 1) by linear interpolation between the closest ranks (numpy's default), so the
 * median of an even count is the mean of the two middle samples.
 */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new RangeError("percentile: no samples");
  if (!(p >= 0 && p <= 1)) throw new RangeError(`percentile: p must be between 0 and 1, got ${p}`);
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = p * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  const lowValue = sorted[low] as number;
  return lowValue + ((sorted[high] as number) - lowValue) * (rank - low);
}

export function median(samples: readonly number[]): number {
  return percentile(samples, 0.5);
}

export function summarize(samples: readonly number[]): Summary {
  return { n: samples.length, median: median(samples), p95: percentile(samples, 0.95) };
}

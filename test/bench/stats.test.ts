import { describe, expect, it } from "vitest";
import { median, percentile, summarize } from "../../bench/lib/stats.js";

describe("bench statistics", () => {
  it("takes the mean of the two middle samples as the median of an even count, whatever the input order", () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([5, 1, 3])).toBe(3);
  });

  it("interpolates p95 between the closest ranks", () => {
    const oneToHundred = Array.from({ length: 100 }, (_, i) => i + 1);
    // rank 0.95 × 99 = 94.05, between the 95th (95) and 96th (96) values.
    expect(percentile(oneToHundred, 0.95)).toBeCloseTo(95.05, 10);
    expect(summarize(oneToHundred)).toEqual({ n: 100, median: 50.5, p95: expect.closeTo(95.05, 10) });
  });

  it("does not reorder the caller's samples", () => {
    const samples = [3, 1, 2];
    median(samples);
    expect(samples).toEqual([3, 1, 2]);
  });

  it("refuses an empty sample set and a percentile outside 0..1", () => {
    expect(() => median([])).toThrow(RangeError);
    expect(() => percentile([1], 95)).toThrow(/between 0 and 1/);
  });
});

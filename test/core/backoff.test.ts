import { describe, expect, it } from "vitest";
import { backoffDelayMs, parseRateLimitResetMs, parseRetryAfterMs, serverRequestedDelayMs } from "../../src/core/backoff.js";

const settings = { baseDelayMs: 500, maxDelayMs: 8_000, maxWaitMs: 60_000 };
const almostOne = () => 0.999_999;

describe("backoffDelayMs", () => {
  it("waits between 0 and baseDelayMs before the first retry", () => {
    expect(backoffDelayMs(1, settings, () => 0)).toBe(0);
    expect(backoffDelayMs(1, settings, almostOne)).toBe(499);
  });

  it("doubles the ceiling on each retry and caps it at maxDelayMs", () => {
    const ceilings = [1, 2, 3, 4, 5, 6, 10].map((retry) => backoffDelayMs(retry, settings, almostOne) + 1);
    expect(ceilings).toEqual([500, 1_000, 2_000, 4_000, 8_000, 8_000, 8_000]);
  });

  it("applies full jitter: the wait scales linearly with the random draw", () => {
    expect(backoffDelayMs(3, settings, () => 0.5)).toBe(1_000);
    expect(backoffDelayMs(3, settings, () => 0.25)).toBe(500);
  });

  it("stays within [0, ceiling) for Math.random over many draws", () => {
    const delays = Array.from({ length: 1_000 }, () => backoffDelayMs(2, settings));
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...delays)).toBeLessThan(1_000);
  });
});

describe("Retry-After", () => {
  const now = Date.parse("2030-01-01T00:00:00Z");

  it("reads delay-seconds", () => {
    expect(parseRetryAfterMs("1", now)).toBe(1_000);
    expect(parseRetryAfterMs(" 120 ", now)).toBe(120_000);
    expect(parseRetryAfterMs("0", now)).toBe(0);
  });

  it("reads an HTTP date relative to now", () => {
    expect(parseRetryAfterMs("Tue, 01 Jan 2030 00:00:30 GMT", now)).toBe(30_000);
  });

  it("treats an HTTP date in the past as no wait", () => {
    expect(parseRetryAfterMs("Mon, 31 Dec 2029 23:59:00 GMT", now)).toBe(0);
  });

  it("ignores absent, negative and unreadable values", () => {
    expect(parseRetryAfterMs(null, now)).toBeUndefined();
    expect(parseRetryAfterMs("-5", now)).toBeUndefined();
    expect(parseRetryAfterMs("soon", now)).toBeUndefined();
    expect(parseRetryAfterMs("", now)).toBeUndefined();
  });
});

describe("X-RateLimit-Reset", () => {
  const now = 1_900_000_000_000; // epoch ms

  it("reads values above 1e9 as epoch seconds", () => {
    expect(parseRateLimitResetMs("1900000005", now)).toBe(5_000);
  });

  it("reads small values as seconds from now", () => {
    expect(parseRateLimitResetMs("7", now)).toBe(7_000);
  });

  it("reads values above 1e12 as epoch milliseconds", () => {
    expect(parseRateLimitResetMs("1900000002500", now)).toBe(2_500);
  });

  it("treats a reset time in the past as no wait and ignores garbage", () => {
    expect(parseRateLimitResetMs("1800000000", now)).toBe(0);
    expect(parseRateLimitResetMs("tomorrow", now)).toBeUndefined();
    expect(parseRateLimitResetMs(null, now)).toBeUndefined();
  });
});

describe("serverRequestedDelayMs", () => {
  const now = 1_900_000_000_000;

  it("prefers Retry-After over X-RateLimit-Reset", () => {
    const headers = new Headers({ "retry-after": "2", "x-ratelimit-reset": "9" });
    expect(serverRequestedDelayMs(headers, 429, now)).toBe(2_000);
  });

  it("uses X-RateLimit-Reset on a 429", () => {
    expect(serverRequestedDelayMs(new Headers({ "x-ratelimit-reset": "3" }), 429, now)).toBe(3_000);
  });

  it("ignores X-RateLimit-Reset on other statuses, where it only describes the quota window", () => {
    expect(serverRequestedDelayMs(new Headers({ "x-ratelimit-reset": "3" }), 503, now)).toBeUndefined();
  });
});

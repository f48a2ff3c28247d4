/**
 * Two node processes, one key: each fires half of the creates at once through a folk client paced by
 * `redisRateLimiter`, against ONE folk sandbox served over HTTP that answers 429 past the same limit, with a
 * real redis-server between them (bench/redis/measure-shared-limit.ts runs it; `npm run bench -- --only redis`
 * measures a longer run). The figures leave room for a machine 3× slower, busy with the rest of the e2e suite: a
 * call counts until its answer + windowMs, so each of the ⌈30 / 10⌉ = 3 bursts adds the time its 10 calls take
 * to answer (tens of ms here, about 0.4 s under a load of 10 on 2 cores); 10 % of the 30 s the limit allows is 3 s.
 */
import { describe, expect, it } from "vitest";
import { measureSharedLimit } from "../../bench/redis/measure-shared-limit.js";

describe("two processes sharing one Redis limiter", () => {
  it("stay at 0 × 429 against one sandbox with the same limit, and finish within 1.1× the time the limit allows", async () => {
    const run = await measureSharedLimit({ limit: 10, windowMs: 15_000, calls: 30, processes: 2 });
    expect(run.statuses).toEqual({ 200: 30 });
    expect(run.tooMany).toBe(0);
    // The limit allows (⌈30 / 10⌉ − 1) × 15 s = 30 s; faster would mean calls went past the limit.
    expect(run.allowedMs).toBe(30_000);
    expect(run.elapsedMs).toBeGreaterThanOrEqual(30_000);
    expect(run.elapsedMs).toBeLessThanOrEqual(1.1 * run.allowedMs);
  }, 240_000);
});

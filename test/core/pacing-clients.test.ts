/**
 * Pacing through real clients against the in-process sandboxes, on a fake clock: a burst finishes without a
 * single 429 in the time the vendor's limit allows, whatever the machine's speed.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createEmnifyClient } from "../../src/emnify/index.js";
import { createFolkClient } from "../../src/folk/index.js";
import { createSandbox } from "../../src/sandbox/index.js";

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setImmediate", "Date", "performance"] });
});
afterEach(() => {
  vi.useRealTimers();
});

/** Runs `work` to the end on the fake clock; resolves to its results and the fake time it took. */
async function onFakeClock<T>(work: () => Promise<T>): Promise<{ result: T; elapsedMs: number }> {
  const started = performance.now();
  let settled = false;
  const running = work().finally(() => {
    settled = true;
  });
  for (let step = 0; !settled && step < 10_000; step += 1) await vi.advanceTimersByTimeAsync(100);
  expect(settled).toBe(true);
  return { result: await running, elapsedMs: performance.now() - started };
}

/** The statuses a sandbox answered, read from its call log. */
const statusesOf = (sandbox: { calls: ReadonlyArray<{ status: number }> }) => sandbox.calls.map((call) => call.status);

describe("a burst fired at once against a sandbox applying the same limits", () => {
  it("folk, documented (200 a minute): 250 creates, 0 x 429, within 1.05 x the 60 s the limit allows", async () => {
    const sandbox = createSandbox("folk", { rateLimit: "documented", seed: false });
    const folk = createFolkClient({ apiKey: "folk_test_sandbox", fetch: sandbox.fetch });
    const { result, elapsedMs } = await onFakeClock(() =>
      Promise.all(Array.from({ length: 250 }, (_, i) => folk.POST("/v1/companies", { body: { name: `Company ${i}` } }))),
    );
    expect(result.map((r) => r.response.status)).toEqual(Array(250).fill(200));
    expect(statusesOf(sandbox).filter((s) => s === 429)).toEqual([]);
    // ceil(250 / 200) - 1 = 1 window: the 50 last ones go once the first 200 have been out for a minute.
    expect(elapsedMs).toBeGreaterThanOrEqual(60_000);
    expect(elapsedMs).toBeLessThanOrEqual(1.05 * 60_000);
  });

  it("{ limit: 20, windowMs: 2_000 } on both sides: 100 creates, 0 x 429, within 1.05 x 8 s", async () => {
    const limit = { limit: 20, windowMs: 2_000 };
    const sandbox = createSandbox("folk", { rateLimit: limit, seed: false });
    const folk = createFolkClient({ apiKey: "folk_test_sandbox", fetch: sandbox.fetch, rateLimit: limit });
    const { result, elapsedMs } = await onFakeClock(() =>
      Promise.all(Array.from({ length: 100 }, (_, i) => folk.POST("/v1/companies", { body: { name: `Company ${i}` } }))),
    );
    expect(result.every((r) => r.response.status === 200)).toBe(true);
    expect(statusesOf(sandbox)).not.toContain(429);
    expect(elapsedMs).toBeGreaterThanOrEqual(8_000);
    expect(elapsedMs).toBeLessThanOrEqual(1.05 * 8_000);
  });
});

describe("a login under maxConcurrency", () => {
  it("emnify, maxConcurrency 1: five calls fired before the first token exchange all succeed (the login is not held behind them)", async () => {
    const sandbox = createSandbox("emnify");
    const emnify = createEmnifyClient({ applicationToken: "app-token-sandbox", fetch: sandbox.fetch, maxConcurrency: 1 });
    const { result, elapsedMs } = await onFakeClock(() =>
      Promise.all(
        Array.from({ length: 5 }, () => emnify.GET("/api/v1/organisation/{org_id}/contact", { params: { path: { org_id: 1234 } } })),
      ),
    );
    expect(result.map((r) => r.response.status)).toEqual(Array(5).fill(200));
    expect(sandbox.calls.filter((call) => call.operationId === "authenticate")).toHaveLength(1);
    // A login queued behind a call holding the only slot would wait for that call's 60 s timeout.
    expect(elapsedMs).toBeLessThan(1_000);
  });
});

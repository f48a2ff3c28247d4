import { afterEach, describe, expect, it, vi } from "vitest";
import { type LogEvent, RateLimitError, trackProgress, unwrap } from "../../src/core/index.js";
import { createFolkClient } from "../../src/folk/index.js";
import { createSandbox } from "../../src/sandbox/index.js";

describe("trackProgress with a client against the sandbox", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("counts the 429s a client without pacing runs into, its retries, and the work done and failed", async () => {
    // The sandbox's clock and the client's Retry-After sleeps both run on fake timers, so the 1 s windows pass at once.
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date", "performance"] });
    const sandbox = createSandbox("folk", { seed: false, rateLimit: { limit: 2, windowMs: 1_000 } });
    const forwarded: LogEvent[] = [];
    const progress = trackProgress({ total: 5, logger: (event) => forwarded.push(event) });
    const folk = createFolkClient({
      apiKey: "folk_test_sandbox",
      fetch: sandbox.fetch,
      rateLimit: false,
      maxRetries: 1,
      logger: progress.logger,
    });
    const create = (name: string) => progress.track(unwrap(folk.POST("/v1/companies", { body: { name } })));

    // Two calls fit the window; the other three get 429 (Retry-After: 1) and retry in the next window, where two
    // fit, and the last gets a second 429 with no retry left.
    const calls = ["A", "B", "C", "D", "E"].map((name) =>
      create(name).then(
        () => "created",
        (error: unknown) => error,
      ),
    );
    await vi.advanceTimersByTimeAsync(1_000);
    const outcomes = await Promise.all(calls);

    expect(outcomes.filter((o) => o === "created")).toHaveLength(4);
    expect(outcomes.filter((o) => o instanceof RateLimitError)).toHaveLength(1);
    expect(progress.finish()).toMatchObject({ done: 4, failed: 1, total: 5, rateLimited: 4, retries: 3, etaMs: 0 });
    // Every event reached the logger given to the tracker.
    const statuses = forwarded.flatMap((e) => (e.type === "response" ? [e.status] : []));
    expect(statuses.sort((a, b) => a - b)).toEqual([200, 200, 200, 200, 429, 429, 429, 429]);
    expect(forwarded.filter((e) => e.type === "retry")).toHaveLength(3);
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { LogEvent, Progress } from "../../src/core/index.js";
import { trackProgress } from "../../src/core/index.js";
import { json } from "./helpers/fake-fetch.js";

const base = { vendor: "folk", method: "POST", url: "https://api.folk.app/v1/companies", attempt: 1 } as const;
const wait = (waitedMs: number): LogEvent => ({ ...base, type: "wait", waitedMs });
const response = (status: number): LogEvent => ({ ...base, type: "response", status, ms: 5, headers: {} });
const retry: LogEvent = { ...base, type: "retry", delayMs: 1_000, reason: "429" };

/** Settles `count` tracked promises, the microtasks included, without moving the clock. */
async function finishWork(progress: ReturnType<typeof trackProgress>, count: number, outcome: "done" | "failed" = "done") {
  const work = Array.from({ length: count }, () =>
    progress.track(outcome === "done" ? Promise.resolve("ok") : Promise.reject(new Error("no"))).catch(() => undefined),
  );
  await Promise.all(work);
}

describe("trackProgress", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date", "performance"] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("counts done and failed work and passes values and rejections through unchanged", async () => {
    const progress = trackProgress();
    await expect(progress.track(Promise.resolve(42))).resolves.toBe(42);
    const failure = new Error("boom");
    await expect(progress.track(Promise.reject(failure))).rejects.toBe(failure);
    // openapi-fetch resolves an HTTP error instead of rejecting: it counts as failed, and is returned as it is.
    const result = { error: { message: "bad" }, response: json(400, { message: "bad" }) };
    await expect(progress.track(Promise.resolve(result))).resolves.toBe(result);
    await progress.track(Promise.resolve({ data: { id: 1 }, response: json(200, { id: 1 }) }));
    expect(progress.snapshot()).toMatchObject({ done: 2, failed: 2, finished: false });
  });

  it("counts limit waits, 429 responses and retries from log events, and forwards every event", () => {
    const seen: LogEvent[] = [];
    const progress = trackProgress({ logger: (event) => seen.push(event) });
    const events = [wait(1_200), wait(300), wait(0), response(429), response(200), response(503), retry, retry];
    for (const event of events) progress.logger(event);
    expect(progress.snapshot()).toMatchObject({ waits: 2, waitedMs: 1_500, rateLimited: 1, retries: 2 });
    expect(seen).toEqual(events);
  });

  it("still counts an event when the forwarded logger throws", () => {
    const progress = trackProgress({
      logger: () => {
        throw new Error("logger down");
      },
    });
    expect(() => progress.logger(response(429))).toThrow("logger down");
    expect(progress.snapshot().rateLimited).toBe(1);
  });

  it("sends the first change at once, then at most one event per intervalMs, with the figures at send time", async () => {
    const events: Progress[] = [];
    const progress = trackProgress({ total: 10, intervalMs: 1_000, onProgress: (event) => events.push(event) });
    await finishWork(progress, 1);
    expect(events.map((e) => e.done)).toEqual([1]);

    await vi.advanceTimersByTimeAsync(200);
    await finishWork(progress, 2);
    progress.logger(retry);
    expect(events).toHaveLength(1); // throttled: one timer is due at 1,000 ms
    await vi.advanceTimersByTimeAsync(799);
    expect(events).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(events.map((e) => [e.done, e.retries, e.elapsedMs])).toEqual([
      [1, 0, 0],
      [3, 1, 1_000],
    ]);

    // Nothing changes: no event, and no timer left behind.
    await vi.advanceTimersByTimeAsync(5_000);
    expect(events).toHaveLength(2);
    expect(vi.getTimerCount()).toBe(0);
    // A change long after the last event is sent at once.
    await finishWork(progress, 1, "failed");
    expect(events.map((e) => [e.done, e.failed, e.elapsedMs])).toContainEqual([3, 1, 6_000]);
    expect(events).toHaveLength(3);
  });

  it("finish() clears the pending timer, sends one last event and sends nothing after it", async () => {
    const events: Progress[] = [];
    const progress = trackProgress({ total: 3, intervalMs: 1_000, onProgress: (event) => events.push(event) });
    await finishWork(progress, 1);
    await finishWork(progress, 2); // within the interval: a timer is pending
    expect(vi.getTimerCount()).toBe(1);
    const last = progress.finish();
    expect(vi.getTimerCount()).toBe(0);
    expect(last).toMatchObject({ done: 3, total: 3, etaMs: 0, finished: true });
    expect(events.at(-1)).toBe(last);
    expect(events).toHaveLength(2);

    progress.logger(retry);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(progress.finish()).toBe(last);
    expect(progress.snapshot()).toBe(last);
    expect(events).toHaveLength(2);
  });

  it("ignores an onProgress that throws: the work and the counting go on", async () => {
    const onProgress = vi.fn(() => {
      throw new Error("display broke");
    });
    const progress = trackProgress({ intervalMs: 100, onProgress });
    await expect(progress.track(Promise.resolve("ok"))).resolves.toBe("ok");
    expect(() => progress.logger(retry)).not.toThrow();
    await vi.advanceTimersByTimeAsync(100);
    expect(() => progress.finish()).not.toThrow();
    expect(onProgress).toHaveBeenCalledTimes(3);
    expect(progress.snapshot()).toMatchObject({ done: 1, retries: 1 });
  });

  it("measures the rate over the recent window, so that it follows the current pace", async () => {
    const progress = trackProgress({ rateWindowMs: 10_000 });
    // 2 s in, 20 finished: the window reaches back before the start, so the rate is over the 2 s there were.
    await vi.advanceTimersByTimeAsync(2_000);
    await finishWork(progress, 20);
    expect(progress.snapshot().rate).toBeCloseTo(10, 5);
    // 20 s in, with 100 more finished at 15 s: only those are in the last 10 s.
    await vi.advanceTimersByTimeAsync(13_000);
    await finishWork(progress, 100);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(progress.snapshot().rate).toBeCloseTo(10, 5);
    // 30 s in, nothing for 15 s: the pace is 0, whatever the average since the start was.
    await vi.advanceTimersByTimeAsync(10_000);
    expect(progress.snapshot()).toMatchObject({ rate: 0, done: 120, elapsedMs: 30_000 });
  });

  it("estimates the time left from the recent rate when the total is known", async () => {
    const progress = trackProgress({ total: 1_000, rateWindowMs: 10_000 });
    expect(progress.snapshot().etaMs).toBeUndefined(); // no pace yet
    await vi.advanceTimersByTimeAsync(10_000);
    await finishWork(progress, 200); // 20 a second
    await finishWork(progress, 50, "failed"); // failed work is finished work too
    expect(progress.snapshot()).toMatchObject({ done: 200, failed: 50, rate: 25, etaMs: 30_000 });
    expect(trackProgress().snapshot().etaMs).toBeUndefined(); // no total, no eta
  });

  it("takes a total learnt later, and sends it as a change", async () => {
    const events: Progress[] = [];
    const progress = trackProgress({ onProgress: (event) => events.push(event) });
    await vi.advanceTimersByTimeAsync(1_000);
    await finishWork(progress, 10);
    progress.setTotal(40);
    await vi.advanceTimersByTimeAsync(250);
    expect(events.map((e) => [e.done, e.total, e.etaMs])).toEqual([
      [1, undefined, undefined], // the first to finish, sent at once
      [10, 40, 3_750], // at 1.25 s: 10 finished so far, 8 a second, so 30 left take 3.75 s
    ]);
    expect(() => progress.setTotal(1.5)).toThrow("trackProgress: options.total must be a non-negative integer; got 1.5.");
  });

  it("refuses bad options, naming the option", () => {
    expect(() => trackProgress({ total: -1 })).toThrow("trackProgress: options.total must be a non-negative integer; got -1.");
    expect(() => trackProgress({ intervalMs: 0 })).toThrow("options.intervalMs must be a number of milliseconds between 1 and");
    expect(() => trackProgress({ rateWindowMs: Number.NaN })).toThrow("options.rateWindowMs must be");
    expect(() => trackProgress({ onProgress: "yes" as never })).toThrow("options.onProgress must be a function");
    expect(() => trackProgress({ logger: {} as never })).toThrow("options.logger must be a function receiving log events");
    expect(() => trackProgress({ intervalMS: 100 } as never)).toThrow(
      'trackProgress: unknown option "intervalMS" (valid: total, onProgress, intervalMs, rateWindowMs, logger).',
    );
    expect(() => trackProgress(null as never)).toThrow("trackProgress: options must be an object; got null.");
  });
});

/**
 * The pacer's rules, on a fake clock: the sliding window, the concurrency cap, what the server's answers teach it,
 * a caller's abort while waiting, and the rule that the wait for a turn is not part of the attempt's timeout.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createRateLimiter, type LogEvent, TimeoutError } from "../../src/core/index.js";
import { createPacer } from "../../src/core/pace-options.js";
import { Pacer } from "../../src/core/pacing.js";
import type { RateLimiter, RateLimitOutcome } from "../../src/core/rate-limiter.js";
import { bearerAuth, createCrmClient } from "../../src/core/vendor-kit.js";
import { emnifyVendor } from "../../src/emnify/vendor.js";
import type { paths } from "./fixtures/paths.js";
import { API_KEY, testVendor } from "./fixtures/vendor.js";
import { fakeFetch, json } from "./helpers/fake-fetch.js";

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setImmediate", "Date", "performance"] });
});
afterEach(() => {
  vi.useRealTimers();
});

const OK: RateLimitOutcome = { status: 200, headers: new Headers() };
const ticket = (operation = "GET /companies", signal?: AbortSignal) => ({ operation, signal });

/** Moves the fake clock in small steps until `promise` settles (or `limitMs` passed); resolves to its outcome. */
async function settle<T>(promise: Promise<T>, limitMs = 600_000): Promise<{ value?: T; error?: unknown; atMs: number }> {
  const started = performance.now();
  let outcome: { value?: T; error?: unknown } | undefined;
  promise.then(
    (value) => {
      outcome = { value };
    },
    (error: unknown) => {
      outcome = { error };
    },
  );
  while (outcome === undefined && performance.now() - started < limitMs) await vi.advanceTimersByTimeAsync(10);
  return { ...(outcome ?? {}), atMs: performance.now() - started };
}

describe("Pacer: the sliding window", () => {
  it("no span of the window ever holds more calls than the limit, whatever the calls' durations", async () => {
    const pacer = new Pacer({ rules: [{ limit: 5, windowMs: 1_000 }] });
    const arrivals: number[] = [];
    // 40 calls fired at once, each answered 0-400 ms after it was sent (a deterministic spread).
    const calls = Array.from({ length: 40 }, async (_, i) => {
      const permit = await pacer.acquire(ticket());
      arrivals.push(performance.now());
      await new Promise((resolve) => setTimeout(resolve, (i * 97) % 400));
      permit.release(OK);
    });
    await settle(Promise.all(calls));
    expect(arrivals).toHaveLength(40);
    arrivals.sort((a, b) => a - b);
    // The (i + 5)-th call starts at least a window after the i-th one started (it waited for a response + 1 s).
    for (let i = 0; i + 5 < arrivals.length; i += 1) {
      expect((arrivals[i + 5] as number) - (arrivals[i] as number)).toBeGreaterThanOrEqual(1_000);
    }
  });

  it("a call counts from its response, not its start: a slow answer keeps its slot until it arrives", async () => {
    const pacer = new Pacer({ rules: [{ limit: 1, windowMs: 1_000 }] });
    const first = await pacer.acquire(ticket());
    await vi.advanceTimersByTimeAsync(5_000);
    first.release(OK);
    const second = await settle(pacer.acquire(ticket()));
    expect(second.atMs).toBeGreaterThanOrEqual(1_000);
    expect(second.value?.waitedMs).toBeGreaterThanOrEqual(1_000);
  });

  it("an operation's own limit (emnify's token exchange) holds that operation only", async () => {
    const pacer = new Pacer({ rules: emnifyVendor.rateLimits ?? [] });
    for (let i = 0; i < 100; i += 1) (await pacer.acquire(ticket("POST /api/v1/authenticate"))).release(OK);
    const login = pacer.acquire(ticket("POST /api/v1/authenticate"));
    // Behind the held login, ordinary calls still go at once.
    const other = await settle(pacer.acquire(ticket("GET /api/v1/organisation/{org_id}/contact")), 1_000);
    expect(other.atMs).toBeLessThan(100);
    const held = await settle(login);
    expect(held.atMs).toBeGreaterThanOrEqual(300_000 - 1_000);
  });
});

describe("Pacer: waiting", () => {
  it("a caller's abort ends the wait with its reason, and the turn goes to the next caller", async () => {
    const pacer = new Pacer({ rules: [{ limit: 1, windowMs: 1_000 }] });
    const held = await pacer.acquire(ticket());
    const controller = new AbortController();
    const aborted = pacer.acquire(ticket("GET /companies", controller.signal));
    const next = pacer.acquire(ticket());
    const reason = new Error("user gave up");
    controller.abort(reason);
    await expect(aborted).rejects.toBe(reason);
    held.release(OK);
    const granted = await settle(next);
    expect(granted.value).toBeDefined();
    expect(granted.atMs).toBeLessThanOrEqual(1_000 + 20);
  });

  it("maxConcurrency: never more attempts in flight than the cap, and every call gets its turn", async () => {
    const pacer = new Pacer({ rules: [], maxConcurrency: 3 });
    let inFlight = 0;
    let most = 0;
    const calls = Array.from({ length: 20 }, async (_, i) => {
      const permit = await pacer.acquire(ticket());
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 10 + (i % 4) * 15));
      inFlight -= 1;
      permit.release(OK);
    });
    await settle(Promise.all(calls));
    expect(most).toBe(3);
    expect(inFlight).toBe(0);
  });
});

describe("Pacer: what the server's answers teach it", () => {
  it("X-RateLimit-Remaining below what this process used narrows the budget until X-RateLimit-Reset", async () => {
    const pacer = new Pacer({ rules: [{ limit: 200, windowMs: 60_000 }] });
    const first = await pacer.acquire(ticket());
    // Another process spent the key: 2 left until the reset, 10 s from now (epoch seconds, as folk sends it).
    const reset = String(Math.ceil((Date.now() + 10_000) / 1_000));
    first.release({ status: 200, headers: new Headers({ "x-ratelimit-remaining": "2", "x-ratelimit-reset": reset }) });
    (await pacer.acquire(ticket())).release(OK);
    (await pacer.acquire(ticket())).release(OK);
    const fourth = await settle(pacer.acquire(ticket()));
    expect(fourth.atMs).toBeGreaterThanOrEqual(9_000);
    expect(fourth.atMs).toBeLessThanOrEqual(11_000);
  });

  it("a 429 pauses every call until its Retry-After", async () => {
    const pacer = new Pacer({ rules: [] });
    const refused = await pacer.acquire(ticket());
    refused.release({ status: 429, headers: new Headers({ "retry-after": "5" }) });
    const next = await settle(pacer.acquire(ticket("POST /companies")));
    expect(next.atMs).toBeGreaterThanOrEqual(5_000);
    expect(next.atMs).toBeLessThanOrEqual(5_100);
  });
});

describe("clients", () => {
  const client = (options: Record<string, unknown>, respond: () => Response | Promise<Response> = () => json(200, { data: [] })) => {
    const fake = fakeFetch(respond);
    const log: LogEvent[] = [];
    const api = createCrmClient<paths>(
      { ...testVendor, rateLimits: [{ limit: 2, windowMs: 10_000 }] },
      { fetch: fake.fetch, logger: (event) => log.push(event), ...options },
      bearerAuth(API_KEY),
    );
    return { api, fake, log };
  };

  it("the wait for a turn is not part of timeoutMs: a call held 10 s with timeoutMs 1_000 is sent and answered", async () => {
    const { api, log } = client({ timeoutMs: 1_000 });
    await api.GET("/companies");
    await api.GET("/companies");
    const third = await settle(api.GET("/companies"));
    expect(third.error).toBeUndefined();
    expect(third.value?.response.status).toBe(200);
    expect(third.atMs).toBeGreaterThanOrEqual(10_000);
    expect(log.filter((e) => e.type === "wait").map((e) => (e as { waitedMs: number }).waitedMs)[0]).toBeGreaterThanOrEqual(9_990);
  });

  it("timeoutMs still bounds the attempt once its turn came", async () => {
    const { api } = client({ timeoutMs: 1_000, maxRetries: 0 }, () => new Promise<Response>(() => undefined));
    const stalled = await settle(api.GET("/companies"));
    expect(stalled.error).toBeInstanceOf(TimeoutError);
    expect(stalled.atMs).toBeLessThanOrEqual(1_100);
  });

  it("a caller's signal ends the wait for a turn, and the request is never sent", async () => {
    const { api, fake } = client({});
    await api.GET("/companies");
    await api.GET("/companies");
    const reason = new Error("shutting down");
    const deadline = new AbortController();
    setTimeout(() => deadline.abort(new DOMException("gave up after 2 s", "TimeoutError")), 2_000);
    const call = api.GET("/companies", { signal: deadline.signal });
    const controller = new AbortController();
    const other = api.GET("/companies", { signal: controller.signal });
    controller.abort(reason);
    await expect(other).rejects.toBe(reason);
    const timedOut = await settle(call);
    expect((timedOut.error as DOMException).message).toBe("gave up after 2 s");
    expect(timedOut.atMs).toBeLessThanOrEqual(2_100);
    expect(fake.requests).toHaveLength(2);
  });

  it("rateLimit: false sends at once, whatever the vendor documents", async () => {
    const { api, fake } = client({ rateLimit: false });
    const all = await settle(Promise.all([api.GET("/companies"), api.GET("/companies"), api.GET("/companies")]), 100);
    expect(all.value).toHaveLength(3);
    expect(fake.requests).toHaveLength(3);
  });

  it("a limiter object is asked before every attempt and told how it ended, retries included", async () => {
    const asked: string[] = [];
    const told: Array<number | undefined> = [];
    const limiter: RateLimiter = {
      async acquire({ operation }) {
        asked.push(operation);
        return { waitedMs: 0, release: ({ status }) => void told.push(status) };
      },
    };
    const { api } = client({ rateLimit: limiter, retry: { baseDelayMs: 1 } }, () => json(503, {}));
    const result = await settle(api.POST("/companies", { body: { name: "Acme" } }));
    expect(result.value?.response.status).toBe(503);
    expect(asked).toEqual(["POST /companies"]);
    expect(told).toEqual([503]);
    const get = await settle(api.GET("/companies/{id}", { params: { path: { id: "1" } } }));
    expect(get.value?.response.status).toBe(503);
    expect(asked.slice(1)).toEqual(Array(3).fill("GET /companies/{id}"));
  });

  it("a limiter that fails (its store is gone) fails the call with its error, and nothing is sent", async () => {
    const gone = new Error("rate limiter store unreachable");
    const { api, fake } = client({ rateLimit: { acquire: () => Promise.reject(gone) } });
    await expect(api.GET("/companies")).rejects.toBe(gone);
    expect(fake.requests).toHaveLength(0);
  });

  it("a 429 that ran out of retries still pauses the next call for its Retry-After", async () => {
    const { api, fake } = client({ maxRetries: 0 }, () => json(429, {}, { "retry-after": "3" }));
    const refused = await settle(api.GET("/companies"));
    expect(refused.value?.response.status).toBe(429);
    const next = await settle(api.GET("/companies"));
    // Counted from the 429's arrival; the clock moves in 10 ms steps between the two calls.
    expect(next.atMs).toBeGreaterThanOrEqual(2_980);
    expect(fake.requests).toHaveLength(2);
  });
});

describe("createRateLimiter", () => {
  it("two clients sharing one limiter keep every span of the window within its limit together", async () => {
    const shared = createRateLimiter({ limit: 3, windowMs: 5_000 });
    const fake = fakeFetch(() => json(200, { data: [] }));
    const make = () => createCrmClient<paths>(testVendor, { fetch: fake.fetch, rateLimit: shared }, bearerAuth(API_KEY));
    const [a, b] = [make(), make()];
    const sentAt: number[] = [];
    const calls = [a, b, a, b, a, b].map(async (c) => {
      const result = await c.GET("/companies");
      sentAt.push(performance.now());
      return result;
    });
    await settle(Promise.all(calls));
    expect(sentAt).toHaveLength(6);
    sentAt.sort((x, y) => x - y);
    expect((sentAt[3] as number) - (sentAt[0] as number)).toBeGreaterThanOrEqual(5_000);
  });

  it("refuses a bad window, naming it", () => {
    expect(() => createRateLimiter({ limit: 3 } as never)).toThrow("createRateLimiter must be { limit, windowMs }");
  });
});

describe("options", () => {
  const vendor = { ...testVendor, rateLimits: [{ limit: 2, windowMs: 1_000 }] };
  it.each([
    [{ rateLimit: "fast" }, 'options.rateLimit must be "documented", { limit, windowMs }, false, or a limiter with acquire(); got "fast"'],
    [{ rateLimit: { limit: 0, windowMs: 1_000 } }, "got { limit: 0, windowMs: 1000 }"],
    [{ rateLimit: { limit: 5, windowMs: 1_000, burst: 2 } }, 'unknown key "burst"'],
    [{ rateLimit: { limit: 5, windowMs: 2 ** 31 } }, "windowMs (ms, at most 2147483647)"],
    [{ maxConcurrency: 0 }, "options.maxConcurrency must be a positive integer; got 0"],
    [{ maxConcurrency: 1.5 }, "options.maxConcurrency must be a positive integer; got 1.5"],
  ])("refuses %j, naming the option", (options, message) => {
    expect(() => createPacer(vendor, options as never, undefined)).toThrow(message);
  });

  it("no pacer at all for rateLimit: false without maxConcurrency", () => {
    expect(createPacer(vendor, { rateLimit: false }, undefined)).toBeUndefined();
    expect(createPacer(vendor, { rateLimit: false, maxConcurrency: 2 }, undefined)).toBeInstanceOf(Pacer);
  });
});

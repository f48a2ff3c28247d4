/**
 * Request bodies that are streams (a custom bodySerializer's, a Request that middleware returned) are read once, under
 * the first attempt's timeout, so that a stalled stream cannot hang the call and every attempt sends the same bytes;
 * and a request fetch itself would refuse is refused at once, never retried as if the network had failed.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { ConnectionError, type LogEvent, TimeoutError } from "../../src/core/index.js";
import { bearerAuth, createCrmClient } from "../../src/core/vendor-kit.js";
import type { paths } from "./fixtures/paths.js";
import { API_KEY, testVendor } from "./fixtures/vendor.js";
import { fakeFetch, json } from "./helpers/fake-fetch.js";
import { settleWithin } from "./helpers/timed.js";

// Far above every timeout below (100 ms), even on a machine three times slower.
const BUDGET_MS = 5_000;

/** Headers and a first byte, then nothing, ever. */
const stalledStream = () =>
  new ReadableStream<Uint8Array>({
    start: (controller) => controller.enqueue(new TextEncoder().encode("{")),
  });

function client(fetch: (request: Request) => Promise<Response>, options: { maxRetries?: number } = {}) {
  return createCrmClient<paths>(
    testVendor,
    { baseUrl: "https://api.acme.test", fetch, timeoutMs: 100, maxRetries: 0, retry: { baseDelayMs: 1, maxDelayMs: 1 }, ...options },
    bearerAuth(API_KEY),
  );
}

/** Reads the request's body, then answers 200. */
const answered = fakeFetch(() => json(200, { id: "c1", name: "Acme" })).fetch;

afterEach(() => {
  vi.useRealTimers();
});

describe("stream bodies", () => {
  it("times out a custom bodySerializer's stream that never ends", { timeout: 30_000 }, async () => {
    const call = () => client(answered).POST("/companies", { body: { name: "Acme" }, bodySerializer: () => stalledStream() as never });
    expect(await settleWithin(call, BUDGET_MS)).toBeInstanceOf(TimeoutError);
  });

  it("ends such a read with the caller's abort reason", { timeout: 30_000 }, async () => {
    const controller = new AbortController();
    const call = () =>
      client(answered).POST("/companies", {
        body: { name: "Acme" },
        bodySerializer: () => stalledStream() as never,
        signal: controller.signal,
      });
    setTimeout(() => controller.abort(new Error("stop")), 50);
    expect(await settleWithin(call, BUDGET_MS)).toMatchObject({ message: "stop" });
  });

  it("times out a stalled body on a Request that middleware returned", { timeout: 30_000 }, async () => {
    const api = client(answered);
    api.use({
      onRequest: ({ request }) =>
        new Request(request.url, { method: "POST", headers: request.headers, body: stalledStream(), duplex: "half" } as RequestInit),
    });
    expect(await settleWithin(() => api.POST("/companies", { body: { name: "Acme" } }), BUDGET_MS)).toBeInstanceOf(TimeoutError);
  });

  it("sends a stream body's bytes, the same on every attempt of a retried PUT", { timeout: 30_000 }, async () => {
    const { fetch, bodies } = fakeFetch((_request, call) => (call < 2 ? new Response("busy", { status: 503 }) : json(200, { id: "c1" })));
    const stream = () => new Blob(['{"name":', '"Acme"}']).stream();
    const { response } = await client(fetch, { maxRetries: 1 }).PUT("/companies/{id}/contacts/{contactId}", {
      params: { path: { id: "c1", contactId: "p1" } },
      body: { name: "Acme" } as never,
      bodySerializer: () => stream() as never,
    });
    expect(response.status).toBe(200);
    expect(bodies).toEqual(['{"name":"Acme"}', '{"name":"Acme"}']);
  });
});

describe("requests fetch would refuse", () => {
  it("refuses a GET with a body at once, with fetch's TypeError, and never retries it", { timeout: 30_000 }, async () => {
    const events: LogEvent[] = [];
    // The platform fetch (no custom one): port 9 would only ever refuse, so a retried request would show up as retries.
    const api = createCrmClient<paths>(
      testVendor,
      {
        baseUrl: "http://127.0.0.1:9",
        timeoutMs: 2_000,
        maxRetries: 2,
        retry: { baseDelayMs: 1, maxDelayMs: 2 },
        logger: (e) => events.push(e),
      },
      bearerAuth(API_KEY),
    );
    const error = await api.GET("/companies", { body: { name: "Acme" } } as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect(error).not.toBeInstanceOf(ConnectionError);
    expect(events).toEqual([]);
  });
});

describe("timeouts under fake timers", () => {
  it("fire when a test fakes setTimeout but not the clock", { timeout: 30_000 }, async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const api = client(() => new Promise<Response>(() => undefined));
    let settled: unknown = "pending";
    api.GET("/companies").then(
      (value) => {
        settled = value;
      },
      (error: unknown) => {
        settled = error;
      },
    );
    await vi.advanceTimersByTimeAsync(1_000);
    expect(settled).toBeInstanceOf(TimeoutError);
  });
});

import { describe, expect, it, vi } from "vitest";
import {
  AuthenticationError,
  type CommonClientOptions,
  type LogEvent,
  ResponseParseError,
  TimeoutError,
  unwrap,
} from "../../src/core/index.js";
import { bearerAuth, createCrmClient } from "../../src/core/vendor-kit.js";
import type { paths } from "./fixtures/paths.js";
import { API_KEY, testVendor } from "./fixtures/vendor.js";
import { fakeFetch, json } from "./helpers/fake-fetch.js";

const fast = { retry: { baseDelayMs: 1, maxDelayMs: 2 } } satisfies CommonClientOptions;

function setup(respond: (request: Request, call: number) => Response | Promise<Response>, options: CommonClientOptions = {}) {
  const fake = fakeFetch(respond);
  const events: LogEvent[] = [];
  const api = createCrmClient<paths>(
    testVendor,
    { fetch: fake.fetch, logger: (e) => events.push(e), ...fast, ...options },
    bearerAuth(API_KEY),
  );
  return { api, fake, events };
}

/** A fetch answer that never arrives, but rejects like fetch when the request's signal aborts. */
function hang(request: Request): Promise<Response> {
  return new Promise((_resolve, reject) => {
    request.signal.addEventListener("abort", () => reject(request.signal.reason), { once: true });
  });
}

describe("createCrmClient transport", () => {
  it("retries an idempotent PUT after 503 and sends the identical body each time", async () => {
    const { api, fake } = setup((_r, call) => (call < 3 ? json(503, {}) : json(200, { id: "c1", name: "Acme" })));
    const { data } = await api.PUT("/companies/{id}/contacts/{contactId}", {
      params: { path: { id: "c1", contactId: "p1" } },
      body: { note: "x" } as never,
    });
    expect(data).toEqual({ id: "c1", name: "Acme" });
    expect(fake.requests).toHaveLength(3);
    expect(new Set(fake.bodies)).toEqual(new Set(['{"note":"x"}']));
  });

  it("authorizes every attempt with the bearer key", async () => {
    const { api, fake } = setup((_r, call) => (call === 1 ? json(502, {}) : json(200, {})));
    await api.GET("/companies");
    expect(fake.requests.map((r) => r.headers.get("authorization"))).toEqual([`Bearer ${API_KEY}`, `Bearer ${API_KEY}`]);
  });

  it("sends the client's extra headers on every request", async () => {
    const { api, fake } = setup(() => json(200, {}), { headers: { "Acme-Version": "2026-01-01" } });
    await api.GET("/companies");
    expect(fake.requests[0]?.headers.get("acme-version")).toBe("2026-01-01");
  });

  it("surfaces a 401 at once when the auth cannot renew", async () => {
    const { api, fake } = setup(() => json(401, { error: { code: "bad_key", message: "Invalid API key" } }));
    await expect(unwrap(api.GET("/companies"))).rejects.toThrow(AuthenticationError);
    expect(fake.requests).toHaveLength(1);
  });

  it("surfaces a caller's abort as the AbortError, without retrying", async () => {
    const { api, fake } = setup(hang, { maxRetries: 2 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    await expect(api.GET("/companies", { signal: controller.signal })).rejects.toMatchObject({ name: "AbortError" });
    expect(fake.requests).toHaveLength(1);
  });

  it("stops waiting for a backoff as soon as the caller aborts", async () => {
    const { api, fake } = setup(() => json(503, {}, { "retry-after": "30" }));
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("user navigated away")), 20);
    const started = performance.now();
    await expect(api.GET("/companies", { signal: controller.signal })).rejects.toThrow("user navigated away");
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(fake.requests).toHaveLength(1);
  });

  it("withOptions() overrides the timeout for calls made through it only", async () => {
    const { api, fake } = setup(hang, { timeoutMs: 60_000, maxRetries: 0 });
    const error = await api
      .withOptions({ timeoutMs: 30 })
      .GET("/companies")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ timeoutMs: 30, attempt: 1 });
    expect(fake.requests).toHaveLength(1);
  });

  it("times out even when a custom fetch ignores the abort signal", async () => {
    const { api } = setup(() => new Promise<Response>(() => undefined), { timeoutMs: 30, maxRetries: 1 });
    const error = await api.GET("/companies").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ attempt: 2 });
  });

  it("times out a body that stalls when a custom fetch ignores the abort signal", async () => {
    const stalled = () =>
      new Response(new ReadableStream({ start: (controller) => controller.enqueue(new TextEncoder().encode('{"id":')) }), {
        status: 200,
        headers: { "content-type": "application/json" },
      });
    const { api, fake } = setup(stalled, { timeoutMs: 30, maxRetries: 1 });
    const error = await api.GET("/companies").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ attempt: 2, timeoutMs: 30 });
    expect(fake.requests).toHaveLength(2);
  });

  it("withOptions() shares the middleware registered on the client", async () => {
    const { api } = setup(() => json(200, {}));
    const onRequest = vi.fn();
    api.use({ onRequest });
    await api.withOptions({ maxRetries: 0 }).GET("/companies");
    expect(onRequest).toHaveBeenCalledTimes(1);
  });

  it("runs middleware once per call, around all the retries", async () => {
    const { api, fake } = setup((_r, call) => (call < 3 ? json(500, {}) : json(200, {})));
    const onResponse = vi.fn();
    api.use({ onResponse });
    await api.GET("/companies");
    expect(fake.requests).toHaveLength(3);
    expect(onResponse).toHaveBeenCalledTimes(1);
  });

  it("uses a per-call fetch when given one", async () => {
    const { api, fake } = setup(() => json(200, {}));
    const own = vi.fn(async () => json(200, { data: [], nextCursor: null }));
    await api.GET("/companies", { fetch: own });
    expect(own).toHaveBeenCalledTimes(1);
    expect(fake.requests).toHaveLength(0);
  });

  it("turns a 200 with invalid JSON into ResponseParseError with the status and text", async () => {
    const { api } = setup(() => new Response('{"id": "c1", "na', { status: 200, headers: { "content-type": "application/json" } }));
    const error = await api.GET("/companies").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseParseError);
    expect(error).toMatchObject({ status: 200, text: '{"id": "c1", "na', method: "GET", url: "https://api.acme.test/companies" });
  });

  it("leaves non-JSON parsing to the caller when parseAs is not json", async () => {
    const { api } = setup(() => new Response("plain text", { status: 200, headers: { "content-type": "text/plain" } }));
    const { data } = await api.GET("/companies", { parseAs: "text" });
    expect(data).toBe("plain text");
  });

  it("logs redacted request, response and retry events", async () => {
    const { api, events } = setup((_r, call) => (call === 1 ? json(503, {}, { "retry-after": "0" }) : json(200, {})));
    await api.GET("/companies", { params: { query: { cursor: API_KEY } } });
    expect(events.map((e) => e.type)).toEqual(["request", "response", "retry", "request", "response"]);
    expect(events[0]).toMatchObject({
      type: "request",
      vendor: "acme",
      method: "GET",
      url: "https://api.acme.test/companies?cursor=[REDACTED]",
      attempt: 1,
      headers: { authorization: "[REDACTED]" },
    });
    expect(events[1]).toMatchObject({ type: "response", status: 503, attempt: 1, ms: expect.any(Number) });
    expect(events[2]).toEqual({
      type: "retry",
      vendor: "acme",
      method: "GET",
      url: expect.any(String),
      attempt: 1,
      delayMs: 0,
      reason: "status 503",
    });
    expect(JSON.stringify(events)).not.toContain(API_KEY);
  });

  it("keeps working when the logger throws", async () => {
    const fake = fakeFetch(() => json(200, { data: [], nextCursor: null }));
    const logger = () => {
      throw new Error("log sink down");
    };
    const api = createCrmClient<paths>(testVendor, { fetch: fake.fetch, logger }, bearerAuth(API_KEY));
    await expect(unwrap(api.GET("/companies"))).resolves.toEqual({ data: [], nextCursor: null });
  });
});

/**
 * Fault injection against a real node:http server on 127.0.0.1: every case asserts the attempts the server saw,
 * the elapsed time and the error class, and that nothing was left unhandled.
 *
 * Elapsed-time bounds hold on a machine three times slower with both cores busy: an upper bound leaves seconds
 * of margin over the budget under test, and stays well below what a broken client would take (a slow server
 * answers only after SLOW_MS, a refused wait is 120 s).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  type CommonClientOptions,
  ConnectionError,
  InternalServerError,
  type LogEvent,
  RateLimitError,
  ResponseParseError,
  TimeoutError,
  unwrap,
} from "../../src/core/index.js";
import { bearerAuth, createCrmClient } from "../../src/core/vendor-kit.js";
import type { paths } from "./fixtures/paths.js";
import { API_KEY, testVendor } from "./fixtures/vendor.js";
import { closedPort, type FaultServer, respondLater, sendJson, startFaultServer } from "./helpers/fault-server.js";

let server: FaultServer;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeAll(async () => {
  server = await startFaultServer();
  process.on("unhandledRejection", onUnhandled);
});
afterEach(async () => {
  // A rejection nobody handled is reported after the microtask queue drains: give it a macrotask.
  await new Promise((resolve) => setImmediate(resolve));
  const seen = unhandled.splice(0);
  expect(seen).toEqual([]);
});
afterAll(async () => {
  process.off("unhandledRejection", onUnhandled);
  await server.close();
});

const company = { id: "c1", name: "Acme" };
/** How long a "slow" server takes to answer: far beyond every bound below. */
const SLOW_MS = 20_000;

function client(options: CommonClientOptions = {}) {
  return createCrmClient<paths>(
    testVendor,
    { baseUrl: server.url, timeoutMs: 2_000, retry: { baseDelayMs: 5, maxDelayMs: 10 }, ...options },
    bearerAuth(API_KEY),
  );
}

const getCompany = (api: ReturnType<typeof client>) => unwrap(api.GET("/companies/{id}", { params: { path: { id: "c1" } } }));
const createCompany = (api: ReturnType<typeof client>) => unwrap(api.POST("/companies", { body: { name: "Acme" } }));

/** Runs `work`, returning what it resolved or rejected with and how long it took. */
async function timed<T>(work: () => Promise<T>): Promise<{ value?: T; error?: unknown; ms: number }> {
  const started = performance.now();
  try {
    const value = await work();
    return { value, ms: performance.now() - started };
  } catch (error) {
    return { error, ms: performance.now() - started };
  }
}

describe("connection reset", () => {
  it("retries a GET twice, then throws ConnectionError with the attempt count", async () => {
    server.reset((req) => req.socket.destroy());
    const { error, ms } = await timed(() => getCompany(client()));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).not.toBeInstanceOf(TimeoutError);
    // The code is undici's ("UND_ERR_SOCKET" on Node 20); its exact value varies with the bundled undici.
    expect(error).toMatchObject({ attempt: 3, method: "GET", code: expect.any(String) });
    expect(server.seen).toHaveLength(3);
    expect(ms).toBeLessThan(5_000);
  });

  it("recovers when the retry succeeds", async () => {
    server.reset((req, res, hit) => (hit === 1 ? req.socket.destroy() : sendJson(res, 200, company)));
    await expect(getCompany(client())).resolves.toEqual(company);
    expect(server.seen).toHaveLength(2);
  });

  it("does not retry a POST: the server may have applied it before the reset", async () => {
    server.reset((req) => req.socket.destroy());
    const { error } = await timed(() => createCompany(client()));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ attempt: 1, method: "POST" });
    expect((error as Error).message).toContain("a POST is not retried once sent");
    expect(server.seen).toHaveLength(1);
  });
});

describe("connection refused", () => {
  it("retries even a POST, since nothing reached the server, and reports ECONNREFUSED", async () => {
    const events: LogEvent[] = [];
    const api = createCrmClient<paths>(
      testVendor,
      { baseUrl: `http://127.0.0.1:${await closedPort()}`, retry: { baseDelayMs: 5, maxDelayMs: 10 }, logger: (e) => events.push(e) },
      bearerAuth(API_KEY),
    );
    const { error, ms } = await timed(() => createCompany(api));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ attempt: 3, code: "ECONNREFUSED" });
    expect(events.filter((e) => e.type === "request")).toHaveLength(3);
    expect(ms).toBeLessThan(5_000);
  });
});

describe("a response slower than the timeout", () => {
  it("times out each GET attempt and throws TimeoutError after the retries", async () => {
    server.reset((_req, res) => respondLater(res, SLOW_MS, () => sendJson(res, 200, company)));
    const { error, ms } = await timed(() => getCompany(client({ timeoutMs: 200, maxRetries: 1 })));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ attempt: 2, timeoutMs: 200 });
    expect(server.seen).toHaveLength(2);
    expect(ms).toBeGreaterThanOrEqual(390);
    expect(ms).toBeLessThan(3_000);
  });

  it("does not retry a POST after a timeout", async () => {
    server.reset((_req, res) => respondLater(res, SLOW_MS, () => sendJson(res, 201, company)));
    const { error, ms } = await timed(() => createCompany(client({ timeoutMs: 200 })));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ attempt: 1 });
    expect(server.seen).toHaveLength(1);
    expect(ms).toBeGreaterThanOrEqual(190);
    expect(ms).toBeLessThan(2_500);
  });

  it("times out a body that stalls after the headers", async () => {
    server.reset((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"id":"c1",');
      respondLater(res, SLOW_MS, () => res.end('"name":"Acme"}'));
    });
    const { error, ms } = await timed(() => getCompany(client({ timeoutMs: 200, maxRetries: 0 })));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(server.seen).toHaveLength(1);
    expect(ms).toBeLessThan(2_500);
  });

  it("surfaces a caller's abort as AbortError, not TimeoutError, without retrying", async () => {
    server.reset((_req, res) => respondLater(res, SLOW_MS, () => sendJson(res, 200, company)));
    const api = client({ timeoutMs: 10_000 });
    const { error, ms } = await timed(() =>
      unwrap(api.GET("/companies/{id}", { params: { path: { id: "c1" } }, signal: AbortSignal.timeout(100) })),
    );
    // AbortSignal.timeout aborts with a DOMException named TimeoutError: the caller's own reason, passed through.
    expect(error).toBeInstanceOf(DOMException);
    expect(error).not.toBeInstanceOf(TimeoutError);
    expect(server.seen).toHaveLength(1);
    expect(ms).toBeLessThan(2_500);
  });
});

describe("server errors", () => {
  it("retries a GET after a 500 and returns the 200", async () => {
    server.reset((_req, res, hit) => (hit === 1 ? sendJson(res, 500, { error: { message: "boom" } }) : sendJson(res, 200, company)));
    await expect(getCompany(client())).resolves.toEqual(company);
    expect(server.seen).toHaveLength(2);
  });

  it("does not retry a POST after a 500", async () => {
    server.reset((_req, res, hit) => (hit === 1 ? sendJson(res, 500, { error: { message: "boom" } }) : sendJson(res, 201, company)));
    await expect(createCompany(client())).rejects.toThrow(InternalServerError);
    expect(server.seen).toHaveLength(1);
  });

  it("keeps an HTML 502 page as the error body with a short message, after retrying the GET", async () => {
    const html = `<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>${"<p>nginx</p>".repeat(500)}</body></html>`;
    server.reset((_req, res) => {
      res.writeHead(502, { "content-type": "text/html" });
      res.end(html);
    });
    const { error } = await timed(() => getCompany(client()));
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error).toMatchObject({ status: 502, body: html });
    expect((error as Error).message).toBe(
      `crm-kit (acme): GET /companies/c1 returned 502 Bad Gateway: non-JSON response (HTML page "502 Bad Gateway"). Retrying later may succeed.`,
    );
    expect(server.seen).toHaveLength(3);
  });
});

describe("rate limits and 503", () => {
  it("waits for Retry-After: 1 on a 429, then succeeds", async () => {
    server.reset((_req, res, hit) => (hit === 1 ? sendJson(res, 429, {}, { "retry-after": "1" }) : sendJson(res, 200, company)));
    const { value, ms } = await timed(() => getCompany(client()));
    expect(value).toEqual(company);
    expect(server.seen).toHaveLength(2);
    expect(ms).toBeGreaterThanOrEqual(990);
    expect(ms).toBeLessThan(4_000);
  }, 15_000);

  it("surfaces RateLimitError at once when the server asks to wait longer than maxWaitMs", async () => {
    server.reset((_req, res) => sendJson(res, 429, { error: { code: "rate_limited" } }, { "retry-after": "120" }));
    const { error, ms } = await timed(() => getCompany(client()));
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ retryAfterMs: 120_000, code: "rate_limited" });
    expect(server.seen).toHaveLength(1);
    expect(ms).toBeLessThan(5_000);
  });

  it("honours X-RateLimit-Reset on a 429", async () => {
    server.reset((_req, res, hit) => (hit === 1 ? sendJson(res, 429, {}, { "x-ratelimit-reset": "0.2" }) : sendJson(res, 200, company)));
    const { value, ms } = await timed(() => getCompany(client()));
    expect(value).toEqual(company);
    expect(ms).toBeGreaterThanOrEqual(190);
    expect(ms).toBeLessThan(3_000);
  }, 15_000);

  it("does not retry a POST after a 503 without Retry-After", async () => {
    server.reset((_req, res) => sendJson(res, 503, { error: { message: "maintenance" } }));
    await expect(createCompany(client())).rejects.toThrow(InternalServerError);
    expect(server.seen).toHaveLength(1);
  });

  it("retries a POST after a 503 with Retry-After, sending the same body", async () => {
    server.reset((_req, res, hit) => (hit === 1 ? sendJson(res, 503, {}, { "retry-after": "0" }) : sendJson(res, 201, company)));
    await expect(createCompany(client())).resolves.toEqual(company);
    expect(server.seen.map((r) => r.body)).toEqual(['{"name":"Acme"}', '{"name":"Acme"}']);
  });
});

describe("response bodies", () => {
  it("throws ResponseParseError for a 200 with invalid JSON, keeping status and text, without retrying", async () => {
    server.reset((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end('{"id":"c1","name":');
    });
    const { error } = await timed(() => getCompany(client()));
    expect(error).toBeInstanceOf(ResponseParseError);
    expect(error).toMatchObject({ status: 200, text: '{"id":"c1","name":', contentType: "application/json" });
    expect(server.seen).toHaveLength(1);
  });

  it("reads a 10 MB body completely, without hanging", async () => {
    const data = Array.from({ length: 100_000 }, (_, i) => ({ id: `c${i}`, name: `Company ${i} ${"x".repeat(70)}` }));
    const payload = JSON.stringify({ data, nextCursor: null });
    expect(payload.length).toBeGreaterThan(10_000_000);
    server.reset((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(payload);
    });
    // The client's 60 s default timeout, not the fixture's 2 s: parsing 10 MB is slow on a loaded machine.
    // How fast it reads is the benchmarks' concern; this test checks that it reads all of it.
    const { value } = await timed(() => unwrap(client({ timeoutMs: 60_000 }).GET("/companies")));
    expect(value?.data).toHaveLength(100_000);
    expect(value?.data.at(-1)?.id).toBe("c99999");
    expect(server.seen).toHaveLength(1);
  }, 90_000);
});

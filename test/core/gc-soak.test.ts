/**
 * Soak under forced garbage collection: bodies that stall or drip, servers that never answer, and logins whose body
 * stalls. A collection can cut the link between a Request's signal and the request in flight inside the platform
 * fetch, so every call here must settle within its own budget by crm-kit's own timers, GC or not.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TimeoutError } from "../../src/core/index.js";
import { bearerAuth, createCrmClient } from "../../src/core/vendor-kit.js";
import { createEmnifyClient } from "../../src/emnify/index.js";
import { createKareClient } from "../../src/kare/index.js";
import type { paths } from "./fixtures/paths.js";
import { API_KEY, testVendor } from "./fixtures/vendor.js";
import { settleWithin } from "./helpers/timed.js";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

const TIMEOUT_MS = 300;
// Generous: a call settles at TIMEOUT_MS on a fast machine; the margin absorbs a slow, busy one.
const BUDGET_MS = TIMEOUT_MS + 2_500;
const CALLS = 50;
const CONCURRENCY = 10;

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;
let handler: Handler = (_req, res) => res.end();
let server: http.Server;
let baseUrl: string;
let collector: ReturnType<typeof setInterval>;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => handler(req, res));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  collector = setInterval(gc, 50);
});

afterAll(async () => {
  clearInterval(collector);
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** Headers, then one byte of the body, then nothing. */
const stalled: Handler = (_req, res) => {
  res.writeHead(200, { "content-type": "application/json" });
  res.write("[");
};

/** Headers, then a byte of the body every 40 ms, forever (until the client hangs up). */
const dripping: Handler = (_req, res) => {
  res.writeHead(200, { "content-type": "application/json" });
  res.write("[");
  const drip = setInterval(() => res.write(" "), 40);
  res.on("close", () => clearInterval(drip));
};

/** Never answers at all. */
const silent: Handler = () => undefined;

/** Runs `CALLS` calls, `concurrency` at a time, and returns how each settled. */
async function soak(call: () => Promise<unknown>, budgetMs = BUDGET_MS, concurrency = CONCURRENCY): Promise<unknown[]> {
  const outcomes: unknown[] = [];
  for (let done = 0; done < CALLS; done += concurrency) {
    const batch = Array.from({ length: Math.min(concurrency, CALLS - done) }, () => settleWithin(call, budgetMs));
    outcomes.push(...(await Promise.all(batch)));
  }
  return outcomes;
}

/**
 * Whether `call` succeeds within a few tries once the server is healthy again. The first may still join the login
 * that stalled, and fail with it; a login that never ended would fail them all.
 */
async function recovers(call: () => Promise<{ response: Response }>, budgetMs: number): Promise<unknown> {
  let outcome: unknown;
  for (let attempt = 0; attempt < 5 && outcome !== "resolved"; attempt += 1) {
    outcome = await settleWithin(
      () => call().then(({ response }) => (response.ok ? undefined : Promise.reject(response.status))),
      budgetMs,
    );
  }
  return outcome;
}

function countBy(outcomes: unknown[], expected: (outcome: unknown) => boolean): { expected: number; other: string[] } {
  const other = outcomes
    .filter((outcome) => !expected(outcome))
    .map((outcome) => (outcome instanceof Error ? outcome.name : String(outcome)));
  return { expected: outcomes.length - other.length, other };
}

const isTimeout = (outcome: unknown): boolean => outcome instanceof TimeoutError;

function core() {
  return createCrmClient<paths>(testVendor, { baseUrl, timeoutMs: TIMEOUT_MS, maxRetries: 0 }, bearerAuth(API_KEY));
}

describe("every call settles within its budget under forced GC", () => {
  it.each([
    ["a body that stalls after one byte", stalled],
    ["a body that drips a byte every 40 ms", dripping],
    ["a server that never answers", silent],
  ])("times out on %s", { timeout: 60_000 }, async (_name, next) => {
    handler = next;
    const api = core();
    const outcomes = await soak(() => api.GET("/companies"));
    expect(countBy(outcomes, isTimeout)).toEqual({ expected: CALLS, other: [] });
  });

  it("ends on the caller's AbortSignal.timeout for a stalled body, never on the client's longer timeout", { timeout: 60_000 }, async () => {
    handler = stalled;
    const api = createCrmClient<paths>(testVendor, { baseUrl, timeoutMs: 30_000, maxRetries: 0 }, bearerAuth(API_KEY));
    const outcomes = await soak(() => api.GET("/companies", { signal: AbortSignal.timeout(TIMEOUT_MS) }));
    const callerTimeout = (outcome: unknown) => outcome instanceof DOMException && outcome.name === "TimeoutError";
    expect(countBy(outcomes, callerTimeout)).toEqual({ expected: CALLS, other: [] });
  });

  it("gives up on a retried 503 whose body never finishes", { timeout: 60_000 }, async () => {
    handler = (_req, res) => {
      res.writeHead(503, { "content-type": "application/json" });
      res.write("{");
    };
    const api = createCrmClient<paths>(
      testVendor,
      { baseUrl, timeoutMs: TIMEOUT_MS, maxRetries: 1, retry: { baseDelayMs: 1, maxDelayMs: 1 } },
      bearerAuth(API_KEY),
    );
    // Two attempts, each bounded by its own timeout.
    const outcomes = await soak(() => api.GET("/companies"), 2 * TIMEOUT_MS + BUDGET_MS);
    expect(countBy(outcomes, (outcome) => outcome !== "hung").other).toEqual([]);
  });
});

describe("a login whose body stalls ends within the client's timeout", () => {
  // The healthy login that ends each case must fit in the client's timeout even on a machine three times slower,
  // busy with the rest of npm test, with a collection every 50 ms: these clients get 4 s (a healthy login over
  // loopback takes milliseconds). All 50 calls go at once and share the one stalled login, so the soak still
  // takes one timeout, not one per batch.
  const LOGIN_TIMEOUT_MS = 4_000;
  const LOGIN_BUDGET_MS = LOGIN_TIMEOUT_MS + 4_000;
  const LOGIN_CONCURRENCY = CALLS;
  const companies = { data: [], totalCount: 0, pagination: { page: 1, pageSize: 50 } };

  it("emnify: every call settles, and once the server recovers a fresh exchange succeeds", { timeout: 60_000 }, async () => {
    let healthy = false;
    handler = (req, res) => {
      if (req.url === "/api/v1/authenticate" && !healthy) return stalled(req, res);
      res.writeHead(200, { "content-type": "application/json" });
      res.end(req.url === "/api/v1/authenticate" ? JSON.stringify({ auth_token: "fresh-auth-token-0001" }) : "[]");
    };
    const emnify = createEmnifyClient({ applicationToken: "app-token-0123456789", baseUrl, timeoutMs: LOGIN_TIMEOUT_MS, maxRetries: 0 });
    const list = () => emnify.GET("/api/v1/organisation/{org_id}/contact", { params: { path: { org_id: 1 } } });
    expect(countBy(await soak(list, LOGIN_BUDGET_MS, LOGIN_CONCURRENCY), isTimeout)).toEqual({ expected: CALLS, other: [] });
    healthy = true;
    expect(await recovers(list, LOGIN_BUDGET_MS)).toBe("resolved");
  });

  it("Kare: every call settles, and once the server recovers a fresh login succeeds", { timeout: 60_000 }, async () => {
    let healthy = false;
    handler = (req, res) => {
      const login = req.url === "/auth/v1/rs/login/credentials";
      if (login && !healthy) return stalled(req, res);
      res.writeHead(login ? 201 : 200, { "content-type": "application/json" });
      res.end(JSON.stringify(login ? { data: { sessionToken: "fresh-session-token-0001" } } : companies));
    };
    const kare = createKareClient({
      token: "org-token-0123456789",
      email: "manager@example.com",
      password: "correct-horse-battery",
      baseUrl,
      timeoutMs: LOGIN_TIMEOUT_MS,
      maxRetries: 0,
    });
    const list = () => kare.GET("/companies/v2/rs");
    expect(countBy(await soak(list, LOGIN_BUDGET_MS, LOGIN_CONCURRENCY), isTimeout)).toEqual({ expected: CALLS, other: [] });
    healthy = true;
    expect(await recovers(list, LOGIN_BUDGET_MS)).toBe("resolved");
  });
});

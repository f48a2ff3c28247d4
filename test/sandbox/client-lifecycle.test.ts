/**
 * The clients' auth lifecycles and retry rules, end to end against the sandboxes (the same cases run against
 * hand-written fake servers in test/emnify and test/kare): the sandbox issues and expires real tokens on a
 * clock the test moves, and failNext / rateLimit make its failures.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { AuthenticationError, InternalServerError, unwrap } from "../../src/core/index.js";
import { createEmnifyClient } from "../../src/emnify/index.js";
import { createFeaturebaseClient } from "../../src/featurebase/index.js";
import { createFolkClient } from "../../src/folk/index.js";
import { createKareClient } from "../../src/kare/index.js";
import { createSandbox, type SandboxApi, type SandboxOptionsOf } from "../../src/sandbox/index.js";

const START = Date.parse("2026-01-01T00:00:00.000Z");
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
beforeAll(() => process.on("unhandledRejection", onUnhandled));
afterAll(() => process.off("unhandledRejection", onUnhandled));
afterEach(async () => {
  // A rejection nobody handled (a stalled body's, say) is reported after the microtasks drain: give it a macrotask.
  await new Promise((resolve) => setImmediate(resolve));
  expect(unhandled.splice(0)).toEqual([]);
});

/** A sandbox on a clock the test moves, and a fetch that records "METHOD /path status" for each call. */
function recorded<Api extends SandboxApi>(api: Api, options: SandboxOptionsOf<Api> = {} as SandboxOptionsOf<Api>) {
  let now = START;
  const sandbox = createSandbox(api, { now: () => now, validateResponses: true, ...options });
  const log: string[] = [];
  const fetch = async (request: Request) => {
    const response = await sandbox.fetch(request);
    log.push(`${request.method} ${new URL(request.url).pathname} ${response.status}`);
    return response;
  };
  return { sandbox, fetch, log, advance: (ms: number) => (now += ms) };
}

const FAST_RETRIES = { maxRetries: 2, retry: { baseDelayMs: 5, maxDelayMs: 10 } };
const CONTACTS = "/api/v1/organisation/{org_id}/contact";
const org = { params: { path: { org_id: 1234 } } };
const EXCHANGE = "POST /api/v1/authenticate 200";
const LIST = "GET /api/v1/organisation/1234/contact";

describe("emnify's token lifecycle, against the sandbox", () => {
  const emnifyOn = (fetch: (request: Request) => Promise<Response>) =>
    createEmnifyClient({ applicationToken: "app-token-sandbox", fetch, maxRetries: 0 });

  it("exchanges the application token lazily on the first call, then reuses the auth_token", async () => {
    const { fetch, log } = recorded("emnify");
    const emnify = emnifyOn(fetch);
    expect(log).toEqual([]);
    await unwrap(emnify.GET(CONTACTS, org));
    await unwrap(emnify.GET(CONTACTS, org));
    expect(log).toEqual([EXCHANGE, `${LIST} 200`, `${LIST} 200`]);
  });

  it("after the token's lifetime, gets TokenExpired, exchanges once more and re-sends the call once", async () => {
    const { fetch, log, advance } = recorded("emnify", { tokenTtlMs: 60_000 });
    const emnify = emnifyOn(fetch);
    await unwrap(emnify.GET(CONTACTS, org));
    advance(60_000);
    expect(await unwrap(emnify.GET(CONTACTS, org))).toHaveLength(2);
    expect(log).toEqual([EXCHANGE, `${LIST} 200`, `${LIST} 401`, EXCHANGE, `${LIST} 200`]);
  });

  it("renews only once: a fresh token refused again surfaces as AuthenticationError (TokenExpired)", async () => {
    // Every call moves the clock past the token's lifetime, so even a fresh token has expired when it is used.
    let now = START;
    const sandbox = createSandbox("emnify", { now: () => (now += 1_000), tokenTtlMs: 500 });
    const log: string[] = [];
    const emnify = emnifyOn(async (request) => {
      const response = await sandbox.fetch(request);
      log.push(`${request.method} ${new URL(request.url).pathname} ${response.status}`);
      return response;
    });
    const error = await unwrap(emnify.GET(CONTACTS, org)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 401, code: "TokenExpired" });
    expect(log).toEqual([EXCHANGE, `${LIST} 401`, EXCHANGE, `${LIST} 401`]);
  });

  it("ten parallel first calls share one exchange, and ten calls refused after expiry share one renewal", async () => {
    const { sandbox, fetch, log, advance } = recorded("emnify", { tokenTtlMs: 60_000 });
    const emnify = emnifyOn(fetch);
    // A slow exchange, so that every call arrives while it is in flight.
    sandbox.failNext(1, { operationId: "authenticate", delayMs: 50 });
    await Promise.all(Array.from({ length: 10 }, () => unwrap(emnify.GET(CONTACTS, org))));
    expect(log.filter((line) => line === EXCHANGE)).toHaveLength(1);
    advance(60_000);
    sandbox.failNext(1, { operationId: "authenticate", delayMs: 50 });
    await Promise.all(Array.from({ length: 10 }, () => unwrap(emnify.GET(CONTACTS, org))));
    expect(log.filter((line) => line === EXCHANGE)).toHaveLength(2);
    expect(log.filter((line) => line === `${LIST} 200`)).toHaveLength(20);
  });
});

describe("Kare's login lifecycle, against the sandbox", () => {
  const LOGIN = "POST /main/auth/v1/rs/login/credentials 201";
  const COMPANIES = "GET /main/companies/v2/rs";
  const kareOn = (fetch: (request: Request) => Promise<Response>) =>
    createKareClient({ token: "org-token", email: "manager@example.com", password: "s3cret-pass", fetch, maxRetries: 0 });

  it("logs in lazily on the first call, then reuses the session", async () => {
    const { fetch, log } = recorded("kare");
    const kare = kareOn(fetch);
    expect(log).toEqual([]);
    await unwrap(kare.GET("/companies/v2/rs"));
    await unwrap(kare.GET("/companies/v2/rs"));
    expect(log).toEqual([LOGIN, `${COMPANIES} 200`, `${COMPANIES} 200`]);
  });

  it("logs in again once the session expired, and re-sends the call once", async () => {
    const { fetch, log, advance } = recorded("kare", { sessionTtlMs: 60_000 });
    const kare = kareOn(fetch);
    await unwrap(kare.GET("/companies/v2/rs"));
    advance(60_000);
    expect((await unwrap(kare.GET("/companies/v2/rs"))).totalCount).toBe(1);
    expect(log).toEqual([LOGIN, `${COMPANIES} 200`, `${COMPANIES} 401`, LOGIN, `${COMPANIES} 200`]);
  });

  it("ten parallel first calls share one login", async () => {
    const { sandbox, fetch, log } = recorded("kare");
    sandbox.failNext(1, { operationId: "login", delayMs: 50 });
    const kare = kareOn(fetch);
    await Promise.all(Array.from({ length: 10 }, () => unwrap(kare.GET("/companies/v2/rs"))));
    expect(log.filter((line) => line === LOGIN)).toHaveLength(1);
    expect(log.filter((line) => line === `${COMPANIES} 200`)).toHaveLength(10);
  });
});

/** A Kare client that logs in with credentials through `fetch`, retrying at once. */
const kareOn = (fetch: (request: Request) => Promise<Response>) =>
  createKareClient({ token: "org-token-sandbox", email: "manager@example.com", password: "s3cret-pass", fetch, ...FAST_RETRIES });

describe("retries against the sandbox's failures", () => {
  for (const api of ["featurebase", "folk"] as const) {
    // The sandbox's real clock: the client really waits the second the window asks for.
    const setUp = (rateLimit: false | undefined) => {
      const sandbox = createSandbox(api, { rateLimit: { limit: 1, windowMs: 1_000 } });
      const statuses: number[] = [];
      // A fetch of the test's own: the client cannot tell it is a sandbox, so it paces as it would the vendor.
      const fetch = async (request: Request) => {
        const response = await sandbox.fetch(request);
        statuses.push(response.status);
        if (response.status === 429) expect(response.headers.get("retry-after")).toBe("1");
        return response;
      };
      const options = { fetch, maxRetries: 2, ...(rateLimit === false ? { rateLimit } : {}) };
      const client =
        api === "featurebase"
          ? createFeaturebaseClient({ apiKey: "sk_test_sandbox", ...options })
          : createFolkClient({ apiKey: "folk_test_sandbox", ...options });
      const path = api === "featurebase" ? "/v2/companies" : "/v1/companies";
      const list = () => unwrap((client as ReturnType<typeof createFeaturebaseClient>).GET(path as "/v2/companies"));
      return { statuses, list };
    };

    it(`${api}: without pacing, a 429 is retried after the sandbox's Retry-After, once the window has passed`, async () => {
      const { statuses, list } = setUp(false);
      await list();
      const started = performance.now();
      await list();
      expect(statuses).toEqual([200, 429, 200]);
      expect(performance.now() - started).toBeGreaterThanOrEqual(900);
    }, 15_000);

    it(`${api}: paced by default, the second call waits for the reset the first response announced (no 429)`, async () => {
      const { statuses, list } = setUp(undefined);
      await list();
      const started = performance.now();
      await list();
      expect(statuses).toEqual([200, 200]);
      // X-RateLimit-Remaining 0 until X-RateLimit-Reset (whole epoch seconds, so up to a second early or late).
      expect(performance.now() - started).toBeGreaterThanOrEqual(1);
    }, 15_000);
  }

  it("a GET that met two 503s is retried and answered", async () => {
    const { sandbox, fetch, log } = recorded("kare");
    const kare = kareOn(fetch);
    sandbox.failNext(2, { status: 503, operationId: "listCompanies" });
    expect((await unwrap(kare.GET("/companies/v2/rs"))).totalCount).toBe(1);
    expect(log.slice(1)).toEqual(["GET /main/companies/v2/rs 503", "GET /main/companies/v2/rs 503", "GET /main/companies/v2/rs 200"]);
  });

  it("Kare: a POST that met a 500 is not replayed, and the sandbox shows it was applied once", async () => {
    const { sandbox, fetch, log } = recorded("kare");
    const kare = kareOn(fetch);
    sandbox.failNext(1, { status: 500, operationId: "createContacts", applied: true });
    const contacts = { params: { path: { companyId: 42 } } };
    const error = await unwrap(
      kare.POST("/companies/v2/rs/{companyId}/contacts", { ...contacts, body: [{ name: "Jane", notify: true }] }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InternalServerError);
    expect(log.filter((line) => line.startsWith("POST /main/companies"))).toEqual(["POST /main/companies/v2/rs/42/contacts 500"]);
    const listed = await unwrap(kare.GET("/companies/v2/rs/{companyId}/contacts", contacts));
    expect(listed.data.filter((c) => c.name === "Jane")).toHaveLength(1);
  });

  it("emnify: a POST that met a 500 is not replayed, and the sandbox shows it was applied once", async () => {
    const { sandbox, fetch, log } = recorded("emnify");
    const emnify = createEmnifyClient({ applicationToken: "app-token-sandbox", fetch, ...FAST_RETRIES });
    sandbox.failNext(1, { status: 500, operationId: "createContact", applied: true });
    const error = await unwrap(emnify.POST(CONTACTS, { ...org, body: { type: { id: 1 }, name: "Jane" } })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InternalServerError);
    expect(log.filter((line) => line.startsWith("POST /api/v1/organisation"))).toEqual(["POST /api/v1/organisation/1234/contact 500"]);
    expect((await unwrap(emnify.GET(CONTACTS, org))).filter((c) => c.name === "Jane")).toHaveLength(1);
  });

  it("a GET whose body stalls times out, and the retry is answered; the stalled body ends with the client's abort", async () => {
    const { sandbox, fetch, log } = recorded("featurebase");
    const featurebase = createFeaturebaseClient({ apiKey: "sk_test_sandbox", fetch, timeoutMs: 300, ...FAST_RETRIES });
    await unwrap(featurebase.GET("/v2/companies")); // the router is ready, so the timeout measures only the stall
    sandbox.failNext(1, { stallBody: true });
    expect((await unwrap(featurebase.GET("/v2/companies"))).data).toHaveLength(1);
    expect(log).toEqual(["GET /v2/companies 200", "GET /v2/companies 200", "GET /v2/companies 200"]);
  }, 15_000);
});

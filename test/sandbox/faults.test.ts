/**
 * Faults on demand: rate limits with each vendor's 429 and headers, and failNext's injected failures, delays and
 * stalled bodies. Time is the sandbox's clock (options.now) or an AbortSignal, never the machine's speed.
 */
import { describe, expect, it } from "vitest";
import { createSandbox, type SandboxApi, type SandboxOperationId } from "../../src/sandbox/index.js";

const FEATUREBASE = { authorization: "Bearer sk_test", "content-type": "application/json" };
const START = Date.parse("2026-01-01T00:00:00.000Z");

function clock() {
  let now = START;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

const getCompanies = (sandbox: ReturnType<typeof createSandbox>) => sandbox.fetch("http://x/v2/companies", { headers: FEATUREBASE });

describe("rateLimit", () => {
  it("{ limit, windowMs }: past the limit Featurebase answers 429 with Retry-After and X-RateLimit-*, until the window ends", async () => {
    const { now, advance } = clock();
    const sandbox = createSandbox("featurebase", { rateLimit: { limit: 2, windowMs: 60_000 }, now, validateResponses: true });
    const first = await getCompanies(sandbox);
    expect(first.status).toBe(200);
    expect(Object.fromEntries([...first.headers].filter(([name]) => name.startsWith("x-ratelimit")))).toEqual({
      "x-ratelimit-limit": "2",
      "x-ratelimit-remaining": "1",
      "x-ratelimit-reset": String((START + 60_000) / 1000),
    });
    advance(10_000);
    expect((await getCompanies(sandbox)).headers.get("x-ratelimit-remaining")).toBe("0");
    const refused = await getCompanies(sandbox);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("50");
    expect(await refused.json()).toEqual({
      error: { type: "rate_limit_error", code: "rate_limit_exceeded", message: "Too many requests, please retry later", status: 429 },
    });
    advance(50_000);
    expect((await getCompanies(sandbox)).status).toBe(200);
  });

  it('"documented": folk allows 200 calls a minute and its 429 body repeats the limit and when to retry', async () => {
    const { now } = clock();
    const sandbox = createSandbox("folk", { rateLimit: "documented", now });
    const list = () => sandbox.fetch("http://x/v1/companies", { headers: FEATUREBASE });
    for (let call = 0; call < 200; call++) expect((await list()).status).toBe(200);
    const refused = await list();
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("60");
    expect((await refused.json()).error).toMatchObject({
      code: "RATE_LIMIT_EXCEEDED",
      details: { limit: 200, remaining: 0, retryAfter: new Date(START + 60_000).toISOString() },
    });
  });

  it('"documented": emnify allows 100 exchanges per 5 minutes, answers 1105 TooManyRequests and sends no rate-limit headers', async () => {
    const { now, advance } = clock();
    const sandbox = createSandbox("emnify", { rateLimit: "documented", now });
    const exchange = () =>
      sandbox.fetch("http://x/api/v1/authenticate", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ application_token: "app" }),
      });
    for (let call = 0; call < 100; call++) expect((await exchange()).status).toBe(200);
    const refused = await exchange();
    expect(refused.status).toBe(429);
    expect(await refused.json()).toEqual({ error_code: 1105, error_token: "TooManyRequests", message: "Too many requests" });
    expect([...refused.headers.keys()].filter((name) => /retry-after|ratelimit/.test(name))).toEqual([]);
    // The general limit (2,000 per 5 minutes) still has room: another operation is served.
    expect((await sandbox.fetch("http://x/api/v1/organisation/1234/contact")).status).toBe(401);
    advance(5 * 60_000);
    expect((await exchange()).status).toBe(200);
  });

  it("Kare's 429 is API Gateway's { message } with no Retry-After; Kare publishes no limit, so \"documented\" sets none", async () => {
    const limited = createSandbox("kare", { rateLimit: { limit: 1, windowMs: 1_000 } });
    const list = (sandbox: ReturnType<typeof createSandbox>) =>
      sandbox.fetch("http://x/companies/v2/rs", { headers: { authorization: "Bearer t" } });
    expect((await list(limited)).status).toBe(401);
    const refused = await list(limited);
    expect(refused.status).toBe(429);
    expect(await refused.json()).toEqual({ message: "Too Many Requests" });
    expect(refused.headers.has("retry-after")).toBe(false);
    const documented = createSandbox("kare", { rateLimit: "documented" });
    for (let call = 0; call < 300; call++) expect((await list(documented)).status).toBe(401);
  });

  it("refuses a rate limit that is not one, naming the option", () => {
    expect(() => createSandbox("featurebase", { rateLimit: { limit: 0, windowMs: 1_000 } })).toThrow(
      /option rateLimit must be "documented" or \{ limit, windowMs \} with positive integers, got \{"limit":0,"windowMs":1000\}/,
    );
    // @ts-expect-error not a rate limit
    expect(() => createSandbox("featurebase", { rateLimit: "published" })).toThrow(/option rateLimit must be "documented"/);
  });

  it("a call refused by the rate limit does not spend a queued failure", async () => {
    const { now, advance } = clock();
    const sandbox = createSandbox("featurebase", { rateLimit: { limit: 1, windowMs: 60_000 }, now });
    await getCompanies(sandbox);
    sandbox.failNext(1, { status: 503 });
    expect((await getCompanies(sandbox)).status).toBe(429);
    advance(60_000);
    expect((await getCompanies(sandbox)).status).toBe(503);
    advance(60_000);
    expect((await getCompanies(sandbox)).status).toBe(200);
  });

  it("reset() starts every window afresh", async () => {
    const sandbox = createSandbox("featurebase", { rateLimit: { limit: 1, windowMs: 60_000 } });
    await getCompanies(sandbox);
    expect((await getCompanies(sandbox)).status).toBe(429);
    sandbox.reset();
    expect((await getCompanies(sandbox)).status).toBe(200);
  });
});

describe("failNext", () => {
  it("answers the next calls with the status and the vendor's documented body, then normally", async () => {
    const sandbox = createSandbox("featurebase", { validateResponses: true });
    sandbox.failNext(2, { status: 500 });
    const statuses = [];
    for (let call = 0; call < 3; call++) statuses.push((await getCompanies(sandbox)).status);
    expect(statuses).toEqual([500, 500, 200]);
  });

  it("fails only calls of the named operation, each vendor in its own envelope", async () => {
    const cases: Array<[SandboxApi, SandboxOperationId<SandboxApi>, string, unknown]> = [
      [
        "emnify",
        "authenticate",
        "/api/v1/authenticate",
        { error_code: 503, error_token: "ServiceUnavailable", message: "Service unavailable" },
      ],
      ["kare", "login", "/auth/v1/rs/login/credentials", { message: "Service Unavailable" }],
    ];
    for (const [api, operationId, path, body] of cases) {
      const sandbox = createSandbox(api);
      sandbox.failNext(1, { status: 503, operationId });
      expect((await sandbox.fetch("http://x/companies/v2/rs")).status, `${api}: another operation`).not.toBe(503);
      const failed = await sandbox.fetch(`http://x${path}`, { method: "POST", headers: { authorization: "Bearer t" }, body: "{}" });
      expect(failed.status).toBe(503);
      expect(await failed.json()).toEqual(body);
    }
  });

  it("with applied: true the handler runs, so the write is stored although the caller got a 500", async () => {
    const sandbox = createSandbox("featurebase", { seed: false });
    sandbox.failNext(1, { status: 500, operationId: "upsertCompany", applied: true });
    const write = await sandbox.fetch("http://x/v2/companies", {
      method: "POST",
      headers: FEATUREBASE,
      body: JSON.stringify({ companyId: "acme-1", name: "Acme" }),
    });
    expect(write.status).toBe(500);
    expect((await (await getCompanies(sandbox)).json()).data.map((c: { companyId: string }) => c.companyId)).toEqual(["acme-1"]);
  });

  it("delays the answer by delayMs, and a caller's abort ends the wait at once with its reason", async () => {
    const sandbox = createSandbox("featurebase");
    await getCompanies(sandbox); // the router is ready: from here a call reaches its delay within microtasks
    sandbox.failNext(1, { delayMs: 60_000 });
    const reason = new Error("gave up");
    const controller = new AbortController();
    const call = sandbox.fetch("http://x/v2/companies", { headers: FEATUREBASE, signal: controller.signal });
    const outcome = call.then(
      () => "answered",
      (error: unknown) => error,
    );
    await new Promise((resolve) => setImmediate(resolve));
    controller.abort(reason);
    expect(await outcome).toBe(reason);
    // The failure was spent on the aborted call: the next one is answered at once.
    expect((await getCompanies(sandbox)).status).toBe(200);
  });

  it("stallBody sends the status and half the body, then nothing until the caller aborts", async () => {
    const sandbox = createSandbox("featurebase");
    sandbox.failNext(1, { stallBody: true });
    const controller = new AbortController();
    const response = await sandbox.fetch("http://x/v2/companies", { headers: FEATUREBASE, signal: controller.signal });
    expect(response.status).toBe(200);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toMatch(/^\{"object":"list","data":\[/);
    const rest = reader.read();
    controller.abort(new Error("timed out"));
    await expect(rest).rejects.toThrow("timed out");
  });

  it("over HTTP, close() ends a stalled body and a delayed answer: the client sees the connection end", async () => {
    const sandbox = createSandbox("featurebase");
    const server = await sandbox.listen();
    sandbox.failNext(1, { operationId: "listCompanies", stallBody: true });
    sandbox.failNext(1, { operationId: "getCompany", delayMs: 60_000 });
    const settled = (promise: Promise<unknown>) =>
      promise.then(
        () => "answered",
        (error: unknown) => error,
      );
    const stalled = await fetch(`${server.url}/v2/companies`, { headers: FEATUREBASE });
    expect(stalled.status).toBe(200);
    const body = settled(stalled.text());
    const delayed = settled(fetch(`${server.url}/v2/companies/507f1f77bcf86cd799439011`, { headers: FEATUREBASE }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    await server.close();
    expect(await body).toBeInstanceOf(Error);
    expect(await delayed).toBeInstanceOf(Error);
  });

  it("refuses a failure it cannot inject, naming what is wrong", () => {
    const sandbox = createSandbox("kare");
    expect(() => sandbox.failNext(0, { status: 500 })).toThrow(/count must be a positive integer, got 0/);
    expect(() => sandbox.failNext(1, { status: 200 })).toThrow(/status must be an integer 400-599, got 200/);
    // @ts-expect-error Kare has no deleteContact: the types refuse it, and so does the sandbox for untyped callers
    expect(() => sandbox.failNext(1, { status: 500, operationId: "deleteContact" })).toThrow(
      /operationId "deleteContact" is not an operation of kare \(valid: login, listCompanies, createCompany, getCompany, listContacts, createContacts, updateContact\)/,
    );
    expect(() => sandbox.failNext(1, {})).toThrow(/give a status, a delayMs or stallBody: true/);
    expect(() => sandbox.failNext(1, { delayMs: 5, applied: true })).toThrow(/applied needs a status/);
    // @ts-expect-error not a field of a failure
    expect(() => sandbox.failNext(1, { status: 500, times: 2 })).toThrow(
      /unknown field "times" \(valid: status, operationId, delayMs, stallBody, applied\)/,
    );
  });

  it("reset() drops failures not yet served", async () => {
    const sandbox = createSandbox("featurebase");
    sandbox.failNext(3, { status: 503 });
    sandbox.reset();
    expect((await getCompanies(sandbox)).status).toBe(200);
  });
});

describe("vendor options", () => {
  it("are accepted only by their vendor's sandbox; a wrong value names the option", () => {
    // @ts-expect-error tokenTtlMs is emnify's
    expect(() => createSandbox("kare", { tokenTtlMs: 1_000 })).toThrow(
      /unknown option "tokenTtlMs" \(valid options: seed, validateResponses, now, rateLimit, sessionTtlMs\)/,
    );
    expect(() => createSandbox("emnify", { tokenTtlMs: -1 })).toThrow(/option tokenTtlMs must be a positive integer, got -1/);
    expect(() => createSandbox("kare", { sessionTtlMs: 1_000 })).not.toThrow();
  });
});

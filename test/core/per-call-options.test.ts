/**
 * Options passed to one call get the same checks as the client's options: nothing a call passes can skip the
 * https-unless-loopback rule, smuggle a non-function fetch or a bad signal past the transport, or be silently ignored.
 */
import { describe, expect, it } from "vitest";
import { type CommonClientOptions, TimeoutError } from "../../src/core/index.js";
import { bearerAuth, createCrmClient } from "../../src/core/vendor-kit.js";
import type { paths } from "./fixtures/paths.js";
import { API_KEY, testVendor } from "./fixtures/vendor.js";
import { fakeFetch, json } from "./helpers/fake-fetch.js";

function setup(options: CommonClientOptions = {}) {
  const fake = fakeFetch(() => json(200, { data: [], nextCursor: null }));
  const api = createCrmClient<paths>(testVendor, { fetch: fake.fetch, maxRetries: 0, ...options }, bearerAuth(API_KEY));
  return { api, fake };
}

/** Loose init, for what the types refuse but JavaScript callers can still pass. */
const loose = (init: Record<string, unknown>) => init as never;

describe("per-call baseUrl", () => {
  it.each([
    ["http://api.example.test", /baseUrl of GET \/companies \(origin http:\/\/api\.example\.test\) uses plain http/],
    ["http://10.0.0.5:4010", /uses plain http/],
    ["ftp://api.example.test", /must use https: \(got ftp:\)/],
    ["https://user:pw@api.example.test", /must not contain credentials/],
    ["https://api.example.test/?x=1", /must not contain a query string/],
    ["/v2", /is not an absolute URL/],
    ["", /must be a non-empty absolute URL/],
  ])("refuses %j before anything is sent", async (baseUrl, message) => {
    const { api, fake } = setup();
    const call = api.GET("/companies", { baseUrl });
    await expect(call).rejects.toThrow(TypeError);
    await expect(call).rejects.toThrow(message);
    await expect(call).rejects.not.toThrow(/user:pw/);
    expect(fake.requests).toHaveLength(0);
  });

  it("sends to an accepted per-call baseUrl, normalised as the client's is", async () => {
    const { api, fake } = setup();
    await api.GET("/companies", { baseUrl: "https://eu.api.example.test/v2/" });
    await api.GET("/companies", { baseUrl: "http://127.0.0.1:4999" });
    expect(fake.requests.map((r) => r.url)).toEqual(["https://eu.api.example.test/v2/companies", "http://127.0.0.1:4999/companies"]);
  });
});

describe("other per-call options", () => {
  it("refuses a fetch that is not a function, instead of silently using the client's", async () => {
    const { api, fake } = setup();
    await expect(api.GET("/companies", loose({ fetch: "https://proxy" }))).rejects.toThrow(
      "crm-kit (acme): fetch of GET /companies must be a function (input: Request) => Promise<Response>.",
    );
    expect(fake.requests).toHaveLength(0);
  });

  it("uses a per-call fetch that is a function", async () => {
    const { api, fake } = setup();
    const other = fakeFetch(() => json(200, { data: [], nextCursor: null }));
    await api.GET("/companies", { fetch: other.fetch });
    expect([fake.requests.length, other.requests.length]).toEqual([0, 1]);
  });

  it("refuses a signal that is not an AbortSignal", async () => {
    const { api, fake } = setup();
    await expect(api.GET("/companies", loose({ signal: { aborted: false } }))).rejects.toThrow(
      "crm-kit (acme): signal of GET /companies must be an AbortSignal",
    );
    expect(fake.requests).toHaveLength(0);
  });

  it.each([
    ["logger", () => undefined, "set it on the client"],
    ["pathSerializer", () => "/x", "the client's path serializer"],
    ["Request", Request, "the client builds its requests itself"],
  ])("refuses %s, which only the client sets", async (name, value, why) => {
    const { api, fake } = setup();
    await expect(api.GET("/companies", loose({ [name]: value }))).rejects.toThrow(
      new RegExp(`^crm-kit \\(acme\\): ${name} cannot be passed to GET /companies: ${why}`),
    );
    expect(fake.requests).toHaveLength(0);
  });

  it.each([
    ["parseAs", "xml", 'parseAs of GET /companies must be one of "json", "text", "blob", "arrayBuffer", "stream".'],
    ["middleware", { onRequest: () => undefined }, "middleware of GET /companies must be an array of middleware objects."],
    ["querySerializer", "a=1", "querySerializer of GET /companies must be a function or an options object."],
    ["bodySerializer", {}, "bodySerializer of GET /companies must be a function."],
  ])("refuses a %s of the wrong kind, which openapi-fetch would misuse", async (name, value, message) => {
    const { api, fake } = setup();
    await expect(api.GET("/companies", loose({ [name]: value }))).rejects.toThrow(`crm-kit (acme): ${message}`);
    expect(fake.requests).toHaveLength(0);
  });

  it("accepts each of them when well-formed", async () => {
    const { api, fake } = setup();
    await api.GET("/companies", { parseAs: "text" });
    await api.GET("/companies", { middleware: [], querySerializer: () => "", bodySerializer: (body) => JSON.stringify(body) });
    expect(fake.requests).toHaveLength(2);
  });

  it("refuses per-call headers with a line break (as for options.headers)", async () => {
    const { api, fake } = setup();
    await expect(api.GET("/companies", { headers: { "X-Trace": "a\nb" } })).rejects.toThrow('header "X-Trace" (headers of GET /companies)');
    expect(fake.requests).toHaveLength(0);
  });
});

describe("per-call policies", () => {
  const hang = () => new Promise<Response>(() => undefined);

  it("timeoutMs bounds that call's attempts only", async () => {
    const fake = fakeFetch(hang);
    const api = createCrmClient<paths>(testVendor, { fetch: fake.fetch, maxRetries: 0, timeoutMs: 60_000 }, bearerAuth(API_KEY));
    const error = await api.GET("/companies", { timeoutMs: 30 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ timeoutMs: 30, attempt: 1 });
  });

  it("maxRetries overrides the client's for that call, and the next call has the client's again", async () => {
    const fake = fakeFetch(() => json(503, { message: "down" }));
    const api = createCrmClient<paths>(
      testVendor,
      { fetch: fake.fetch, maxRetries: 0, retry: { baseDelayMs: 0, maxDelayMs: 0 } },
      bearerAuth(API_KEY),
    );
    await api.GET("/companies", { maxRetries: 2 });
    expect(fake.requests).toHaveLength(3);
    await api.GET("/companies");
    expect(fake.requests).toHaveLength(4);
  });

  it("retry is merged over the client's: a maxWaitMs below Retry-After surfaces the 429 at once", async () => {
    const fake = fakeFetch(() => json(429, { message: "slow down" }, { "retry-after": "3600" }));
    const api = createCrmClient<paths>(testVendor, { fetch: fake.fetch, maxRetries: 3 }, bearerAuth(API_KEY));
    const { error, response } = await api.GET("/companies", { retry: { maxWaitMs: 1_000 } });
    expect(response.status).toBe(429);
    expect(error).toBeDefined();
    expect(fake.requests).toHaveLength(1);
  });

  it("refuses a bad per-call policy before anything is sent, naming it", async () => {
    const { api, fake } = setup();
    await expect(api.GET("/companies", { timeoutMs: -1 })).rejects.toThrow(/GET \/companies\.timeoutMs must be a number of milliseconds/);
    await expect(api.GET("/companies", { maxRetries: 1.5 })).rejects.toThrow(/GET \/companies\.maxRetries must be a non-negative integer/);
    await expect(api.GET("/companies", loose({ retry: 5 }))).rejects.toThrow(/GET \/companies\.retry must be an object/);
    expect(fake.requests).toHaveLength(0);
  });

  it("does not pass the policies on to fetch", async () => {
    const { api, fake } = setup();
    await api.GET("/companies", { timeoutMs: 5_000, maxRetries: 1, cache: "no-store" });
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]?.cache).toBe("no-store");
  });
});

import { describe, expect, it } from "vitest";
import type { CommonClientOptions } from "../../src/core/index.js";
import { bearerAuth, createCrmClient } from "../../src/core/vendor-kit.js";
import type { paths } from "./fixtures/paths.js";
import { API_KEY, testVendor } from "./fixtures/vendor.js";
import { fakeFetch, json } from "./helpers/fake-fetch.js";

const create = (options: CommonClientOptions) => createCrmClient<paths>(testVendor, options, bearerAuth(API_KEY));

describe("baseUrl", () => {
  it("defaults to the vendor's production URL", async () => {
    const fake = fakeFetch(() => json(200, { data: [], nextCursor: null }));
    await create({ fetch: fake.fetch }).GET("/companies");
    expect(fake.requests[0]?.url).toBe("https://api.acme.test/companies");
  });

  it.each(["http://localhost:4010", "http://127.0.0.1:4010/", "http://127.9.8.7", "http://[::1]:8080/v1", "https://api.example.com/v2/"])(
    "accepts %s",
    (baseUrl) => {
      expect(() => create({ baseUrl })).not.toThrow();
    },
  );

  it("joins paths onto a base URL with a path prefix and trailing slash", async () => {
    const fake = fakeFetch(() => json(200, { data: [], nextCursor: null }));
    await create({ baseUrl: "https://api.example.com/v2/", fetch: fake.fetch }).GET("/companies");
    expect(fake.requests[0]?.url).toBe("https://api.example.com/v2/companies");
  });

  it.each([
    ["http://api.example.com", /uses plain http, which would send credentials unencrypted/],
    ["http://10.0.0.5:4010", /uses plain http/],
    ["http://localhost.evil.com", /uses plain http/],
    ["api.example.com", /is not an absolute URL/],
    ["/v2", /is not an absolute URL/],
    ["ftp://api.example.com", /must use https: \(got ftp:\)/],
    ["https://user:pw@api.example.com", /must not contain credentials/],
    ["https://api.example.com/?x=1", /must not contain a query string/],
    ["", /must be a non-empty absolute URL/],
  ])("refuses %j", (baseUrl, message) => {
    expect(() => create({ baseUrl })).toThrow(message);
  });

  /** The message of the TypeError a constructor call throws. */
  const refusal = (baseUrl: string): string => {
    try {
      create({ baseUrl });
    } catch (error) {
      expect(error).toBeInstanceOf(TypeError);
      return (error as Error).message;
    }
    throw new Error(`expected ${baseUrl} to be refused`);
  };

  it("names only the origin of a base URL with credentials, even when the password contains @", () => {
    expect(refusal("https://user:hunter2@api.example.com")).toMatch(
      /^crm-kit \(acme\): options\.baseUrl \(origin https:\/\/api\.example\.com\) must not contain credentials;/,
    );
    const message = refusal("https://user:p@ss@host");
    expect(message).toContain("options.baseUrl (origin https://host) must not contain credentials");
    for (const part of ["user:", "p@ss", "ss@", "p%40ss", "***"]) expect(message).not.toContain(part);
  });

  it("quotes nothing of a base URL that does not parse, such as an API key pasted into the wrong option", () => {
    const message = refusal("sk_live_secret");
    expect(message).toMatch(/^crm-kit \(acme\): options\.baseUrl is not an absolute URL; pass one like /);
    expect(message).not.toContain("sk_live");
    expect(refusal("https://user:p/ss@host")).not.toMatch(/user|p\/ss/);
  });

  it("shows neither the path nor the query of a refused base URL", () => {
    const message = refusal("https://api.example.com/v2?key=sk_live_secret");
    expect(message).toContain("options.baseUrl (origin https://api.example.com) must not contain a query string");
    expect(message).not.toContain("sk_live_secret");
    expect(message).not.toContain("/v2");
  });
});

describe("numeric options", () => {
  it.each([
    [{ maxRetries: -1 }, "options.maxRetries must be a non-negative integer (0 turns retries off); got -1."],
    [{ maxRetries: 1.5 }, "options.maxRetries must be a non-negative integer"],
    [{ maxRetries: Number.NaN }, "got NaN"],
    [{ timeoutMs: 0 }, "options.timeoutMs must be a number of milliseconds between 1 and 2147483647; got 0."],
    [{ timeoutMs: Number.POSITIVE_INFINITY }, "options.timeoutMs must be"],
    [{ timeoutMs: "100" as unknown as number }, 'got "100"'],
    [{ retry: { baseDelayMs: -5 } }, "options.retry.baseDelayMs must be a non-negative finite number of milliseconds; got -5."],
    [{ retry: { maxWaitMs: Number.NaN } }, "options.retry.maxWaitMs"],
  ])("refuses %o at construction", (options, message) => {
    expect(() => create(options)).toThrow(message);
  });

  it("accepts maxRetries 0 to turn retries off", () => {
    expect(() => create({ maxRetries: 0 })).not.toThrow();
  });

  it("validates withOptions() overrides the same way", () => {
    expect(() => create({}).withOptions({ timeoutMs: -1 })).toThrow("crm-kit (acme): withOptions().timeoutMs must be");
  });
});

describe("headers with CR or LF", () => {
  it("are refused at construction, naming the header", () => {
    expect(() => create({ headers: { "X-Tenant": "a\r\nX-Admin: 1" } })).toThrow(
      'crm-kit: header "X-Tenant" (options.headers) contains a line break (CR or LF) or NUL',
    );
  });

  it("are refused per call before anything is sent, without quoting the value", async () => {
    const fake = fakeFetch(() => json(200, {}));
    const api = create({ fetch: fake.fetch });
    const call = api.GET("/companies", { headers: { "X-Trace": "secret-value\nInjected: yes" } });
    await expect(call).rejects.toThrow(TypeError);
    await expect(call).rejects.not.toThrow(/secret-value/);
    await expect(call).rejects.toThrow('header "X-Trace" (headers of GET /companies)');
    expect(fake.requests).toHaveLength(0);
  });

  it("are refused when an auth strategy writes them (a tampered session token)", async () => {
    const fake = fakeFetch(() => json(200, {}));
    const badAuth = { authorize: (h: Headers) => h.set("X-Session-Token", "tok\r\nX-Admin: 1"), secrets: () => ["tok"] };
    const api = createCrmClient<paths>(testVendor, { fetch: fake.fetch }, badAuth);
    await expect(api.GET("/companies")).rejects.toThrow('header "X-Session-Token" (set by the client\'s auth strategy)');
    expect(fake.requests).toHaveLength(0);
  });
});

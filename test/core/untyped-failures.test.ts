/**
 * Failures that used to escape as a bare TypeError, or print nonsense: a custom fetch answering with something
 * other than a Response, a same-origin redirect whose Location carries credentials, an absurd Retry-After.
 */
import { describe, expect, it } from "vitest";
import { ApiError, CrmKitError, RateLimitError, unwrap } from "../../src/core/index.js";
import { bearerAuth, createCrmClient } from "../../src/core/vendor-kit.js";
import type { paths } from "./fixtures/paths.js";
import { API_KEY, testVendor } from "./fixtures/vendor.js";
import { fakeFetch, json } from "./helpers/fake-fetch.js";

function client(respond: (request: Request, call: number) => Response | Promise<Response>) {
  const fake = fakeFetch(respond);
  const api = createCrmClient<paths>(testVendor, { baseUrl: "https://api.acme.test", fetch: fake.fetch }, bearerAuth(API_KEY));
  return { api, fake };
}

describe("a custom fetch that does not answer with a Response", () => {
  it.each([
    ["undefined", undefined, "undefined"],
    ["a string", "ok", "a string"],
    ["a plain object", { status: 200 }, "an object that is not a Response"],
    ["null", null, "null"],
  ])("%s becomes a CrmKitError that says so, without retrying", async (_name, value, described) => {
    const { api, fake } = client(() => value as unknown as Response);
    const error = await api.GET("/companies").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CrmKitError);
    expect((error as Error).message).toBe(
      `crm-kit (acme): GET /companies: the fetch function returned ${described}, not a Response. A custom fetch (the fetch ` +
        `option) must resolve to a Response, as globalThis.fetch does.`,
    );
    expect(fake.requests).toHaveLength(1);
  });
});

describe("a same-origin redirect whose Location carries credentials", () => {
  it("is not followed, and surfaces as an ApiError that says why without quoting the credentials", async () => {
    const { api, fake } = client(
      () => new Response(null, { status: 302, headers: { location: "https://admin:hunter2-pass@api.acme.test/x" } }),
    );
    const error = await unwrap(api.GET("/companies")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 302 });
    const message = (error as Error).message;
    expect(message).toContain("redirected to a URL with credentials in it, which crm-kit did not follow");
    expect(JSON.stringify(error)).not.toMatch(/admin|hunter2/);
    expect(message).not.toMatch(/admin|hunter2/);
    expect(fake.requests).toHaveLength(1);
  });
});

describe("an absurd Retry-After on a 429", () => {
  it.each([
    ["400 digits of seconds", "9".repeat(400)],
    ["998204005227 seconds", "998204005227"],
    ["a date in year 9999", "Fri, 31 Dec 9999 23:59:59 GMT"],
  ])("%s is reported as capped, never as Infinity or a huge number", async (_name, retryAfter) => {
    const { api } = client(() => json(429, {}, { "retry-after": retryAfter }));
    const error = await unwrap(api.GET("/companies")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    const message = (error as Error).message;
    expect(message).toMatch(/\. The server asked to wait more than 24 h \(Retry-After is capped at 24 h\)\.$/);
    expect(message).not.toMatch(/Infinity|\d{6,} s/);
    expect((error as RateLimitError).retryAfterMs).toBe(86_400_000);
  });

  it("a reasonable one is still reported in seconds", async () => {
    const { api } = client(() => json(429, {}, { "retry-after": "120" }));
    const error = await unwrap(api.GET("/companies")).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/\. Retry after 120 s\.$/);
  });
});

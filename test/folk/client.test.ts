import { describe, expect, it } from "vitest";
import { AuthenticationError, NotFoundError, RateLimitError, UnprocessableEntityError, unwrap } from "../../src/core/index.js";
import { createFolkClient } from "../../src/folk/index.js";
import { folkVendor } from "../../src/folk/vendor.js";
import { folkPage, recordingFetch } from "./helpers.js";

const REQUEST_ID = "123e4567-e89b-12d3-a456-426614174000";
const KEY = "folk_test_key";

function folkError(code: string, message: string, details?: unknown) {
  return {
    error: {
      code,
      message,
      documentationUrl: "https://developer.folk.app/api-reference/errors",
      requestId: REQUEST_ID,
      timestamp: "2025-10-01T12:00:00Z",
      ...(details === undefined ? {} : { details }),
    },
  };
}

describe("createFolkClient", () => {
  it("refuses a missing, empty or non-string apiKey, naming the option", () => {
    // @ts-expect-error apiKey is required
    expect(() => createFolkClient({})).toThrow(/options\.apiKey/);
    expect(() => createFolkClient({ apiKey: "" })).toThrow(/options\.apiKey/);
    expect(() => createFolkClient({ apiKey: " \t" })).toThrow(/options\.apiKey/);
    // @ts-expect-error apiKey is a string
    expect(() => createFolkClient({ apiKey: 42 })).toThrow(/options\.apiKey must be a non-empty string, got number/);
    // @ts-expect-error options are required
    expect(() => createFolkClient()).toThrow(/crm-kit \(folk\): expected an options object/);
  });

  it("refuses a baseUrl that is not an absolute https URL, and other bad options", () => {
    expect(() => createFolkClient({ apiKey: KEY, baseUrl: "/v1" })).toThrow(/baseUrl/);
    expect(() => createFolkClient({ apiKey: KEY, baseUrl: "http://api.folk.app" })).toThrow(/plain http/);
    expect(() => createFolkClient({ apiKey: KEY, maxRetries: -1 })).toThrow(/maxRetries/);
    // @ts-expect-error fetch is a function
    expect(() => createFolkClient({ apiKey: KEY, fetch: "node-fetch" })).toThrow(/options\.fetch/);
  });

  it("sends the key as a bearer token to https://api.folk.app by default, with extra headers", async () => {
    const { requests, fetch } = recordingFetch(() => ({ body: folkPage([]) }));
    await createFolkClient({ apiKey: "folk_live_1", fetch, headers: { "X-API-Version": "2025-06-09" } }).GET("/v1/groups");
    expect(requests[0]?.url).toBe("https://api.folk.app/v1/groups");
    expect(requests[0]?.headers.get("authorization")).toBe("Bearer folk_live_1");
    expect(requests[0]?.headers.get("x-api-version")).toBe("2025-06-09");
  });

  it("serializes a two-level filter as filter[attribute][operator]=value on every method, and after withOptions()", async () => {
    const { requests, fetch } = recordingFetch(() => ({ body: folkPage([]) }));
    const client = createFolkClient({ apiKey: KEY, fetch });
    // emails: an attribute of companies and people alike.
    const query = { filter: { emails: { like: "acme" } }, combinator: "and" as const };
    await client.GET("/v1/companies", { params: { query } });
    await client.withOptions({ timeoutMs: 5_000 }).GET("/v1/people", { params: { query } });
    await client.POST("/v1/companies/search", { params: { query: { limit: 5, cursor: "abc=" } }, body: {} });
    expect(requests.map((r) => new URL(r.url).search)).toEqual([
      "?filter[emails][like]=acme&combinator=and",
      "?filter[emails][like]=acme&combinator=and",
      "?limit=5&cursor=abc%3D",
    ]);
  });

  it("keeps a caller's own querySerializer", async () => {
    const { requests, fetch } = recordingFetch(() => ({ body: folkPage([]) }));
    await createFolkClient({ apiKey: KEY, fetch }).GET("/v1/groups", {
      params: { query: { limit: 3 } },
      querySerializer: () => "custom=1",
    });
    expect(new URL(requests[0]!.url).search).toBe("?custom=1");
  });

  it("maps folk's error body onto code, message and requestId, without the key", async () => {
    const { fetch } = recordingFetch(() => ({ status: 404, body: folkError("RESOURCE_NOT_FOUND", "Company not found") }));
    const client = createFolkClient({ apiKey: "folk_secret_123", fetch, maxRetries: 0 });
    const id = "com_183ed5cc-3182-45de-84d1-d520f2604810";
    const error = await unwrap(client.GET("/v1/companies/{companyId}", { params: { path: { companyId: id } } })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ status: 404, code: "RESOURCE_NOT_FOUND", requestId: REQUEST_ID, param: undefined });
    expect((error as Error).message).toContain("Company not found");
    expect(JSON.stringify(error)).not.toContain("folk_secret_123");
  });

  it("names the first Zod issue's path as the param of a 422", async () => {
    const issue = {
      code: "too_big",
      maximum: 20,
      type: "array",
      inclusive: true,
      exact: false,
      message: "Array must contain at most 20 element(s)",
      path: ["emails"],
    };
    const { fetch } = recordingFetch(() => ({
      status: 422,
      body: folkError("UNPROCESSABLE_ENTITY", "Invalid request body", { issues: [issue] }),
    }));
    const client = createFolkClient({ apiKey: KEY, fetch, maxRetries: 0 });
    const error = await unwrap(client.POST("/v1/people", { body: { emails: [] } })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnprocessableEntityError);
    expect(error).toMatchObject({ code: "UNPROCESSABLE_ENTITY", param: "emails" });
    expect((error as Error).message).toContain("param emails");
  });

  it("reports Retry-After on a 429 and the hint to check the key on a 401", async () => {
    const rateLimited = recordingFetch(() => ({
      status: 429,
      body: folkError("RATE_LIMIT_EXCEEDED", "The rate limit has been exceeded."),
      headers: { "Retry-After": "60" },
    }));
    const limited = await unwrap(createFolkClient({ apiKey: KEY, fetch: rateLimited.fetch, maxRetries: 0 }).GET("/v1/groups")).catch(
      (e: unknown) => e,
    );
    expect(limited).toBeInstanceOf(RateLimitError);
    expect((limited as RateLimitError).retryAfterMs).toBe(60_000);
    const unauthorized = recordingFetch(() => ({ status: 401, body: folkError("UNAUTHORIZED", "No valid API key provided.") }));
    const denied = await unwrap(createFolkClient({ apiKey: KEY, fetch: unauthorized.fetch }).GET("/v1/groups")).catch((e: unknown) => e);
    expect(denied).toBeInstanceOf(AuthenticationError);
    expect((denied as Error).message).toMatch(/No valid API key provided\..*Check the API key/);
  });

  it("parseError ignores bodies of another shape and fields of the wrong type", () => {
    expect(folkVendor.parseError("<html>502 Bad Gateway</html>")).toEqual({});
    expect(folkVendor.parseError(undefined)).toEqual({});
    // A gateway's `{ message }` outside folk's envelope still gives its message.
    expect(folkVendor.parseError({ message: "no envelope" })).toEqual({ message: "no envelope" });
    expect(folkVendor.parseError({ error: { code: 500, message: ["x"], requestId: null, details: { issues: [{ path: [] }] } } })).toEqual({
      code: undefined,
      message: undefined,
      requestId: undefined,
      param: undefined,
    });
    expect(folkVendor.parseError({ error: { details: { issues: [{ path: ["customFieldValues", "grp_1", "ARR"] }] } } }).param).toBe(
      "customFieldValues.grp_1.ARR",
    );
  });
});

import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import {
  ApiError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  ConnectionError,
  CrmKitError,
  InternalServerError,
  NotFoundError,
  PaginationError,
  PermissionDeniedError,
  RateLimitError,
  ResponseParseError,
  TimeoutError,
  UnprocessableEntityError,
} from "../../src/core/index.js";
import { API_KEY, testVendor } from "./fixtures/vendor.js";

const base = { method: "GET", url: "https://api.acme.test/companies/c1?email=a%40b.test", vendor: testVendor, secrets: [API_KEY] };

function apiError(status: number, body: unknown = undefined, headers: Record<string, string> = {}): ApiError {
  return ApiError.from({ ...base, status, body, headers });
}

/** Every way an error can be looked at by a user or a log pipeline. */
function everyView(error: Error): string {
  return [error.message, error.stack, String(error), JSON.stringify(error), inspect(error, { depth: 10 })].join("\n");
}

describe("ApiError.from", () => {
  it.each([
    [400, BadRequestError],
    [401, AuthenticationError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
    [409, ConflictError],
    [422, UnprocessableEntityError],
    [429, RateLimitError],
    [500, InternalServerError],
    [502, InternalServerError],
    [503, InternalServerError],
  ] as const)("maps %i to %o", (status, ErrorClass) => {
    const error = apiError(status);
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toBeInstanceOf(CrmKitError);
    expect(error.name).toBe(ErrorClass.name);
    expect(error.status).toBe(status);
  });

  it("keeps the base class for statuses without a subclass", () => {
    const error = apiError(410);
    expect(error.constructor).toBe(ApiError);
    expect(error.name).toBe("ApiError");
  });

  it("maps the vendor error body onto code, message, param and requestId", () => {
    const error = apiError(400, { error: { code: "invalid_email", message: "Email is invalid", param: "email", requestId: "req_1" } });
    expect(error).toMatchObject({ code: "invalid_email", param: "email", requestId: "req_1" });
    expect(error.message).toBe(
      "crm-kit (acme): GET /companies/c1 returned 400: Email is invalid [code invalid_email, param email, request id req_1]",
    );
  });

  it("falls back to the X-Request-Id header for the request id", () => {
    expect(apiError(404, {}, { "X-Request-Id": "hdr_9" }).requestId).toBe("hdr_9");
  });

  it("still builds the error when the vendor's parser throws", () => {
    const vendor = {
      ...testVendor,
      parseError: () => {
        throw new Error("parser bug");
      },
    };
    const error = ApiError.from({ ...base, vendor, status: 404, body: { weird: true }, headers: {} });
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.message).toBe("crm-kit (acme): GET /companies/c1 returned 404: not found");
  });

  it("keeps an HTML 502 page as text in body and names it by its title", () => {
    const html = `<html><head><title>502 Bad Gateway</title></head><body>${"x".repeat(5_000)}</body></html>`;
    const error = ApiError.from({ ...base, status: 502, statusText: "Bad Gateway", body: html, headers: { "content-type": "text/html" } });
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error.body).toBe(html);
    expect(error.message).toBe(
      'crm-kit (acme): GET /companies/c1 returned 502 Bad Gateway: non-JSON response (HTML page "502 Bad Gateway"). Retrying later may succeed.',
    );
  });

  it("tells the user what to check on a 401", () => {
    expect(apiError(401).message).toContain("Check the API key or login credentials given to the client.");
  });

  it("reads retryAfterMs on a RateLimitError and says when to retry", () => {
    const error = apiError(429, {}, { "Retry-After": "30" }) as RateLimitError;
    expect(error.retryAfterMs).toBe(30_000);
    expect(error.message).toContain("Retry after 30 s.");
    expect((apiError(429) as RateLimitError).retryAfterMs).toBeUndefined();
  });

  it("exposes response headers as a plain object with secret headers redacted", () => {
    const error = apiError(500, {}, { "Set-Cookie": "sid=abc", "X-Session-Token": "tok", "Content-Type": "application/json" });
    expect(error.headers).toEqual({ "set-cookie": "[REDACTED]", "x-session-token": "[REDACTED]", "content-type": "application/json" });
  });

  it("never shows a secret in message, stack, toString, JSON or inspect, even when the API echoes it", () => {
    const echo = { error: { code: API_KEY, message: `Invalid key ${API_KEY}`, param: API_KEY, requestId: API_KEY } };
    const error = ApiError.from({
      ...base,
      url: `https://user:${API_KEY}@api.acme.test/x?key=${API_KEY}`,
      status: 401,
      body: echo,
      headers: { "x-echo": API_KEY, authorization: `Bearer ${API_KEY}` },
    });
    expect(everyView(error)).not.toContain(API_KEY);
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({ name: "AuthenticationError", status: 401, code: "[REDACTED]" });
  });
});

describe("transport errors", () => {
  it("ConnectionError names the host and the system code, and keeps a scrubbed cause", () => {
    const cause = new TypeError("fetch failed", {
      cause: Object.assign(new Error(`connect ECONNREFUSED ${API_KEY}`), { code: "ECONNREFUSED" }),
    });
    const error = new ConnectionError({
      vendor: "acme",
      method: "GET",
      url: `https://api.acme.test/x?k=${API_KEY}`,
      attempt: 3,
      code: "ECONNREFUSED",
      cause,
      secrets: [API_KEY],
    });
    expect(error.message).toBe(
      "crm-kit (acme): GET /x could not complete: connection to https://api.acme.test failed (ECONNREFUSED) after 3 attempts. Check network access to the API and the baseUrl option.",
    );
    expect(everyView(error)).not.toContain(API_KEY);
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: "ConnectionError",
      message: error.message,
      method: "GET",
      url: "https://api.acme.test/x?k=[REDACTED]",
      attempt: 3,
      code: "ECONNREFUSED",
    });
  });

  it("TimeoutError is a ConnectionError and explains why a POST was not retried", () => {
    const error = new TimeoutError({ vendor: "acme", method: "POST", url: "https://api.acme.test/companies", attempt: 1, timeoutMs: 200 });
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ name: "TimeoutError", attempt: 1, timeoutMs: 200 });
    expect(error.message).toContain("timed out after 200 ms on each of 1 attempt (a POST is not retried after a timeout");
    expect(error.message).toContain("Raise timeoutMs");
  });

  it("ResponseParseError keeps status and text, scrubbed", () => {
    const error = new ResponseParseError({
      vendor: "acme",
      method: "GET",
      url: "https://api.acme.test/x",
      status: 200,
      text: `{"key":"${API_KEY}"`,
      contentType: "application/json",
      secrets: [API_KEY],
    });
    expect(error).toMatchObject({ status: 200, text: '{"key":"[REDACTED]"', contentType: "application/json" });
    expect(error.message).toContain("returned 200 but the body is not valid JSON (application/json, 37 characters)");
  });

  it("PaginationError names the page and the repeated cursor", () => {
    const error = new PaginationError({ cursor: "abc", page: 3 });
    expect(error.message).toMatch(/^crm-kit: Pagination stopped after page 3: the next cursor "abc" was already used/);
  });
});

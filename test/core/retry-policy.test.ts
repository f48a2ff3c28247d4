import { describe, expect, it } from "vitest";
import { type Failure, isIdempotent, isRetryable, type Policy, planRetry } from "../../src/core/retry-policy.js";

const status = (code: number, headers: Record<string, string> = {}): Failure => ({
  kind: "status",
  status: code,
  headers: new Headers(headers),
});
const refused: Failure = { kind: "connection", code: "ECONNREFUSED" };
const reset: Failure = { kind: "connection", code: "ECONNRESET" };
const timeout: Failure = { kind: "timeout", timeoutMs: 1_000 };
const policy: Policy = { maxRetries: 2, timeoutMs: 1_000, retry: { baseDelayMs: 500, maxDelayMs: 8_000, maxWaitMs: 60_000 } };

describe("retry decision table", () => {
  const idempotent = ["GET", "HEAD", "PUT", "DELETE"];
  const unsafe = ["POST", "PATCH"];

  it.each(idempotent)("%s retries connection failures, timeouts and 408/429/500/502/503/504", (method) => {
    for (const failure of [refused, reset, timeout, ...[408, 429, 500, 502, 503, 504].map((code) => status(code))]) {
      expect(isRetryable(method, failure), JSON.stringify(failure)).toBe(true);
    }
  });

  it.each([...idempotent, ...unsafe])("%s never retries 400, 401, 403, 404, 409, 422 or 501", (method) => {
    for (const code of [400, 401, 403, 404, 409, 422, 501]) expect(isRetryable(method, status(code)), String(code)).toBe(false);
  });

  it.each(unsafe)("%s retries only when the server cannot have acted: refused, 429, 503 with Retry-After", (method) => {
    expect(isRetryable(method, refused)).toBe(true);
    expect(isRetryable(method, status(429))).toBe(true);
    expect(isRetryable(method, status(503, { "retry-after": "1" }))).toBe(true);
  });

  it.each(unsafe)("%s is not retried after a reset, a timeout, a 500, a 502, a 504 or a bare 503", (method) => {
    for (const failure of [reset, timeout, status(500), status(502), status(504), status(503)]) {
      expect(isRetryable(method, failure), JSON.stringify(failure)).toBe(false);
    }
  });

  it.each(unsafe)("%s is retried after a timeout that struck before sending (waiting for a login)", (method) => {
    expect(isRetryable(method, { kind: "timeout", timeoutMs: 1_000, beforeSending: true })).toBe(true);
  });

  it("treats lower-case method names like upper-case ones", () => {
    expect(isRetryable("get", timeout)).toBe(true);
    expect(isRetryable("post", timeout)).toBe(false);
  });
});

describe("operations the spec marks idempotent (x-crm-kit-idempotent)", () => {
  const unsafe = ["POST", "PATCH"];

  it.each(unsafe)("a marked %s retries a reset, a timeout once sent and 408/429/500/502/503/504, like a GET", (method) => {
    const marked = { method, idempotent: true };
    expect(isIdempotent(marked)).toBe(true);
    for (const failure of [refused, reset, timeout, ...[408, 429, 500, 502, 503, 504].map((code) => status(code))]) {
      expect(isRetryable(marked, failure), JSON.stringify(failure)).toBe(true);
    }
  });

  it.each(unsafe)("a marked %s still never retries 400, 401, 403, 404, 409, 422 or 501", (method) => {
    for (const code of [400, 401, 403, 404, 409, 422, 501]) {
      expect(isRetryable({ method, idempotent: true }, status(code)), String(code)).toBe(false);
    }
  });

  it.each(unsafe)("an unmarked %s (idempotent false or absent) keeps the rule of its method", (method) => {
    for (const target of [{ method, idempotent: false }, { method }, method]) {
      expect(isIdempotent(target)).toBe(false);
      for (const failure of [reset, timeout, status(500), status(502), status(504), status(503)]) {
        expect(isRetryable(target, failure), `${JSON.stringify(target)} ${JSON.stringify(failure)}`).toBe(false);
      }
      expect(isRetryable(target, status(429))).toBe(true);
    }
  });

  it("an unmarked GET, PUT or DELETE stays idempotent by its method", () => {
    for (const method of ["GET", "PUT", "DELETE"]) expect(isRetryable({ method, idempotent: false }, status(500))).toBe(true);
  });

  it("planRetry plans the backoff of a GET for a marked POST after a 500 and refuses an unmarked one, naming the method", () => {
    // The same plan, backoff included, as a GET gets.
    expect(planRetry({ method: "POST", idempotent: true }, status(500), 1, policy, () => 0.5)).toEqual(
      planRetry("GET", status(500), 1, policy, () => 0.5),
    );
    expect(planRetry({ method: "POST", idempotent: true }, status(500), 1, policy, () => 0.5)).toMatchObject({ retry: true });
    expect(planRetry({ method: "POST" }, status(500), 1, policy, () => 0)).toEqual({
      retry: false,
      reason: "status 500; not retryable for POST",
    });
  });
});

describe("planRetry", () => {
  it("stops once maxRetries retries were made", () => {
    expect(planRetry("GET", status(503), 2, policy, () => 0).retry).toBe(true);
    expect(planRetry("GET", status(503), 3, policy, () => 0)).toMatchObject({
      retry: false,
      reason: expect.stringContaining("no retries left"),
    });
  });

  it("never retries with maxRetries 0", () => {
    expect(planRetry("GET", status(503), 1, { ...policy, maxRetries: 0 }).retry).toBe(false);
  });

  it("waits exactly what Retry-After asks", () => {
    expect(planRetry("GET", status(429, { "retry-after": "3" }), 1, policy, () => 0)).toEqual({
      retry: true,
      delayMs: 3_000,
      reason: "status 429",
    });
  });

  it("does not retry when the server asks to wait longer than maxWaitMs", () => {
    const plan = planRetry("GET", status(429, { "retry-after": "120" }), 1, policy);
    expect(plan).toMatchObject({ retry: false, reason: expect.stringContaining("more than maxWaitMs 60000") });
  });

  it("bounds jittered backoff by maxWaitMs", () => {
    const tight = { ...policy, retry: { baseDelayMs: 5_000, maxDelayMs: 8_000, maxWaitMs: 100 } };
    expect(planRetry("GET", status(500), 1, tight, () => 0.99)).toMatchObject({ retry: true, delayMs: 100 });
  });

  it("explains a refusal by method", () => {
    expect(planRetry("POST", status(500), 1, policy)).toEqual({ retry: false, reason: "status 500; not retryable for POST" });
  });
});

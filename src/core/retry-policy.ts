import { backoffDelayMs, MAX_REPORTED_WAIT_MS, type RetrySettings, serverRequestedDelayMs } from "./backoff.js";

/** Why an attempt did not produce a usable response. */
export type Failure =
  | { kind: "status"; status: number; headers: Headers }
  /** `beforeSending`: the attempt timed out while waiting for a login, so the request never left. */
  | { kind: "timeout"; timeoutMs: number; beforeSending?: boolean }
  | { kind: "connection"; code: string | undefined };

/** The limits one call runs under. */
export interface Policy {
  /** Retries after the first attempt. */
  maxRetries: number;
  /** Per-attempt timeout in ms. */
  timeoutMs: number;
  /** Backoff tuning. */
  retry: RetrySettings;
}

/** Whether and how long to wait before the next attempt. */
export type RetryPlan = { retry: true; delayMs: number; reason: string } | { retry: false; reason: string };

const RETRYABLE_STATUSES = new Set([408, 429, 500, 502, 503, 504]);
// Safe or idempotent per RFC 9110 §9.2: sending them twice has the effect of sending them once.
const IDEMPOTENT_METHODS = new Set(["GET", "HEAD", "PUT", "DELETE", "OPTIONS", "TRACE"]);

/**
 * The request a retry is planned for: its method, and whether its operation is idempotent by the vendor's own
 * definition (the spec's `x-crm-kit-idempotent`, e.g. an upsert by external id), whatever the method. A bare
 * method string is a request the spec says nothing about.
 */
export type RetryTarget = string | { readonly method: string; readonly idempotent?: boolean | undefined };

/** True when repeating the request cannot apply it twice: by its method (RFC 9110) or by the vendor's definition. */
export function isIdempotent(target: RetryTarget): boolean {
  if (typeof target !== "string" && target.idempotent === true) return true;
  return IDEMPOTENT_METHODS.has(methodOf(target).toUpperCase());
}

function methodOf(target: RetryTarget): string {
  return typeof target === "string" ? target : target.method;
}

/**
 * Whether a failure may be retried. Idempotent requests (by method, or marked so by the spec) retry every transient
 * failure. Other POSTs and PATCHes retry only when the server cannot have acted on the request: the connection was
 * refused, the server rate-limited it (429), or it said it is unavailable and when to come back (503 with
 * Retry-After), or the attempt timed out before the request was sent (waiting for a login). Never after a timeout
 * once sent, a reset or a 500, so that a create or an attach is never applied twice.
 */
export function isRetryable(target: RetryTarget, failure: Failure): boolean {
  if (isIdempotent(target)) return failure.kind !== "status" || RETRYABLE_STATUSES.has(failure.status);
  switch (failure.kind) {
    case "connection":
      return failure.code === "ECONNREFUSED";
    case "timeout":
      return failure.beforeSending === true;
    case "status":
      return failure.status === 429 || (failure.status === 503 && failure.headers.has("retry-after"));
  }
}

/** Plans the wait after `attempt` (1-based) failed: a server-requested delay wins, else jittered backoff. */
export function planRetry(
  target: RetryTarget,
  failure: Failure,
  attempt: number,
  policy: Policy,
  random: () => number = Math.random,
  now: number = Date.now(),
): RetryPlan {
  const reason = describeFailure(failure);
  if (attempt > policy.maxRetries) return { retry: false, reason: `${reason}; no retries left (maxRetries ${policy.maxRetries})` };
  if (!isRetryable(target, failure)) return { retry: false, reason: `${reason}; not retryable for ${methodOf(target)}` };
  const requested = failure.kind === "status" ? serverRequestedDelayMs(failure.headers, failure.status, now) : undefined;
  if (requested !== undefined) {
    if (requested > policy.retry.maxWaitMs) {
      const asked = requested > MAX_REPORTED_WAIT_MS ? "more than 24 h" : `${requested} ms`;
      return { retry: false, reason: `${reason}; server asked to wait ${asked}, more than maxWaitMs ${policy.retry.maxWaitMs}` };
    }
    return { retry: true, delayMs: requested, reason };
  }
  return { retry: true, delayMs: Math.min(backoffDelayMs(attempt, policy.retry, random), policy.retry.maxWaitMs), reason };
}

/** A short description for log lines and messages, e.g. "status 503" or "connection failed (ECONNRESET)". */
export function describeFailure(failure: Failure): string {
  switch (failure.kind) {
    case "status":
      return `status ${failure.status}`;
    case "timeout":
      return `timed out after ${failure.timeoutMs} ms${failure.beforeSending ? " waiting for a login" : ""}`;
    case "connection":
      return `connection failed${failure.code ? ` (${failure.code})` : ""}`;
  }
}

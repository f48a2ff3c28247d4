/**
 * Rate limits on demand: fixed windows counted per sandbox (one API key, one IP), answering 429 with the
 * vendor's documented body and headers. `"documented"` applies each vendor's published limits.
 */
import { DOCUMENTED_RATE_LIMITS, type PaceRule } from "../core/documented-limits.js";
import type { CallEffect, Interceptor } from "./engine.js";
import { failureBody } from "./failure-body.js";
import type { RateLimit } from "./options.js";
import type { VendorSandbox } from "./types.js";

/** What a vendor publishes about its limits' headers and 429 body (the limits themselves: DOCUMENTED_RATE_LIMITS). */
interface VendorLimits {
  /** Sends `X-RateLimit-Limit`/`-Remaining`/`-Reset` (epoch seconds) on every response. */
  rateLimitHeaders: boolean;
  /** Sends `Retry-After` (seconds) on a 429. */
  retryAfter: boolean;
  /** The 429 body from the spec's example, with this window's figures where the vendor's body carries them. */
  body?(example: unknown, window: { limit: number; resetAt: number }): unknown;
}

/**
 * What each vendor documents about its answers past the limit (sources in docs/sandbox/<api>.md). The limits are
 * the clients' list (src/core/documented-limits.ts), so that a client paced "documented" and a sandbox limited
 * "documented" agree. A vendor not listed sends no headers.
 */
export const VENDOR_LIMITS: Readonly<Record<string, VendorLimits>> = {
  // https://help.featurebase.app/articles/0285069-rate-limits: X-RateLimit-* headers. The unit of
  // X-RateLimit-Reset and a Retry-After on 429 are not documented [uncertain]: modelled as folk does (epoch
  // seconds; Retry-After).
  featurebase: { rateLimitHeaders: true, retryAfter: true },
  // https://developer.folk.app/api-reference/rate-limits: X-RateLimit-* (Reset in epoch seconds) on every
  // response, Retry-After (seconds) on a 429.
  folk: {
    rateLimitHeaders: true,
    retryAfter: true,
    // folk's 429 body repeats the figures: error.details { limit, remaining, retryAfter (ISO date-time) }.
    body: (example, { limit, resetAt }) => {
      const body = structuredClone(example) as { error?: { details?: Record<string, unknown> } };
      if (body.error?.details) Object.assign(body.error.details, { limit, remaining: 0, retryAfter: new Date(resetAt).toISOString() });
      return body;
    },
  },
  // https://docs.emnify.com/developers/api-guidelines/rate-limits: no rate-limit headers documented.
  emnify: { rateLimitHeaders: false, retryAfter: false },
  // Kare publishes no limits and no headers; behind AWS API Gateway a throttled call gets 429 {"message"}.
  kare: { rateLimitHeaders: false, retryAfter: false },
};

/** The limiter of one sandbox; `clear()` starts every window afresh. */
export function createRateLimiter(
  vendor: VendorSandbox,
  option: RateLimit | "documented",
  now: () => number,
): { intercept: Interceptor; clear(): void } {
  const profile = VENDOR_LIMITS[vendor.api] ?? { rateLimitHeaders: false, retryAfter: false };
  const rules: readonly PaceRule[] =
    option === "documented" ? (DOCUMENTED_RATE_LIMITS[vendor.api] ?? []) : [{ limit: option.limit, windowMs: option.windowMs }];
  const windows = rules.map(() => ({ start: Number.NEGATIVE_INFINITY, count: 0 }));
  return {
    intercept(call): CallEffect | undefined {
      const at = now();
      const applicable = rules.flatMap((rule, index) => {
        if (rule.operations !== undefined && !rule.operations.includes(`${call.method} ${call.pathTemplate}`)) return [];
        const window = windows[index] as { start: number; count: number };
        if (at >= window.start + rule.windowMs) Object.assign(window, { start: at, count: 0 });
        return [{ rule, window, resetAt: window.start + rule.windowMs }];
      });
      if (applicable.length === 0) return undefined;
      const exceeded = applicable.find(({ rule, window }) => window.count >= rule.limit);
      if (!exceeded) for (const { window } of applicable) window.count += 1;
      // The headers describe the tightest limit: the one exceeded, else the one with the fewest calls left.
      const tightest = exceeded ?? applicable.reduce((a, b) => (b.rule.limit - b.window.count < a.rule.limit - a.window.count ? b : a));
      const headers: Record<string, string> = {};
      if (profile.rateLimitHeaders) {
        headers["x-ratelimit-limit"] = String(tightest.rule.limit);
        headers["x-ratelimit-remaining"] = String(Math.max(0, tightest.rule.limit - tightest.window.count));
        headers["x-ratelimit-reset"] = String(Math.ceil(tightest.resetAt / 1000));
      }
      if (!exceeded) return { headers };
      if (profile.retryAfter) headers["retry-after"] = String(Math.max(1, Math.ceil((exceeded.resetAt - at) / 1000)));
      const example = failureBody(vendor, call.operationId, 429);
      const body = profile.body ? profile.body(example, { limit: exceeded.rule.limit, resetAt: exceeded.resetAt }) : example;
      return { reply: { status: 429, body }, headers };
    },
    clear() {
      for (const window of windows) Object.assign(window, { start: Number.NEGATIVE_INFINITY, count: 0 });
    },
  };
}
